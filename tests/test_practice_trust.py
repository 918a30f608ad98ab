"""Trust, layer unlocking and move choice, on hand-made readings (no classifier involved)."""

from __future__ import annotations

import random

import pytest

from coachlens.analysis.types import TurnActs
from coachlens.practice.moves import ClientState, choose_move, unlock_check
from coachlens.practice.personas import Persona, Traits, get_persona
from coachlens.practice.reading import CoachReading, read_coach_turn
from coachlens.practice.trust import TrustHistory, update_trust

TRAITS = Traits(starting_trust=40)
CLIENT_LAST = "I'm so tired, and I feel like I'm letting my whole team down every single week."


def reading(
    text: str, *acts: str, flags: tuple[str, ...] = (), client_last: str = CLIENT_LAST
) -> CoachReading:
    return read_coach_turn(text, TurnActs(turn=1, acts=acts, flags=flags), client_last)


def change(
    text: str, *acts: str, trust: float = 40.0, history: TrustHistory | None = None, **kw: object
) -> float:
    flags = kw.get("flags", ())
    assert isinstance(flags, tuple)
    return update_trust(
        trust, reading(text, *acts, flags=flags), history or TrustHistory(heard_turns=2), TRAITS
    ).delta


def test_warm_acts_raise_trust_and_harmful_ones_lower_it() -> None:
    assert change("That sounds exhausting.", "empathy") > 0
    assert change("You've carried a lot with real care.", "acknowledgment") > 0
    assert change("What is that like for you?", "question.open") > 0
    assert change("May I share something I noticed?", "permission", "question.closed") > 0
    assert change("You should hire someone.", "advice") < 0
    assert (
        change("Is it work? Or home? What is it?", "question.closed", "question.open", "question.stacked") < 0
    )
    assert change("Don't you think you should quit?", "question.closed", "question.leading") < 0


def test_a_reflection_in_the_clients_own_words_counts_more() -> None:
    echoing = change("So you feel you're letting your team down, every week.", "reflection")
    generic = change("So this is something on your mind.", "reflection")
    assert echoing > generic > 0
    reasons = update_trust(
        40, reading("So you feel you're letting your team down.", "reflection"), TrustHistory(), TRAITS
    ).reasons
    assert any(r.code == "own_words" for r in reasons)


def test_a_string_of_closed_questions_costs_more_each_time() -> None:
    first = change("Is it your manager?", "question.closed", history=TrustHistory(closed_streak=0))
    third = change("Is it your manager?", "question.closed", history=TrustHistory(closed_streak=2))
    assert third < first < 0


def test_long_monologues_and_rushing_to_solutions_lose_trust() -> None:
    speech = " ".join(["I think that what you need here is a different way of looking at the week."] * 10)
    assert change(speech, "information") < change("Here is an idea.", "information")
    early = change(
        "What will you do about it tomorrow?", "question.open", history=TrustHistory(heard_turns=0)
    )
    later = change(
        "What will you do about it tomorrow?", "question.open", history=TrustHistory(heard_turns=3)
    )
    assert early < later


def test_judgement_is_read_from_the_words() -> None:
    judged = reading("Why didn't you just say no to them?", "question.open", flags=("why_question",))
    assert judged.judgement == "why didn't you"
    assert change("Why didn't you just say no to them?", "question.open", flags=("why_question",)) < 0


def test_warmth_inside_a_damaging_turn_barely_counts() -> None:
    mixed = change("That sounds hard. You should just quit.", "empathy", "advice")
    assert mixed < 0


def test_a_repeated_formula_stops_landing() -> None:
    line = "It sounds like this is really weighing on you."
    history = TrustHistory(heard_turns=2, previous_coach_texts=(line,))
    assert change(line, "reflection", history=history) < 0
    assert change(line, "reflection") > 0


