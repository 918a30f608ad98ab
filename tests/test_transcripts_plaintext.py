"""Plain-text ingestion: Coach/Client labels, names, timestamps, Otter, Rev, Meet documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import UnsupportedFormatError
from coachlens.models import CoachingSession
from coachlens.transcripts import parse

DATA = Path(__file__).parent / "data" / "transcripts"


def parse_text(text: str, settings: Settings, filename: str = "notes.txt") -> CoachingSession:
    return parse(text.encode("utf-8"), filename=filename, settings=settings)


def test_coach_and_client_labels_fix_roles_and_continuations_join(settings: Settings) -> None:
    session = parse(DATA / "coach_client.txt", settings=settings)

    assert session.source_format == "text"
    assert [t.role for t in session.turns] == ["coach", "client"] * 3
    assert session.roles_inferred is False
    assert session.role_confidence == 1.0
    # A wrapped line joins with a space; a blank line starts a new paragraph of the same turn.
    assert session.turns[1].text == (
        "I want to get better at saying no at work. I keep taking on extra projects and then working late to "
        "finish them."
    )
    assert session.turns[3].text == (
        'I think about how disappointed my manager would be.\nAnd then I hear my own voice saying "sure, no problem".'
    )
    assert session.title == "Mentor coaching practice session - recorded with consent"
    assert not session.has_timestamps


def test_otter_export_reads_header_lines_paragraphs_and_drops_the_footer(settings: Settings) -> None:
    session = parse(DATA / "otter.txt", settings=settings)

    assert session.metadata["dialect"] == "otter"
    assert session.speakers == ("Sofia Marin", "Jonas Weber")
    assert [t.start_s for t in session.turns] == [2.0, 7.0, 31.0, 38.0, 43.0, 49.0]
    assert session.turns[1].text.endswith("trusts me yet.\nIt's been keeping me up at night, to be honest.")
    assert "otter.ai" not in session.turns[-1].text
    # "Two doubts then:" is prose, not a speaker called "Two doubts then".
    assert session.turns[2].text.startswith("Two doubts then: time, and trust.")
    assert session.turns[0].role == "coach"
    assert session.warnings == ()


def test_rev_export_with_text_on_the_next_line_or_the_same_line(settings: Settings) -> None:
    session = parse(DATA / "rev.txt", settings=settings)

    assert session.metadata["dialect"] == "rev"
    assert session.speakers == ("Amara Lewis", "Ben Carter")
    assert [t.start_s for t in session.turns] == [3.0, 9.0, 21.0, 26.0, 38.0, 44.0]
    assert session.turns[4].text == "What would a good outcome look like for both of you?"
    assert session.turns[1].text.startswith("I want a plan for the conversation")


def test_bracketed_timestamps_before_names(settings: Settings) -> None:
    session = parse(DATA / "timestamped.txt", settings=settings)

    assert session.metadata["dialect"] == "timestamped"
    assert session.turns[2].start_s == 21.0
    assert session.turns[2].speaker == "Lena Hoffmann"
    assert session.turns[2].text == "What happens in you when they interrupt?"
    assert session.duration_s == 40.0


@pytest.mark.parametrize("prefix", ["00:00:21 ", "00:00:21 - ", "(00:00:21) ", "[0:21] "])
def test_other_timestamp_prefixes(settings: Settings, prefix: str) -> None:
    text = f"{prefix}Ana Silva: What would help most today?\n{prefix}Ben Ode: Some clarity on the offer.\n"

    session = parse_text(text, settings)

    assert [(t.speaker, t.start_s) for t in session.turns] == [("Ana Silva", 21.0), ("Ben Ode", 21.0)]


def test_role_labels_in_any_case_and_with_a_name(settings: Settings) -> None:
    text = (
        "COACH MARIA: What would you like to take away today?\n"
        "client: Clarity about the promotion.\n"
        "Coach Maria: What would clarity give you?\n"
        "CLIENT: Permission to say yes.\n"
    )

    session = parse_text(text, settings)

    assert session.speakers == ("COACH MARIA", "client")
    assert [t.role for t in session.turns] == ["coach", "client", "coach", "client"]
    assert session.roles_inferred is False


def test_role_in_brackets_after_a_name_is_a_role_not_part_of_the_name(settings: Settings) -> None:
    text = "Maria Lopez (coach): What matters most here?\nTom Reed - Client: Keeping my team together.\n"

    session = parse_text(text, settings)

    assert [(t.speaker, t.role) for t in session.turns] == [("Maria Lopez", "coach"), ("Tom Reed", "client")]
    assert session.roles_inferred is False


def test_time_only_lines_date_the_next_turn_as_in_meet_documents(settings: Settings) -> None:
    text = (
        "Coaching with Tom - Transcript\n"
        "00:00:00\n"
        "Aisha Khan: Shall we start?\n"
        "Tom Becker: Yes, let's.\n"
        "00:05:00\n"
        "Aisha Khan: What have you noticed so far?\n"
    )

    session = parse_text(text, settings)

    assert [t.start_s for t in session.turns] == [0.0, None, 300.0]
    assert session.title == "Coaching with Tom - Transcript"


def test_sentences_with_a_colon_stay_in_the_text(settings: Settings) -> None:
    text = (
        "Ana Silva: What do you notice?\n"
        "Ben Ode: Here's the thing: I never asked for this role.\n"
        "what I keep thinking is: why me?\n"
        "Ana Silva: Why you?\n"
    )

    session = parse_text(text, settings)

    assert session.speakers == ("Ana Silva", "Ben Ode")
    assert session.turns[1].text == (
        "Here's the thing: I never asked for this role. what I keep thinking is: why me?"
    )


def test_a_capitalised_label_used_once_in_a_long_transcript_stays_text(settings: Settings) -> None:
    lines = []
    for number in range(12):
        lines.append(f"Ana Silva: Question number {number}, what comes up for you?")
        lines.append(f"Ben Ode: Answer number {number}, something comes up.")
    lines.insert(7, "Monday: that is when it all started.")
    session = parse_text("\n".join(lines), settings)

    assert session.speakers == ("Ana Silva", "Ben Ode")
    assert "Monday: that is when it all started." in session.turns[6].text
    assert any("'Monday:' (line 8)" in w for w in session.warnings)


def test_consecutive_lines_of_one_speaker_merge(settings: Settings) -> None:
    text = "Ana Silva: First thought.\nAna Silva: Second thought?\nBen Ode: Both, maybe.\n"

    session = parse_text(text, settings)

    assert [t.text for t in session.turns] == ["First thought. Second thought?", "Both, maybe."]


def test_markdown_bold_names_and_windows_line_endings(settings: Settings) -> None:
    text = "**Ana Silva:** What's alive for you today?\r\n**Ben Ode:** Mostly tiredness.\r\n"

    session = parse_text(text, settings)

    assert [(t.speaker, t.text) for t in session.turns] == [
        ("Ana Silva", "What's alive for you today?"),
        ("Ben Ode", "Mostly tiredness."),
    ]


def test_text_without_any_speaker_label_is_refused(settings: Settings) -> None:
    text = "We talked about the promotion.\nShe seemed unsure.\nNext time: follow up on the budget.\n"

    with pytest.raises(UnsupportedFormatError) as caught:
        parse_text(text, settings)

    assert "no speaker labels found in notes.txt" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_header_words_such_as_date_are_not_speakers(settings: Settings) -> None:
    text = "Date: 12 March\nParticipants: Ana, Ben\nAna Silva: Shall we begin?\nBen Ode: Yes.\n"

    session = parse_text(text, settings)

    assert session.speakers == ("Ana Silva", "Ben Ode")
    assert session.title == "Date: 12 March"
    assert any("ignored 1 line(s) of text before the first speaker label" in w for w in session.warnings)


def test_bracketed_name_headers_with_clock_times_are_made_relative(settings: Settings) -> None:
    text = (
        "[Maria Lopez] 10:02:33\nHello Tom, what would you like to focus on?\n\n"
        "[Tom Reed] 10:02:41\nMy promotion, and whether I want it.\n"
    )

    session = parse_text(text, settings)

    assert [(t.speaker, t.start_s) for t in session.turns] == [("Maria Lopez", 0.0), ("Tom Reed", 8.0)]
    assert any("times look like times of day" in w for w in session.warnings)
