"""`coachlens personas` and `coachlens practice` (scripted and interactive) through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import Cli
from coachlens.commands.practice import read_script, trust_meter
from coachlens.config import load_settings
from coachlens.errors import PracticeError
from coachlens.storage import list_sessions, upgrade_database

SCRIPTS = Path(__file__).parent / "data" / "practice"


def test_personas_json_lists_id_name_brief_and_layers(cli: Cli) -> None:
    result = cli("personas", "--format", "json")
    assert result.code == 0, result.err
    personas = json.loads(result.out)
    assert len(personas) >= 8
    for persona in personas:
        assert {"id", "name", "brief", "layers"} <= persona.keys()
        assert persona["layers"] in (3, 4)
    text = cli("personas")
    assert "mei-new-manager" in text.out and "Mei Lin Tan" in text.out


def test_scripted_practice_prints_the_practice_json(cli: Cli, tmp_path: Path) -> None:
    args = ("practice", "--persona", "mei-new-manager", "--script", str(SCRIPTS / "empathic_coach.txt"))
    result = cli(*args, "--format", "json", "--seed", "5")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["schema"] == "coachlens.practice/1"
    assert document["persona"] == "mei-new-manager"
    assert document["layer_reached"] == 4
    turns = document["turns"]
    assert len(turns) == 40 and [t["role"] for t in turns[:2]] == ["coach", "client"]
    assert all({"role", "text", "trust"} <= t.keys() for t in turns)
    assert turns[0]["text"] == "Welcome. What would you like to focus on today?"
    assessment = document["assessment"]
    assert assessment["schema"] == "coachlens.assessment/1"
    assert assessment["session"]["turn_count"] == 40
    assert document["debrief"]["next_time"]
    again = cli(*args, "--format", "json", "--seed", "5")
    assert [t["text"] for t in json.loads(again.out)["turns"]] == [t["text"] for t in turns]
    # Scripted runs are not stored unless asked.
    db = upgrade_database(load_settings())
    try:
        assert list_sessions(db) == []
    finally:
        db.dispose()


def test_scripted_text_output_and_save(cli: Cli, tmp_path: Path) -> None:
    script = tmp_path / "coach.txt"
    script.write_text(
        "# warm-up\nCoach: What would you like to focus on today?\n\nThat sounds hard.\n", encoding="utf-8"
    )
    out = tmp_path / "out.txt"
    result = cli("practice", "-p", "karin-burnout", "--script", str(script), "--save", "-o", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "Coach: What would you like to focus on today?" in text and "DEBRIEF" in text
    assert "saved as practice session" in result.err
    db = upgrade_database(load_settings())
    try:
        stored = list_sessions(db, kind="practice")
        assert len(stored) == 1 and stored[0].turn_count == 4
    finally:
        db.dispose()


def test_interactive_practice_to_the_debrief(cli: Cli) -> None:
    stdin = "\n".join(
        ["What would you like to focus on today?", "/hints", "That sounds like a lot to carry.", "/end"]
    )
    result = cli("practice", "--persona", "rafael-career-change", "--seed", "1", stdin=stdin + "\n")
    assert result.code == 0, result.err
    assert "Rafael Costa:" in result.out
    assert "trust [" in result.out and "hint:" in result.out
    assert "hints off" in result.out
    assert "DEBRIEF" in result.out and "One thing to try next time" in result.out
    assert "Saved as practice session" in result.out


def test_interactive_picker_and_leaving_without_a_turn(cli: Cli) -> None:
    result = cli("practice", stdin="2\n/end\n")
    assert result.code == 0, result.err
    assert "Who would you like to coach?" in result.out
    assert "No turns, no debrief" in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("practice", "--persona", "no-such-person", "--script", "x.txt"), "no persona 'no-such-person'"),
        (("practice", "--script", "x.txt"), "needs --persona"),
        (("practice", "--persona", "mei-new-manager", "--script", "missing.txt"), "does not exist"),
    ],
)
def test_bad_input_is_one_error_line(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli(*args)
    assert result.code == 1
    assert message in result.err and result.err.startswith("error:")
    assert "Traceback" not in result.err


def test_read_script_rules(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n# only a comment\n", encoding="utf-8")
    with pytest.raises(PracticeError, match="no coach lines"):
        read_script(empty)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(PracticeError, match="UTF-8"):
        read_script(binary)


def test_trust_meter() -> None:
    assert trust_meter(50, width=10) == "trust [#####.....] 50"
    assert trust_meter(120, width=4) == "trust [####] 120"
