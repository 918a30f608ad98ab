"""Word edges, turns from words, pause and overlap reports, and speaker names: no speech recognition needed."""

from __future__ import annotations

import numpy as np
import pytest

from coachlens.audio.features import HOP_S
from coachlens.audio.speakers import name_from_filename, speaker_names
from coachlens.audio.timing import timing_report, trim_to_voice
from coachlens.audio.turns import words_to_turns
from coachlens.audio.types import SpeakerWord, Word
from coachlens.errors import AudioError
from coachlens.models import CoachingSession, Role, Turn


def levels_with_voice(total_s: float, spans: list[tuple[float, float]]) -> np.ndarray:
    """-70 dB background with -20 dB wherever a span says someone speaks."""
    levels = np.full(int(total_s / HOP_S), -70.0, dtype=np.float32)
    for start, end in spans:
        levels[int(start / HOP_S) : int(end / HOP_S)] = -20.0
    return levels


def test_trim_pulls_a_stretched_last_word_back_to_where_the_voice_stops() -> None:
    levels = levels_with_voice(10.0, [(1.0, 2.5), (5.5, 7.0)])
    words = [
        Word(1.0, 2.0, " Any"),
        Word(2.0, 3.4, " thoughts?"),
        Word(5.0, 6.0, " Well"),
        Word(6.0, 7.0, " yes."),
    ]
    trimmed = trim_to_voice(words, levels)
    assert trimmed[1].end_s == pytest.approx(2.5, abs=HOP_S)
    assert trimmed[2].start_s == pytest.approx(5.5, abs=HOP_S)
    assert trimmed[2].start_s - trimmed[1].end_s == pytest.approx(3.0, abs=2 * HOP_S)
    assert [w.text for w in trimmed] == [w.text for w in words]


def test_trim_reaches_out_a_little_but_not_past_a_neighbour() -> None:
    levels = levels_with_voice(6.0, [(0.8, 3.0)])
    words = [Word(1.0, 2.0, " one"), Word(2.0, 2.8, " two")]
    trimmed = trim_to_voice(words, levels)
    assert trimmed[0].start_s == pytest.approx(0.8, abs=HOP_S)  # Whisper started 0.2 s late
    assert trimmed[1].end_s == pytest.approx(3.0, abs=HOP_S)
    assert trimmed[0].end_s <= trimmed[1].start_s


def test_a_soft_word_keeps_its_times() -> None:
    levels = levels_with_voice(4.0, [(0.0, 1.0)])
    quiet = Word(2.0, 2.5, " mm")
    assert trim_to_voice([Word(0.0, 1.0, " hi"), quiet], levels)[1] == quiet


def sw(speaker: str, start: float, end: float, text: str) -> SpeakerWord:
    return SpeakerWord(speaker, Word(start, end, f" {text}"))


def test_turns_from_two_tracks_keep_the_overlap_visible() -> None:
    words = [
        sw("Ann", 0.0, 0.5, "How"),
        sw("Ann", 0.5, 1.0, "are"),
        sw("Ann", 1.0, 1.4, "you?"),
        sw("Bo", 2.0, 2.5, "I'm"),
        sw("Bo", 2.5, 4.0, "tired."),
        sw("Ann", 3.5, 4.2, "Tired?"),
    ]
    turns = words_to_turns(list(reversed(words)))
    assert [(t.speaker, t.text, t.start_s, t.end_s) for t in turns] == [
        ("Ann", "How are you?", 0.0, 1.4),
        ("Bo", "I'm tired.", 2.0, 4.0),
        ("Ann", "Tired?", 3.5, 4.2),
    ]
    assert [t.index for t in turns] == [0, 1, 2]


def test_consecutive_utterances_of_one_speaker_are_one_turn() -> None:
    turns = words_to_turns(
        [sw("Ann", 0.0, 1.0, "Take"), sw("Ann", 3.0, 4.0, "your"), sw("Ann", 4.0, 4.5, "time.")]
    )
    assert len(turns) == 1 and turns[0].text == "Take your time." and turns[0].end_s == 4.5


def session(*turns: tuple[str, Role, float, float, str]) -> CoachingSession:
    return CoachingSession(
        "t", "audio", tuple(Turn(i, s, r, a, b, text) for i, (s, r, a, b, text) in enumerate(turns))
    )


def test_timing_report_names_pauses_and_who_cut_in() -> None:
    report = timing_report(
        session(
            ("Ann", "coach", 0.0, 2.0, "What matters most here?"),
            ("Bo", "client", 5.5, 9.0, "I suppose my family, and I keep"),
            ("Ann", "coach", 8.2, 9.5, "So family."),
            ("Bo", "client", 9.7, 12.0, "Yes."),
            ("Ann", "coach", 14.5, 15.0, "Mm."),
            ("Bo", "client", 14.8, 16.0, "And also"),
        )
    )
    assert [(p.after_turn, p.before_turn, p.seconds, p.kind) for p in report.pauses] == [
        (0, 1, 3.5, "after_coach_question"),
        (3, 4, 2.5, "after_client"),
    ]
    assert [(o.turn, o.over_turn, o.start_s, o.end_s, o.kind) for o in report.overlaps] == [
        (2, 1, 8.2, 9.0, "coach_over_client"),
    ]
    assert [o.turn for o in report.interruptions] == [2]
    assert report.to_dict()["pauses"][0] == {
        "after_turn": 0,
        "before_turn": 1,
        "start_s": 2.0,
        "end_s": 5.5,
        "seconds": 3.5,
        "kind": "after_coach_question",
    }


def test_untimed_or_instant_turns_give_an_empty_report() -> None:
    report = timing_report(session(("Ann", "coach", 0.0, 1.0, "Hi?"), ("Bo", "client", 0.5, 0.5, "Hi.")))
    assert report.pauses == () and report.overlaps == ()
    untimed = CoachingSession(
        "t", "text", (Turn(0, "A", "coach", None, None, "Hi?"), Turn(1, "B", "client", None, None, "Hi"))
    )
    assert timing_report(untimed).pauses == ()


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("audioMariaLopez21234567890.m4a", "Maria Lopez"),
        ("audioTomBaker1.m4a", "Tom Baker"),
        ("02_coach.wav", "Coach"),
        ("tom-baker.mp3", "Tom Baker"),
        ("Client Sam.m4a", "Client Sam"),
        ("12345.m4a", ""),
    ],
)
def test_speaker_name_from_a_per_participant_file_name(filename: str, expected: str) -> None:
    assert name_from_filename(filename) == expected


def test_speaker_names_fill_gaps_and_stay_distinct() -> None:
    assert speaker_names(2, None) == ["Speaker 1", "Speaker 2"]
    assert speaker_names(3, None, ["Ann", "", "Ann"]) == ["Ann", "Speaker 2", "Ann (2)"]
    assert speaker_names(2, [" Coach  Ann", "Bo"]) == ["Coach Ann", "Bo"]
    with pytest.raises(AudioError, match=r"--names gives 1 name\(s\) for 2 speaker\(s\)"):
        speaker_names(2, ["Ann"])
