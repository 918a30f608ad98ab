"""Background assessment jobs, run in-process (default) or by RQ workers (`job_backend = rq`).

Callers store a session (status `queued`) and then `queue.enqueue(session_id)`; pages read progress,
failures and results from the session record, whichever backend ran the job.
"""

from __future__ import annotations

import logging
from typing import Protocol

from coachlens.config import Settings
from coachlens.jobs.inprocess import InProcessJobQueue
from coachlens.jobs.rq_backend import RQJobQueue, configure_worker, run_assessment_task, run_worker
from coachlens.jobs.runner import (
    Assessor,
    JobOutcome,
    ProgressCallback,
    pipeline_assessor,
    run_assessment_job,
)
from coachlens.storage.db import Database
from coachlens.storage.job_state import recover_jobs

log = logging.getLogger(__name__)


class JobQueue(Protocol):
    """Where queued sessions go to be assessed."""

    backend: str

    @property
    def running(self) -> bool: ...

    def start(self) -> None: ...

    def enqueue(self, session_id: str) -> None: ...

    def stop(self, timeout: float = 5.0) -> None: ...

    def wait_until_idle(self, timeout: float) -> bool: ...


def make_job_queue(settings: Settings, db: Database, assessor: Assessor | None = None) -> JobQueue:
    """The job queue chosen by `settings.job_backend` (not started yet)."""
    if settings.job_backend == "rq":
        return RQJobQueue(settings)
    return InProcessJobQueue(db, assessor or pipeline_assessor(settings), workers=settings.job_workers)


def resume_jobs(db: Database, queue: JobQueue, settings: Settings) -> list[str]:
    """Enqueue every session a stopped server left queued or running; return their ids.

    In-process, every running job was ours and died with the old process. With RQ, only jobs silent
    for `job_stale_after_s` are taken back (the others may be on a worker right now); re-enqueueing
    a queued one is harmless because a job only runs after atomically claiming its session.
    """
    stale_after = None if queue.backend == "inprocess" else float(settings.job_stale_after_s)
    pending = recover_jobs(db, stale_after_s=stale_after)
    for session_id in pending:
        queue.enqueue(session_id)
    if pending:
        log.info("resumed %d pending assessment job(s)", len(pending))
    return pending


__all__ = [
    "Assessor",
    "InProcessJobQueue",
    "JobOutcome",
    "JobQueue",
    "ProgressCallback",
    "RQJobQueue",
    "configure_worker",
    "make_job_queue",
    "pipeline_assessor",
    "resume_jobs",
    "run_assessment_job",
    "run_assessment_task",
    "run_worker",
]
