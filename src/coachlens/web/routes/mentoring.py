"""The mentor coach's pages: notes on a session's turns (posted from the report) and the mentoring log
(add, correct and delete entries).

Every change is a plain form POST answered by a redirect, so it works without JavaScript; the
security middleware refuses such POSTs when another site sends them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from coachlens.errors import NotFoundError, StorageError
from coachlens.framework import load_rubric
from coachlens.mentoring_guide import (
    ICF_GROUP_CAP_MINUTES,
    ICF_INDIVIDUAL_MINUTES,
    ICF_MIN_MONTHS,
    ICF_TOTAL_MINUTES,
    hours_text,
    mentee_progress,
    parse_held_on,
    parse_kind,
)
from coachlens.storage import (
    add_annotation,
    delete_annotation,
    delete_mentoring_hours,
    find_session,
    get_mentoring_hours,
    list_annotations,
    list_mentoring_hours,
    list_sessions,
    log_mentoring_hours,
    update_mentoring_hours,
)
from coachlens.storage.db import Database
from coachlens.web.deps import DatabaseDep, SettingsDep, TemplatesDep
from coachlens.web.mentoring_view import remember_mentor, remembered_mentor

router = APIRouter(include_in_schema=False)

SEE_OTHER = 303
SESSION_CHOICES = 200


@router.post("/sessions/{session_id}/notes")
def add_note_action(
    session_id: str,
    db: DatabaseDep,
    settings: SettingsDep,
    turn: Annotated[int, Form(ge=0, le=1_000_000)],
    body: Annotated[str, Form(max_length=5000)] = "",
    author: Annotated[str, Form(max_length=120)] = "",
    marker: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Attach a mentor's note to one turn, then go back to it on the report."""
    marker_id = _checked_marker(marker, settings.rubric)
    note = add_annotation(
        db, session_id, turn_index=turn, author=author or "mentor", body=body, marker_id=marker_id
    )
    response = RedirectResponse(f"/sessions/{session_id}#note-{note.id}", status_code=SEE_OTHER)
    remember_mentor(response, author)
    return response


@router.post("/sessions/{session_id}/notes/{note_id}/delete")
def delete_note_action(session_id: str, note_id: int, db: DatabaseDep) -> Response:
    """Delete one note of this session (a note id from another session is refused as not found)."""
    note = next((n for n in list_annotations(db, session_id) if n.id == note_id), None)
    if note is None:
        raise NotFoundError(f"this session has no note {note_id}; it may have been deleted already")
    delete_annotation(db, note_id)
    return RedirectResponse(f"/sessions/{session_id}#turn-{note.turn_index}", status_code=SEE_OTHER)


@router.get("/mentoring", response_class=HTMLResponse)
def mentoring_page(
    request: Request,
    db: DatabaseDep,
    templates: TemplatesDep,
    mentee: Annotated[str, Query(max_length=120)] = "",
    session: Annotated[str, Query(max_length=64)] = "",
    logged: Annotated[str, Query(max_length=5)] = "",
    saved: Annotated[str, Query(max_length=5)] = "",
    deleted: Annotated[str, Query(max_length=5)] = "",
) -> Response:
    """The mentoring log: a form to add time, totals per mentee against the ICF figures, every entry."""
    everything = list_mentoring_hours(db)
    shown = [e for e in everything if e.mentee == mentee] if mentee else everything
    titles = _session_titles(db, session)
    preselected = session if session in titles else ""
    return templates.TemplateResponse(
        request,
        "mentoring.html",
        {
            "nav": "mentoring",
            "entries": list(reversed(shown)),
            "progress": [p for p in mentee_progress(everything) if not mentee or p.mentee == mentee],
            "mentees": sorted({e.mentee for e in everything}, key=str.lower),
            "mentee_filter": mentee,
            "session_titles": titles,
            "preselected_session": preselected,
            "mentor_name": remembered_mentor(request),
            "today": date.today().isoformat(),
            "logged": logged == "1",
            "saved": saved == "1",
            "deleted": deleted == "1",
            "hours_text": hours_text,
            "icf": {
                "total": ICF_TOTAL_MINUTES,
                "individual": ICF_INDIVIDUAL_MINUTES,
                "group_cap": ICF_GROUP_CAP_MINUTES,
                "months": ICF_MIN_MONTHS,
            },
        },
    )


