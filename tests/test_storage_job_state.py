"""Job state on the session row: one claim per job, writes only by the claimant, recovery after a stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from coachlens.errors import StorageError
from coachlens.storage import (
    Database,
    NewSession,
    add_session,
    claim_job,
    complete_job,
    delete_session,
    fail_job,
    get_session,
    recover_jobs,
    replace_transcript,
    report_progress,
    retry_job,
)
from coachlens.storage.convert import utc_now
from coachlens.storage.tables import SessionRow

TRANSCRIPT = {"schema": "coachlens.transcript/1", "title": "t", "source_format": "text", "turns": []}


def queued(db: Database, title: str = "s") -> str:
    new = NewSession(title=title, filename="s.txt", content=b"x", source_format="text", transcript=TRANSCRIPT)
    return add_session(db, new).id


def test_a_queued_job_is_claimed_once(db: Database) -> None:
    session_id = queued(db)
    claim = claim_job(db, session_id)
    assert claim is not None
    assert claim_job(db, session_id) is None
    record = get_session(db, session_id)
    assert record.status == "running" and record.stage == "parsing" and record.attempts == 1


def test_progress_result_and_failure_need_the_current_claim(db: Database) -> None:
    session_id = queued(db)
    claim = claim_job(db, session_id)
    assert claim is not None
    assert report_progress(db, claim, "detecting")
    assert get_session(db, session_id).stage == "detecting"
    assert get_session(db, session_id).progress == 55
    with pytest.raises(StorageError, match="stage"):
        report_progress(db, claim, "dreaming")  # type: ignore[arg-type]

    # The user swaps roles mid-run: the session is re-queued and the old worker's writes are ignored.
    replace_transcript(db, session_id, TRANSCRIPT, roles_inferred=False, roles_confirmed=True)
    assert not report_progress(db, claim, "reporting")
    assert not complete_job(db, claim, {"schema": "x"})
    assert not fail_job(db, claim, "too late")
    record = get_session(db, session_id)
    assert record.status == "queued" and record.assessment is None and record.error is None


def test_complete_saves_the_assessment_and_finishes(db: Database) -> None:
    session_id = queued(db)
    claim = claim_job(db, session_id)
    assert claim is not None
    assert complete_job(db, claim, {"overall_score": 64.0, "readiness": {"level": "acc"}})
    record = get_session(db, session_id)
    assert record.status == "done" and record.progress == 100 and record.overall_score == 64.0
    assert record.assessment == {"overall_score": 64.0, "readiness": {"level": "acc"}}


def test_failure_keeps_one_line_and_retry_requeues(db: Database) -> None:
    session_id = queued(db)
    claim = claim_job(db, session_id)
    assert claim is not None
    assert fail_job(
        db, claim, "\n  the model file is missing; reinstall\n  Traceback (most recent call last):\n"
    )
    record = get_session(db, session_id)
    assert record.status == "failed"
    assert record.error == "the model file is missing; reinstall"
    assert retry_job(db, session_id).status == "queued"
    with pytest.raises(StorageError, match="already queued"):
        retry_job(db, session_id)
    second = claim_job(db, session_id)
    assert second is not None
    assert get_session(db, session_id).attempts == 2


def test_deleted_session_cannot_be_completed(db: Database) -> None:
    session_id = queued(db)
    claim = claim_job(db, session_id)
    assert claim is not None
    delete_session(db, session_id)
    assert not complete_job(db, claim, {"overall_score": 1.0})


def test_recovery_takes_back_every_running_job_when_the_only_worker_restarted(db: Database) -> None:
    waiting = queued(db, "waiting")
    interrupted = queued(db, "interrupted")
    finished = queued(db, "finished")
    assert claim_job(db, interrupted) is not None
    claim = claim_job(db, finished)
    assert claim is not None and complete_job(db, claim, {"overall_score": 1.0})
    assert recover_jobs(db) == [waiting, interrupted]
    assert get_session(db, interrupted).status == "queued"
    assert get_session(db, finished).status == "done"


def test_recovery_with_a_stale_limit_leaves_busy_workers_alone(db: Database) -> None:
    busy = queued(db, "busy")
    silent = queued(db, "silent")
    assert claim_job(db, busy) is not None
    assert claim_job(db, silent) is not None
    with db.transaction() as s:
        s.execute(
            update(SessionRow)
            .where(SessionRow.id == silent)
            .values(heartbeat_at=utc_now() - timedelta(hours=2))
            .execution_options(synchronize_session=False)
        )
    assert recover_jobs(db, stale_after_s=600) == [silent]
    assert get_session(db, busy).status == "running"


def test_recovery_leaves_sessions_waiting_for_role_confirmation(db: Database) -> None:
    def new(title: str, *, confirmed: bool) -> str:
        draft = NewSession(
            title=title,
            filename="s.txt",
            content=b"x",
            source_format="text",
            transcript=TRANSCRIPT,
            roles_inferred=True,
            roles_confirmed=confirmed,
        )
        return add_session(db, draft).id

    waiting = new("waiting for the user", confirmed=False)
    confirmed = new("confirmed", confirmed=True)
    started = new("started before the stop", confirmed=False)
    assert claim_job(db, started) is not None
    assert recover_jobs(db) == [confirmed, started]
    assert get_session(db, waiting).status == "queued"
