"""Sentence splitting keeps verbatim offsets and does not break on abbreviations or decimals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coachlens.analysis.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_splits_on_terminal_punctuation() -> None:
    turn = "Okay. Thanks for filling this out. You drink two to three days a week?"
    assert texts(turn) == ["Okay.", "Thanks for filling this out.", "You drink two to three days a week?"]


def test_keeps_abbreviations_decimals_and_initials_together() -> None:
    turn = "Dr. Patel said it costs 3.5 hours, e.g. on Mondays. J. Smith agreed!"
    assert texts(turn) == ["Dr. Patel said it costs 3.5 hours, e.g. on Mondays.", "J. Smith agreed!"]


def test_trailing_ellipsis_before_lower_case_continues() -> None:
    assert texts("I was thinking... maybe not. So... What now?") == [
        "I was thinking... maybe not.",
        "So...",
        "What now?",
    ]


def test_unpunctuated_tail_and_blank_lines() -> None:
    assert texts("First part.\n\nsecond part without a stop") == ["First part.", "second part without a stop"]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert texts('She said "enough." Then she left.') == ['She said "enough."', "Then she left."]


def test_empty_and_punctuation_only_give_nothing() -> None:
    assert texts("") == []
    assert texts("  ... ?! ") == []


@given(st.text(alphabet=st.sampled_from(list("ab .?!\n…'\"")), max_size=80))
def test_offsets_are_verbatim_and_ordered(turn: str) -> None:
    previous_end = 0
    for span in split_sentences(turn):
        assert turn[span.start : span.end] == span.text
        assert span.text == span.text.strip()
        assert span.start >= previous_end
        previous_end = span.end