def test_trust_stays_within_bounds_and_per_turn_limits() -> None:
    traits = Traits(starting_trust=40, trust_gain=1.6, trust_loss=2.0)
    warm = reading(
        "That must be so hard. You've done so much. So you feel you're letting them down.",
        "empathy",
        "acknowledgment",
        "reflection",
        "summary",
        "permission",
        "invitation",
    )
    assert update_trust(99.0, warm, TrustHistory(), traits).after <= 100
    assert update_trust(40.0, warm, TrustHistory(), traits).delta <= 12
    harsh = reading(
        "You must stop. Don't you think so? Why? And when?",
        "advice",
        "question.leading",
        "question.stacked",
        flags=("why_question",),
    )
    assert update_trust(3.0, harsh, TrustHistory(), traits).after == 0
    assert update_trust(60.0, harsh, TrustHistory(), traits).delta >= -11


def test_readings_spot_referral_closing_goal_and_forward_talk() -> None:
    assert (
        reading("Would you consider speaking to a grief counsellor?", "question.closed").referral
        == "counsellor"
    )
    assert reading("We're nearly out of time. What will you take away?", "question.open").closing
    assert reading(
        "What would you like to leave with by the end of our session?", "question.open"
    ).goal_question
    assert not reading(
        "We're nearly out of time. What will you take away from today?", "question.open"
    ).goal_question
    assert reading("What is one thing you will do this week?", "question.open").forward


def test_the_empathy_safety_net_only_fills_gaps() -> None:
    assert "empathy" in reading("That must be really hard.", "other").acts
    assert reading("That must be really hard.", "other").supplemented == ("empathy",)
    assert "empathy" not in reading("That must be really hard.", "advice").acts


@pytest.fixture
def mei() -> Persona:
    return get_persona("mei-new-manager")


def state(trust: float, layer: int = 1, turns_at_layer: int = 3, coach_turns: int = 4) -> ClientState:
    return ClientState(trust=trust, layer=layer, coach_turns=coach_turns, turns_at_layer=turns_at_layer)


def test_a_layer_opens_only_with_enough_trust_the_right_act_and_time(mei: Persona) -> None:
    warm = reading("It sounds like this weighs on you.", "reflection")
    assert unlock_check(mei, state(60), warm)[0]
    assert not unlock_check(mei, state(30), warm)[0], "not enough trust"
    assert not unlock_check(mei, state(60, turns_at_layer=0), warm)[0], "too soon after the last layer"
    damaging = reading("It sounds like this weighs on you. You should delegate.", "reflection", "advice")
    assert not unlock_check(mei, state(60), damaging)[0]
    off_topic = reading("What is the deadline for the forecast?", "question.open")
    assert not unlock_check(mei, state(60), off_topic)[0], "an open question must reach towards the layer"
    assert not unlock_check(mei, state(99, layer=4), warm)[0], "nothing deeper than the insight"


def test_moves_follow_the_coach_turn(mei: Persona) -> None:
    rng = random.Random(0)

    def move(text: str, *acts: str, trust: float = 45, **kw: object) -> str:
        flags = kw.get("flags", ())
        assert isinstance(flags, tuple)
        return choose_move(mei, state(trust), reading(text, *acts, flags=flags), rng).move

    assert move("What do you want? And why?", "question.open", "question.stacked") == "stacked_reply"
    assert move("You should delegate.", "advice") == "advice_reply"
    assert move("You should delegate.", "advice", trust=15) == "push_back"
    assert move("Is it your manager?", "question.closed") == "short_answer"
    assert move("", "other") == "quiet"
    assert move("We're nearly out of time, so let's wrap up.", "other") == "close"
    assert move("Can I offer an observation?", "question.closed", "permission") == "permit"
    assert move("It sounds like that weighs on you.", "reflection", trust=50) == "disclose"
    first = choose_move(
        mei, state(40, coach_turns=1), reading("Hello, what brings you here?", "question.open"), rng
    )
    assert first.move == "open"
