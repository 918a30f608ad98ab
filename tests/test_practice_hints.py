"""Live hints: a marker just shown or an opportunity just missed, with marker ids, at most two."""

from __future__ import annotations

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.types import TurnActs
from coachlens.practice import PracticeSimulator, get_persona
from coachlens.practice.hints import MAX_HINTS_PER_TURN, HintContext, hints_for_turn
from coachlens.practice.moves import Move
from coachlens.practice.reading import read_coach_turn


def hints(
    text: str,
    *acts: str,
    client_last: str = "I suppose it's fine.",
    last_move: Move | None = "answer",
    turn: int = 5,
    visible: bool = False,
    noticed: bool = False,
    closed_streak: int = 0,
    flags: tuple[str, ...] = (),
    agreement: bool = True,
) -> list[tuple[str, str, tuple[str, ...]]]:
    reading = read_coach_turn(text, TurnActs(turn=1, acts=acts, flags=flags), client_last)
    context = HintContext(
        client_last=client_last,
        client_last_move=last_move,
        coach_turn_number=turn,
        closed_streak=closed_streak,
        agreement_asked=agreement,
        boundary_visible=visible,
        boundary_noticed=noticed,
    )
    return [(h.kind, h.text, h.markers) for h in hints_for_turn(reading, context)]


def test_a_named_feeling_left_unexplored_is_a_missed_6_3() -> None:
    found = hints("Is the deadline on Friday?", "question.closed", client_last="Honestly, I'm scared.")
    assert ("missed", "The client named a feeling ('scared'): an opportunity for 6.3.", ("6.3",)) in found


def test_exploring_the_feeling_is_shown_not_missed() -> None:
    found = hints("Scared. What is that like for you?", "question.open", client_last="Honestly, I'm scared.")
    assert all(kind != "missed" for kind, _, _ in found)
    assert any("6.3" in markers for _, _, markers in found)


def test_cautions_for_stacked_questions_advice_and_closed_strings() -> None:
    stacked = hints("What? Why? When?", "question.open", "question.stacked")
    assert stacked[0][0] == "caution" and "7.6" in stacked[0][2]
    advice = hints("You should try a planner.", "advice", last_move="ask_advice")
    assert advice[0][1].startswith("The client asked for advice and got it")
    assert "5.3" in advice[0][2]
    streak = hints("Is it Friday?", "question.closed", closed_streak=2)
    assert any("string of closed questions" in text for _, text, _ in streak)


def test_boundary_caution_until_the_coach_notices() -> None:
    caution = hints("What else is on your list?", "question.open", visible=True)
    assert caution[0][2] == ("1",)
    after = hints("What else is on your list?", "question.open", visible=True, noticed=True)
    assert all(markers != ("1",) for _, _, markers in after)
    referral = hints("Would you be open to seeing a grief counsellor?", "question.closed", visible=True)
    assert (
        "shown",
        "You noticed the boundary and pointed to the right help (competency 1).",
        ("1",),
    ) in referral


def test_missing_agreement_and_insight_follow_up() -> None:
    missing = hints("So how is work?", "other", turn=3, agreement=False)
    assert [h for h in missing if h[0] == "missed" and "3.1" in h[2]]
    asked = hints("What would you like from our session today?", "question.open", turn=3, agreement=False)
    assert [h for h in asked if h[0] == "shown" and "3.1" in h[2]]
    assert not [h for h in hints("So how is work?", "other", turn=3) if "3.1" in h[2]]
    insight = hints("Is it Monday?", "question.closed", last_move="insight")
    assert any(markers == ("8.2", "8.4") for _, _, markers in insight)


def test_never_more_than_two_and_cautions_first() -> None:
    found = hints(
        "You should quit. Don't you think? Why? " + "really " * 90,
        "advice",
        "question.leading",
        "question.stacked",
        client_last="I feel stuck and I always have to be the strong one.",
        closed_streak=3,
    )
    assert len(found) == MAX_HINTS_PER_TURN
    assert [kind for kind, _, _ in found] == ["caution", "caution"]


def test_hints_can_be_switched_off_in_a_session() -> None:
    classifier = load_default_classifier()
    on = PracticeSimulator(get_persona("mei-new-manager"), classifier, hints=True)
    off = PracticeSimulator(get_persona("mei-new-manager"), classifier, hints=False)
    line = "What would you like to focus on today?"
    assert on.respond(line).hints
    assert off.respond(line).hints == ()
