"""`coachlens parse` as a user runs it: real processes, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "transcripts"


def coachlens(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coachlens.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_json_output_is_the_transcript_contract() -> None:
    result = coachlens("parse", DATA / "zoom.vtt")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"schema", "title", "source_format", "duration_s", "turns"}
    assert data["schema"] == "coachlens.transcript/1"
    assert data["source_format"] == "vtt"
    assert data["duration_s"] == pytest.approx(64.75)
    assert set(data["turns"][0]) == {"index", "speaker", "role", "start_s", "end_s", "text"}
    assert data["turns"][1]["speaker"] == "Daniel Okafor"
    assert data["turns"][1]["role"] == "client"
    # The inferred roles are announced on stderr, never mixed into the JSON.
    assert result.stderr.startswith("note: roles inferred (confidence")


def test_text_output_with_a_coach_override() -> None:
    result = coachlens("parse", DATA / "timestamped.txt", "--format", "text", "--coach", "Raj")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "[00:00:04] Lena Hoffmann (client): Good morning, Raj. What would you like to work on today?"
    )
    assert lines[2].startswith("[00:00:09] Raj Patel (coach): ")
    assert result.stderr == ""


def test_warnings_go_to_stderr_and_json_stays_clean(tmp_path: Path) -> None:
    path = tmp_path / "no-header.vtt"
    path.write_text(
        "00:00:01.000 --> 00:00:03.000\nCoach: What's on your mind?\n\n"
        "00:00:03.500 --> 00:00:06.000\nClient: My new role.\n",
        encoding="utf-8",
    )

    result = coachlens("parse", path)

    assert result.returncode == 0
    assert json.loads(result.stdout)["turns"][1]["text"] == "My new role."
    assert result.stderr == "warning: no-header.vtt has no WEBVTT header line; it was read as WebVTT anyway\n"


def test_input_format_option_forces_a_reader(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.vtt"
    path.write_text("Coach: Hello?\nClient: Hi.\n", encoding="utf-8")

    result = coachlens("parse", path, "--input-format", "text")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source_format"] == "text"


@pytest.mark.parametrize(
    ("name", "content", "extra", "expected"),
    [
        ("missing.vtt", None, (), "missing.vtt: no such file; check the path"),
        ("empty.vtt", b"", (), "empty.vtt is empty; export the transcript again or pick another file"),
        ("photo.vtt", b"\x89PNG\r\n\x1a\n" + bytes(300), (), "photo.vtt is a PNG image, not a transcript"),
        ("solo.txt", b"Ana Silva: Just me talking.\n", (), "solo.txt has only one speaker ('Ana Silva')"),
        ("pair.txt", b"Ana Silva: Hi?\nBen Ode: Hi.\n", ("--coach", "Zed"), "--coach 'Zed' is not a speaker"),
    ],
)
def test_bad_input_exits_1_with_one_error_line(
    tmp_path: Path, name: str, content: bytes | None, extra: tuple[str, ...], expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    result = coachlens("parse", path, *extra)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [("parse",), ("parse", "x.vtt", "--format", "xml"), ("parse", "x.vtt", "--nope")]
)
def test_wrong_usage_exits_2(args: tuple[str, ...]) -> None:
    result = coachlens(*args)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
