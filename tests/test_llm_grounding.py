"""Grounding: a model's quote counts only if it is really in the transcript."""

from __future__ import annotations

from coachlens.llm.grounding import QuoteRef, check_quotes, ground_finding, locate_in_turn, locate_quote
from coachlens.models import CoachingSession, MarkerFinding, Turn
from llm_data import make_session


def _finding(status: str = "demonstrated", confidence: float = 0.9) -> MarkerFinding:
    return MarkerFinding("4.1", 4, status, confidence, (), "model says so", "coachlens.llm_judge.v1", "llm")  # type: ignore[arg-type]


def test_quote_matches_after_whitespace_normalisation_and_returns_the_turn_text() -> None:
    turn = Turn(
        0,
        "Coach",
        "coach",
        3.0,
        5.0,
        "So the real cost\nisn't the hours,   it's feeling that you're letting Sam down.",
    )
    evidence = locate_in_turn(turn, "isn't the hours, it's feeling")
    assert evidence is not None
    assert evidence.quote == "isn't the hours,   it's feeling"
    assert evidence.quote in turn.text
    assert evidence.start_s == 3.0


def test_wrapping_quote_marks_and_ellipses_are_ignored() -> None:
    turn = Turn(0, "Coach", "coach", None, None, "What do you want here? Take your time.")
    evidence = locate_in_turn(turn, '"...What do you want here?"')
    assert evidence is not None and evidence.quote == "What do you want here?"


def test_elided_quote_matches_when_every_part_is_there_in_order() -> None:
    turn = Turn(
        0, "Coach", "coach", None, None, "What do you want? What's stopping you? And how will you know?"
    )
    evidence = locate_in_turn(turn, "What do you want? ... how will you know?")
    assert evidence is not None
    assert evidence.quote == turn.text
    assert locate_in_turn(turn, "how will you know? ... What do you want?") is None


def test_paraphrase_or_changed_words_fail() -> None:
    turn = Turn(0, "Coach", "coach", None, None, "It sounds exhausting to hold all of that.")
    assert locate_in_turn(turn, "It sounds tiring to hold all of that.") is None
    assert locate_in_turn(turn, "it sounds exhausting") is None  # case matters: verbatim
    assert locate_in_turn(turn, "It") is None  # too short to be evidence


def test_quote_cited_with_the_wrong_turn_moves_only_when_one_turn_holds_it() -> None:
    session = make_session()
    moved, was_moved = locate_quote(session, QuoteRef(3, "That took real persistence."))
    assert moved is not None and moved.turn == 4 and was_moved
    repeated = CoachingSession(
        "t",
        "txt",
        (
            Turn(0, "Coach", "coach", None, None, "Say more."),
            Turn(1, "Client", "client", None, None, "Okay."),
            Turn(2, "Coach", "coach", None, None, "Say more."),
        ),
    )
    assert locate_quote(repeated, QuoteRef(1, "Say more.")) == (None, False)


def test_check_quotes_counts_and_deduplicates() -> None:
    session = make_session()
    evidence, report = check_quotes(
        session,
        [
            QuoteRef(2, "It sounds exhausting"),
            QuoteRef(2, "It sounds exhausting"),
            QuoteRef(5, "a line nobody said"),
        ],
    )
    assert [e.quote for e in evidence] == ["It sounds exhausting"]
    assert (report.quotes_checked, report.quotes_verified, report.quotes_failed) == (3, 2, 1)


def test_claim_without_any_checked_quote_is_dropped() -> None:
    session = make_session()
    grounded, report = ground_finding(_finding(), [QuoteRef(4, "You are brilliant and brave.")], session)
    assert grounded is None
    assert report.findings_dropped == 1 and report.quotes_failed == 1


def test_claim_with_no_quotes_at_all_is_dropped() -> None:
    grounded, report = ground_finding(_finding("partial"), [], make_session())
    assert grounded is None and report.findings_dropped == 1


def test_claim_that_loses_most_quotes_is_downgraded_and_counted() -> None:
    session = make_session()
    refs = [
        QuoteRef(4, "That took real persistence."),
        QuoteRef(4, "You are brilliant."),
        QuoteRef(2, "Nothing like this was said."),
    ]
    grounded, report = ground_finding(_finding("demonstrated", 0.9), refs, session)
    assert grounded is not None
    assert grounded.status == "partial"
    assert grounded.confidence == 0.9 / 3
    assert [e.quote for e in grounded.evidence] == ["That took real persistence."]
    assert report.findings_downgraded == 1 and report.findings_kept == 1


def test_missed_without_quotes_stands_but_with_wrong_quotes_is_dropped() -> None:
    session = make_session()
    kept, _ = ground_finding(_finding("missed"), [], session)
    assert kept is not None and kept.evidence == ()
    dropped, report = ground_finding(_finding("missed"), [QuoteRef(1, "I hate my job")], session)
    assert dropped is None and report.findings_dropped == 1
