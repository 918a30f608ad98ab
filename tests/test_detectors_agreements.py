"""Competency 3 detectors: agreement questions early in the session, missing or coach-imposed ones."""

from __future__ import annotations

import pytest

from coachlens.analysis.registry import detector_for
from detector_support import FILLER_CLIENT, judge, make_session, padded, rubric, view_of


def _opening(*coach_lines: str) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = [
        ("coach", "Hi, good to see you. How are you?"),
        ("client", "Fine, thanks."),
    ]
    for line in coach_lines:
        lines += [("coach", line), ("client", FILLER_CLIENT)]
    return padded(lines, before=0, after=6)


def test_outcome_question_early_demonstrates_3_1() -> None:
    found = judge("3.1", _opening("What would you like to walk away with from our conversation today?"))
    assert found.status == "demonstrated"
    assert found.detector == "coachlens.marker.3_1.v1"
    assert "walk away with" in found.evidence[0].quote
    assert "walk away with" in found.rationale


def test_topic_only_is_partial_and_coach_set_topic_is_missed() -> None:
    topic = judge("3.1", _opening("What would you like to talk about?"))
    assert topic.status == "partial"
    assert "topic" in topic.rationale
    none = judge("3.1", _opening("So, did you get a chance to look at your numbers?"))
    assert none.status == "missed"
    assert "numbers" in none.evidence[0].quote  # points at how the coach opened the work instead


def test_success_measure_for_the_session_vs_the_longer_term() -> None:
    session_level = judge("3.2", _opening("What would tell you, at the end of today, that we'd got there?"))
    assert session_level.status == "demonstrated"
    long_term = judge(
        "3.2", _opening("If we fast-forward a few months, how would you know this was working?")
    )
    assert long_term.status == "partial"


def test_importance_question_and_its_absence() -> None:
    assert judge("3.3", _opening("What makes this important to you right now?")).status == "demonstrated"
    assert judge("3.3", _opening("Why haven't you sorted this out already?")).status == "missed"


def test_coach_naming_the_problem_misses_3_4() -> None:
    asked = judge("3.4", _opening("What do you think we need to look at today to get you there?"))
    assert asked.status == "demonstrated"
    told = judge("3.4", _opening("Okay, that's the problem right there. You're on the tools."))
    assert told.status == "missed"
    assert "the problem right there" in told.evidence[0].quote


@pytest.mark.parametrize("marker_id", ["3.1", "3.2", "3.3", "3.4"])
def test_framework_examples_are_recognised_and_contrasts_are_not_demonstrated(marker_id: str) -> None:
    marker = rubric().marker(marker_id)
    detector = detector_for(marker_id)
    recognised = sum(
        detector(view_of(make_session(_opening(line)))).status in ("demonstrated", "partial")
        for line in marker.demonstrating_examples
    )
    assert recognised >= len(marker.demonstrating_examples) - 1
    for line in marker.contrast_examples:
        assert detector(view_of(make_session(_opening(line)))).status != "demonstrated", line


def test_agreement_markers_are_never_not_assessable() -> None:
    found = judge("3.1", [("coach", "Right."), ("client", "Okay."), ("coach", "Let's go.")])
    assert found.status == "missed"
