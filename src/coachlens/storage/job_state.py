"""The assessment job's state, kept on the session row: queued -> running -> done | failed.

A worker first *claims* a queued session, which atomically moves it to running and hands out a random
token. Every later write (progress, result, failure) only applies while the row still carries that
token, so a worker whose job was deleted, retried or recovered after a restart cannot overwrite newer
state. The same rules hold for in-process threads and for RQ workers on other machines.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import selectinload

from coachlens.errors import StorageError
from coachlens.storage.convert import as_utc, to_summary, utc_now
from coachlens.storage.db import Database
from coachlens.storage.records import JOB_STAGES, JobStage, SessionSummary
from coachlens.storage.sessions import session_not_found, store_assessment_on_row
from coachlens.storage.tables import SessionRow

log = logging.getLogger(__name__)

# Where each stage starts on the 0-100 progress bar.
STAGE_PROGRESS: dict[JobStage, int] = {"parsing": 5, "classifying": 20, "detecting": 55, "reporting": 90}
MAX_ERROR_LENGTH = 500


@dataclass(frozen=True)
class JobClaim:
    """Proof that this worker owns the running job of one session."""

    session_id: str
    token: str


def claim_job(db: Database, session_id: str) -> JobClaim | None:
    """Move a queued session to running and return the claim; None if it is not queued (any more)."""
    token = secrets.token_hex(16)
    now = utc_now()
    statement = (
        update(SessionRow)
        .where(SessionRow.id == session_id, SessionRow.status == "queued")
        .values(
            status="running",
            stage="parsing",
            progress=STAGE_PROGRESS["parsing"],
            error=None,
            job_token=token,
            attempts=SessionRow.attempts + 1,
            heartbeat_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    with db.transaction() as s:
        result = s.execute(statement)
        claimed = _rowcount(result) == 1
    return JobClaim(session_id, token) if claimed else None


def report_progress(db: Database, claim: JobClaim, stage: JobStage, progress: int | None = None) -> bool:
    """Record the stage (and 0-100 progress) of a running job; False if the job is no longer ours."""
    if stage not in JOB_STAGES:
        raise StorageError(f"unknown job stage '{stage}': use one of {', '.join(JOB_STAGES)}")
    value = STAGE_PROGRESS[stage] if progress is None else max(0, min(99, int(progress)))
    now = utc_now()
    statement = (
        update(SessionRow)
        .where(SessionRow.id == claim.session_id, SessionRow.job_token == claim.token)
        .values(stage=stage, progress=value, heartbeat_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    with db.transaction() as s:
        return _rowcount(s.execute(statement)) == 1


def complete_job(db: Database, claim: JobClaim, assessment: dict[str, Any]) -> bool:
    """Save the assessment and mark the session done, in one transaction; False if no longer ours."""
    with db.transaction() as s:
        row = s.scalar(
            select(SessionRow)
            .where(SessionRow.id == claim.session_id, SessionRow.job_token == claim.token)
            .options(selectinload(SessionRow.assessment))
        )
        if row is None:
            return False
        store_assessment_on_row(row, assessment)
        return True


def save_job_transcript(
    db: Database, claim: JobClaim, transcript: dict[str, Any], *, roles_inferred: bool
) -> bool:
    """Store the transcript a running job produced (a recording transcribed in the background).

    The job keeps running (its assessment follows); False if the job is no longer ours.
    """
    now = utc_now()
    statement = (
        update(SessionRow)
        .where(SessionRow.id == claim.session_id, SessionRow.job_token == claim.token)
        .values(
            transcript=transcript,
            turn_count=len(transcript.get("turns") or []),
            roles_inferred=roles_inferred,
            heartbeat_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    with db.transaction() as s:
        return _rowcount(s.execute(statement)) == 1


def fail_job(db: Database, claim: JobClaim, reason: str) -> bool:
    """Mark the job failed with a one-line reason the user can act on; False if no longer ours."""
    now = utc_now()
    statement = (
        update(SessionRow)
        .where(SessionRow.id == claim.session_id, SessionRow.job_token == claim.token)
        .values(status="failed", error=one_line(reason), job_token=None, heartbeat_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    with db.transaction() as s:
        return _rowcount(s.execute(statement)) == 1


def retry_job(db: Database, session_id: str) -> SessionSummary:
    """Queue a failed (or finished) session's assessment again; the caller then enqueues it.

    A finished session keeps showing its old assessment until the new one is saved.
    """
    now = utc_now()
    with db.transaction() as s:
        row = s.get(SessionRow, session_id)
        if row is None:
            raise session_not_found(session_id)
        if row.status in ("queued", "running"):
            raise StorageError(
                "this session's assessment is already queued or running; wait for it to finish"
            )
        row.status = "queued"
        row.stage = None
        row.progress = 0
        row.error = None
        row.job_token = None
        row.heartbeat_at = None
        row.updated_at = now
        return to_summary(row)


def recover_jobs(db: Database, *, stale_after_s: float | None = None) -> list[str]:
    """Make jobs left behind by a stopped server runnable again; return the ids to enqueue, oldest first.

    Sessions waiting for role confirmation (guessed roles, never started) are left for that step.

    With `stale_after_s=None` every running job is taken back (right for the in-process backend: this
    process is the only worker and it just started). Otherwise only running jobs that reported nothing
    for that long are (RQ workers elsewhere may still be busy with the others).
    """
    now = utc_now()
    cutoff = now - timedelta(seconds=stale_after_s) if stale_after_s is not None else None
    with db.transaction() as s:
        for row in s.scalars(select(SessionRow).where(SessionRow.status == "running")).all():
            beat = as_utc(row.heartbeat_at) if row.heartbeat_at else None
            if cutoff is None or beat is None or beat < cutoff:
                log.info("re-queueing the interrupted assessment of session %s", row.id)
                row.status = "queued"
                row.stage = None
                row.progress = 0
                row.job_token = None
                row.updated_at = now
        # A session still waiting for the user to confirm guessed roles is not started on its own;
        # the role-confirmation step enqueues it (unless a job for it had already begun).
        queued = s.scalars(
            select(SessionRow.id)
            .where(
                SessionRow.status == "queued",
                or_(
                    SessionRow.attempts > 0, SessionRow.roles_confirmed, SessionRow.roles_inferred.is_(False)
                ),
            )
            .order_by(SessionRow.created_at.asc())
        ).all()
    return list(queued)


def one_line(reason: str) -> str:
    """The first non-empty line of a message, trimmed to a readable length."""
    for line in reason.strip().splitlines():
        if line.strip():
            text = line.strip()
            return text if len(text) <= MAX_ERROR_LENGTH else text[: MAX_ERROR_LENGTH - 3] + "..."
    return "the assessment failed for an unknown reason; retry, and report it if it happens again"


def _rowcount(result: Any) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0
