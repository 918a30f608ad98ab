"""Correcting and deleting logged mentoring hours in storage (SQLite; PostgreSQL when configured)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coachlens.errors import NotFoundError, StorageError
from coachlens.storage import (
    Database,
    NewSession,
    add_session,
    delete_mentoring_hours,
    get_mentoring_hours,
    list_mentoring_hours,
    log_mentoring_hours,
    total_mentoring_minutes,
    update_mentoring_hours,
)

TRANSCRIPT = {
    "schema": "coachlens.transcript/1",
    "title": "t",
    "source_format": "text",
    "turns": [{"index": 0, "speaker": "A", "role": "coach", "start_s": None, "end_s": None, "text": "x"}],
}


def session(db: Database) -> str:
    new = NewSession(title="s", filename="s.txt", content=b"x", source_format="text", transcript=TRANSCRIPT)
    return add_session(db, new).id


def test_update_changes_only_the_given_values(db: Database) -> None:
    entry = log_mentoring_hours(
        db, mentee="Sam", mentor="Ada", held_on=date(2024, 1, 5), minutes=60, note="first try"
    )
    other = log_mentoring_hours(db, mentee="Kim", mentor="Ada", held_on=date(2024, 1, 9), minutes=30)
    assert total_mentoring_minutes(db, mentee="Sam") == 60

    updated = update_mentoring_hours(db, entry.id, minutes=90, group_session=True, note="  corrected  ")
    assert (updated.minutes, updated.group_session, updated.note) == (90, True, "corrected")
    stored = get_mentoring_hours(db, entry.id)
    assert stored == updated
    assert (stored.mentee, stored.mentor, stored.held_on, stored.created_at) == (
        "Sam",
        "Ada",
        date(2024, 1, 5),
        entry.created_at,
    )
    assert total_mentoring_minutes(db, mentee="Sam") == 90
    assert total_mentoring_minutes(db, group_session=True) == 90
    assert get_mentoring_hours(db, other.id) == other

    moved = update_mentoring_hours(db, entry.id, mentee=" Lee ", mentor="Ana", held_on=date(2024, 3, 1))
    assert (moved.mentee, moved.mentor, moved.held_on) == ("Lee", "Ana", date(2024, 3, 1))
    assert total_mentoring_minutes(db, mentee="Sam") == 0
    assert total_mentoring_minutes(db, mentee="Lee") == 90


def test_update_links_and_unlinks_a_session(db: Database) -> None:
    sid = session(db)
    entry = log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 1, 5), minutes=60)
    assert update_mentoring_hours(db, entry.id, session_id=sid).session_id == sid
    assert update_mentoring_hours(db, entry.id, minutes=45).session_id == sid  # left out: kept
    assert update_mentoring_hours(db, entry.id, session_id=None).session_id is None
    assert get_mentoring_hours(db, entry.id).session_id is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": 0}, "between 1 and 1440"),
        ({"minutes": 1441}, "between 1 and 1440"),
        ({"mentee": "   "}, "mentee"),
        ({"mentor": ""}, "mentor"),
        ({"session_id": "nosuchsession"}, "nosuchsession"),
    ],
)
def test_bad_updates_are_refused_and_change_nothing(
    db: Database, changes: dict[str, Any], message: str
) -> None:
    entry = log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 1, 5), minutes=60)
    with pytest.raises(StorageError, match=message):
        update_mentoring_hours(db, entry.id, **changes)
    assert get_mentoring_hours(db, entry.id) == entry


def test_delete_removes_the_entry_and_its_minutes(db: Database) -> None:
    keep = log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 1, 5), minutes=60)
    gone = log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 2, 5), minutes=90)
    assert total_mentoring_minutes(db) == 150

    removed = delete_mentoring_hours(db, gone.id)
    assert removed == gone
    assert list_mentoring_hours(db) == [keep]
    assert total_mentoring_minutes(db) == 60


def test_missing_ids_are_not_found(db: Database) -> None:
    entry = log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 1, 5), minutes=60)
    delete_mentoring_hours(db, entry.id)
    with pytest.raises(NotFoundError, match=f"no mentoring entry with id {entry.id}"):
        get_mentoring_hours(db, entry.id)
    with pytest.raises(NotFoundError, match=f"no mentoring entry with id {entry.id}"):
        update_mentoring_hours(db, entry.id, minutes=30)
    with pytest.raises(NotFoundError, match=f"no mentoring entry with id {entry.id}"):
        delete_mentoring_hours(db, entry.id)
    assert list_mentoring_hours(db) == []
    with pytest.raises(NotFoundError):
        get_mentoring_hours(db, 10**20)
