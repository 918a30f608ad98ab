"""WebVTT ingestion: Zoom, Teams and Meet exports, and the awkward corners of real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import TranscriptError
from coachlens.models import CoachingSession
from coachlens.transcripts import UNLABELLED_SPEAKER, parse

DATA = Path(__file__).parent / "data" / "transcripts"


def parse_text(text: str, settings: Settings, filename: str = "session.vtt") -> CoachingSession:
    return parse(text.encode("utf-8"), filename=filename, settings=settings)


def test_zoom_export_gives_merged_turns_with_times_and_roles(settings: Settings) -> None:
    session = parse(DATA / "zoom.vtt", settings=settings)

    assert session.source_format == "vtt"
    assert session.metadata["dialect"] == "name-prefix"
    assert session.speakers == ("Priya Raman", "Daniel Okafor")
    assert [t.index for t in session.turns] == list(range(len(session.turns)))
    # Cues 2 and 3 are both Daniel: one turn, start of the first cue, end of the second.
    daniel = session.turns[1]
    assert daniel.speaker == "Daniel Okafor"
    assert daniel.start_s == pytest.approx(6.4)
    assert daniel.end_s == pytest.approx(15.73)
    assert daniel.text == (
        "Busy. Honestly, a bit of a blur. The restructure was announced on Monday "
        "and since then my team has been asking me questions I can't answer yet."
    )
    # A two-line cue becomes one line of text, without the speaker label.
    assert session.turns[2].text == "That sounds like a lot to carry. What would you like to focus on today?"
    assert {t.speaker: t.role for t in session.turns} == {"Priya Raman": "coach", "Daniel Okafor": "client"}
    assert session.roles_inferred is True
    assert session.role_confidence is not None and session.role_confidence > 0.9
    assert session.duration_s == pytest.approx(64.75)
    assert session.title == "zoom"


def test_teams_voice_tags_name_the_speakers_and_closing_tags_vanish(settings: Settings) -> None:
    session = parse(DATA / "teams.vtt", settings=settings)

    assert session.metadata["dialect"] == "voice-tags"
    assert session.speakers == ("Helena Brandt", "Marcus Lee")
    assert len(session.turns) == 6
    assert session.turns[1].text.endswith("my own projects are slipping. It's the third quarter in a row.")
    assert all("<" not in t.text and ">" not in t.text for t in session.turns)
    assert session.turns[0].role == "coach"


def test_crlf_line_endings_and_a_bom_change_nothing(settings: Settings) -> None:
    plain = (DATA / "teams.vtt").read_text(encoding="utf-8")
    windows = b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8")

    expected = parse(plain.encode(), filename="teams.vtt", settings=settings)
    session = parse(windows, filename="teams.vtt", settings=settings)

    assert session.turns == expected.turns
    assert session.warnings == ()


def test_meet_export_skips_style_note_and_header_metadata(settings: Settings) -> None:
    session = parse(DATA / "meet.vtt", settings=settings)

    assert session.title == "Coaching session, week 3"
    assert session.speakers == ("Aisha Khan", "Tom Becker")
    texts = " ".join(t.text for t in session.turns)
    for leaked in ("Kind:", "Language:", "::cue", "NOTE", "exported from", "align:start"):
        assert leaked not in texts
    assert session.turns[1].text == (
        "Yes please. I tried the thing we talked about, asking my manager for a weekly check-in."
    )


def test_missing_header_still_parses_with_a_warning(settings: Settings) -> None:
    body = (DATA / "zoom.vtt").read_text(encoding="utf-8").removeprefix("WEBVTT\n\n")

    session = parse_text(body, settings, filename="zoom.vtt")

    assert len(session.turns) == 10
    assert any("no WEBVTT header" in w for w in session.warnings)


def test_a_stray_malformed_cue_is_skipped_with_a_warning(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "1\n00:00:01.000 --> 00:00:04.000\nAna Silva: What would you like to talk about?\n\n"
        "2\n00:00:05.000 --> 00:0x:09.000\nBen Ode: This cue has a broken timing line.\n\n"
        "3\n00:00:10.000 --> 00:00:14.000\nBen Ode: My next career step.\n"
    )

    session = parse_text(text, settings)

    assert [t.text for t in session.turns] == [
        "What would you like to talk about?",
        "My next career step.",
    ]
    warning = next(w for w in session.warnings if "malformed" in w)
    assert "skipped 1 malformed cue" in warning
    assert "line 8" in warning


def test_cue_identifiers_and_cue_settings_are_not_text(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "intro-1\n00:00:01.000 --> 00:00:03.000 line:90% align:center\nAna Silva: Welcome back.\n\n"
        "intro-2\n00:00:03.500 --> 00:00:06.000 position:10%\nBen Ode: Thanks, good to be here.\n"
    )

    session = parse_text(text, settings)

    assert [t.text for t in session.turns] == ["Welcome back.", "Thanks, good to be here."]


def test_a_cue_without_a_label_continues_the_previous_speaker(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.000\nAna Silva: How was the week?\n\n"
        "00:00:03.500 --> 00:00:06.000\nBen Ode: Long. I had three deadlines\n\n"
        "00:00:06.000 --> 00:00:08.000\nand a sick child at home.\n"
    )

    session = parse_text(text, settings)

    assert len(session.turns) == 2
    assert session.turns[1].text == "Long. I had three deadlines and a sick child at home."
    assert session.turns[1].end_s == pytest.approx(8.0)


def test_two_voices_in_one_cue_become_two_turns(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n<v Ana Silva>Ready to start?</v>\n<v Ben Ode>Yes, ready.</v>\n\n"
        "00:00:04.500 --> 00:00:07.000\n<v.loud Ana Silva>What shall we look at first?\n"
    )

    session = parse_text(text, settings)

    assert [(t.speaker, t.text) for t in session.turns] == [
        ("Ana Silva", "Ready to start?"),
        ("Ben Ode", "Yes, ready."),
        ("Ana Silva", "What shall we look at first?"),
    ]


def test_markup_and_entities_are_cleaned(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\nAna Silva: It's <i>your</i> call &amp; your pace &lt;3\n\n"
        "00:00:04.500 --> 00:00:07.000\nBen Ode: <c.yellow>Then</c> <00:00:05.000>let's go slowly.\n"
    )

    session = parse_text(text, settings)

    assert session.turns[0].text == "It's your call & your pace <3"
    assert session.turns[1].text == "Then let's go slowly."


def test_unlabelled_captions_give_one_turn_per_cue_with_unknown_role(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.000\nWhat brings you here today?\n\n"
        "00:00:03.500 --> 00:00:06.000\nI need to decide about a job offer.\n\n"
        "00:00:06.500 --> 00:00:08.000\nWhat makes it hard to decide?\n"
    )

    session = parse_text(text, settings)

    assert len(session.turns) == 3
    assert {t.speaker for t in session.turns} == {UNLABELLED_SPEAKER}
    assert {t.role for t in session.turns} == {"unknown"}
    assert session.role_confidence is None
    assert any("names no speakers" in w for w in session.warnings)


def test_slight_overlap_between_speakers_is_accepted(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:10.000 --> 00:00:14.000\nAna Silva: And what else?\n\n"
        "00:00:09.200 --> 00:00:12.000\nBen Ode: Well, honestly, the money.\n"
    )

    session = parse_text(text, settings)

    assert [t.start_s for t in session.turns] == [10.0, 9.2]


def test_timestamps_that_go_backwards_are_a_clear_error(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:10:00.000 --> 00:10:04.000\nAna Silva: Where were we?\n\n"
        "00:10:05.000 --> 00:10:09.000\nBen Ode: The budget conversation.\n\n"
        "00:02:00.000 --> 00:02:04.000\nAna Silva: Right, the budget.\n"
    )

    with pytest.raises(TranscriptError) as caught:
        parse_text(text, settings)

    message = str(caught.value)
    assert "timestamps go backwards" in message
    assert "cue 3" in message and "00:02:00" in message
    assert "\n" not in message


def test_a_cue_that_ends_before_it_starts_is_repaired_with_a_warning(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:05.000 --> 00:00:02.000\nAna Silva: Shall we begin?\n\n"
        "00:00:06.000 --> 00:00:09.000\nBen Ode: Yes.\n"
    )

    session = parse_text(text, settings)

    assert session.turns[0].end_s == 5.0
    assert any("ended before they started" in w for w in session.warnings)


def test_vtt_with_only_broken_cues_is_an_error(settings: Settings) -> None:
    text = "WEBVTT\n\n00:00:xx.000 --> 00:00:04.000\nAna Silva: Hello.\n"

    with pytest.raises(TranscriptError, match="none of its 1 cues could be read"):
        parse_text(text, settings)


def test_vtt_with_a_header_and_no_cues_is_an_error(settings: Settings) -> None:
    with pytest.raises(TranscriptError, match="has no cues"):
        parse_text("WEBVTT\n\nNOTE nothing was said\n", settings)


def test_directory_style_display_names_with_a_comma(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.000\nLopez, Maria: What would you like to work on?\n\n"
        "00:00:03.500 --> 00:00:06.000\nReed, Tom: My delegation habits.\n"
    )

    session = parse_text(text, settings)

    assert session.speakers == ("Lopez, Maria", "Reed, Tom")


def test_a_colon_on_a_later_line_of_a_cue_is_speech(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\nBen Ode: I made a list.\nFirst: stop answering e-mail at night.\n\n"
        "00:00:04.500 --> 00:00:07.000\nAna Silva: And second?\n"
    )

    session = parse_text(text, settings)

    assert session.speakers == ("Ben Ode", "Ana Silva")
    assert session.turns[0].text == "I made a list. First: stop answering e-mail at night."


def test_two_named_speakers_in_one_cue(settings: Settings) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\nAna Silva: Ready?\nBen Ode: Ready.\n\n"
        "00:00:04.500 --> 00:00:07.000\nBen Ode: Let's start with the budget.\n\n"
        "00:00:07.500 --> 00:00:09.000\nAna Silva: Go ahead.\n"
    )

    session = parse_text(text, settings)

    assert [(t.speaker, t.text) for t in session.turns] == [
        ("Ana Silva", "Ready?"),
        ("Ben Ode", "Ready. Let's start with the budget."),
        ("Ana Silva", "Go ahead."),
    ]
