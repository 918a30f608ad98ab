"""`coachlens transcribe` and `coachlens parse RECORDING` as a user runs them, plus Ctrl+C handling."""

from __future__ import annotations

import _thread
import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import typer

from audio_synth import (
    DIALOGUE,
    ESPEAK,
    NEEDS_ESPEAK_REASON,
    Dialogue,
    build_dialogue,
    write_encoded,
    write_wav,
)
from coachlens.audio.types import Progress, TranscriptionStopped
from coachlens.commands.audio import split_names, transcribe_with_progress


def coachlens(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coachlens.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def short_dialogue() -> Dialogue:
    if ESPEAK is None:
        pytest.skip(NEEDS_ESPEAK_REASON)
    return build_dialogue(DIALOGUE[:3])


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory, short_dialogue: Dialogue) -> Path:
    folder = tmp_path_factory.mktemp("cli-audio")
    write_wav(folder / "coach.wav", short_dialogue.track("coach"))
    write_wav(folder / "client.wav", short_dialogue.track("client"))
    write_wav(folder / "call.wav", np.stack([short_dialogue.track("coach"), short_dialogue.track("client")]))
    write_wav(folder / "mixed.wav", short_dialogue.track(None))
    return folder


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.audio
@pytest.mark.xdist_group("audio")
def test_per_speaker_files_to_json(recordings: Path) -> None:
    result = coachlens("transcribe", recordings / "coach.wav", recordings / "client.wav", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "coachlens.transcript/1"
    assert data["audio"]["layout"] == "files"
    assert [t["speaker"] for t in data["turns"]] == ["Coach", "Client", "Coach"]
    assert [t["role"] for t in data["turns"]] == ["coach", "client", "coach"]
    assert data["timing"]["overlaps"][0]["kind"] == "coach_over_client"
    assert data["words"][0] == {**data["words"][0], "speaker": "Coach"}
    assert "real-time factor" in result.stderr


@pytest.mark.audio
@pytest.mark.xdist_group("audio")
def test_stereo_to_vtt_reads_back_with_parse(recordings: Path, tmp_path: Path) -> None:
    out = tmp_path / "call.vtt"
    result = coachlens(
        "transcribe", recordings / "call.wav", "--names", "Ana, Ben", "-f", "vtt", "-o", out, "-q"
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")
    parsed = coachlens("parse", out)
    assert parsed.returncode == 0, parsed.stderr
    turns = json.loads(parsed.stdout)["turns"]
    assert [t["speaker"] for t in turns] == ["Ana", "Ben", "Ana"]
    assert turns[2]["start_s"] < turns[1]["end_s"]  # the overlap survives the round trip


@pytest.mark.audio
@pytest.mark.xdist_group("audio")
def test_parse_accepts_a_recording(recordings: Path, short_dialogue: Dialogue) -> None:
    result = coachlens("parse", recordings / "mixed.wav")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source_format"] == "audio"
    assert len(data["turns"]) == 3
    for turn, line in zip(data["turns"], short_dialogue.lines, strict=True):
        assert turn["start_s"] == pytest.approx(line.start_s, abs=0.3)


@pytest.mark.audio
@pytest.mark.xdist_group("audio")
def test_assess_turns_a_recording_into_the_evidence_linked_report(
    tmp_path: Path, short_dialogue: Dialogue
) -> None:
    recording = write_encoded(tmp_path / "recording.m4a", short_dialogue.track(None))
    result = coachlens("assess", recording, "--coach", "Speaker 1", "-f", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "coachlens.assessment/1"
    assert report["session"]["source_format"] == "audio"
    assert [t["role"] for t in report["turns"]] == ["coach", "client", "coach"]
    markers = {m["id"]: m for m in report["markers"]}
    assert markers["6.6"]["status"] == "missed"  # the coach started a second before the client finished
    assert markers["6.6"]["evidence"][0]["turn"] == 2
    assert markers["5.5"]["status"] != "not_assessable"


@pytest.mark.audio
@pytest.mark.xdist_group("audio")
def test_bad_recordings_give_one_line(recordings: Path, tmp_path: Path) -> None:
    corrupt = tmp_path / "zoom_0.m4a"
    corrupt.write_bytes(np.random.default_rng(2).integers(0, 256, 4000, dtype=np.uint8).tobytes())
    line = one_error_line(coachlens("parse", corrupt))
    assert line.startswith("error: zoom_0.m4a is damaged or is not a recording")

    line = one_error_line(coachlens("transcribe", recordings / "call.wav", "--names", "Ana"))
    assert "--names gives 1 name(s) for 2 speaker(s)" in line

    silent = write_wav(tmp_path / "muted.wav", np.zeros(16_000 * 3, dtype=np.float32))
    line = one_error_line(coachlens("transcribe", silent))
    assert line.startswith("error: muted.wav has no speech that could be recognised")

    line = one_error_line(
        coachlens("transcribe", recordings / "coach.wav", "--transcript", tmp_path / "none.vtt")
    )
    assert "none.vtt: no such file" in line


def test_names_are_split_on_commas() -> None:
    assert split_names(" Ana , Ben Ode") == ["Ana", "Ben Ode"]
    assert split_names(None) is None


def test_ctrl_c_stops_after_the_current_chunk_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    stopped_cleanly = threading.Event()

    def work(progress: object, stop: threading.Event) -> None:
        assert callable(progress)
        progress(Progress("transcribing", 60.0, 3600.0, 6.0))
        _thread.interrupt_main()  # what Ctrl+C does to the main thread
        assert stop.wait(10), "the stop event was never set"
        stopped_cleanly.set()
        raise TranscriptionStopped(
            "transcription of long.m4a stopped at 1:00 of 1:00:00 on request; nothing was saved",
            done_s=60.0,
            total_s=3600.0,
        )

    with pytest.raises(typer.Exit) as info:
        transcribe_with_progress(work, quiet=True)
    assert info.value.exit_code == 130
    assert stopped_cleanly.is_set()
    err = capsys.readouterr().err
    assert "error: transcription of long.m4a stopped at 1:00 of 1:00:00 on request; nothing was saved" in err
