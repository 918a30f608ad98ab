"""From upload to stored session: parse first (bad files store nothing), role fixes re-queue, demo seeding."""

from __future__ import annotations

import pytest

from coachlens.config import Settings
from coachlens.errors import RoleError, TranscriptError, UnsupportedFormatError
from coachlens.storage import (
    Database,
    confirm_session_roles,
    count_sessions,
    create_session_from_upload,
    get_original,
    load_coaching_session,
    rename_session_speaker,
    save_assessment,
    set_session_roles,
    swap_session_roles,
)
from coachlens.storage.demo_seed import demo_seeding_due, seed_demo_sessions

NAMED = (
    b"Anna: Hello Ben, what would you like to focus on today?\n"
    b"Ben: I keep saying yes to everything at work.\n"
    b"Anna: What makes saying no hard for you?\n"
    b"Ben: I worry people will think less of me.\n"
)


def test_upload_is_parsed_and_stored_with_its_original(db: Database, settings: Settings) -> None:
    record = create_session_from_upload(db, settings, content=NAMED, filename="week1.txt", title="Week 1")
    assert record.title == "Week 1"
    assert record.source_format == "text"
    assert record.turn_count == 4
    assert record.status == "queued"
    assert get_original(db, record.id).content == NAMED
    session = load_coaching_session(record)
    assert [t.speaker for t in session.turns] == ["Anna", "Ben", "Anna", "Ben"]


def test_roles_named_at_upload_need_no_confirmation(db: Database, settings: Settings) -> None:
    guessed = create_session_from_upload(db, settings, content=NAMED, filename="a.txt")
    named = create_session_from_upload(
        db, settings, content=NAMED, filename="b.txt", coach="Ben", client="Anna"
    )
    assert guessed.roles_inferred and guessed.needs_role_confirmation
    assert not named.needs_role_confirmation
    assert [t["role"] for t in named.transcript["turns"]][:2] == ["client", "coach"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", TranscriptError),
        (b"\x00\x01\x02\x03binary", UnsupportedFormatError),
        (b"no speaker labels here at all", UnsupportedFormatError),
        (b"Coach: only one person talks here", RoleError),
    ],
)
def test_bad_files_raise_and_store_nothing(
    db: Database, settings: Settings, content: bytes, error: type[Exception]
) -> None:
    with pytest.raises(error):
        create_session_from_upload(db, settings, content=content, filename="bad.txt")
    assert count_sessions(db) == 0


def test_swap_rename_and_assign_roles_requeue_the_session(db: Database, settings: Settings) -> None:
    record = create_session_from_upload(db, settings, content=NAMED, filename="a.txt")
    save_assessment(db, record.id, {"overall_score": 10.0})
    before = [t["role"] for t in record.transcript["turns"]]  # type: ignore[index]

    swapped = swap_session_roles(db, record.id)
    assert [t["role"] for t in swapped.transcript["turns"]] == [  # type: ignore[index]
        {"coach": "client", "client": "coach"}[r] for r in before
    ]
    assert swapped.status == "queued" and swapped.assessment is None and swapped.roles_confirmed

    renamed = rename_session_speaker(db, record.id, "Anna", "Anna K.")
    assert renamed.transcript["turns"][0]["speaker"] == "Anna K."  # type: ignore[index]

    assigned = set_session_roles(db, record.id, coach="Anna K.")
    assert assigned.transcript["turns"][0]["role"] == "coach"  # type: ignore[index]


def test_confirming_roles_keeps_the_assessment(db: Database, settings: Settings) -> None:
    record = create_session_from_upload(db, settings, content=NAMED, filename="a.txt")
    save_assessment(db, record.id, {"overall_score": 10.0})
    confirmed = confirm_session_roles(db, record.id)
    assert confirmed.roles_confirmed and confirmed.status == "done"


def test_demo_sessions_are_seeded_once(db: Database, settings: Settings) -> None:
    assert demo_seeding_due(db, settings)
    seeded = seed_demo_sessions(db, settings)
    assert len(seeded) == 3
    assert {r.demo_id for r in seeded} == {"strong-pcc", "mid-level", "consulting"}
    assert all(r.status == "queued" and r.tags == ("demo",) and not r.needs_role_confirmation for r in seeded)
    assert not demo_seeding_due(db, settings)
    # Asking again adds nothing new.
    assert [r.id for r in seed_demo_sessions(db, settings)] == [r.id for r in seeded]
    assert count_sessions(db) == 3


def test_demo_seeding_is_off_when_settings_say_so(db: Database, tmp_path: object) -> None:
    assert not demo_seeding_due(db, Settings(seed_demo_sessions=False))
