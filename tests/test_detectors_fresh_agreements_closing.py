"""Agreements (3.1-3.4) and the close (8.1-8.9) read as a mentor would: an outcome the coach proposes
is not the client's, a re-contract is credited, the client's own question handed back is not an
importance question, and missed closing moves point at the moment they belonged to.

Inline sessions use the shipped classifier (`assess_lines`); the two fresh transcripts in
tests/data/fresh/review-agreements-* are checked end to end."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.pipeline import assess
from coachlens.config import Settings
from coachlens.models import Assessment, MarkerFinding
from coachlens.transcripts import parse
from session_support import assess_lines

FRESH = Path(__file__).parent / "data" / "fresh"

Lines = list[tuple[str, str]]

# Middle-of-session talk that carries no agreement or closing move, to put the lines under test at
# realistic positions.
_MIDDLE: Lines = [
    ("coach", "Tell me more about the team."),
    ("client", "There are five of us and the work lands unevenly, mostly on me and on Ade."),
    ("coach", "Mostly on you and Ade."),
    ("client", "Yes. He never says no either, so we both end up with the late jobs and the odd ones."),
    ("coach", "What happens on a typical Thursday?"),
    (
        "client",
        "The requests pile up after lunch and by four I'm answering messages instead of building anything.",
    ),
    ("coach", "Instead of building anything."),
    ("client", "Which is the part of the job I actually like, the building, the quiet part."),
    ("coach", "What else is going on for you with this?"),
    ("client", "My manager is new and I don't know yet how she likes to hear about problems."),
]


def _marker(assessment: Assessment, marker_id: str) -> MarkerFinding:
    return next(f for f in assessment.markers if f.id == marker_id)


def _session(opening: Sequence[tuple[str, str]], closing: Sequence[tuple[str, str]] = ()) -> Assessment:
    return assess_lines([*opening, *_MIDDLE, *_MIDDLE, *closing])


def _quotes(found: MarkerFinding) -> list[str]:
    return [e.quote for e in found.evidence]


# -- 3.1: whose outcome is it ---------------------------------------------------------------------


def test_outcome_the_coach_proposes_for_a_yes_is_partial() -> None:
    found = _marker(
        _session(
            [
                ("coach", "What would you like to talk about today?"),
                (
                    "client",
                    "Workload, I think. I'm drowning in small requests and my own project has stalled.",
                ),
                ("coach", "So you'd like to get on top of your workload, is that right?"),
                ("client", "Yes, I suppose so."),
            ]
        ),
        "3.1",
    )
    assert found.status == "partial"
    assert "for the client to confirm" in found.rationale
    assert any("is that right" in q for q in _quotes(found))


def test_open_outcome_question_and_confirming_the_clients_own_outcome_still_count() -> None:
    asked = _marker(
        _session(
            [
                ("coach", "What would you like to walk away with from our time today?"),
                ("client", "A way to say no to small requests without feeling rude."),
            ]
        ),
        "3.1",
    )
    assert asked.status == "demonstrated"
    # The client named the outcome first; the coach checks it in their words.
    confirmed = _marker(
        _session(
            [
                ("coach", "Where shall we start?"),
                ("client", "By the end of today I'd like a first draft of what I say to my manager."),
                ("coach", "So you'd like to leave with a first draft, is that right?"),
                ("client", "Yes, exactly."),
            ]
        ),
        "3.1",
    )
    assert confirmed.status == "demonstrated"


# -- 3.1: re-contracting, and a progress check is not an outcome question ------------------------

_RECONTRACT_CLOSE: Lines = [
    ("client", "Actually, I think the real thing is that I'm scared of my new manager."),
    (
        "coach",
        "It sounds as if the focus has moved. Which would be most useful for the rest of our time, the "
        "workload or your manager?",
    ),
    ("client", "My manager."),
    ("coach", "Where are you now with what you wanted from today?"),
    ("client", "Clearer. I know what I want to say to her."),
]


def test_recontract_is_credited_and_a_progress_check_is_not_an_outcome_question() -> None:
    found = _marker(
        _session(
            [
                ("coach", "What would you like to take away from our session today?"),
                ("client", "A plan for my workload."),
            ],
            _RECONTRACT_CLOSE,
        ),
        "3.1",
    )
    assert found.status == "demonstrated"
    assert "re-contracted" in found.rationale and "most useful for the rest of our time" in found.rationale
    assert not any("Where are you now" in q for q in _quotes(found))


def test_no_recontract_is_claimed_when_the_focus_never_moved() -> None:
    found = _marker(
        _session(
            [
                ("coach", "What would you like to take away from our session today?"),
                ("client", "A plan for my workload."),
            ],
            [
                (
                    "coach",
                    "Ade, a note on your desk, or your manager. Which of those feels right to do first?",
                ),
                ("client", "Ade."),
                ("coach", "Where are you now with what you wanted from today?"),
                ("client", "Nearly there."),
            ],
        ),
        "3.1",
    )
    assert found.status == "demonstrated"
    # Choosing among next steps is not choosing the session's focus again.
    assert "re-contract" not in found.rationale
    assert [e.turn for e in found.evidence] == [0]


def test_a_recontract_offered_as_a_statement_and_then_asked_counts() -> None:
    found = _marker(
        _session(
            [
                ("coach", "What would you like to take away from our session today?"),
                ("client", "A plan for my workload."),
            ],
            [
                ("client", "Sorry, I keep coming back to my manager rather than the workload."),
                (
                    "coach",
                    "I wonder whether the workload is the most important thing for us to look at today. What do "
                    "you think?",
                ),
                ("client", "No. It's her."),
            ],
        ),
        "3.1",
    )
    assert found.status == "demonstrated"
    assert "re-contracted" in found.rationale and "most important thing for us to look at" in found.rationale


# -- 3.3: importance --------------------------------------------------------------------------------


def test_what_makes_a_named_part_important_is_an_importance_question() -> None:
    found = _marker(
        _session(
            [
                ("coach", "What would you like from today?"),
                ("client", "To be able to pitch this in two minutes, and believe it."),
                ("coach", "What makes that last part important to you?"),
                ("client", "People can tell when I don't."),
            ]
        ),
        "3.3",
    )
    assert found.status == "demonstrated"
    assert "What makes that last part important to you?" in found.rationale


def test_handing_back_the_clients_own_question_is_not_an_importance_question() -> None:
    echoed = _marker(
        _session(
            [
                ("coach", "What would you like from today?"),
                ("client", "The opening of the pitch, probably. Why a second shop, and why now."),
                ("coach", "So, why a second shop, and why now?"),
                ("client", "Because we turn people away every Saturday."),
            ]
        ),
        "3.3",
    )
    assert echoed.status == "missed"
    # A bare "Why now?" still probes, even where the client wondered the same.
    probed = _marker(
        _session(
            [
                ("coach", "What would you like from today?"),
                (
                    "client",
                    "To decide about the course. I keep putting it off and I don't know why now it matters.",
                ),
                ("coach", "Why now?"),
                ("client", "Because my daughter starts school in September and I'll have the mornings."),
            ]
        ),
        "3.3",
    )
    assert probed.status == "demonstrated"


# -- 8.1: where a progress check belonged ------------------------------------------------------------


def test_missed_progress_check_points_at_the_coachs_time_check() -> None:
    found = _marker(
        _session(
            [("coach", "What would you like from today?"), ("client", "A plan for my workload.")],
            [
                ("coach", "We've got about ten minutes left. What will you do this week?"),
                ("client", "Tell Ade I'm taking Thursdays for building."),
            ],
        ),
        "8.1",
    )
    assert found.status == "missed"
    assert found.evidence[0].quote == "We've got about ten minutes left."
    assert "marked the time" in found.rationale


def test_a_time_check_followed_by_a_progress_question_is_not_missed() -> None:
    found = _marker(
        _session(
            [("coach", "What would you like from today?"), ("client", "A plan for my workload.")],
            [
                ("coach", "We've got about ten minutes left. How close are you to the plan you wanted?"),
                ("client", "Most of the way."),
            ],
        ),
        "8.1",
    )
    assert found.status == "demonstrated"


# -- 8.2/8.3: learning the client voiced but was never invited to name --------------------------------


def test_missed_learning_points_at_the_clients_own_insight() -> None:
    assessment = _session(
        [("coach", "What would you like from today?"), ("client", "A plan for my workload.")],
        [
            ("coach", "Who could take the Thursday requests?"),
            ("client", "Ade could. Oh. He's been asking for more and I've been sitting on it."),
            ("coach", "What will you do this week?"),
            ("client", "Give him the Thursday queue."),
            ("coach", "Good luck with it all."),
        ],
    )
    for marker_id in ("8.2", "8.3"):
        found = _marker(assessment, marker_id)
        assert found.status == "missed"
        assert "I've been sitting on it" in found.evidence[0].quote
        assert "voiced an insight" in found.rationale and "stayed unspoken" not in found.rationale


def test_without_a_voiced_insight_the_learning_rationale_stays_general() -> None:
    found = _marker(
        _session(
            [("coach", "What would you like from today?"), ("client", "A plan for my workload.")],
            [
                ("coach", "Have you looked at a shared request board?"),
                # A polite answer to a suggestion is not an insight.
                ("client", "I hadn't thought about it. I'm not sure the team would use one."),
                ("coach", "What will you do this week?"),
                ("client", "Give Ade the Thursday queue."),
            ],
        ),
        "8.2",
    )
    assert found.status == "missed" and "stayed unspoken" in found.rationale


# -- 8.5-8.8: the way out ---------------------------------------------------------------------------

_OPEN: Lines = [("coach", "What would you like from today?"), ("client", "A plan for my workload.")]


def test_what_else_would_you_like_to_do_is_client_designed_action() -> None:
    found = _marker(
        _session(
            _OPEN,
            [
                ("coach", "What are you going to do this week?"),
                ("client", "Talk to Ade."),
                ("coach", "What else would you like to do?"),
                ("client", "Block Thursday afternoons."),
            ],
        ),
        "8.5",
    )
    assert found.status == "demonstrated"
    assert "What else would you like to do?" in _quotes(found)


def test_support_named_against_a_barrier_completes_8_6() -> None:
    found = _marker(
        _session(
            _OPEN,
            [
                ("coach", "What could get in the way of talking to Ade?"),
                ("client", "I'll back down when he looks busy."),
                ("coach", "And if that happens, who or what could support you?"),
                ("client", "A note on my desk, and my partner asking me at night."),
            ],
        ),
        "8.6",
    )
    assert found.status == "demonstrated"


@pytest.mark.parametrize(
    "question",
    ["What could get in the way of talking to Ade?", "What would help you if you start slipping?"],
)
def test_one_side_of_8_6_alone_stays_partial(question: str) -> None:
    found = _marker(_session(_OPEN, [("coach", question), ("client", "Probably my own habits.")]), "8.6")
    assert found.status == "partial"


def test_unexplored_obstacle_the_client_named_is_where_8_6_was_missed() -> None:
    found = _marker(
        _session(
            _OPEN,
            [
                ("coach", "What are you going to do this week?"),
                ("client", "Email my manager. That's the one I'll put off, so I'll do it first thing."),
                ("coach", "Great plan."),
                ("client", "Thanks."),
            ],
        ),
        "8.6",
    )
    assert found.status == "missed"
    assert "I'll put off" in found.evidence[0].quote
    assert "Great plan" in found.rationale
    # Without such a line the finding points at the coach's question about next steps.
    plain = _marker(
        _session(_OPEN, [("coach", "What are you going to do this week?"), ("client", "Email my manager.")]),
        "8.6",
    )
    assert plain.status == "missed" and plain.evidence[0].quote == "What are you going to do this week?"


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("How do you want to keep yourself honest on it?", "demonstrated"),
        ("What would keep you on track with that?", "demonstrated"),
        ("How honest were you with him about the deadline?", "missed"),
    ],
)
def test_accountability_in_the_clients_hands(question: str, status: str) -> None:
    found = _marker(
        _session(
            _OPEN,
            [
                ("coach", "What are you going to do this week?"),
                ("client", "Talk to Ade on Monday."),
                ("coach", question),
                ("client", "My partner will ask me on Monday night."),
            ],
        ),
        "8.7",
    )
    assert found.status == status


def test_celebration_evidence_carries_what_the_client_did() -> None:
    found = _marker(
        _session(
            _OPEN,
            [
                ("coach", "What are you going to do this week?"),
                ("client", "Talk to Ade on Monday."),
                (
                    "coach",
                    "I want to acknowledge what you did today. You came in wanting a plan and you chose to look "
                    "at the harder conversation instead.",
                ),
                ("client", "Thank you."),
            ],
        ),
        "8.8",
    )
    assert found.status == "demonstrated"
    assert "you chose to look at the harder conversation" in found.evidence[0].quote
    assert "naming it" in found.rationale


# -- end to end on the fresh transcripts ---------------------------------------------------------


def _assess_file(name: str) -> Assessment:
    return assess(parse(FRESH / name), classifier=load_default_classifier(Settings()))


@pytest.fixture(scope="module")
def loose_acc() -> Assessment:
    return _assess_file("review-agreements-a.vtt")


@pytest.fixture(scope="module")
def recontracted() -> Assessment:
    return _assess_file("review-agreements-b.txt")


def test_loose_agreement_and_thin_close(loose_acc: Assessment) -> None:
    status = {f.id: f.status for f in loose_acc.markers}
    assert status["3.1"] == "partial"
    assert status["3.2"] == status["3.3"] == "missed"
    assert status["8.5"] == "demonstrated"
    assert {status[m] for m in ("8.1", "8.2", "8.3", "8.4", "8.6", "8.7")} == {"missed"}
    assert "ten minutes left" in _marker(loose_acc, "8.1").evidence[0].quote
    assert "put off" in _marker(loose_acc, "8.6").evidence[0].quote


def test_recontract_and_rich_close(recontracted: Assessment) -> None:
    status = {f.id: f.status for f in recontracted.markers}
    for marker_id in ("3.1", "3.2", "3.3", "3.4", *(f"8.{i}" for i in range(1, 10))):
        assert status[marker_id] == "demonstrated", marker_id
    agreement = _marker(recontracted, "3.1")
    assert "re-contracted" in agreement.rationale
    assert [e.turn for e in agreement.evidence] == [2, 20, 22]
    assert [e.turn for e in _marker(recontracted, "3.3").evidence] == [6, 26]
