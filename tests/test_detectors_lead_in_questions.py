"""Questions that build on a reflection in the same turn, and plainer questions about the client's
inner world: a coach who says "You carry it. What does carrying it give you?" is listening."""

from __future__ import annotations

import pytest

from coachlens.analysis.detectors.evidence import times
from coachlens.analysis.detectors.questions import is_about_client
from coachlens.models import Assessment
from finding_support import coach_sentence as sentence
from session_support import assess_lines


@pytest.mark.parametrize(
    "text",
    [
        "What's going on in you in that moment?",
        "What does carrying it give you?",
        "How does that sit with you?",
        "What shifts for you when you say that out loud?",
    ],
)
def test_plain_questions_into_the_client_are_about_the_client(text: str) -> None:
    assert is_about_client(sentence(text))


@pytest.mark.parametrize(
    "text",
    ["What does the rota give the team?", "What did the coordinator say?", "Where would you like to start?"],
)
def test_questions_about_the_situation_are_not(text: str) -> None:
    assert not is_about_client(sentence(text))


def _session(lead_in: str) -> Assessment:
    client = [
        "I carry the whole ward. If I don't go, the patients pay for it.",
        "It feels like a debt I owe them after my leave.",
        "Probably that I'm allowed to say no.",
        "I'd tell the coordinator on Friday that I'm protecting my rest days.",
        "Ring her on Friday.",
    ]
    coach = [
        "What would you like from our time today?",
        f"{lead_in} What does that give you?",
        "A debt you owe. What would it mean to stop paying it?",
        "Allowed to say no. What would that sound like from you?",
        "Protecting your rest days. What will you do first?",
    ]
    lines: list[tuple[str, str]] = []
    for c, k in zip(coach, client, strict=True):
        lines += [("coach", c), ("client", k)]
    return assess_lines([*lines, ("coach", "Thank you.")])


def test_a_question_after_a_reflection_builds_on_the_clients_words() -> None:
    with_reflection = next(m for m in _session("You carry the whole ward.").markers if m.id == "6.1")
    assert 2 in {e.turn for e in with_reflection.evidence}
    without = next(m for m in _session("Okay.").markers if m.id == "6.1")
    assert 2 not in {e.turn for e in without.evidence}


def test_counts_read_as_plain_english() -> None:
    assert [times(n) for n in (1, 2, 5)] == ["once", "twice", "5 times"]


@pytest.mark.parametrize(
    ("text", "difficult"),
    [
        ("It does not feel heavy any more.", False),
        ("I'm not scared of it now.", False),
        ("It feels heavy.", True),
        ("I never felt so alone.", True),
    ],
)
def test_a_feeling_said_to_be_absent_is_not_a_difficult_moment(text: str, difficult: bool) -> None:
    from coachlens.analysis.detectors.emotion import has_difficult_feeling

    assert has_difficult_feeling(text) is difficult


@pytest.mark.parametrize(
    "text",
    [
        "Where do your new customers come from?",
        "What are you charging for a standard patio?",
        "Who answers the phone at the moment?",
    ],
)
def test_business_fact_questions_gather_facts(text: str) -> None:
    from coachlens.analysis.detectors.questions import FACT_FINDING

    assert FACT_FINDING.search(text)
    assert not FACT_FINDING.search("Where do you want this to go?")


@pytest.mark.parametrize(
    ("text", "refers"),
    [
        ("Where are we now, compared to the clear picture you wanted at the start?", True),
        ("Where are you now with the yes or no and the number?", True),
        ("Where are you going on holiday?", False),
        ("Compared to last year, how is it?", False),
    ],
)
def test_progress_checks_against_the_aim_are_goal_references(text: str, refers: bool) -> None:
    from coachlens.analysis.detectors.presence_cues import GOAL_REFERENCE

    assert bool(GOAL_REFERENCE.search(text)) is refers
