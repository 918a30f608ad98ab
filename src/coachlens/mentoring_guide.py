"""Mentoring totals per mentee and a guide to ICF's mentor-coaching requirement.

ICF asks ACC/PCC/MCC applicants for 10 hours of mentor coaching spread over at least three months,
at least 3 of them one-to-one (up to 7 may be in a group). This module only adds up what was logged
against those figures; it is a guide for mentor and mentee, not an ICF ruling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coachlens.errors import StorageError
from coachlens.storage.records import MentoringHours

ICF_TOTAL_MINUTES = 10 * 60
ICF_INDIVIDUAL_MINUTES = 3 * 60
ICF_GROUP_CAP_MINUTES = 7 * 60
ICF_MIN_MONTHS = 3


@dataclass(frozen=True)
class MenteeProgress:
    """One mentee's logged mentoring and how it stands against the ICF figures."""

    mentee: str
    entries: int
    individual_minutes: int
    group_minutes: int
    first_on: date
    last_on: date

    @property
    def total_minutes(self) -> int:
        return self.individual_minutes + self.group_minutes

    @property
    def countable_minutes(self) -> int:
        """Minutes that count toward the 10 hours: group time only up to its 7-hour cap."""
        return self.individual_minutes + min(self.group_minutes, ICF_GROUP_CAP_MINUTES)

    @property
    def span_months(self) -> int:
        """Whole calendar months from the first to the last logged session."""
        months = (self.last_on.year - self.first_on.year) * 12 + self.last_on.month - self.first_on.month
        if self.last_on.day < self.first_on.day:
            months -= 1
        return max(months, 0)

    @property
    def hours_met(self) -> bool:
        return self.countable_minutes >= ICF_TOTAL_MINUTES

    @property
    def individual_met(self) -> bool:
        return self.individual_minutes >= ICF_INDIVIDUAL_MINUTES

    @property
    def span_met(self) -> bool:
        return self.span_months >= ICF_MIN_MONTHS

    @property
    def all_met(self) -> bool:
        return self.hours_met and self.individual_met and self.span_met

    @property
    def minutes_still_needed(self) -> int:
        """At least this many more minutes are needed (more if the one-to-one part is short)."""
        short_total = ICF_TOTAL_MINUTES - self.countable_minutes
        short_individual = ICF_INDIVIDUAL_MINUTES - self.individual_minutes
        return max(short_total, short_individual, 0)


def mentee_progress(entries: Iterable[MentoringHours]) -> list[MenteeProgress]:
    """Totals per mentee (name as logged, case kept), sorted by name."""
    grouped: dict[str, list[MentoringHours]] = {}
    for entry in entries:
        grouped.setdefault(entry.mentee, []).append(entry)
    return [_progress(name, rows) for name, rows in sorted(grouped.items(), key=lambda kv: kv[0].lower())]


def _progress(mentee: str, rows: list[MentoringHours]) -> MenteeProgress:
    dates = [r.held_on for r in rows]
    return MenteeProgress(
        mentee=mentee,
        entries=len(rows),
        individual_minutes=sum(r.minutes for r in rows if not r.group_session),
        group_minutes=sum(r.minutes for r in rows if r.group_session),
        first_on=min(dates),
        last_on=max(dates),
    )


def hours_text(minutes: int) -> str:
    """`90` -> `1 h 30 min`, `60` -> `1 h`, `45` -> `45 min`."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def parse_held_on(text: str) -> date:
    """The session date (today when left empty); a future date is refused."""
    cleaned = text.strip()
    if not cleaned:
        return date.today()
    try:
        held_on = date.fromisoformat(cleaned)
    except ValueError:
        raise StorageError(f"'{cleaned[:20]}' is not a date; use the form YYYY-MM-DD") from None
    if held_on > date.today():
        raise StorageError(f"{held_on.isoformat()} is in the future; log mentoring once it has happened")
    return held_on


def parse_kind(text: str) -> bool:
    """True for group mentoring; only `individual` and `group` are accepted."""
    if text not in ("individual", "group"):
        raise StorageError(f"mentoring kind '{text[:20]}' is unknown; choose individual or group")
    return text == "group"
