"""Stored coaching sessions: add, read, list, rename, tag, delete, and save their assessments.

Every function is one transaction: it either fully happens or leaves the database as it was, so a
crash never leaves a half-saved session (the original, the transcript and the job state are written
together). Functions raise NotFoundError for an unknown id and StorageError when the database fails.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session, selectinload

from coachlens.errors import NotFoundError, StorageError
from coachlens.storage.convert import to_record, to_summary, utc_now
from coachlens.storage.db import Database
from coachlens.storage.records import (
    SESSION_KINDS,
    SESSION_SORTS,
    JobStatus,
    SessionKind,
    SessionRecord,
    SessionSort,
    SessionSummary,
    StoredOriginal,
)
from coachlens.storage.tables import AssessmentRow, OriginalRow, SessionRow

MAX_TITLE_LENGTH = 300
MAX_TAGS = 20
MAX_TAG_LENGTH = 40


class Keep(enum.Enum):
    """Marks an optional argument the caller wants left as it is (None may mean "clear")."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class NewSession:
    """Everything needed to store a freshly parsed upload; the job starts out queued."""

    title: str
    filename: str
    content: bytes
    source_format: str
    transcript: dict[str, Any]
    roles_inferred: bool = False
    roles_confirmed: bool = False
    kind: SessionKind = "real"
    client_pseudonym: str | None = None
    tags: tuple[str, ...] = ()
    session_date: date | None = None
    demo_id: str | None = None
    # An assessment made elsewhere (a practice run): stored in the same transaction, status done.
    assessment: dict[str, Any] | None = None


def new_session_id() -> str:
    """A random, unguessable id (16 hex characters) used in URLs and the API."""
    return secrets.token_hex(8)


def add_session(db: Database, new: NewSession) -> SessionRecord:
    """Store a session with its original file and transcript in one transaction.

    The session starts `queued` (the caller enqueues its job), or `done` when `new.assessment` is given.
    """
    now = utc_now()
    turns = new.transcript.get("turns") or []
    duration = new.transcript.get("duration_s")
    row = SessionRow(
        id=new_session_id(),
        title=clean_title(new.title),
        created_at=now,
        updated_at=now,
        session_date=new.session_date,
        kind=_check_kind(new.kind),
        client_pseudonym=_clean_optional(new.client_pseudonym),
        tags=clean_tags(new.tags),
        demo_id=new.demo_id,
        source_filename=new.filename[:MAX_TITLE_LENGTH],
        source_format=new.source_format,
        source_size=len(new.content),
        source_sha256=hashlib.sha256(new.content).hexdigest(),
        transcript=new.transcript,
        turn_count=len(turns),
        duration_s=float(duration) if isinstance(duration, int | float) else None,
        roles_inferred=new.roles_inferred,
        roles_confirmed=new.roles_confirmed,
        status="queued",
        stage=None,
        progress=0,
        attempts=0,
    )
    row.original = OriginalRow(content=new.content)
    if new.assessment is not None:
        store_assessment_on_row(row, new.assessment)
    with db.transaction() as s:
        s.add(row)
        s.flush()
        return to_record(row)


def get_session(db: Database, session_id: str) -> SessionRecord:
    """The stored session with its transcript and assessment; NotFoundError if there is none."""
    with db.reading() as s:
        row = s.get(SessionRow, session_id, options=[selectinload(SessionRow.assessment)])
        if row is None:
            raise session_not_found(session_id)
        return to_record(row)


def find_session(db: Database, session_id: str) -> SessionRecord | None:
    """Like get_session, but None for an unknown id."""
    try:
        return get_session(db, session_id)
    except NotFoundError:
        return None


def get_original(db: Database, session_id: str) -> StoredOriginal:
    """The uploaded file exactly as received."""
    with db.reading() as s:
        row = s.get(SessionRow, session_id, options=[selectinload(SessionRow.original)])
        if row is None:
            raise session_not_found(session_id)
        return StoredOriginal(
            session_id=row.id,
            filename=row.source_filename,
            content=row.original.content,
            sha256=row.source_sha256,
        )