class HoursForm(BaseModel):
    """The fields of the logging and editing forms, as sent (parsed into an entry by `values`)."""

    mentee: str = Field("", max_length=120)
    mentor: str = Field("", max_length=120)
    held_on: str = Field("", max_length=20)
    minutes: str = Field("", max_length=10)
    kind: str = Field("individual", max_length=20)
    session_id: str = Field("", max_length=64)
    note: str = Field("", max_length=5000)

    def values(self) -> dict[str, Any]:
        """Storage arguments; form mistakes raise one-line errors."""
        return {
            "mentee": self.mentee,
            "mentor": self.mentor or "mentor",
            "held_on": parse_held_on(self.held_on),
            "minutes": parse_minutes(self.minutes),
            "group_session": parse_kind(self.kind),
            "note": self.note,
            "session_id": self.session_id or None,
        }


@router.post("/mentoring/hours")
def log_hours_action(db: DatabaseDep, form: Annotated[HoursForm, Form()]) -> Response:
    """Log a stretch of mentoring; form mistakes come back as one-line messages."""
    entry = log_mentoring_hours(db, **form.values())
    response = RedirectResponse("/mentoring?logged=1#log", status_code=SEE_OTHER)
    remember_mentor(response, entry.mentor if form.mentor else "")
    return response


@router.get("/mentoring/hours/{entry_id}/edit", response_class=HTMLResponse)
def edit_hours_page(entry_id: int, request: Request, db: DatabaseDep, templates: TemplatesDep) -> Response:
    """The entry's values in the logging form, to correct and save."""
    mentees = sorted({e.mentee for e in list_mentoring_hours(db)}, key=str.lower)
    extra = {"mentees": mentees, "today": date.today().isoformat()}
    return _entry_page(request, db, templates, entry_id, "mentoring_edit.html", extra)


@router.post("/mentoring/hours/{entry_id}/edit")
def edit_hours_action(entry_id: int, db: DatabaseDep, form: Annotated[HoursForm, Form()]) -> Response:
    """Save the corrected entry (every field as sent; an empty session unlinks it)."""
    update_mentoring_hours(db, entry_id, **form.values())
    return RedirectResponse(f"/mentoring?saved=1#entry-{entry_id}", status_code=SEE_OTHER)


@router.get("/mentoring/hours/{entry_id}/delete", response_class=HTMLResponse)
def delete_hours_page(entry_id: int, request: Request, db: DatabaseDep, templates: TemplatesDep) -> Response:
    """Ask before deleting: show the entry that would go."""
    return _entry_page(request, db, templates, entry_id, "mentoring_delete.html", {"hours_text": hours_text})


def _entry_page(
    request: Request,
    db: Database,
    templates: Jinja2Templates,
    entry_id: int,
    template: str,
    extra: dict[str, Any],
) -> Response:
    """A page about one logged entry (edit or delete), with the title of its linked session."""
    entry = get_mentoring_hours(db, entry_id)
    context = {
        "nav": "mentoring",
        "entry": entry,
        "session_titles": _session_titles(db, entry.session_id or ""),
    }
    return templates.TemplateResponse(request, template, context | extra)


@router.post("/mentoring/hours/{entry_id}/delete")
def delete_hours_action(entry_id: int, db: DatabaseDep) -> Response:
    delete_mentoring_hours(db, entry_id)
    return RedirectResponse("/mentoring?deleted=1#entries", status_code=SEE_OTHER)


def _session_titles(db: Database, *wanted: str | None) -> dict[str, str]:
    """Recent sessions' titles for the session picker, plus any named session found further back."""
    titles = {s.id: s.title for s in list_sessions(db, limit=SESSION_CHOICES)}
    for session_id in wanted:
        if session_id and session_id not in titles and (found := find_session(db, session_id)) is not None:
            titles[found.id] = found.title
    return titles


def parse_minutes(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise StorageError("give the mentoring time as a whole number of minutes, for example 60")
    return int(cleaned)


def _checked_marker(marker: str, rubric_id: str) -> str | None:
    cleaned = marker.strip()
    if not cleaned:
        return None
    if not load_rubric(rubric_id).has_marker(cleaned):
        raise StorageError(f"'{cleaned}' is not a PCC marker id; use one like 6.1, or leave the marker empty")
    return cleaned
