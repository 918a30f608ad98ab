"""The default job backend: background threads inside the web server (one person, one laptop).

Jobs are only session ids; their state lives in the database. So a server stopped mid-job loses
nothing: on the next start `resume_jobs` finds the session still marked running or queued and
enqueues it again.
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from coachlens.jobs.runner import Assessor, run_assessment_job
from coachlens.storage.db import Database

log = logging.getLogger(__name__)


class InProcessJobQueue:
    """Runs assessments on `workers` daemon threads, in the order they were enqueued."""

    backend = "inprocess"

    def __init__(self, db: Database, assessor: Assessor, *, workers: int = 1) -> None:
        self._db = db
        self._assessor = assessor
        self._workers = max(1, workers)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Condition()
        self._unfinished = 0
        self._stopping = threading.Event()

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def start(self) -> None:
        """Start the worker threads (idempotent)."""
        if self.running:
            return
        self._stopping.clear()
        self._threads = [
            threading.Thread(target=self._work, name=f"coachlens-job-{n}", daemon=True)
            for n in range(self._workers)
        ]
        for thread in self._threads:
            thread.start()

    def enqueue(self, session_id: str) -> None:
        """Ask for the session's assessment; a duplicate request is harmless (the claim is atomic)."""
        with self._lock:
            self._unfinished += 1
        self._queue.put(session_id)

    def stop(self, timeout: float = 5.0) -> None:
        """Let each thread finish its current job (up to `timeout` seconds), then return.

        A job still running after that is left to the daemon thread; its session stays `running` in
        the database and is resumed on the next start. Jobs not started yet stay queued there too.
        """
        self._stopping.set()
        for _ in self._threads:
            self._queue.put(None)
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = []

    def wait_until_idle(self, timeout: float) -> bool:
        """Block until every enqueued job has finished; False if `timeout` seconds passed first."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._unfinished > 0:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def _work(self) -> None:
        while True:
            session_id = self._queue.get()
            if session_id is None:
                return
            try:
                if not self._stopping.is_set():
                    run_assessment_job(self._db, session_id, self._assessor)
            except Exception:  # the database itself failed; keep the thread alive for the next job
                log.exception("job for session %s could not be run", session_id)
            finally:
                with self._lock:
                    self._unfinished -= 1
                    self._lock.notify_all()
