"""Stored sessions: round trip, list/search/sort, rename, tag, delete with everything derived."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, func, select

from coachlens.errors import NotFoundError, StorageError
from coachlens.storage import (
    Database,
    NewSession,
    add_annotation,
    add_session,
    assessed_sessions,
    count_sessions,
    delete_session,
    get_original,
    get_session,
    list_annotations,
    list_mentoring_hours,
    list_sessions,
    log_mentoring_hours,
    rename_session,
    replace_transcript,
    save_assessment,
    tag_session,
)
from coachlens.storage.tables import AnnotationRow, AssessmentRow, OriginalRow, SessionRow


def transcript(*texts: str) -> dict[str, Any]:
    roles = ("coach", "client")
    return {
        "schema": "coachlens.transcript/1",
        "title": "t",
        "source_format": "text",
        "duration_s": 90.0,
        "turns": [
            {
                "index": i,
                "speaker": roles[i % 2].title(),
                "role": roles[i % 2],
                "start_s": None,
                "end_s": None,
                "text": t,
            }
            for i, t in enumerate(texts)
        ],
    }


def store(db: Database, title: str = "Session", **changes: Any) -> str:
    fields: dict[str, Any] = {
        "title": title,
        "filename": f"{title}.txt",
        "content": f"Coach: hello from {title}\nClient: hi\n".encode(),
        "source_format": "text",
        "transcript": transcript("What would you like to explore?", "My week."),
    }
    fields.update(changes)
    return add_session(db, NewSession(**fields)).id


def test_a_stored_session_comes_back_whole(db: Database) -> None:
    content = "Coach: Hi\nClient: Héllo\n".encode()
    session_id = store(db, "Week 1", content=content, tags=("pcc prep",), client_pseudonym="Client A")
    record = get_session(db, session_id)
    assert record.title == "Week 1"
    assert record.status == "queued"
    assert record.progress == 0
    assert record.turn_count == 2
    assert record.duration_s == 90.0
    assert record.tags == ("pcc prep",)
    assert record.client_pseudonym == "Client A"
    assert record.transcript is not None and record.transcript["turns"][1]["text"] == "My week."
    assert record.assessment is None
    assert record.created_at.tzinfo is not None
    original = get_original(db, session_id)
    assert original.content == content
    assert original.sha256 == hashlib.sha256(content).hexdigest() == record.source_sha256


def test_unknown_id_is_not_found_everywhere(db: Database) -> None:
    for call in (
        lambda: get_session(db, "missing"),
        lambda: get_original(db, "missing"),
        lambda: rename_session(db, "missing", "x"),
        lambda: tag_session(db, "missing", kind="practice"),
        lambda: delete_session(db, "missing"),
        lambda: save_assessment(db, "missing", {}),
    ):
        with pytest.raises(NotFoundError, match="missing"):
            call()


def test_search_matches_title_pseudonym_filename_and_tags(db: Database) -> None:
    a = store(db, "Career change", client_pseudonym="Robin")
    b = store(db, "Team conflict", tags=("mentoring",))
    c = store(db, "Other", filename="zoom_export_100%.vtt")
    assert [s.id for s in list_sessions(db, search="career")] == [a]
    assert [s.id for s in list_sessions(db, search="ROBIN")] == [a]
    assert [s.id for s in list_sessions(db, search="mentor")] == [b]
    # % and _ are matched literally, not as SQL wildcards.
    assert [s.id for s in list_sessions(db, search="100%")] == [c]
    assert list_sessions(db, search="0_") == []
    assert len(list_sessions(db, search="   ")) == 3


def test_sort_orders_and_filters(db: Database) -> None:
    first = store(db, "banana")
    second = store(db, "Apple", kind="practice")
    third = store(db, "cherry", session_date=date(2024, 5, 1))
    save_assessment(db, first, {"overall_score": 80.0, "readiness": {"level": "pcc"}})
    save_assessment(db, second, {"overall_score": 40.0, "readiness": {"level": "acc"}})
    ids = lambda sort: [s.id for s in list_sessions(db, sort=sort)]  # noqa: E731
    assert ids("newest") == [third, second, first]
    assert ids("oldest") == [first, second, third]
    assert ids("title") == [second, first, third]
    assert ids("score_high") == [first, second, third]
    assert ids("score_low") == [second, first, third]
    assert ids("session_date")[0] == third
    assert [s.id for s in list_sessions(db, kind="practice")] == [second]
    assert [s.id for s in list_sessions(db, status="done")] == [second, first]
    assert [s.id for s in list_sessions(db, limit=1, offset=1)] == [second]
    with pytest.raises(StorageError):
        list_sessions(db, sort="random")  # type: ignore[arg-type]


def test_rename_and_tag(db: Database) -> None:
    session_id = store(db, "Old title", client_pseudonym="A", session_date=date(2024, 1, 2))
    assert rename_session(db, session_id, "  New   title ").title == "New title"
    with pytest.raises(StorageError, match="empty"):
        rename_session(db, session_id, "   ")
    changed = tag_session(db, session_id, kind="practice", tags=["PCC", "pcc", " mentor "])
    assert changed.kind == "practice"
    assert changed.tags == ("PCC", "mentor")
    assert changed.client_pseudonym == "A"  # left as it was
    assert changed.session_date == date(2024, 1, 2)
    cleared = tag_session(db, session_id, client_pseudonym=None, session_date=None)
    assert cleared.client_pseudonym is None and cleared.session_date is None
    assert cleared.tags == ("PCC", "mentor")
    with pytest.raises(StorageError, match="kind"):
        tag_session(db, session_id, kind="secret")  # type: ignore[arg-type]


def test_delete_removes_original_assessment_and_notes(db: Database) -> None:
    keep = store(db, "Keep")
    gone = store(db, "Gone")
    save_assessment(db, gone, {"overall_score": 50.0})
    add_annotation(db, gone, turn_index=0, author="Mentor", body="Lovely open question.")
    log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 3, 1), minutes=60, session_id=gone)
    delete_session(db, gone)
    with pytest.raises(NotFoundError):
        get_session(db, gone)
    with db.reading() as s:
        for table in (SessionRow, OriginalRow, AssessmentRow, AnnotationRow):
            column = table.id if table is SessionRow else table.session_id  # type: ignore[attr-defined]
            assert s.scalar(select(func.count()).select_from(table).where(column == gone)) == 0
    assert list_annotations(db, gone) == []
    # The mentor's logged hours survive, without the link to the deleted session.
    hours = list_mentoring_hours(db)
    assert len(hours) == 1 and hours[0].session_id is None
    assert [s.id for s in list_sessions(db)] == [keep]


def test_save_assessment_sets_the_headline_columns(db: Database) -> None:
    session_id = store(db)
    summary = save_assessment(db, session_id, {"overall_score": 72.25, "readiness": {"level": "pcc"}})
    assert summary.status == "done" and summary.progress == 100
    assert summary.overall_score == 72.25 and summary.readiness == "pcc"
    assert get_session(db, session_id).assessment == {"overall_score": 72.25, "readiness": {"level": "pcc"}}


def test_replacing_the_transcript_drops_the_old_assessment_and_requeues(db: Database) -> None:
    session_id = store(db)
    save_assessment(db, session_id, {"overall_score": 60.0})
    record = replace_transcript(
        db, session_id, transcript("a", "b", "c"), roles_inferred=False, roles_confirmed=True
    )
    assert record.status == "queued" and record.assessment is None
    assert record.turn_count == 3 and record.overall_score is None and record.roles_confirmed


def test_assessed_sessions_are_oldest_first_and_can_leave_out_demos(db: Database) -> None:
    late = store(db, "late", session_date=date(2024, 6, 1))
    early = store(db, "early", session_date=date(2024, 1, 1))
    demo = store(db, "demo", demo_id="strong-pcc")
    store(db, "not assessed")
    for session_id in (late, early, demo):
        save_assessment(db, session_id, {"overall_score": 50.0})
    assert [r.id for r in assessed_sessions(db, include_demo=False)] == [early, late]
    everything = assessed_sessions(db)
    assert {r.id for r in everything} == {late, early, demo}
    assert all(r.assessment is not None for r in everything)


def test_a_failed_write_leaves_no_half_saved_session(db: Database) -> None:
    """The original is written in the same transaction as the session row: one fails, neither exists."""

    def crash(*_args: Any) -> None:
        raise RuntimeError("disk full")

    event.listen(OriginalRow, "before_insert", crash)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            store(db, "Doomed")
    finally:
        event.remove(OriginalRow, "before_insert", crash)
    assert count_sessions(db) == 0
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(OriginalRow)) == 0


def test_a_session_can_be_stored_already_assessed(db: Database) -> None:
    """A practice run arrives with its assessment: one transaction, no window where it looks queued."""
    session_id = store(
        db, "Practice", kind="practice", assessment={"overall_score": 66.0, "readiness": {"level": "acc"}}
    )
    record = get_session(db, session_id)
    assert record.status == "done" and record.progress == 100
    assert record.overall_score == 66.0 and record.assessment == {
        "overall_score": 66.0,
        "readiness": {"level": "acc"},
    }


def test_tag_filter_is_exact_and_pages_after_filtering(db: Database) -> None:
    tagged = [store(db, f"t{n}", tags=("PCC prep",)) for n in range(3)]
    store(db, "other", tags=("pcc",))
    store(db, "none")
    assert [s.id for s in list_sessions(db, tag="pcc prep", sort="oldest")] == tagged
    assert [s.id for s in list_sessions(db, tag="pcc prep", sort="oldest", limit=1, offset=1)] == [tagged[1]]
    assert len(list_sessions(db, tag="pcc")) == 1
