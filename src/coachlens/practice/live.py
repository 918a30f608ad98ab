"""Practice sessions in progress, held in memory by a long-running process (the web server).

A practice session lives only while it is being held; once ended, its transcript, assessment and
debrief are stored like any session. Runs are kept in a small, thread-safe table with a cap and an
idle timeout, so an abandoned tab cannot make the server grow without bound.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from coachlens.errors import NotFoundError
from coachlens.practice.simulator import PracticeSimulator

MAX_OPEN_RUNS = 50
IDLE_LIMIT_S = 6 * 3600


@dataclass
class LiveRun:
    """One practice session being held: its id, its simulator, and a lock for one turn at a time."""

    id: str
    simulator: PracticeSimulator
    last_used: float
    lock: threading.Lock = field(default_factory=threading.Lock)


class LiveRuns:
    """Open practice sessions by id (oldest dropped first when the table is full or idle too long)."""

    def __init__(
        self,
        *,
        limit: int = MAX_OPEN_RUNS,
        idle_limit_s: float = IDLE_LIMIT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._runs: OrderedDict[str, LiveRun] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit
        self._idle_limit_s = idle_limit_s
        self._clock = clock

    def open(self, simulator: PracticeSimulator) -> LiveRun:
        """Hold a new run and return it with its fresh, unguessable id."""
        run = LiveRun(id=secrets.token_hex(8), simulator=simulator, last_used=self._clock())
        with self._lock:
            self._drop_idle()
            self._runs[run.id] = run
            while len(self._runs) > self._limit:
                self._runs.popitem(last=False)
        return run

    def get(self, run_id: str) -> LiveRun:
        """The open run; NotFoundError (with what to do) when it ended, expired or never existed."""
        with self._lock:
            self._drop_idle()
            run = self._runs.get(run_id)
            if run is None:
                raise NotFoundError(
                    "this practice session is no longer open (it ended, sat idle too long, or the server "
                    "restarted); start a new one from the Practice page"
                )
            run.last_used = self._clock()
            self._runs.move_to_end(run_id)
            return run

    def close(self, run_id: str) -> None:
        with self._lock:
            self._runs.pop(run_id, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._runs)

    def _drop_idle(self) -> None:
        now = self._clock()
        for run_id in [k for k, r in self._runs.items() if now - r.last_used > self._idle_limit_s]:
            del self._runs[run_id]
