"""Third review of competencies 4 and 5, on a guarded client sent by their employer: leaving a choice to
the client ("It's fine if the answer is not much") is not grading their answer, validating a concern or
describing what the client did in the room is not acknowledgement, the evidence for support is the line
that gave it, a feeling said again after the coach met it is not a new moment passed over, accepting the
client's disagreement is named in 4.4, asking how something is *for the client* responds to the person,
and handing the client what and how much to bring is client choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.analysis.detectors.presence_cues import CLIENT_CHOICE, WHOLE_PERSON
from coachlens.analysis.detectors.trust_cues import (
    ACCEPTS_PUSHBACK,
    GOOD_EVALUATION,
    INVITATION,
    SPECIFIC_ACK,
)
from coachlens.analysis.pipeline import assess_path
from coachlens.models import Assessment
from finding_support import marker, quotes
from session_support import assess_lines

RESISTANT = Path(__file__).parent / "data" / "fresh" / "r3-trust-resistant.vtt"


# --- wording -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "grades"),
    [
        ("That's a good answer.", True),
        ("That's a great list.", True),
        ("That sounds fine.", True),
        ("It's fine if the answer is not much.", False),
        ("That's fine with me.", False),
        ("Either is fine.", False),
        ("It's good to see you.", False),
    ],
)
def test_leaving_a_choice_is_not_grading(text: str, grades: bool) -> None:
    assert bool(GOOD_EVALUATION.search(text)) is grades


@pytest.mark.parametrize(
    ("text", "acknowledges"),
    [
        ("It sounds like you've held a lot of that place together.", True),
        ("You've carried so much of this on your own.", True),
        ("You've held the same job for years.", False),
        ("Have you held a meeting about it?", False),
    ],
)
def test_naming_what_the_client_carried_is_acknowledgement(text: str, acknowledges: bool) -> None:
    assert bool(SPECIFIC_ACK.search(text)) is acknowledges


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Before we start, how is it for you, being here today?", True),
        ("Tiring, and quiet at home too. What else is in that, for you?", True),
        ("How was that for you?", True),
        ("How is it going with the project?", False),
        ("Is that useful for you?", False),
        ("What else is in that report?", False),
        ("There's a lot in that for you to read.", False),
    ],
)
def test_asking_how_it_is_for_the_client_is_the_who(text: str, person: bool) -> None:
    assert bool(WHOLE_PERSON.search(text)) is person


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("You decide what you bring here and how much.", True),
        ("Where would you like to take the rest of our time?", True),
        ("What would you like to do with this half hour, if anything?", True),
        ("Would you like to book another session, or leave it there?", True),
        ("Either is fine.", True),
        ("You decided to leave in the end?", False),
        ("If anything goes wrong, call the helpline.", False),
        ("I'd leave it there.", False),
        ("Where would you take it, if you were him?", False),
    ],
)
def test_handing_what_to_bring_to_the_client_is_choice(text: str, choice: bool) -> None:
    assert bool(CLIENT_CHOICE.search(text)) is choice


@pytest.mark.parametrize(
    ("text", "accepts"),
    [
        ("That's closer than what I said.", True),
        ("Yours is better than mine.", True),
        ("That's closer than last week.", False),
        ("That's better than nothing.", False),
    ],
)
def test_taking_the_clients_better_word(text: str, accepts: bool) -> None:
    assert bool(ACCEPTS_PUSHBACK.search(text)) is accepts


@pytest.mark.parametrize(
    ("text", "invites"),
    [("Is that anywhere near it?", True), ("Is that near the station?", False)],
)
def test_checking_a_tentative_reading_invites(text: str, invites: bool) -> None:
    assert bool(INVITATION.search(text)) is invites


# --- detectors on inline sessions ---------------------------------------------------------------------


def test_grading_growth_area_ignores_a_choice_left_to_the_client() -> None:
    lines = [
        (
            "coach",
            "What would you like to do with this half hour, if anything? It's fine if the answer is not much.",
        ),
        ("client", "I don't know. Workload, I suppose."),
        ("coach", "What about the workload?"),
        ("client", "There's too much of it."),
    ]
    titles = [g.title for g in assess_lines(lines).feedback.growth_areas]
    assert "Grading the client's answers" not in titles


def test_support_evidence_is_the_line_that_gave_it() -> None:
    found = marker(
        assess_lines(
            [
                ("coach", "What would you like to look at today?"),
                (
                    "client",
                    "I'm scared they're building a case against me, after the last review was used against me.",
                ),
                ("coach", "So the last review was used against you. No wonder you're scared."),
                ("client", "Yeah. It's been awful."),
                ("coach", "That sounds really hard. Take your time."),
                ("client", "Thanks."),
            ]
        ),
        "4.2",
    )
    assert "No wonder you're scared." in quotes(found)
    assert "So the last review was used against you." not in quotes(found)


def test_feeling_said_again_after_it_was_met_is_not_passed_over() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "Something to say to my manager on Thursday."),
        ("coach", "What's happening for you around it?"),
        ("client", "I'm angry, honestly. And scared they want me out."),
        ("coach", "Angry and scared. That's a lot to carry into a meeting."),
        ("client", "That's why Thursday matters. I can't go in there angry."),
        ("coach", "How close are we to what you wanted from today?"),
        ("client", "Closer. I know what I want to say."),
    ]
    found = marker(assess_lines(lines), "4.2")
    assert "passed over" not in found.rationale
    # A new feeling steered past still counts against the coach.
    lines[5] = ("client", "That's why Thursday matters. And honestly I feel humiliated by the whole thing.")
    assert "passed over" in marker(assess_lines(lines), "4.2").rationale


def test_accepting_the_clients_disagreement_is_named_in_4_4() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "A way to talk to Simon without getting defensive."),
        ("coach", "Can I offer something I'm noticing?"),
        ("client", "Go on."),
        ("coach", "When you talk about Simon you go quiet and clipped. What do you make of that?"),
        ("client", "I don't think it's that. It's more that I'm always on guard with him."),
        ("coach", "On guard with him. That's closer than what I said."),
        ("client", "Yes."),
    ]
    found = marker(assess_lines(lines), "4.4")
    assert found.status == "demonstrated"
    assert "disagreed" in found.rationale and "That's closer than what I said." in quotes(found)
    lines[5] = ("client", "Yes, that's true. I go quiet with him.")
    lines[6] = ("coach", "Quiet with him. What happens then?")
    assert "disagreed" not in marker(assess_lines(lines), "4.4").rationale


def test_validating_a_concern_is_not_acknowledgement() -> None:
    found = marker(
        assess_lines(
            [
                ("coach", "What would you like from today?"),
                ("client", "Is this going to HR? They made me come."),
                (
                    "coach",
                    "No, it stays between us. And you're still checking, which makes sense when you didn't choose to be here.",
                ),
                ("client", "Right."),
            ]
        ),
        "4.1",
    )
    assert found.status == "missed"


# --- the fresh transcript end to end -------------------------------------------------------------------


@pytest.fixture(scope="module")
def resistant() -> Assessment:
    return assess_path(RESISTANT)


def test_meeting_resistance_well_earns_competencies_4_and_5(resistant: Assessment) -> None:
    for marker_id in ("4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "5.5"):
        assert marker(resistant, marker_id).status == "demonstrated", marker_id


def test_resistant_session_evidence_is_the_relevant_line(resistant: Assessment) -> None:
    acknowledged = {e.turn for e in marker(resistant, "4.1").evidence}
    assert {24, 56} <= acknowledged
    assert not {8, 38} & acknowledged  # a validation and an observation, not acknowledgement
    assert "No wonder you're careful." in quotes(marker(resistant, "4.2"))
    assert "That's closer than what I said." in quotes(marker(resistant, "4.4"))
    assert "You decide what you bring here and how much." in quotes(marker(resistant, "5.3"))
    assert "stayed with tasks" not in marker(resistant, "5.1").rationale


def test_resistant_session_is_not_told_it_grades_or_passes_over(resistant: Assessment) -> None:
    titles = [g.title for g in resistant.feedback.growth_areas]
    assert "Grading the client's answers" not in titles
    assert not any(g.marker in {"4.1", "4.2", "4.3", "5.1", "5.3"} for g in resistant.feedback.growth_areas)
    assert not any(r.turn == 56 for r in resistant.feedback.rewrites)  # offering to stop is a choice
