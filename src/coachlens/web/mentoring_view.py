"""What the pages need from the mentor coach's data: notes grouped by turn, the remembered mentor name,
and the notes as they go into the report downloads (a `mentor_notes` JSON field, a Markdown section).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import Response

from coachlens.storage.records import Annotation

MENTOR_COOKIE = "coachlens_mentor"
MENTOR_COOKIE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class SessionNotes:
    """A session's notes in transcript order and grouped by the turn they belong to."""

    notes: tuple[Annotation, ...]
    by_turn: Mapping[int, tuple[Annotation, ...]]


def group_notes(notes: Iterable[Annotation]) -> SessionNotes:
    ordered = tuple(notes)
    by_turn: dict[int, list[Annotation]] = {}
    for note in ordered:
        by_turn.setdefault(note.turn_index, []).append(note)
    return SessionNotes(ordered, {turn: tuple(items) for turn, items in by_turn.items()})


def remembered_mentor(request: Request) -> str:
    """The name the mentor last signed a note or a log entry with (empty when none)."""
    return unquote(request.cookies.get(MENTOR_COOKIE, ""))[:120]


def remember_mentor(response: Response, name: str) -> None:
    """Keep the mentor's name for the next form (a plain preference, not a login)."""
    cleaned = name.strip()[:120]
    if cleaned:
        response.set_cookie(
            MENTOR_COOKIE,
            quote(cleaned),
            max_age=MENTOR_COOKIE_MAX_AGE,
            httponly=True,
            samesite="lax",
        )


def note_document(note: Annotation) -> dict[str, Any]:
    """One note as it appears in the JSON download's `mentor_notes` list."""
    return {
        "id": note.id,
        "turn": note.turn_index,
        "author": note.author,
        "marker": note.marker_id,
        "text": note.body,
        "created_at": note.created_at.isoformat(),
    }


def notes_markdown(notes: Iterable[Annotation], turn_starts: Mapping[int, float | None]) -> str:
    """A `## Mentor notes` section for the Markdown download (empty string when there are none)."""
    lines: list[str] = []
    for note in notes:
        start = turn_starts.get(note.turn_index)
        where = f"turn {note.turn_index}" + (f" ({_clock(start)})" if start is not None else "")
        marker = f", marker {note.marker_id}" if note.marker_id else ""
        body = " ".join(note.body.split())
        lines.append(f"- **{where}{marker}**, {note.author}: {body}")
    if not lines:
        return ""
    return "\n## Mentor notes\n\n" + "\n".join(lines) + "\n"


def turn_starts(assessment: Mapping[str, Any]) -> dict[int, float | None]:
    """Turn index -> start time from an assessment document (tolerates missing fields)."""
    starts: dict[int, float | None] = {}
    turns = assessment.get("turns")
    for turn in turns if isinstance(turns, list) else []:
        if isinstance(turn, dict) and isinstance(turn.get("index"), int):
            start = turn.get("start_s")
            starts[turn["index"]] = float(start) if isinstance(start, int | float) else None
    return starts


def _clock(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