def list_sessions(
    db: Database,
    *,
    search: str | None = None,
    sort: SessionSort = "newest",
    kind: SessionKind | None = None,
    status: JobStatus | None = None,
    tag: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[SessionSummary]:
    """Sessions for the list page: `search` matches title, client pseudonym, file name and tags."""
    if sort not in SESSION_SORTS:
        raise StorageError(f"unknown sort '{sort}': use one of {', '.join(SESSION_SORTS)}")
    query = select(SessionRow)
    if search and search.strip():
        term = search.strip()
        query = query.where(
            or_(
                SessionRow.title.icontains(term, autoescape=True),
                SessionRow.client_pseudonym.icontains(term, autoescape=True),
                SessionRow.source_filename.icontains(term, autoescape=True),
                cast(SessionRow.tags, String).icontains(term, autoescape=True),
            )
        )
    if kind is not None:
        query = query.where(SessionRow.kind == _check_kind(kind))
    if status is not None:
        query = query.where(SessionRow.status == status)
    query = query.order_by(*_ordering(sort))
    if not tag:
        query = query.offset(max(offset, 0))
        if limit is not None:
            query = query.limit(max(limit, 0))
    with db.reading() as s:
        summaries = [to_summary(row) for row in s.scalars(query).all()]
    if not tag:
        return summaries
    # Tags are a JSON list, matched exactly (case-insensitively) here rather than in portable SQL.
    wanted = tag.strip().lower()
    tagged = [x for x in summaries if wanted in (t.lower() for t in x.tags)]
    start = max(offset, 0)
    return tagged[start : start + limit] if limit is not None else tagged[start:]


def count_sessions(db: Database) -> int:
    with db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(SessionRow)) or 0)


def assessed_sessions(
    db: Database, *, kind: SessionKind | None = None, include_demo: bool = True
) -> list[SessionRecord]:
    """Every session whose assessment is done, oldest first by session date: the dashboard's input.

    `include_demo=False` leaves out the bundled demo sessions (so they do not blur a coach's progress).
    """
    query = (
        select(SessionRow)
        .where(SessionRow.status == "done")
        .options(selectinload(SessionRow.assessment))
        .order_by(SessionRow.session_date.asc().nulls_first(), SessionRow.created_at.asc())
    )
    if kind is not None:
        query = query.where(SessionRow.kind == _check_kind(kind))
    if not include_demo:
        query = query.where(SessionRow.demo_id.is_(None))
    with db.reading() as s:
        records = [to_record(row) for row in s.scalars(query).all() if row.assessment is not None]
    return sorted(records, key=lambda r: (r.display_date, r.created_at))


def rename_session(db: Database, session_id: str, title: str) -> SessionSummary:
    """Give a session a new title (blank titles are refused)."""
    with db.transaction() as s:
        row = _require(s, session_id)
        row.title = clean_title(title)
        row.updated_at = utc_now()
        return to_summary(row)


def tag_session(
    db: Database,
    session_id: str,
    *,
    kind: SessionKind | Keep = KEEP,
    client_pseudonym: str | Keep | None = KEEP,
    tags: Sequence[str] | Keep = KEEP,
    session_date: date | Keep | None = KEEP,
) -> SessionSummary:
    """Change how a session is filed: real client or practice, client pseudonym, free tags, date.

    Arguments left at KEEP are unchanged; None (or "") clears the pseudonym or the date.
    """
    with db.transaction() as s:
        row = _require(s, session_id)
        if not isinstance(kind, Keep):
            row.kind = _check_kind(kind)
        if not isinstance(client_pseudonym, Keep):
            row.client_pseudonym = _clean_optional(client_pseudonym)
        if not isinstance(tags, Keep):
            row.tags = clean_tags(tags)
        if not isinstance(session_date, Keep):
            row.session_date = session_date
        row.updated_at = utc_now()
        return to_summary(row)


def delete_session(db: Database, session_id: str) -> None:
    """Delete a session and everything derived from it: original, transcript, assessment, annotations.

    Mentoring hours logged against it are kept (they are the mentor's record) but lose the link.
    """
    with db.transaction() as s:
        row = _require(s, session_id)
        s.delete(row)


