"""`coachlens assess FILE|DIR` in-process, with the small test classifier in place of the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess_cli_support import run, use_small_classifier

TRANSCRIPT = """Coach: What would you like to walk away with from our conversation today?
Client: A way to stop doing the rota at midnight. I'm exhausted, honestly.
Coach: That sounds really hard. What would tell you we'd got there?
Client: If I knew what I'd do differently on Monday.
Coach: Don't you think you should just delegate it? Have you tried asking Femi?
Client: Not really.
Coach: What are you learning about yourself?
Client: That I hold on to things.
Coach: How would you like to finish our time today?
Client: With one step written down.
"""


@pytest.fixture(autouse=True)
def _small_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    use_small_classifier(monkeypatch)


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "session.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


def test_json_to_stdout_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], transcript: Path
) -> None:
    code, out, err = run(monkeypatch, capsys, "assess", transcript)
    assert code == 0, err
    document = json.loads(out)
    assert document["schema"] == "coachlens.assessment/1"
    assert len(document["markers"]) == 37


@pytest.mark.parametrize(
    ("fmt", "marker"), [("md", "# Coaching session review"), ("html", "<!DOCTYPE html>")]
)
def test_formats_and_output_file(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    transcript: Path,
    tmp_path: Path,
    fmt: str,
    marker: str,
) -> None:
    target = tmp_path / "out" / f"report.{fmt}"
    code, out, err = run(monkeypatch, capsys, "assess", transcript, "--format", fmt, "--output", target)
    assert code == 0, err
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith(marker)
    assert f"wrote {target}" in err


def test_format_follows_the_output_extension(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], transcript: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    code, _, err = run(monkeypatch, capsys, "assess", transcript, "-o", target)
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_coach_flag_overrides_the_roles(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named = tmp_path / "named.txt"
    named.write_text(TRANSCRIPT.replace("Coach:", "Sam:").replace("Client:", "Leah:"), encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "assess", named, "--coach", "Sam", "--client", "Leah")
    assert code == 0, err
    turns = json.loads(out)["turns"]
    assert turns[0]["speaker"] == "Sam" and turns[0]["role"] == "coach"


def test_missing_file_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(monkeypatch, capsys, "assess", tmp_path / "nope.vtt")
    assert code == 1
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_folder_mode_writes_one_report_per_input_and_skips_bad_files(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "monday.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "tuesday.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "broken.vtt").write_text("", encoding="utf-8")
    (folder / "notes.pdf").write_text("not a transcript", encoding="utf-8")
    outdir = tmp_path / "reports"
    code, _, err = run(monkeypatch, capsys, "assess", folder, "--output", outdir, "--format", "md")
    assert code == 1
    assert sorted(p.name for p in outdir.iterdir()) == ["monday.md", "tuesday.md"]
    assert "skipped broken.vtt: " in err
    assert "assessed 2 of 3 transcripts" in err and "1 failed: broken.vtt" in err
    assert "notes.pdf" not in err


def test_folder_mode_all_good_exits_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "a.json").write_text(
        json.dumps(
            {
                "schema": "coachlens.transcript/1",
                "title": "a",
                "source_format": "text",
                "turns": [
                    {
                        "index": i,
                        "speaker": "Coach" if i % 2 == 0 else "Client",
                        "role": "coach" if i % 2 == 0 else "client",
                        "start_s": None,
                        "end_s": None,
                        "text": line.split(": ", 1)[1],
                    }
                    for i, line in enumerate(TRANSCRIPT.strip().splitlines())
                ],
            }
        ),
        encoding="utf-8",
    )
    outdir = tmp_path / "reports"
    code, _, err = run(monkeypatch, capsys, "assess", folder, "-o", outdir)
    assert code == 0, err
    # Two inputs share the base name "a": each report keeps its full input name.
    assert sorted(p.name for p in outdir.iterdir()) == ["a.json.json", "a.txt.json"]


def test_folder_mode_needs_an_output_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(monkeypatch, capsys, "assess", tmp_path)
    assert code == 1
    assert "needs --output OUTDIR" in err
