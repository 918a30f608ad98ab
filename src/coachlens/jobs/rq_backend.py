"""The school-scale job backend: assessments go to a Redis queue served by RQ workers.

`COACHLENS_JOB_BACKEND=rq` makes the web server enqueue `run_assessment_task(session_id)` on the
queue named by `rq_queue` at `redis_url`; `coachlens worker` (on this or any machine that reaches the
same database and Redis) runs them. The job itself is the same `run_assessment_job` the in-process
backend runs, and its state lives in the database, so the web pages do not care which backend ran it.
Requires the `worker` extra: `pip install 'coachlens[worker]'`.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from coachlens.config import Settings, load_settings
from coachlens.errors import ConfigError
from coachlens.jobs.runner import Assessor, JobOutcome, pipeline_assessor, run_assessment_job
from coachlens.storage.db import Database
from coachlens.storage.migrate import upgrade_database

log = logging.getLogger(__name__)

# Generous: the offline engine takes seconds, an LLM-backed assessment can take minutes.
JOB_TIMEOUT_S = 3600
FAILED_JOB_TTL_S = 7 * 24 * 3600


def redis_connection(settings: Settings) -> Any:
    """A Redis client for `settings.redis_url`; ConfigError if the extra is missing or Redis is down."""
    try:
        from redis import Redis
        from redis.exceptions import RedisError
    except ImportError:
        raise ConfigError(
            "job_backend 'rq' needs the worker extra: pip install 'coachlens[worker]'"
        ) from None
    connection = Redis.from_url(settings.redis_url)
    try:
        connection.ping()
    except RedisError as exc:
        raise ConfigError(
            f"cannot reach Redis at {settings.redis_url} ({exc}); start redis-server, fix "
            "COACHLENS_REDIS_URL, or set COACHLENS_JOB_BACKEND=inprocess"
        ) from None
    return connection


class RQJobQueue:
    """Sends assessment jobs to RQ; `start`/`stop` only open and close the Redis connection."""

    backend = "rq"

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._queue: Any = None

    @property
    def running(self) -> bool:
        return self._queue is not None

    def start(self) -> None:
        from rq import Queue

        if self._queue is None:
            self._queue = Queue(self._settings.rq_queue, connection=redis_connection(self._settings))

    def enqueue(self, session_id: str) -> None:
        if self._queue is None:
            self.start()
        self._queue.enqueue_call(
            run_assessment_task,
            args=(session_id,),
            timeout=JOB_TIMEOUT_S,
            result_ttl=0,
            failure_ttl=FAILED_JOB_TTL_S,
            description=f"assess coaching session {session_id}",
        )

    def stop(self, timeout: float = 5.0) -> None:
        if self._queue is not None:
            self._queue.connection.close()
            self._queue = None

    def wait_until_idle(self, timeout: float) -> bool:
        """Workers run elsewhere; the web server does not wait for them."""
        return True


class _WorkerContext:
    """What a worker process needs for every job: the database and the assessor (opened once)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.db: Database | None = None
        self.assessor: Assessor | None = None

    def configure(self, db: Database, assessor: Assessor) -> None:
        with self._lock:
            self.db = db
            self.assessor = assessor

    def ensure(self) -> tuple[Database, Assessor]:
        with self._lock:
            if self.db is None or self.assessor is None:
                settings = load_settings()
                self.db = upgrade_database(settings)
                self.assessor = pipeline_assessor(settings)
            return self.db, self.assessor


_worker_context = _WorkerContext()


def configure_worker(db: Database, assessor: Assessor) -> None:
    """Set the database and assessor this process's RQ jobs use (otherwise built from settings)."""
    _worker_context.configure(db, assessor)


def run_assessment_task(session_id: str) -> JobOutcome:
    """The RQ job function: run one session's assessment in this worker process."""
    db, assessor = _worker_context.ensure()
    return run_assessment_job(db, session_id, assessor)


def run_worker(settings: Settings, *, burst: bool = False) -> None:
    """Serve the RQ queue in this process until stopped (or, with `burst`, until it is empty).

    Uses RQ's SimpleWorker (no fork per job) so the embedding model stays loaded between jobs.
    """
    from rq import Queue, SimpleWorker

    connection = redis_connection(settings)
    queue = Queue(settings.rq_queue, connection=connection)
    worker = SimpleWorker([queue], connection=connection)
    log.info("coachlens worker serving queue %s at %s", settings.rq_queue, settings.redis_url)
    worker.work(burst=burst, logging_level=settings.log_level)
