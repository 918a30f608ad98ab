"""`coachlens assess DIR` with recordings in the folder: transcribed and assessed, or skipped with one
line when the audio extra is missing (docs/audio.md, docs/cli.md)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import rich.progress

import coachlens.commands.assess as assess_command
from assess_cli_support import run, use_small_classifier
from audio_synth import DIALOGUE, ESPEAK, NEEDS_ESPEAK_REASON, build_dialogue, write_encoded

TRANSCRIPT = """Coach: What would you like to walk away with from our conversation today?
Client: A way to stop doing the rota at midnight. I'm exhausted, honestly.
Coach: What would tell you we'd got there?
Client: If I knew what I'd do differently on Monday.
Coach: How would you like to finish our time today?
Client: With one step written down.
"""
EXTRA_MISSING = "recordings need the audio extra: pip install 'coachlens[audio]'"


@pytest.fixture(autouse=True)
def _small_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    use_small_classifier(monkeypatch)


@pytest.fixture
def without_audio_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """faster-whisper looks uninstalled, and transcribing anyway would fail the test."""
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> Any:
        if name.split(".")[0] == "faster_whisper":
            return None
        return real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)

    def no_transcribing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a recording was transcribed without the audio extra")

    monkeypatch.setattr("coachlens.commands.audio.transcribe_with_progress", no_transcribing)


def test_without_the_audio_extra_recordings_are_skipped_and_transcripts_assessed(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    without_audio_extra: None,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "monday.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "talk.m4a").write_bytes(b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00" + bytes(64))
    outdir = tmp_path / "reports"
    code, _, err = run(monkeypatch, capsys, "assess", folder, "--output", outdir)
    assert code == 0, err
    assert "Traceback" not in err
    assert sorted(p.name for p in outdir.iterdir()) == ["monday.json"]
    assert err.count(f"skipped talk.m4a: {EXTRA_MISSING}\n") == 1
    assert err.count("talk.m4a") == 2  # the skip line and the summary, nothing else
    summary = err.strip().splitlines()[-1]
    assert summary == (
        f"assessed 1 of 2 transcripts and recordings into {outdir}; 1 skipped ({EXTRA_MISSING}): talk.m4a"
    )


def test_only_recordings_without_the_audio_extra_end_with_a_summary(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    without_audio_extra: None,
) -> None:
    folder = tmp_path / "zoom"
    folder.mkdir()
    (folder / "a.m4a").write_bytes(bytes(64))
    (folder / "b.wav").write_bytes(bytes(64))
    outdir = tmp_path / "reports"
    code, _, err = run(monkeypatch, capsys, "assess", folder, "-o", outdir)
    assert code == 1
    assert "Traceback" not in err and "error:" not in err
    lines = err.strip().splitlines()
    assert lines == [
        f"skipped a.m4a: {EXTRA_MISSING}",
        f"skipped b.wav: {EXTRA_MISSING}",
        f"assessed 0 of 2 recordings into {outdir}; 2 skipped ({EXTRA_MISSING}): a.m4a, b.wav",
    ]


def test_a_folder_with_nothing_usable_mentions_recordings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.pdf").write_text("not a transcript", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "assess", folder, "-o", tmp_path / "out")
    assert code == 1
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1
    assert "no transcripts" in err and "recordings (.m4a, .mp3, .wav" in err


def test_recording_suffixes_are_the_single_file_list() -> None:
    from coachlens.audio.decode import AUDIO_EXTENSIONS

    assert assess_command.recording_suffixes() == frozenset(AUDIO_EXTENSIONS)
    assert {".m4a", ".mp3", ".wav"} <= assess_command.recording_suffixes()


@pytest.mark.audio
@pytest.mark.xdist_group("audio")
def test_a_folder_with_a_transcript_and_a_recording_gives_two_reports(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if ESPEAK is None:
        pytest.skip(NEEDS_ESPEAK_REASON)
    pytest.importorskip("faster_whisper", reason="the audio extra is not installed")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "monday.txt").write_text(TRANSCRIPT, encoding="utf-8")
    write_encoded(folder / "call.m4a", build_dialogue(DIALOGUE[:3]).track(None))

    descriptions: list[str] = []
    enabled_bars: list[bool] = []
    real_update = rich.progress.Progress.update
    real_start = rich.progress.Progress.start

    def update(self: rich.progress.Progress, task_id: Any, **fields: Any) -> None:
        if "description" in fields:
            descriptions.append(fields["description"])
        real_update(self, task_id, **fields)

    def start(self: rich.progress.Progress) -> None:
        enabled_bars.append(not self.disable)
        real_start(self)

    monkeypatch.setattr(rich.progress.Progress, "update", update)
    monkeypatch.setattr(rich.progress.Progress, "start", start)

    outdir = tmp_path / "reports"
    code, _, err = run(monkeypatch, capsys, "assess", folder, "--output", outdir)
    assert code == 0, err
    assert "Traceback" not in err
    assert sorted(p.name for p in outdir.iterdir()) == ["call.json", "monday.json"]
    report = json.loads((outdir / "call.json").read_text(encoding="utf-8"))
    assert report["session"]["source_format"] == "audio"
    assert len(report["turns"]) == 3 and len(report["markers"]) == 37
    assert "assessed 2 of 2 transcripts and recordings into" in err

    # One bar on screen (the folder's): the transcription reports into it instead of drawing its own.
    assert enabled_bars.count(True) == 1, enabled_bars
    mine = [d for d in descriptions if "call.m4a" in d]
    assert mine[0] == "transcribing call.m4a"
    assert any(d.startswith("transcribing call.m4a ") and d.endswith("%") for d in mine), mine
    assert mine[-1] == "assessing call.m4a"
    assert descriptions.index("assessing call.m4a") > descriptions.index("transcribing call.m4a")
