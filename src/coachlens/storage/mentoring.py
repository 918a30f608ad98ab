"""The mentor coach's side: notes on individual turns of a session, and logged mentoring hours."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachlens.errors import NotFoundError, StorageError
from coachlens.storage.convert import to_annotation, to_mentoring_hours, utc_now
from coachlens.storage.db import Database
from coachlens.storage.records import Annotation, MentoringHours
from coachlens.storage.sessions import session_not_found
from coachlens.storage.tables import AnnotationRow, MentoringHoursRow, SessionRow

MAX_NOTE_LENGTH = 5000
MAX_MINUTES = 24 * 60
MAX_ENTRY_ID = 2**31 - 1


class Unchanged(enum.Enum):
    """Marks an argument of update_mentoring_hours that was not given (None can mean "no session")."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


def add_annotation(
    db: Database,
    session_id: str,
    *,
    turn_index: int,
    author: str,
    body: str,
    marker_id: str | None = None,
) -> Annotation:
    """Attach a mentor's note to one turn of a stored session."""
    text = body.strip()
    if not text:
        raise StorageError("an annotation needs some text")
    with db.transaction() as s:
        session = s.get(SessionRow, session_id)
        if session is None:
            raise session_not_found(session_id)
        if not 0 <= turn_index < max(session.turn_count, 1):
            raise StorageError(
                f"turn {turn_index} does not exist in this session (it has turns 0-{session.turn_count - 1})"
            )
        row = AnnotationRow(
            session_id=session_id,
            turn_index=turn_index,
            author=author.strip()[:120] or "mentor",
            body=text[:MAX_NOTE_LENGTH],
            marker_id=marker_id,
            created_at=utc_now(),
        )
        s.add(row)
        s.flush()
        return to_annotation(row)


def list_annotations(db: Database, session_id: str) -> list[Annotation]:
    """A session's notes in transcript order."""
    query = (
        select(AnnotationRow)
        .where(AnnotationRow.session_id == session_id)
        .order_by(AnnotationRow.turn_index, AnnotationRow.id)
    )
    with db.reading() as s:
        return [to_annotation(row) for row in s.scalars(query).all()]


def delete_annotation(db: Database, annotation_id: int) -> None:
    with db.transaction() as s:
        row = s.get(AnnotationRow, annotation_id)
        if row is None:
            raise NotFoundError(f"no annotation with id {annotation_id}; it may have been deleted")
        s.delete(row)


def log_mentoring_hours(
    db: Database,
    *,
    mentee: str,
    mentor: str,
    held_on: date,
    minutes: int,
    group_session: bool = False,
    note: str = "",
    session_id: str | None = None,
) -> MentoringHours:
    """Record a stretch of mentoring (optionally about one stored session)."""
    _check_minutes(minutes)
    _check_names(mentee, mentor)
    with db.transaction() as s:
        if session_id is not None and s.get(SessionRow, session_id) is None:
            raise session_not_found(session_id)
        row = MentoringHoursRow(
            session_id=session_id,
            mentee=_clean_name(mentee),
            mentor=_clean_name(mentor),
            held_on=held_on,
            minutes=minutes,
            group_session=group_session,
            note=note.strip()[:MAX_NOTE_LENGTH],
            created_at=utc_now(),
        )
        s.add(row)
        s.flush()
        return to_mentoring_hours(row)


def get_mentoring_hours(db: Database, entry_id: int) -> MentoringHours:
    """One logged entry by id."""
    with db.reading() as s:
        row = _entry_row(s, entry_id)
        return to_mentoring_hours(row)


def update_mentoring_hours(
    db: Database,
    entry_id: int,
    *,
    mentee: str | None = None,
    mentor: str | None = None,
    held_on: date | None = None,
    minutes: int | None = None,
    group_session: bool | None = None,
    note: str | None = None,
    session_id: str | Unchanged | None = UNCHANGED,
) -> MentoringHours:
    """Correct a logged entry: only the values given change, checked as when logging.

    `session_id=None` unlinks the entry from its session; leaving it out keeps the link.
    """
    if minutes is not None:
        _check_minutes(minutes)
    with db.transaction() as s:
        row = _entry_row(s, entry_id)
        _check_names(row.mentee if mentee is None else mentee, row.mentor if mentor is None else mentor)
        if isinstance(session_id, str) and s.get(SessionRow, session_id) is None:
            raise session_not_found(session_id)
        if mentee is not None:
            row.mentee = _clean_name(mentee)
        if mentor is not None:
            row.mentor = _clean_name(mentor)
        if held_on is not None:
            row.held_on = held_on
        if minutes is not None:
            row.minutes = minutes
        if group_session is not None:
            row.group_session = group_session
        if note is not None:
            row.note = note.strip()[:MAX_NOTE_LENGTH]
        if session_id is not UNCHANGED:
            row.session_id = session_id
        s.flush()
        return to_mentoring_hours(row)


def delete_mentoring_hours(db: Database, entry_id: int) -> MentoringHours:
    """Remove a logged entry for good; returns what was removed."""
    with db.transaction() as s:
        row = _entry_row(s, entry_id)
        removed = to_mentoring_hours(row)
        s.delete(row)
        return removed


def _entry_row(s: Session, entry_id: int) -> MentoringHoursRow:
    """The entry's row, or the one-line not-found error."""
    # An id past the integer column's range cannot exist (and PostgreSQL would refuse the query).
    row = s.get(MentoringHoursRow, entry_id) if 1 <= entry_id <= MAX_ENTRY_ID else None
    if row is None:
        raise mentoring_hours_not_found(entry_id)
    return row


def mentoring_hours_not_found(entry_id: int) -> NotFoundError:
    return NotFoundError(f"no mentoring entry with id {entry_id}; it may have been deleted")


def _check_minutes(minutes: int) -> None:
    if not 1 <= minutes <= MAX_MINUTES:
        raise StorageError(f"mentoring minutes must be between 1 and {MAX_MINUTES}")


def _clean_name(name: str) -> str:
    return name.strip()[:120]


def _check_names(mentee: str, mentor: str) -> None:
    if not mentee.strip() or not mentor.strip():
        raise StorageError("mentoring hours need both the mentee's and the mentor's name")


def list_mentoring_hours(db: Database, *, mentee: str | None = None) -> list[MentoringHours]:
    query = select(MentoringHoursRow).order_by(MentoringHoursRow.held_on, MentoringHoursRow.id)
    if mentee is not None:
        query = query.where(MentoringHoursRow.mentee == mentee)
    with db.reading() as s:
        return [to_mentoring_hours(row) for row in s.scalars(query).all()]


def total_mentoring_minutes(
    db: Database, *, mentee: str | None = None, group_session: bool | None = None
) -> int:
    """Sum of logged minutes (ICF counts individual and group mentoring separately)."""
    query = select(func.coalesce(func.sum(MentoringHoursRow.minutes), 0))
    if mentee is not None:
        query = query.where(MentoringHoursRow.mentee == mentee)
    if group_session is not None:
        query = query.where(MentoringHoursRow.group_session == group_session)
    with db.reading() as s:
        return int(s.scalar(query) or 0)
