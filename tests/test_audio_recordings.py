"""Real transcription of a spoken two-voice dialogue: words, speakers, the known pause and the overlap.

espeak-ng speaks DIALOGUE (tests/audio_synth.py) with a coach and a client voice; the timeline has
a 3-second pause after the coach's second question and the coach starting one second before the
client finishes. The same dialogue is transcribed as one file per speaker, as a stereo file and
as a mixed mono track, and aligned to a labelled transcript.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np
import pytest

from audio_synth import ESPEAK, NEEDS_ESPEAK_REASON, Dialogue, build_dialogue, write_encoded, write_wav
from coachlens.audio.ingest import RecordingTranscript, session_from_recording, transcribe_recording
from coachlens.audio.types import Progress, TranscriptionStopped
from coachlens.config import Settings
from coachlens.errors import AudioError

pytestmark = [
    pytest.mark.audio,
    pytest.mark.xdist_group("audio"),
    pytest.mark.skipif(ESPEAK is None, reason=NEEDS_ESPEAK_REASON),
]

PAUSE_AFTER_LINE = 2  # "What makes it hard to say no?" is followed by 3 s of silence
OVERLAP_AT_LINE = 2  # ...and it starts 1 s before the client's line 1 ends
TOLERANCE_S = 0.3


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^a-z' ]", " ", text.lower().replace("’", "'")).split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    import jiwer

    return float(jiwer.wer(normalised(reference), normalised(hypothesis)))


@pytest.fixture(scope="module")
def dialogue() -> Dialogue:
    return build_dialogue()


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory: pytest.TempPathFactory, dialogue: Dialogue) -> Path:
    folder = tmp_path_factory.mktemp("recordings")
    write_encoded(folder / "audioMariaLopez21234567.m4a", dialogue.track("coach"))
    write_encoded(folder / "audioTomBaker21234568.m4a", dialogue.track("client"))
    write_wav(folder / "phone-call.wav", np.stack([dialogue.track("coach"), dialogue.track("client")]))
    write_wav(folder / "session.wav", dialogue.track(None))
    return folder


@pytest.fixture(scope="module")
def audio_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def per_speaker_files(audio_dir: Path, audio_settings: Settings) -> RecordingTranscript:
    files = [audio_dir / "audioMariaLopez21234567.m4a", audio_dir / "audioTomBaker21234568.m4a"]
    return transcribe_recording(files, settings=audio_settings)


@pytest.fixture(scope="module")
def stereo(audio_dir: Path, audio_settings: Settings) -> RecordingTranscript:
    return transcribe_recording(audio_dir / "phone-call.wav", names=["Ana", "Ben"], settings=audio_settings)


@pytest.fixture(scope="module")
def mixed(audio_dir: Path, audio_settings: Settings) -> RecordingTranscript:
    return transcribe_recording(audio_dir / "session.wav", settings=audio_settings)


@pytest.fixture(scope="module")
def aligned(audio_dir: Path, audio_settings: Settings, dialogue: Dialogue) -> RecordingTranscript:
    labels = "\n".join(
        f"{'Coach' if line.role == 'coach' else 'Client'}: {line.text}" for line in dialogue.lines
    )
    return transcribe_recording(
        audio_dir / "session.wav",
        transcript=labels.encode(),
        transcript_filename="labels.txt",
        settings=audio_settings,
    )


ALL_LAYOUTS = ["per_speaker_files", "stereo", "mixed", "aligned"]


@pytest.mark.parametrize("layout", ["per_speaker_files", "stereo", "mixed"])
def test_word_error_rate_is_under_a_quarter(
    layout: str, request: pytest.FixtureRequest, dialogue: Dialogue
) -> None:
    result: RecordingTranscript = request.getfixturevalue(layout)
    said = " ".join(turn.text for turn in result.session.turns)
    assert word_error_rate(dialogue.reference_text, said) < 0.25, said


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_every_line_becomes_one_turn_by_the_right_speaker_at_the_right_time(
    layout: str, request: pytest.FixtureRequest, dialogue: Dialogue
) -> None:
    session = request.getfixturevalue(layout).session
    assert len(session.turns) == len(dialogue.lines)
    for turn, line in zip(session.turns, dialogue.lines, strict=True):
        assert turn.role == line.role, (turn.speaker, turn.text)
        assert turn.start_s == pytest.approx(line.start_s, abs=TOLERANCE_S), turn.text
        assert turn.end_s == pytest.approx(line.end_s, abs=TOLERANCE_S), turn.text


def test_per_speaker_files_are_named_after_the_participants(per_speaker_files: RecordingTranscript) -> None:
    session = per_speaker_files.session
    assert session.speakers == ("Maria Lopez", "Tom Baker")
    assert {t.speaker for t in session.turns if t.role == "coach"} == {"Maria Lopez"}
    assert session.metadata["speaker_layout"] == "files"
    assert session.source_format == "audio"


def test_stereo_channels_are_the_speakers_in_the_given_order(stereo: RecordingTranscript) -> None:
    session = stereo.session
    assert session.metadata["speaker_layout"] == "stereo"
    assert [t.speaker for t in session.turns] == ["Ana", "Ben"] * 3 + ["Ana"]


def test_mixed_track_voices_are_separated(mixed: RecordingTranscript, dialogue: Dialogue) -> None:
    assert mixed.session.metadata["speaker_layout"] == "mixed"
    assert float(mixed.session.metadata["voice_separation"]) > 1.0
    right = sum(
        1
        for word in mixed.words
        if {"coach" if word.speaker == "Speaker 1" else "client"}
        & dialogue.role_at((word.start_s + word.end_s) / 2)
    )
    assert right / len(mixed.words) >= 0.95


def test_aligned_transcript_keeps_its_words_and_labels(
    aligned: RecordingTranscript, dialogue: Dialogue
) -> None:
    session = aligned.session
    assert [t.text for t in session.turns] == [line.text for line in dialogue.lines]
    assert session.speakers == ("Coach", "Client")
    assert session.source_format == "audio+text"
    assert float(session.metadata["alignment_match"]) > 0.75
    assert {w.speaker for w in aligned.words} == {"Coach", "Client"}


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_the_known_pause_is_found_with_its_timestamps(
    layout: str, request: pytest.FixtureRequest, dialogue: Dialogue
) -> None:
    result: RecordingTranscript = request.getfixturevalue(layout)
    line, following = dialogue.lines[PAUSE_AFTER_LINE], dialogue.lines[PAUSE_AFTER_LINE + 1]
    assert len(result.timing.pauses) == 1, result.timing.to_dict()
    pause = result.timing.pauses[0]
    assert (pause.after_turn, pause.before_turn, pause.kind) == (2, 3, "after_coach_question")
    assert pause.start_s == pytest.approx(line.end_s, abs=TOLERANCE_S)
    assert pause.end_s == pytest.approx(following.start_s, abs=TOLERANCE_S)
    assert pause.seconds == pytest.approx(3.0, abs=TOLERANCE_S)


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_the_coach_starting_over_the_client_is_found_with_its_timestamps(
    layout: str, request: pytest.FixtureRequest, dialogue: Dialogue
) -> None:
    result: RecordingTranscript = request.getfixturevalue(layout)
    client_line, coach_line = dialogue.lines[OVERLAP_AT_LINE - 1], dialogue.lines[OVERLAP_AT_LINE]
    assert len(result.timing.overlaps) == 1, result.timing.to_dict()
    overlap = result.timing.overlaps[0]
    assert (overlap.turn, overlap.over_turn, overlap.kind) == (2, 1, "coach_over_client")
    assert overlap.start_s == pytest.approx(coach_line.start_s, abs=TOLERANCE_S)
    assert overlap.end_s == pytest.approx(client_line.end_s, abs=TOLERANCE_S)
    assert [o.turn for o in result.timing.interruptions] == [2]


def test_progress_reports_the_real_time_factor(audio_dir: Path, audio_settings: Settings) -> None:
    updates: list[Progress] = []
    session_from_recording(audio_dir / "session.wav", settings=audio_settings, progress=updates.append)
    assert updates, "no progress was reported"
    done = [u.done_s for u in updates]
    assert done == sorted(done)
    assert updates[-1].fraction == pytest.approx(1.0, abs=0.02)
    assert all(u.real_time_factor is None or u.real_time_factor > 0 for u in updates)


def test_a_stop_request_ends_transcription_with_one_line(audio_dir: Path, audio_settings: Settings) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(TranscriptionStopped) as info:
        session_from_recording(audio_dir / "session.wav", settings=audio_settings, stop=stop)
    assert str(info.value).startswith("transcription of session.wav stopped at 0:00 of 0:32 on request")
    assert "\n" not in str(info.value)


def test_stopping_mid_way_keeps_the_position(audio_dir: Path, audio_settings: Settings) -> None:
    stop = threading.Event()

    def stop_after_first(update: Progress) -> None:
        stop.set()

    with pytest.raises(TranscriptionStopped) as info:
        session_from_recording(
            audio_dir / "session.wav", settings=audio_settings, progress=stop_after_first, stop=stop
        )
    assert 0 < info.value.done_s < 32.5


def test_a_silent_recording_says_there_is_no_speech(tmp_path: Path, audio_settings: Settings) -> None:
    hiss = np.random.default_rng(0).normal(0, 0.0005, 16_000 * 4).astype(np.float32)
    path = write_wav(tmp_path / "muted.wav", hiss)
    with pytest.raises(AudioError) as info:
        session_from_recording(path, settings=audio_settings)
    assert str(info.value).startswith("muted.wav has no speech that could be recognised")


def test_the_engine_assesses_pauses_and_interruptions_from_a_recording(mixed: RecordingTranscript) -> None:
    from coachlens.analysis.pipeline import assess

    markers = {m.id: m for m in assess(mixed.session).markers}
    assert markers["5.5"].status != "not_assessable", markers["5.5"].rationale
    interruption = markers["6.6"]
    assert interruption.status in ("missed", "partial"), interruption.rationale
    assert [e.turn for e in interruption.evidence] == [2]
    assert interruption.evidence[0].start_s == pytest.approx(9.2, abs=TOLERANCE_S)


def test_long_recordings_are_cut_into_windows_at_quiet_moments(
    audio_dir: Path, audio_settings: Settings, dialogue: Dialogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachlens.audio.transcribe as transcribe_module

    # Ten-second windows stand in for the ten-minute ones of a real long recording.
    monkeypatch.setattr(transcribe_module, "WINDOW_S", 10.0)
    monkeypatch.setattr(transcribe_module, "CUT_SEARCH_S", 4.0)
    windows = list(transcribe_module._windows(iter([dialogue.track(None)])))
    assert len(windows) >= 3
    assert [round(start, 3) for _, start in windows] == sorted(round(start, 3) for _, start in windows)
    assert sum(len(w) for w, _ in windows) == len(dialogue.track(None))
    mixed_track = dialogue.track(None)
    for _, start in windows[1:]:  # cut in a gap between words, never through one
        around = mixed_track[int(start * 16_000) - 800 : int(start * 16_000) + 800]
        assert float(np.sqrt(np.mean(around**2))) < 0.01, f"cut at {start:.2f} s is not quiet"
    result = transcribe_recording(audio_dir / "phone-call.wav", settings=audio_settings)
    said = " ".join(turn.text for turn in result.session.turns)
    assert word_error_rate(dialogue.reference_text, said) < 0.25, said
    for turn, line in zip(result.session.turns, dialogue.lines, strict=True):
        assert turn.start_s == pytest.approx(line.start_s, abs=TOLERANCE_S), turn.text