def replace_transcript(
    db: Database,
    session_id: str,
    transcript: dict[str, Any],
    *,
    roles_inferred: bool,
    roles_confirmed: bool,
) -> SessionRecord:
    """Store a corrected transcript (e.g. swapped roles) and queue the session for a fresh assessment.

    The old assessment is removed in the same transaction, so no report ever mixes the two.
    """
    with db.transaction() as s:
        row = _require(s, session_id, with_assessment=True)
        row.transcript = transcript
        row.turn_count = len(transcript.get("turns") or [])
        row.roles_inferred = roles_inferred
        row.roles_confirmed = roles_confirmed
        row.assessment = None
        _reset_for_new_job(row)
        s.flush()
        return to_record(row)


def mark_roles_confirmed(db: Database, session_id: str) -> SessionSummary:
    """Record that the user checked the coach/client roles (the transcript itself is unchanged)."""
    with db.transaction() as s:
        row = _require(s, session_id)
        row.roles_confirmed = True
        row.updated_at = utc_now()
        return to_summary(row)


def save_assessment(db: Database, session_id: str, assessment: dict[str, Any]) -> SessionSummary:
    """Store an assessment JSON as the session's current one and mark the session done."""
    with db.transaction() as s:
        row = _require(s, session_id, with_assessment=True)
        store_assessment_on_row(row, assessment)
        return to_summary(row)


def store_assessment_on_row(row: SessionRow, assessment: dict[str, Any]) -> None:
    """Attach an assessment to a loaded row and set the headline columns (inside a transaction)."""
    now = utc_now()
    if row.assessment is None:
        row.assessment = AssessmentRow(document=assessment, created_at=now)
    else:
        row.assessment.document = assessment
        row.assessment.created_at = now
    score = assessment.get("overall_score")
    row.overall_score = float(score) if isinstance(score, int | float) else None
    readiness = assessment.get("readiness")
    row.readiness = str(readiness.get("level")) if isinstance(readiness, dict) else None
    row.assessed_at = now
    row.status = "done"
    row.stage = None
    row.progress = 100
    row.error = None
    row.job_token = None
    row.updated_at = now


def clean_title(title: str) -> str:
    text = " ".join(title.split())
    if not text:
        raise StorageError("a session title cannot be empty; give it a few words")
    return text[:MAX_TITLE_LENGTH]


def clean_tags(tags: Sequence[str]) -> list[str]:
    """Trimmed, de-duplicated (case-insensitively) tags, in the order given."""
    seen: dict[str, str] = {}
    for tag in tags:
        text = " ".join(str(tag).split())[:MAX_TAG_LENGTH]
        if text and text.lower() not in seen:
            seen[text.lower()] = text
    if len(seen) > MAX_TAGS:
        raise StorageError(f"a session can carry at most {MAX_TAGS} tags; remove some")
    return list(seen.values())


def _reset_for_new_job(row: SessionRow) -> None:
    row.status = "queued"
    row.stage = None
    row.progress = 0
    row.error = None
    row.job_token = None
    row.heartbeat_at = None
    row.overall_score = None
    row.readiness = None
    row.assessed_at = None
    row.updated_at = utc_now()


def _ordering(sort: SessionSort) -> tuple[Any, ...]:
    newest = SessionRow.created_at.desc()
    if sort == "oldest":
        return (SessionRow.created_at.asc(),)
    if sort == "title":
        return (func.lower(SessionRow.title).asc(), newest)
    if sort == "score_high":
        return (SessionRow.overall_score.desc().nulls_last(), newest)
    if sort == "score_low":
        return (SessionRow.overall_score.asc().nulls_last(), newest)
    if sort == "session_date":
        return (SessionRow.session_date.desc().nulls_last(), newest)
    return (newest,)


def _require(s: Session, session_id: str, *, with_assessment: bool = False) -> SessionRow:
    options = [selectinload(SessionRow.assessment)] if with_assessment else []
    row = s.get(SessionRow, session_id, options=options)
    if row is None:
        raise session_not_found(session_id)
    return row


def session_not_found(session_id: str) -> NotFoundError:
    shown = session_id if len(session_id) <= 40 else session_id[:40] + "..."
    return NotFoundError(f"no stored session with id '{shown}'; it may have been deleted")


def _check_kind(kind: str) -> SessionKind:
    for known in SESSION_KINDS:
        if kind == known:
            return known
    raise StorageError(f"unknown session kind '{kind}': use 'real' or 'practice'")


def _clean_optional(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = " ".join(text.split())[:120]
    return cleaned or None
