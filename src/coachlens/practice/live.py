"""Practice sessions in progress, held in memory by a long-running process (the web server), with a
copy of each in a `RunStore` (the local database) so they survive a restart.

A practice session lives while it is being held; once ended, its transcript, assessment and debrief
are stored like any session and its draft is deleted. Runs are kept in a small, thread-safe table with
a cap and an idle timeout, so an abandoned tab cannot make the server grow without bound; a run dropped
from the table (too many, or idle too long) is deleted from the store too. After a restart, asking for
a run id that is not in memory restores it from the store, unless it has been idle too long.

The clock is the wall clock (seconds since the epoch), so idle time counts across restarts.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from coachlens.errors import NotFoundError
from coachlens.practice.simulator import PracticeSimulator

log = logging.getLogger(__name__)

MAX_OPEN_RUNS = 50
IDLE_LIMIT_S = 6 * 3600


@dataclass
class LiveRun:
    """One practice session being held: its id, its simulator, and a lock for one turn at a time."""

    id: str
    simulator: PracticeSimulator
    last_used: float
    lock: threading.Lock = field(default_factory=threading.Lock)


class RunStore(Protocol):
    """Where open runs are kept between restarts (`coachlens.practice.drafts.DatabaseRunStore`)."""

    def save(self, run_id: str, simulator: PracticeSimulator, last_used: float) -> None: ...

    def load(self, run_id: str) -> tuple[PracticeSimulator, float] | None:
        """The stored simulator and when it was last used; None if there is none it can restore."""
        ...

    def delete(self, run_ids: list[str]) -> None: ...

    def prune(self, *, idle_before: float, keep: int) -> None:
        """Delete runs last used before `idle_before`, then all but the `keep` most recent."""
        ...


NO_LONGER_OPEN = (
    "this practice session is no longer open (it ended or sat idle too long); start a new one from the "
    "Practice page"
)


class LiveRuns:
    """Open practice sessions by id (oldest dropped first when the table is full or idle too long)."""

    def __init__(
        self,
        *,
        limit: int = MAX_OPEN_RUNS,
        idle_limit_s: float = IDLE_LIMIT_S,
        clock: Callable[[], float] = time.time,
        store: RunStore | None = None,
    ) -> None:
        self._runs: OrderedDict[str, LiveRun] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit
        self._idle_limit_s = idle_limit_s
        self._clock = clock
        self._store = store

    def open(self, simulator: PracticeSimulator) -> LiveRun:
        """Hold a new run (and store it) and return it with its fresh, unguessable id."""
        run = LiveRun(id=secrets.token_hex(8), simulator=simulator, last_used=self._clock())
        with self._lock:
            dropped = self._drop_idle()
            self._runs[run.id] = run
            dropped += self._drop_over_limit()
        if self._store is not None:
            self._forget(dropped)
            self.save(run)
            try:
                self._store.prune(idle_before=run.last_used - self._idle_limit_s, keep=self._limit)
            except Exception:
                log.warning("could not prune stored practice sessions", exc_info=True)
        return run

    def get(self, run_id: str) -> LiveRun:
        """The open run, restored from the store if this process does not hold it; NotFoundError (with
        what to do) when it ended, expired or never existed."""
        with self._lock:
            dropped = self._drop_idle()
            run = self._runs.get(run_id)
            if run is not None:
                run.last_used = self._clock()
                self._runs.move_to_end(run_id)
        self._forget(dropped)
        if run is None:
            run = self._restore(run_id)
        return run

    def save(self, run: LiveRun) -> None:
        """Store the run's state as it is now (call after each exchange, under `run.lock`). A store that
        fails is logged, not raised: the run goes on in memory and the next save writes it whole."""
        if self._store is None:
            return
        try:
            self._store.save(run.id, run.simulator, run.last_used)
        except Exception:
            log.warning("could not store practice session %s; it goes on in memory", run.id, exc_info=True)

    def close(self, run_id: str) -> None:
        """Forget the run here and in the store (it ended and was stored as a session)."""
        with self._lock:
            self._runs.pop(run_id, None)
        self._forget([run_id])

    def __len__(self) -> int:
        with self._lock:
            return len(self._runs)

    def _restore(self, run_id: str) -> LiveRun:
        loaded = self._store.load(run_id) if self._store is not None else None
        if loaded is None:
            raise NotFoundError(NO_LONGER_OPEN)
        simulator, last_used = loaded
        now = self._clock()
        if now - last_used > self._idle_limit_s or simulator.ended:
            self._forget([run_id])
            raise NotFoundError(NO_LONGER_OPEN)
        with self._lock:
            run = self._runs.get(run_id)  # another request may have restored it meanwhile
            if run is None:
                run = LiveRun(id=run_id, simulator=simulator, last_used=now)
                self._runs[run_id] = run
            run.last_used = now
            self._runs.move_to_end(run_id)
            dropped = self._drop_over_limit()
        self._forget(dropped)
        log.info("practice session %s restored from the database", run_id)
        return run

    def _forget(self, run_ids: list[str]) -> None:
        if self._store is None or not run_ids:
            return
        try:
            self._store.delete(run_ids)
        except Exception:
            log.warning("could not delete stored practice sessions %s", run_ids, exc_info=True)

    def _drop_idle(self) -> list[str]:
        now = self._clock()
        idle = [k for k, r in self._runs.items() if now - r.last_used > self._idle_limit_s]
        for run_id in idle:
            del self._runs[run_id]
        return idle

    def _drop_over_limit(self) -> list[str]:
        dropped: list[str] = []
        while len(self._runs) > self._limit:
            dropped.append(self._runs.popitem(last=False)[0])
        return dropped
