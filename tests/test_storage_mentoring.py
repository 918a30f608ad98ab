"""Mentor notes on turns, logged mentoring hours, consents and app state."""

from __future__ import annotations

from datetime import date

import pytest

from coachlens.errors import NotFoundError, StorageError
from coachlens.storage import (
    Database,
    NewSession,
    add_annotation,
    add_session,
    delete_annotation,
    get_app_state,
    grant_consent,
    has_consent,
    list_annotations,
    list_consents,
    list_mentoring_hours,
    log_mentoring_hours,
    revoke_consent,
    set_app_state,
    total_mentoring_minutes,
)

TRANSCRIPT = {
    "schema": "coachlens.transcript/1",
    "title": "t",
    "source_format": "text",
    "turns": [
        {"index": i, "speaker": "A", "role": "coach", "start_s": None, "end_s": None, "text": "x"}
        for i in range(3)
    ],
}


def session(db: Database) -> str:
    new = NewSession(title="s", filename="s.txt", content=b"x", source_format="text", transcript=TRANSCRIPT)
    return add_session(db, new).id


def test_annotations_are_kept_in_transcript_order(db: Database) -> None:
    session_id = session(db)
    later = add_annotation(
        db, session_id, turn_index=2, author="Ada", body="Closing was rushed.", marker_id="8.9"
    )
    add_annotation(db, session_id, turn_index=0, author="Ada", body="Clear agreement.")
    assert [n.turn_index for n in list_annotations(db, session_id)] == [0, 2]
    assert later.marker_id == "8.9"
    delete_annotation(db, later.id)
    assert [n.turn_index for n in list_annotations(db, session_id)] == [0]
    with pytest.raises(NotFoundError):
        delete_annotation(db, later.id)


def test_annotations_are_checked(db: Database) -> None:
    session_id = session(db)
    with pytest.raises(StorageError, match="turn 7"):
        add_annotation(db, session_id, turn_index=7, author="Ada", body="x")
    with pytest.raises(StorageError, match="text"):
        add_annotation(db, session_id, turn_index=0, author="Ada", body="   ")
    with pytest.raises(NotFoundError):
        add_annotation(db, "nope", turn_index=0, author="Ada", body="x")


def test_mentoring_minutes_add_up_by_mentee_and_kind(db: Database) -> None:
    log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 1, 5), minutes=60)
    log_mentoring_hours(
        db, mentee="Sam", mentor="Ada", held_on=date(2024, 2, 5), minutes=90, group_session=True
    )
    log_mentoring_hours(db, mentee="Kim", mentor="Ada", held_on=date(2024, 1, 9), minutes=30)
    assert total_mentoring_minutes(db) == 180
    assert total_mentoring_minutes(db, mentee="Sam") == 150
    assert total_mentoring_minutes(db, mentee="Sam", group_session=False) == 60
    assert [h.held_on.month for h in list_mentoring_hours(db, mentee="Sam")] == [1, 2]
    with pytest.raises(StorageError):
        log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 1, 5), minutes=0)


def test_consents_are_granted_checked_and_revoked(db: Database) -> None:
    url = "http://127.0.0.1:11434/v1"
    assert not has_consent(db, "llm_endpoint", url)
    grant_consent(db, "llm_endpoint", url, {"model": "llama3"})
    grant_consent(db, "llm_endpoint", url, {"model": "qwen"})  # granting again updates, no duplicate
    assert has_consent(db, "llm_endpoint", url)
    assert [(c.subject, c.detail) for c in list_consents(db, "llm_endpoint")] == [(url, {"model": "qwen"})]
    assert revoke_consent(db, "llm_endpoint", url)
    assert not revoke_consent(db, "llm_endpoint", url)
    assert not has_consent(db, "llm_endpoint", url)


def test_app_state_round_trip(db: Database) -> None:
    assert get_app_state(db, "k") is None
    set_app_state(db, "k", {"a": 1})
    set_app_state(db, "k", {"a": 2})
    assert get_app_state(db, "k") == {"a": 2}
