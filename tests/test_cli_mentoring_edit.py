"""`coachlens mentoring edit / delete` through the real CLI entry point (own data dir per test)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from cli_support import Cli


def entries(cli: Cli) -> list[dict[str, Any]]:
    listing = cli("mentoring", "list", "--format", "json")
    assert listing.code == 0, listing.err
    result: list[dict[str, Any]] = json.loads(listing.out)["entries"]
    return result


def total(cli: Cli, mentee: str) -> int:
    document = json.loads(cli("mentoring", "list", "--format", "json").out)
    return sum(m["total_minutes"] for m in document["mentees"] if m["mentee"] == mentee)


def log(cli: Cli, *args: str) -> int:
    logged = cli("mentoring", "log", "--minutes", "60", "--mentee", "Sam", "--date", "2026-01-10", *args)
    assert logged.code == 0, logged.err
    [entry_id] = [e["id"] for e in entries(cli) if e["note"] == (args[-1] if args else "")][-1:]
    return int(entry_id)


def one_line_error(run: Any, text: str) -> None:
    assert run.code == 1
    assert run.err.startswith("error: ") and text in run.err, run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err


def test_list_shows_the_ids_to_edit(cli: Cli) -> None:
    entry_id = log(cli, "--note", "first")
    assert (
        f"#{entry_id}  2026-01-10  Sam  individual  1 h  mentor mentor  first" in cli("mentoring", "list").out
    )


def test_edit_changes_only_the_given_values(cli: Cli) -> None:
    entry_id = log(cli, "--note", "first")
    other_id = log(cli, "--mentee", "Kim", "--note", "other")
    assert total(cli, "Sam") == 60

    edited = cli(
        "mentoring", "edit", str(entry_id), "--minutes", "90", "--kind", "group", "--note", "corrected"
    )
    assert edited.code == 0, edited.err
    assert f"updated entry {entry_id}: 1 h 30 min of group mentoring for Sam on 2026-01-10" in edited.out
    by_id = {e["id"]: e for e in entries(cli)}
    assert by_id[entry_id] | {"id": 0} == {
        "id": 0,
        "date": "2026-01-10",
        "mentee": "Sam",
        "mentor": "mentor",
        "kind": "group",
        "minutes": 90,
        "session_id": None,
        "note": "corrected",
    }
    assert by_id[other_id]["minutes"] == 60 and by_id[other_id]["mentee"] == "Kim"
    assert total(cli, "Sam") == 90

    renamed = cli(
        "mentoring", "edit", str(entry_id), "--mentee", "Lee", "--mentor", "Ana", "--date", "2026-01-02"
    )
    assert renamed.code == 0, renamed.err
    assert total(cli, "Sam") == 0 and total(cli, "Lee") == 90
    assert {e["id"]: (e["mentor"], e["date"]) for e in entries(cli)}[entry_id] == ("Ana", "2026-01-02")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--minutes", "0"), "between 1 and 1440"),
        (("--mentee", " "), "mentee"),
        (("--kind", "pairs"), "choose individual or group"),
        (("--date", "10/01/2026"), "YYYY-MM-DD"),
        (("--date", (date.today() + timedelta(days=1)).isoformat()), "in the future"),
        (("--session", "nosuchsession"), "nosuchsession"),
        (("--session", "abc", "--no-session"), "not both"),
        ((), "nothing to change"),
    ],
)
def test_bad_edits_are_one_line_and_change_nothing(cli: Cli, args: tuple[str, ...], message: str) -> None:
    entry_id = log(cli, "--note", "first")
    before = entries(cli)
    one_line_error(cli("mentoring", "edit", str(entry_id), *args), message)
    assert entries(cli) == before


def test_editing_or_deleting_a_missing_id_is_one_line(cli: Cli) -> None:
    one_line_error(cli("mentoring", "edit", "999", "--minutes", "30"), "no mentoring entry with id 999")
    one_line_error(cli("mentoring", "delete", "999", "--yes"), "no mentoring entry with id 999")
    one_line_error(cli("mentoring", "delete", "999"), "no mentoring entry with id 999")


def test_delete_with_yes_removes_the_entry_and_its_minutes(cli: Cli) -> None:
    keep = log(cli, "--note", "keep")
    gone = log(cli, "--note", "gone")
    assert total(cli, "Sam") == 120
    deleted = cli("mentoring", "delete", str(gone), "--yes")
    assert deleted.code == 0, deleted.err
    assert f"deleted entry {gone}: 1 h of individual mentoring for Sam on 2026-01-10" in deleted.out
    assert [e["id"] for e in entries(cli)] == [keep]
    assert total(cli, "Sam") == 60
    one_line_error(cli("mentoring", "delete", str(gone), "--yes"), f"no mentoring entry with id {gone}")


def test_delete_asks_first(cli: Cli) -> None:
    entry_id = log(cli, "--note", "asked")

    declined = cli("mentoring", "delete", str(entry_id), stdin="n\n")
    assert declined.code == 0 and f"delete entry {entry_id}" in declined.err
    assert "nothing was deleted" in declined.out
    assert [e["id"] for e in entries(cli)] == [entry_id]

    unanswered = cli("mentoring", "delete", str(entry_id), stdin="")
    assert unanswered.code == 1 and "Traceback" not in unanswered.err
    question, error = unanswered.err.splitlines()
    assert question.startswith(f"delete entry {entry_id}") and error.startswith("error: ")
    assert "was not deleted" in error and "pass --yes" in error
    assert [e["id"] for e in entries(cli)] == [entry_id]

    confirmed = cli("mentoring", "delete", str(entry_id), stdin="y\n")
    assert confirmed.code == 0, confirmed.err
    assert entries(cli) == [] and total(cli, "Sam") == 0
