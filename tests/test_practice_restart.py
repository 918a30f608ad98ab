"""Practice sessions in progress survive a restart: state round trip, the web app, expiry and the cap."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.types import ActClassifier
from coachlens.config import Settings
from coachlens.errors import NotFoundError
from coachlens.practice import PracticeSimulator, get_persona
from coachlens.practice.draft import DraftError
from coachlens.practice.drafts import DatabaseRunStore
from coachlens.practice.live import IDLE_LIMIT_S, LiveRuns
from coachlens.practice.responders import OfflineResponder
from coachlens.storage import Database, list_sessions, upgrade_engine
from coachlens.storage.practice_drafts import (
    get_practice_draft,
    list_practice_draft_ids,
    save_practice_draft,
)
from practice_support import stand_in_assess

HTML = {"accept": "text/html"}
JSON = {"accept": "application/json"}
LINES = (Path(__file__).parent / "data" / "practice" / "empathic_coach.txt").read_text(encoding="utf-8")
SCRIPT = [line for line in LINES.splitlines() if line.strip() and not line.startswith("#")]
T0 = 1_800_000_000.0


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def classifier() -> ActClassifier:
    return load_default_classifier()


# --- the simulator's state ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona_id", "seed", "split"), [("marcus-boundary", 4, 7), ("aisha-founder", 11, 3)]
)
def test_a_restored_simulator_continues_exactly_like_the_uninterrupted_one(
    classifier: ActClassifier, persona_id: str, seed: int, split: int
) -> None:
    persona = get_persona(persona_id)
    lines = [*SCRIPT[:10], "What would you do in my place? Have you thought about quitting?", *SCRIPT[10:14]]
    straight = PracticeSimulator(persona, classifier, seed=seed)
    paused = PracticeSimulator(persona, classifier, seed=seed)
    for line in lines[:split]:
        straight.respond(line)
        paused.respond(line)
    # Through JSON text, as the database stores it.
    state = json.loads(json.dumps(paused.state()))
    restored = PracticeSimulator.restore(persona, classifier, state, responder=OfflineResponder())
    assert restored.state() == paused.state()
    assert restored.snapshot() == paused.snapshot()
    for line in lines[split:]:
        expected = straight.respond(line)
        got = restored.respond(line)
        assert got == expected
    assert restored.state() == straight.state()
    assert restored.snapshot().to_dict() == straight.snapshot().to_dict()
    assert restored.snapshot().layer_reached > 1, "the script opens layers, so the restore is exercised"


def test_restore_refuses_another_schema_persona_or_damage(classifier: ActClassifier) -> None:
    persona = get_persona("mei-new-manager")
    simulator = PracticeSimulator(persona, classifier, seed=2)
    simulator.respond(SCRIPT[0])
    state = simulator.state()
    with pytest.raises(DraftError):
        PracticeSimulator.restore(persona, classifier, {**state, "schema": "coachlens.practice-draft/0"})
    with pytest.raises(DraftError):
        PracticeSimulator.restore(get_persona("karin-burnout"), classifier, state)
    damaged = {k: v for k, v in state.items() if k != "rng"}
    with pytest.raises(DraftError):
        PracticeSimulator.restore(persona, classifier, damaged)
    with pytest.raises(DraftError):
        PracticeSimulator.restore(persona, classifier, {**state, "last_move": "dance"})


# --- the web app -----------------------------------------------------------------------------------


def make_app(data_dir: Path, clock: Clock | None = None) -> FastAPI:
    app = create_app_for(data_dir)
    if clock is not None:
        app.state.practice_clock = clock
    return app


def create_app_for(data_dir: Path) -> FastAPI:
    from coachlens.web.app import create_app

    application = create_app(Settings(data_dir=data_dir, seed_demo_sessions=False))
    application.state.practice_assess = stand_in_assess
    return application


@contextmanager
def serving(app: FastAPI) -> Iterator[TestClient]:
    """One run of the server: leaving the block stops it (the database is disposed)."""
    with TestClient(app, base_url="http://127.0.0.1") as http:
        yield http


def start(http: TestClient, persona: str, seed: int) -> str:
    response = http.post(
        "/practice/start", data={"persona": persona, "seed": str(seed), "hints": "on"}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def say(http: TestClient, chat: str, text: str) -> dict[str, Any]:
    response = http.post(chat + "/say", data={"text": text}, headers=JSON)
    assert response.status_code == 200, response.text
    doc: dict[str, Any] = response.json()
    return doc


def run_state(app: FastAPI, chat: str) -> dict[str, Any]:
    runs: LiveRuns = app.state.practice_runs
    state: dict[str, Any] = runs.get(chat.rsplit("/", 1)[1]).simulator.state()
    return state


def database(data_dir: Path) -> Database:
    db = Database.from_settings(Settings(data_dir=data_dir, seed_demo_sessions=False))
    upgrade_engine(db.engine)
    return db


def test_a_run_continues_after_a_restart_as_if_uninterrupted(tmp_path: Path) -> None:
    persona, seed, split = "marcus-boundary", 4, 6
    lines = SCRIPT[:9]

    # The reference: the same run with no restart (its own data folder).
    with serving(make_app(tmp_path / "straight")) as http:
        reference = start(http, persona, seed)
        straight = [say(http, reference, line) for line in lines]

    data_dir = tmp_path / "data"
    first_app = make_app(data_dir)
    with serving(first_app) as http:
        chat = start(http, persona, seed)
        before = [say(http, chat, line) for line in lines[:split]]
        state_before = run_state(first_app, chat)
        http.post(chat + "/hints", data={"hints": "on"})
    assert before == straight[:split]
    run_id = chat.rsplit("/", 1)[1]
    assert re.fullmatch(r"[0-9a-f]{16}", run_id)

    # The server is stopped and started again: a new app on the same database, nothing in memory.
    second_app = make_app(data_dir)
    with serving(second_app) as http:
        page = http.get(chat, headers=HTML)
        assert page.status_code == 200, page.text
        for exchange in before:
            assert exchange["client"]["text"].replace("'", "&#39;") in page.text
        assert run_state(second_app, chat) == state_before
        after = [say(http, chat, line) for line in lines[split:]]
        assert after == straight[split:], "the next replies, trust and hints equal the uninterrupted run"
        ended = http.post(chat + "/end", follow_redirects=False)
        assert ended.status_code == 303
        session_id = ended.headers["location"].rsplit("/", 1)[1]
        assert http.get(chat, headers=HTML).status_code == 404
        db = second_app.state.context.db
        assert [s.id for s in list_sessions(db, kind="practice")] == [session_id]
        assert get_practice_draft(db, run_id) is None, "an ended run's draft is deleted"

    # And it stays ended after another restart.
    with serving(make_app(data_dir)) as http:
        assert http.get(chat, headers=HTML).status_code == 404


def test_every_exchange_is_stored_at_once(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    with serving(app) as http:
        chat = start(http, "karin-burnout", 3)
        run_id = chat.rsplit("/", 1)[1]
        db = app.state.context.db
        stored = get_practice_draft(db, run_id)
        assert stored is not None and stored.state["turns"] == []
        say(http, chat, SCRIPT[0])
        say(http, chat, SCRIPT[1])
        stored = get_practice_draft(db, run_id)
        assert stored is not None
        assert stored.state == run_state(app, chat)
        assert [t["text"] for t in stored.state["turns"] if t["role"] == "coach"] == SCRIPT[:2]
        http.post(chat + "/hints", data={})
        stored = get_practice_draft(db, run_id)
        assert stored is not None and stored.state["hints"] is False


def test_an_idle_run_expires_in_memory_and_in_the_database(tmp_path: Path) -> None:
    clock = Clock()
    app = make_app(tmp_path / "data", clock)
    with serving(app) as http:
        chat = start(http, "mei-new-manager", 1)
        run_id = chat.rsplit("/", 1)[1]
        say(http, chat, SCRIPT[0])
        clock.now += IDLE_LIMIT_S - 60
        assert http.get(chat, headers=HTML).status_code == 200, "still open just under the limit"
        clock.now += IDLE_LIMIT_S + 1
        expired = http.get(chat, headers=HTML)
        assert expired.status_code == 404 and "no longer open" in expired.text
        assert get_practice_draft(app.state.context.db, run_id) is None


def test_a_run_idle_across_a_restart_is_removed_from_the_database(tmp_path: Path) -> None:
    clock = Clock()
    data_dir = tmp_path / "data"
    with serving(make_app(data_dir, clock)) as http:
        old = start(http, "gary-sent-by-hr", 2)
        say(http, old, SCRIPT[0])
        other = start(http, "yuki-advice-seeker", 2)
        say(http, other, SCRIPT[0])
    old_id, other_id = old.rsplit("/", 1)[1], other.rsplit("/", 1)[1]
    clock.now += IDLE_LIMIT_S + 5
    app = make_app(data_dir, clock)
    with serving(app) as http:
        db = app.state.context.db
        assert sorted(list_practice_draft_ids(db)) == sorted([old_id, other_id])
        expired = http.get(old, headers=HTML)
        assert expired.status_code == 404 and "no longer open" in expired.text
        assert get_practice_draft(db, old_id) is None
        # Opening a new run sweeps the other idle draft too, without anyone asking for it.
        fresh = start(http, "mei-new-manager", 0)
        assert list_practice_draft_ids(db) == [fresh.rsplit("/", 1)[1]]


def test_a_damaged_draft_counts_as_ended_and_is_deleted(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with serving(make_app(data_dir)) as http:
        chat = start(http, "mei-new-manager", 0)
        say(http, chat, SCRIPT[0])
    run_id = chat.rsplit("/", 1)[1]
    db = database(data_dir)
    try:
        save_practice_draft(
            db, run_id, "mei-new-manager", {"schema": "something else"}, last_used_at=_utc(T0)
        )
    finally:
        db.dispose()
    app = make_app(data_dir)
    with serving(app) as http:
        assert http.get(chat, headers=HTML).status_code == 404
        assert get_practice_draft(app.state.context.db, run_id) is None


def _utc(seconds: float) -> Any:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC)


# --- the cap ---------------------------------------------------------------------------------------


def test_runs_dropped_over_the_cap_leave_the_database_too(tmp_path: Path, classifier: ActClassifier) -> None:
    db = database(tmp_path / "data")
    try:
        store = DatabaseRunStore(db, classifier=lambda: classifier, responder=OfflineResponder)
        clock = Clock()
        runs = LiveRuns(limit=2, store=store, clock=clock)
        opened = []
        for n in range(3):
            clock.now += 1
            opened.append(runs.open(PracticeSimulator(get_persona("mei-new-manager"), classifier, seed=n)))
        assert len(runs) == 2
        assert sorted(list_practice_draft_ids(db)) == sorted(r.id for r in opened[1:])
        with pytest.raises(NotFoundError):
            runs.get(opened[0].id)

        # After a restart both stored runs come back; restoring never holds more than the cap.
        clock.now += 1
        later = LiveRuns(limit=2, store=store, clock=clock)
        assert later.get(opened[1].id).simulator.seed == 1
        assert later.get(opened[2].id).simulator.seed == 2
        clock.now += 1
        newest = later.open(PracticeSimulator(get_persona("karin-burnout"), classifier, seed=9))
        assert len(later) == 2
        assert sorted(list_practice_draft_ids(db)) == sorted([opened[2].id, newest.id])
    finally:
        db.dispose()
