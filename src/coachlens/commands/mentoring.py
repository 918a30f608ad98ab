"""`coachlens mentoring ...`: log, correct, delete and list mentor-coaching time with totals per mentee.

Storage and the ICF guide are imported inside the commands so that `coachlens --help` stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from coachlens.commands.common import settings_from_flags

if TYPE_CHECKING:
    from coachlens.mentoring_guide import MenteeProgress
    from coachlens.storage.records import MentoringHours


def register(app: typer.Typer) -> None:
    mentoring_app = typer.Typer(
        help="Mentor coaching: log mentoring time and see totals per mentee (with ICF's figures as a guide).",
        no_args_is_help=True,
    )
    app.add_typer(mentoring_app, name="mentoring")

    @mentoring_app.command("log")
    def log_command(
        minutes: int = typer.Option(..., "--minutes", help="Length of the mentoring, in minutes."),
        mentee: str = typer.Option(..., "--mentee", help="The coach being mentored."),
        mentor: str = typer.Option("mentor", "--mentor", help="The mentor coach's name."),
        kind: str = typer.Option("individual", "--kind", help="individual or group."),
        held_on: str = typer.Option("", "--date", help="When it happened, YYYY-MM-DD (default: today)."),
        note: str = typer.Option("", "--note", help="A short note on what was covered."),
        session: str | None = typer.Option(None, "--session", help="Id of a stored session it was about."),
    ) -> None:
        """Record a stretch of mentoring."""
        from coachlens.mentoring_guide import hours_text, parse_held_on, parse_kind
        from coachlens.storage import log_mentoring_hours, upgrade_database

        group_session = parse_kind(kind)
        day = parse_held_on(held_on)
        db = upgrade_database(settings_from_flags())
        try:
            entry = log_mentoring_hours(
                db,
                mentee=mentee,
                mentor=mentor,
                held_on=day,
                minutes=minutes,
                group_session=group_session,
                note=note,
                session_id=session,
            )
        finally:
            db.dispose()
        typer.echo(
            f"logged {hours_text(entry.minutes)} of {kind} mentoring for {entry.mentee} "
            f"on {entry.held_on.isoformat()} (entry {entry.id})"
        )

    @mentoring_app.command("edit")
    def edit_command(
        entry_id: int = typer.Argument(..., metavar="ID", help="The entry's id (`mentoring list` shows it)."),
        minutes: int | None = typer.Option(None, "--minutes", help="The corrected length, in minutes."),
        mentee: str | None = typer.Option(None, "--mentee", help="The coach being mentored."),
        mentor: str | None = typer.Option(None, "--mentor", help="The mentor coach's name."),
        kind: str | None = typer.Option(None, "--kind", help="individual or group."),
        held_on: str | None = typer.Option(None, "--date", help="When it happened, YYYY-MM-DD."),
        note: str | None = typer.Option(None, "--note", help="A new note (an empty one removes it)."),
        session: str | None = typer.Option(None, "--session", help="Id of a stored session it was about."),
        no_session: bool = typer.Option(False, "--no-session", help="Unlink it from its session."),
    ) -> None:
        """Correct a logged entry; only the options given change."""
        from coachlens.errors import CoachlensError
        from coachlens.mentoring_guide import parse_held_on, parse_kind
        from coachlens.storage import update_mentoring_hours, upgrade_database
        from coachlens.storage.mentoring import UNCHANGED, Unchanged

        if session is not None and no_session:
            raise CoachlensError("give either --session or --no-session, not both")
        given = (minutes, mentee, mentor, kind, held_on, note, session)
        if all(value is None for value in given) and not no_session:
            raise CoachlensError(
                "nothing to change; give at least one of --minutes, --mentee, --mentor, --kind, --date, "
                "--note, --session or --no-session"
            )
        group_session = None if kind is None else parse_kind(kind)
        day = None if held_on is None else parse_held_on(held_on)
        session_id: str | Unchanged | None = None if no_session else (session or UNCHANGED)
        db = upgrade_database(settings_from_flags())
        try:
            entry = update_mentoring_hours(
                db,
                entry_id,
                mentee=mentee,
                mentor=mentor,
                held_on=day,
                minutes=minutes,
                group_session=group_session,
                note=note,
                session_id=session_id,
            )
        finally:
            db.dispose()
        typer.echo(f"updated entry {entry.id}: {_entry_text(entry)}")

    @mentoring_app.command("delete")
    def delete_command(
        entry_id: int = typer.Argument(..., metavar="ID", help="The entry's id (`mentoring list` shows it)."),
        yes: bool = typer.Option(False, "--yes", "-y", help="Delete without asking."),
    ) -> None:
        """Delete a logged entry for good (asks first unless --yes)."""
        from coachlens.errors import CoachlensError
        from coachlens.storage import delete_mentoring_hours, get_mentoring_hours, upgrade_database

        db = upgrade_database(settings_from_flags())
        try:
            entry = get_mentoring_hours(db, entry_id)
            if not yes:
                try:
                    confirmed = typer.confirm(
                        f"delete entry {entry.id}: {_entry_text(entry)}?", default=False, err=True
                    )
                except typer.Abort:
                    typer.echo("", err=True)  # end the unanswered question's line
                    raise CoachlensError(
                        f"entry {entry.id} was not deleted; answer y when asked, or pass --yes"
                    ) from None
                if not confirmed:
                    typer.echo(f"kept entry {entry.id}; nothing was deleted")
                    return
            delete_mentoring_hours(db, entry_id)
        finally:
            db.dispose()
        typer.echo(f"deleted entry {entry.id}: {_entry_text(entry)}")

    @mentoring_app.command("list")
    def list_command(
        mentee: str | None = typer.Option(None, "--mentee", help="Only this mentee's entries."),
        fmt: str = typer.Option("text", "--format", help="text or json."),
    ) -> None:
        """Every logged entry, then each mentee's totals against ICF's mentor-coaching figures."""
        from coachlens.errors import CoachlensError
        from coachlens.mentoring_guide import mentee_progress
        from coachlens.storage import list_mentoring_hours, upgrade_database

        if fmt not in ("text", "json"):
            raise CoachlensError(f"unknown format '{fmt[:20]}'; choose text or json")
        db = upgrade_database(settings_from_flags())
        try:
            entries = list_mentoring_hours(db, mentee=mentee)
        finally:
            db.dispose()
        progress = mentee_progress(entries)
        if fmt == "json":
            typer.echo(json.dumps(listing_document(entries, progress), indent=2, ensure_ascii=False))
        else:
            typer.echo(listing_text(entries, progress))


def listing_document(entries: Sequence[MentoringHours], progress: Sequence[MenteeProgress]) -> dict[str, Any]:
    """The JSON the `list` command prints: entries, then per-mentee totals with the ICF guide."""
    from coachlens.mentoring_guide import ICF_INDIVIDUAL_MINUTES, ICF_MIN_MONTHS, ICF_TOTAL_MINUTES

    return {
        "entries": [
            {
                "id": e.id,
                "date": e.held_on.isoformat(),
                "mentee": e.mentee,
                "mentor": e.mentor,
                "kind": "group" if e.group_session else "individual",
                "minutes": e.minutes,
                "session_id": e.session_id,
                "note": e.note,
            }
            for e in entries
        ],
        "mentees": [
            {
                "mentee": p.mentee,
                "entries": p.entries,
                "total_minutes": p.total_minutes,
                "individual_minutes": p.individual_minutes,
                "group_minutes": p.group_minutes,
                "first_date": p.first_on.isoformat(),
                "last_date": p.last_on.isoformat(),
                "icf_guide": {
                    "advisory": True,
                    "countable_minutes": p.countable_minutes,
                    "needed_minutes": ICF_TOTAL_MINUTES,
                    "individual_needed_minutes": ICF_INDIVIDUAL_MINUTES,
                    "span_months": p.span_months,
                    "needed_months": ICF_MIN_MONTHS,
                    "met": p.all_met,
                },
            }
            for p in progress
        ],
    }


def listing_text(entries: Sequence[MentoringHours], progress: Sequence[MenteeProgress]) -> str:
    """A plain listing for the terminal."""
    from coachlens.mentoring_guide import (
        ICF_INDIVIDUAL_MINUTES,
        ICF_MIN_MONTHS,
        ICF_TOTAL_MINUTES,
        hours_text,
    )

    if not entries:
        return "no mentoring logged yet; add some with `coachlens mentoring log --minutes 60 --mentee NAME`"
    lines = [
        f"#{e.id}  {e.held_on.isoformat()}  {e.mentee}  {'group' if e.group_session else 'individual'}  "
        f"{hours_text(e.minutes)}  mentor {e.mentor}" + (f"  {e.note}" if e.note else "")
        for e in entries
    ]
    lines += [
        "",
        f"Totals (a guide to ICF's figures, not an ICF ruling: {hours_text(ICF_TOTAL_MINUTES)} over "
        f"{ICF_MIN_MONTHS}+ months, {hours_text(ICF_INDIVIDUAL_MINUTES)}+ one-to-one)",
    ]
    for p in progress:
        verdict = _verdict(p)
        lines.append(
            f"{p.mentee}: {hours_text(p.total_minutes)} ({hours_text(p.individual_minutes)} individual, "
            f"{hours_text(p.group_minutes)} group); counts {hours_text(p.countable_minutes)} of "
            f"{hours_text(ICF_TOTAL_MINUTES)}; {p.span_months} of {ICF_MIN_MONTHS} months; {verdict}"
        )
    return "\n".join(lines)


def _entry_text(entry: MentoringHours) -> str:
    from coachlens.mentoring_guide import hours_text

    kind = "group" if entry.group_session else "individual"
    return (
        f"{hours_text(entry.minutes)} of {kind} mentoring for {entry.mentee} "
        f"on {entry.held_on.isoformat()} (mentor {entry.mentor})"
    )


def _verdict(progress: MenteeProgress) -> str:
    from coachlens.mentoring_guide import ICF_MIN_MONTHS, hours_text

    if progress.all_met:
        return "meets all three figures"
    missing = []
    if progress.minutes_still_needed:
        missing.append(f"at least {hours_text(progress.minutes_still_needed)} more")
    if not progress.span_met:
        missing.append(f"a spread of {ICF_MIN_MONTHS} months")
    return "still needs " + " and ".join(missing)
