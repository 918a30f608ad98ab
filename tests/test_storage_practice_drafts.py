"""Practice drafts (practice sessions in progress) in the database: save, replace, read, delete, prune."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect

from coachlens.storage import Database, export_all
from coachlens.storage.practice_drafts import (
    delete_practice_draft,
    get_practice_draft,
    list_practice_draft_ids,
    prune_practice_drafts,
    save_practice_draft,
)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STATE = {
    "schema": "coachlens.practice-draft/1",
    "trust": 41.37500000000001,
    "rng": [3, [2147483648, *range(624)], None],
    "turns": [{"role": "coach", "text": "Qu'est-ce qui compte pour vous ? 😊"}],
}


def test_the_migration_creates_the_drafts_table(db: Database) -> None:
    columns = {c["name"] for c in inspect(db.engine).get_columns("practice_drafts")}
    assert columns == {"run_id", "persona_id", "state", "created_at", "last_used_at"}


def test_a_draft_round_trips_exactly(db: Database) -> None:
    assert get_practice_draft(db, "a" * 16) is None
    save_practice_draft(db, "a" * 16, "mei-new-manager", STATE, last_used_at=T0)
    stored = get_practice_draft(db, "a" * 16)
    assert stored is not None
    assert stored.persona_id == "mei-new-manager"
    assert stored.state == STATE
    assert json.dumps(stored.state, sort_keys=True) == json.dumps(STATE, sort_keys=True)
    assert stored.last_used_at == T0 and stored.last_used_at.tzinfo is not None
    assert stored.created_at.tzinfo is not None


def test_saving_again_replaces_the_state_and_the_time(db: Database) -> None:
    save_practice_draft(db, "b" * 16, "karin-burnout", {"n": 1}, last_used_at=T0)
    first = get_practice_draft(db, "b" * 16)
    save_practice_draft(db, "b" * 16, "karin-burnout", {"n": 2}, last_used_at=T0 + timedelta(minutes=5))
    second = get_practice_draft(db, "b" * 16)
    assert first is not None and second is not None
    assert second.state == {"n": 2}
    assert second.last_used_at == T0 + timedelta(minutes=5)
    assert second.created_at == first.created_at
    assert list_practice_draft_ids(db) == ["b" * 16]


def test_delete(db: Database) -> None:
    save_practice_draft(db, "c" * 16, "karin-burnout", {}, last_used_at=T0)
    assert delete_practice_draft(db, "c" * 16) is True
    assert get_practice_draft(db, "c" * 16) is None
    assert delete_practice_draft(db, "c" * 16) is False


def test_prune_removes_idle_drafts_then_the_oldest_over_the_cap(db: Database) -> None:
    for n in range(5):
        save_practice_draft(db, f"run{n}", "mei-new-manager", {"n": n}, last_used_at=T0 + timedelta(hours=n))
    assert list_practice_draft_ids(db) == ["run4", "run3", "run2", "run1", "run0"]
    gone = prune_practice_drafts(db, idle_before=T0 + timedelta(minutes=90), keep=2)
    assert sorted(gone) == ["run0", "run1", "run2"]
    assert list_practice_draft_ids(db) == ["run4", "run3"]
    assert prune_practice_drafts(db, idle_before=T0, keep=2) == []


def test_drafts_are_not_exported(db: Database) -> None:
    import io
    import zipfile

    save_practice_draft(db, "d" * 16, "mei-new-manager", {"secret": "only-in-the-local-db"}, last_used_at=T0)
    with zipfile.ZipFile(io.BytesIO(export_all(db))) as archive:
        for name in archive.namelist():
            assert b"only-in-the-local-db" not in archive.read(name)
