"""The database side of open practice sessions: each run's state, stored after every exchange.

`DatabaseRunStore` is the `RunStore` the web app gives its `LiveRuns`: it writes the simulator's
`state()` to the local database (`coachlens.storage.practice_drafts`) and rebuilds a simulator from it
after a restart with the persona, classifier and voice of the running app. A draft that cannot be
restored (another schema, a persona that no longer ships) is deleted and the run counts as ended.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from coachlens.analysis.types import ActClassifier
from coachlens.errors import NotFoundError
from coachlens.practice.draft import DraftError
from coachlens.practice.personas import get_persona
from coachlens.practice.responders import Responder
from coachlens.practice.simulator import PracticeSimulator
from coachlens.storage.db import Database
from coachlens.storage.practice_drafts import (
    delete_practice_draft,
    get_practice_draft,
    prune_practice_drafts,
    save_practice_draft,
)

log = logging.getLogger(__name__)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _when(seconds: float) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


class DatabaseRunStore:
    """Open practice runs in the project's database (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        *,
        classifier: Callable[[], ActClassifier],
        responder: Callable[[], Responder],
    ) -> None:
        self._db = db
        self._classifier = classifier
        self._responder = responder

    def save(self, run_id: str, simulator: PracticeSimulator, last_used: float) -> None:
        save_practice_draft(
            self._db, run_id, simulator.persona.id, simulator.state(), last_used_at=_when(last_used)
        )

    def load(self, run_id: str) -> tuple[PracticeSimulator, float] | None:
        stored = get_practice_draft(self._db, run_id)
        if stored is None:
            return None
        try:
            persona = get_persona(stored.persona_id)
            simulator = PracticeSimulator.restore(
                persona, self._classifier(), stored.state, responder=self._responder()
            )
        except (DraftError, NotFoundError) as exc:
            log.warning("practice session %s cannot be restored (%s); deleting it", run_id, exc)
            delete_practice_draft(self._db, run_id)
            return None
        return simulator, (stored.last_used_at - EPOCH).total_seconds()

    def delete(self, run_ids: list[str]) -> None:
        for run_id in run_ids:
            delete_practice_draft(self._db, run_id)

    def prune(self, *, idle_before: float, keep: int) -> None:
        gone = prune_practice_drafts(self._db, idle_before=_when(idle_before), keep=keep)
        if gone:
            log.info("deleted %d idle practice session(s) from the database", len(gone))
