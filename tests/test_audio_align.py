"""Aligning a labelled transcript to recognised words, and telling voices apart from frame features."""

from __future__ import annotations

import numpy as np
import pytest

from coachlens.audio.align import align_words, fill_unmatched, retime_session, tokens
from coachlens.audio.features import HOP_S, FrameFeatures
from coachlens.audio.separation import label_voices
from coachlens.audio.types import Word
from coachlens.errors import AudioError
from coachlens.models import CoachingSession, Turn

SCRIPT = (
    ("Coach", "What would you like to focus on today?"),
    ("Client", "My team keeps missing deadlines and I end up doing the work myself."),
    ("Coach", "What does doing it yourself cost you?"),
    ("Client", "Evenings, mostly. And my patience."),
)


def transcript() -> CoachingSession:
    turns = tuple(
        Turn(i, speaker, "coach" if speaker == "Coach" else "client", None, None, text)
        for i, (speaker, text) in enumerate(SCRIPT)
    )
    return CoachingSession("labels", "text", turns)


def heard(errors: bool = True) -> tuple[list[Word], list[tuple[float, float]]]:
    """Recognised words for SCRIPT at 0.3 s a word with 1 s between turns; some words misheard."""
    words: list[Word] = []
    spans: list[tuple[float, float]] = []
    at = 0.5
    for turn_number, (_speaker, text) in enumerate(SCRIPT):
        start = at
        for position, token in enumerate(text.split()):
            said = token
            if errors and turn_number == 1 and position == 3:
                said = "mixing"  # "missing" misheard
            if errors and turn_number == 3 and position == 0:
                continue  # "Evenings," dropped
            words.append(Word(round(at, 2), round(at + 0.28, 2), f" {said}"))
            at += 0.3
        spans.append((start, round(at - 0.02, 2)))
        at += 1.0
    if errors:
        words.insert(3, Word(1.4, 1.45, " um"))
    return words, spans


def test_tokens_ignore_case_and_punctuation() -> None:
    assert tokens("Don’t! You, too?") == ["don't", "you", "too"]


def test_turns_take_their_times_from_the_matched_words() -> None:
    words, spans = heard()
    alignment = align_words(transcript().turns, words, name="call.m4a")
    assert alignment.match_share > 0.9
    retimed, unplaced = retime_session(transcript(), words, fill_unmatched(alignment.word_turns))
    assert unplaced == 0
    for turn, (start, end) in zip(retimed.turns, spans, strict=True):
        assert turn.start_s == pytest.approx(start, abs=0.31)  # the dropped first word costs one word
        assert turn.end_s == pytest.approx(end, abs=0.05)
    assert [t.text for t in retimed.turns] == [text for _, text in SCRIPT]  # the transcript's words are kept
    assert [t.speaker for t in retimed.turns] == [speaker for speaker, _ in SCRIPT]


def test_a_turn_the_recording_lacks_is_placed_between_its_neighbours() -> None:
    words, _ = heard(errors=False)
    without_third = [w for w in words if not 8.4 < w.start_s < 10.7]  # turn 2 is not heard
    alignment = align_words(transcript().turns, without_third)
    retimed, unplaced = retime_session(transcript(), without_third, fill_unmatched(alignment.word_turns))
    assert unplaced >= 1
    starts = [t.start_s for t in retimed.turns]
    assert starts == sorted(starts)


def test_a_transcript_of_another_session_is_refused() -> None:
    other = [
        Word(i * 0.3, i * 0.3 + 0.2, f" {w}")
        for i, w in enumerate(["the", "quarterly", "numbers", "look", "fine", "to", "me"])
    ]
    with pytest.raises(AudioError, match=r"only \d+% of the transcript's words were heard in call.m4a"):
        align_words(transcript().turns, other, name="call.m4a")


def test_long_transcripts_align_block_by_block() -> None:
    vocabulary = [
        "you",
        "we",
        "they",
        "want",
        "need",
        "think",
        "feel",
        "work",
        "team",
        "time",
        "plan",
        "week",
        "goal",
        "talk",
    ]
    rng = np.random.default_rng(3)
    turns = tuple(
        Turn(
            i,
            "Coach" if i % 2 == 0 else "Client",
            "unknown",
            None,
            None,
            " ".join(rng.choice(vocabulary, 30)),
        )
        for i in range(200)
    )
    words = [
        Word(n * 0.3, n * 0.3 + 0.25, f" {token}")
        for n, token in enumerate(token for turn in turns for token in turn.text.split())
    ]
    alignment = align_words(turns, words)
    assert alignment.match_share > 0.99
    assert alignment.word_turns[-1] == 199 and alignment.word_turns[0] == 0


def test_voices_are_told_apart_by_timbre_and_pitch() -> None:
    rng = np.random.default_rng(7)
    frames_per_word = 15
    truth: list[int] = []
    words: list[Word] = []
    features = FrameFeatures()
    at = 0
    for turn in range(8):
        voice = turn % 2
        count = 6 if voice == 0 else 9
        for _ in range(count):
            centre = np.full(19, 1.0 if voice == 0 else -1.0)
            mfcc = centre + rng.normal(0, 1.0, (frames_per_word, 19))
            pitch = rng.normal(110 if voice == 0 else 205, 12, frames_per_word)
            features.level_db.append(np.full(frames_per_word, -20.0, dtype=np.float32))
            features.mfcc.append(mfcc.astype(np.float32))
            features.f0_hz.append(pitch.astype(np.float32))
            words.append(Word(at * HOP_S, (at + frames_per_word) * HOP_S, " word."[: 5 + (turn % 2)]))
            truth.append(voice)
            at += frames_per_word
        features.level_db.append(np.full(25, -80.0, dtype=np.float32))  # half a second of silence
        features.mfcc.append(np.zeros((25, 19), dtype=np.float32))
        features.f0_hz.append(np.zeros(25, dtype=np.float32))
        at += 25
    voices = label_voices(words, features, speakers=2)
    assert list(voices.labels) == truth
    assert voices.separation > 1.0


def test_one_voice_asked_for_gives_one_label() -> None:
    features = FrameFeatures()
    features.level_db.append(np.full(100, -20.0, dtype=np.float32))
    features.mfcc.append(np.zeros((100, 19), dtype=np.float32))
    features.f0_hz.append(np.full(100, 120.0, dtype=np.float32))
    words = [Word(i * 0.4, i * 0.4 + 0.3, " hi") for i in range(5)]
    assert label_voices(words, features, speakers=1).labels == (0, 0, 0, 0, 0)
