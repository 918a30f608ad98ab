"""`coachlens mentoring log / list`, through the real CLI entry point in-process (own data dir per test)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from coachlens.cli import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["coachlens", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_log_then_list_as_text(cli: Callable[..., Run]) -> None:
    logged = cli(
        "mentoring", "log", "--minutes", "90", "--mentee", "Sam", "--date", "2026-01-10", "--note", "6.1"
    )
    assert logged.code == 0, logged.err
    assert "logged 1 h 30 min of individual mentoring for Sam on 2026-01-10" in logged.out
    cli("mentoring", "log", "--minutes", "60", "--mentee", "Sam", "--kind", "group", "--date", "2026-02-10")

    listing = cli("mentoring", "list")
    assert listing.code == 0
    assert "2026-01-10  Sam  individual  1 h 30 min  mentor mentor  6.1" in listing.out
    assert "Sam: 2 h 30 min (1 h 30 min individual, 1 h group); counts 2 h 30 min of 10 h; 1 of 3 months" in (
        listing.out
    )
    assert "still needs at least 7 h 30 min more and a spread of 3 months" in listing.out
    assert "not an ICF ruling" in listing.out


def test_list_as_json_with_guide(cli: Callable[..., Run]) -> None:
    for month in (1, 2, 4):
        cli("mentoring", "log", "--minutes", "200", "--mentee", "Kim", "--date", f"2026-0{month}-03")
    cli("mentoring", "log", "--minutes", "30", "--mentee", "Lee", "--mentor", "Ana", "--kind", "group")

    document = json.loads(cli("mentoring", "list", "--format", "json").out)
    assert [e["mentee"] for e in document["entries"]] == ["Kim", "Kim", "Kim", "Lee"]
    kim, lee = document["mentees"]
    assert kim["total_minutes"] == 600 and kim["icf_guide"]["met"] is True and kim["icf_guide"]["advisory"]
    assert lee["group_minutes"] == 30 and lee["icf_guide"]["met"] is False
    assert document["entries"][-1]["mentor"] == "Ana" and document["entries"][-1]["kind"] == "group"

    only_lee = json.loads(cli("mentoring", "list", "--mentee", "Lee", "--format", "json").out)
    assert [m["mentee"] for m in only_lee["mentees"]] == ["Lee"]


def test_empty_list_says_how_to_start(cli: Callable[..., Run]) -> None:
    listing = cli("mentoring", "list")
    assert listing.code == 0 and "no mentoring logged yet" in listing.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--minutes", "0", "--mentee", "Sam"), "between 1 and 1440"),
        (("--minutes", "60", "--mentee", " "), "mentee"),
        (("--minutes", "60", "--mentee", "Sam", "--kind", "pairs"), "choose individual or group"),
        (("--minutes", "60", "--mentee", "Sam", "--date", "10/01/2026"), "YYYY-MM-DD"),
        (("--minutes", "60", "--mentee", "Sam", "--session", "nosuchsession"), "nosuchsession"),
    ],
)
def test_bad_log_input_is_one_line_and_stores_nothing(
    cli: Callable[..., Run], args: tuple[str, ...], message: str
) -> None:
    result = cli("mentoring", "log", *args)
    assert result.code == 1
    assert result.err.startswith("error: ") and message in result.err and "Traceback" not in result.err
    assert "no mentoring logged yet" in cli("mentoring", "list").out


def test_future_date_and_unknown_format_are_refused(cli: Callable[..., Run]) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    future = cli("mentoring", "log", "--minutes", "60", "--mentee", "Sam", "--date", tomorrow)
    assert future.code == 1 and "in the future" in future.err
    bad_format = cli("mentoring", "list", "--format", "xml")
    assert bad_format.code == 1 and "choose text or json" in bad_format.err


def test_registering_the_commands_does_not_import_storage() -> None:
    code = (
        "import sys, typer\nfrom coachlens.commands import mentoring\n"
        "mentoring.register(typer.Typer())\nprint('coachlens.storage' in sys.modules, 'sqlalchemy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False False"
