"""What the storage layer hands out: frozen records, never live ORM objects.

Web pages, the API, the jobs and the CLI read these. Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

SessionKind = Literal["real", "practice"]
JobStatus = Literal["queued", "running", "done", "failed"]
JobStage = Literal["parsing", "classifying", "detecting", "reporting"]
SessionSort = Literal["newest", "oldest", "title", "score_high", "score_low", "session_date"]

SESSION_KINDS: tuple[SessionKind, ...] = ("real", "practice")
JOB_STATUSES: tuple[JobStatus, ...] = ("queued", "running", "done", "failed")
JOB_STAGES: tuple[JobStage, ...] = ("parsing", "classifying", "detecting", "reporting")
SESSION_SORTS: tuple[SessionSort, ...] = (
    "newest",
    "oldest",
    "title",
    "score_high",
    "score_low",
    "session_date",
)


@dataclass(frozen=True)
class SessionSummary:
    """A stored session as a list row: metadata, job state and headline results (no heavy JSON)."""

    id: str
    title: str
    created_at: datetime
    updated_at: datetime
    session_date: date | None
    kind: SessionKind
    client_pseudonym: str | None
    tags: tuple[str, ...]
    demo_id: str | None
    source_filename: str
    source_format: str
    source_size: int
    turn_count: int
    duration_s: float | None
    roles_inferred: bool
    roles_confirmed: bool
    status: JobStatus
    stage: JobStage | None
    progress: int
    error: str | None
    attempts: int
    overall_score: float | None
    readiness: str | None
    assessed_at: datetime | None

    @property
    def is_finished(self) -> bool:
        """True once the job ended (done or failed): nothing more will change without a retry."""
        return self.status in ("done", "failed")

    @property
    def needs_role_confirmation(self) -> bool:
        """Roles were guessed and nobody confirmed them yet: the upload page should ask."""
        return self.roles_inferred and not self.roles_confirmed

    @property
    def display_date(self) -> date:
        """The session's own date when known, else the day it was uploaded."""
        return self.session_date or self.created_at.date()


@dataclass(frozen=True)
class SessionRecord(SessionSummary):
    """A stored session with its transcript (`coachlens.transcript/1` JSON) and assessment JSON."""

    source_sha256: str = ""
    transcript: dict[str, Any] | None = None
    assessment: dict[str, Any] | None = None


@dataclass(frozen=True)
class StoredOriginal:
    """An uploaded file as received."""

    session_id: str
    filename: str
    content: bytes
    sha256: str


@dataclass(frozen=True)
class Annotation:
    """A mentor coach's note on one turn."""

    id: int
    session_id: str
    turn_index: int
    author: str
    body: str
    marker_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class MentoringHours:
    """One logged stretch of mentoring."""

    id: int
    session_id: str | None
    mentee: str
    mentor: str
    held_on: date
    minutes: int
    group_session: bool
    note: str
    created_at: datetime
