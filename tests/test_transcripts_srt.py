"""SRT ingestion: labelled and unlabelled subtitles, Windows encodings, broken blocks."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import TranscriptError
from coachlens.transcripts import UNLABELLED_SPEAKER, parse

DATA = Path(__file__).parent / "data" / "transcripts"

ACCENTED_SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nInès Moreau: Qu’est-ce qui compte le plus pour toi aujourd’hui?\n\n"
    "2\n00:00:04,500 --> 00:00:09,000\nJosé Núñez: Trouver un équilibre – le café, les enfants, le travail.\n\n"
    "3\n00:00:09,500 --> 00:00:12,000\nInès Moreau: Et qu’est-ce qui t’aiderait à le trouver?\n"
)


def test_labelled_srt_takes_roles_from_the_coach_label(settings: Settings) -> None:
    session = parse(DATA / "labelled.srt", settings=settings)

    assert session.source_format == "srt"
    assert session.speakers == ("COACH", "INES")
    assert [t.role for t in session.turns[:2]] == ["coach", "client"]
    assert session.roles_inferred is False
    assert session.role_confidence == 1.0
    # The <i> tag around the label is markup, not text; two subtitle lines become one.
    assert session.turns[0].text == "What would you like to explore today, Ines?"
    assert session.turns[1].text == (
        "Whether I should apply for the director role. Part of me wants it, part of me is terrified."
    )
    assert session.turns[1].start_s == pytest.approx(4.9)
    assert session.turns[1].end_s == pytest.approx(10.45)


def test_unlabelled_subtitles_give_one_turn_per_subtitle(settings: Settings) -> None:
    session = parse(DATA / "captions_unlabelled.srt", settings=settings)

    assert len(session.turns) == 4
    assert {t.speaker for t in session.turns} == {UNLABELLED_SPEAKER}
    assert {t.role for t in session.turns} == {"unknown"}
    assert session.turns[1].text == "I want to leave with one thing I can actually do differently on Monday."
    assert session.metadata["dialect"] == "unlabelled"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("cp1252", b""),
    ],
)
def test_srt_reads_the_same_in_every_common_encoding(settings: Settings, encoding: str, bom: bytes) -> None:
    data = bom + ACCENTED_SRT.replace("\n", "\r\n").encode(encoding)

    session = parse(data, filename="séance.srt", settings=settings)

    assert session.speakers == ("Inès Moreau", "José Núñez")
    assert session.turns[1].text == "Trouver un équilibre – le café, les enfants, le travail."
    assert session.turns[0].text == "Qu’est-ce qui compte le plus pour toi aujourd’hui?"


def test_cp1252_is_reported_as_the_encoding(settings: Settings) -> None:
    session = parse(ACCENTED_SRT.encode("cp1252"), filename="a.srt", settings=settings)

    assert session.metadata["encoding"] == "cp1252"


def test_an_unreadable_block_is_skipped_with_a_warning(settings: Settings) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\nAna Silva: What do you want from today?\n\n"
        "2\n00:00:0x,000 -> 00:00:04,000\nBen Ode: This subtitle has a broken time.\n\n"
        "3\n00:00:03,500 --> 00:00:06,000\nBen Ode: A decision about the move.\n"
    )

    session = parse(text.encode(), filename="a.srt", settings=settings)

    assert [t.text for t in session.turns] == ["What do you want from today?", "A decision about the move."]
    assert any("skipped unreadable subtitle text at line 5" in w for w in session.warnings)


def test_srt_with_dot_milliseconds_is_read_when_named_srt(settings: Settings) -> None:
    text = (
        "1\n00:00:01.000 --> 00:00:03.000\nAna Silva: Where shall we start?\n\n"
        "2\n00:00:03.500 --> 00:00:06.000\nBen Ode: With the team offsite.\n"
    )

    session = parse(text.encode(), filename="export.srt", settings=settings)

    assert session.source_format == "srt"
    assert session.turns[1].start_s == pytest.approx(3.5)


def test_srt_content_is_detected_whatever_the_extension(settings: Settings) -> None:
    session = parse((DATA / "labelled.srt").read_bytes(), filename="transcript.txt", settings=settings)

    assert session.source_format == "srt"
    assert any("named like text" in w for w in session.warnings)


def test_srt_timestamps_going_backwards_are_an_error(settings: Settings) -> None:
    text = (
        "1\n00:05:00,000 --> 00:05:03,000\nAna Silva: And then?\n\n"
        "2\n00:01:00,000 --> 00:01:04,000\nBen Ode: Then I left.\n"
    )

    with pytest.raises(TranscriptError, match="timestamps go backwards at subtitle 2"):
        parse(text.encode(), filename="a.srt", settings=settings)


def test_a_colon_in_unlabelled_subtitles_does_not_invent_a_speaker(settings: Settings) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\nLook: I know what I want.\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\nThen what stops you?\n\n"
        "3\n00:00:06,500 --> 00:00:09,000\nFear, mostly.\n\n"
        "4\n00:00:09,500 --> 00:00:12,000\nFear of what?\n"
    )

    session = parse(text.encode(), filename="a.srt", settings=settings)

    assert {t.speaker for t in session.turns} == {UNLABELLED_SPEAKER}
    assert session.turns[0].text == "Look: I know what I want."
