"""Second review round, competency 8: what the client designs, what counts as accountability, and
where learning was said or left unused.

Inline sessions put a short close after neutral filler, so the closing lines sit in the second half
of the session where the 8.x detectors look; the end-to-end checks read the fresh review transcripts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.models import Assessment
from finding_support import fresh, marker, turns_of
from session_support import assess_lines

FRESH = Path(__file__).parent / "data" / "fresh"

FILLER = [
    ("coach", "What would you like to focus on today?"),
    ("client", "The handover at work has been weighing on me for a few weeks now."),
    ("coach", "Tell me more about the handover."),
    ("client", "My manager left and nobody picked up her projects, so they drift."),
    ("coach", "What's that like for you?"),
    ("client", "Tiring, mostly. I keep covering the gaps without anyone asking me to."),
    ("coach", "Covering the gaps."),
    ("client", "Yes. Quietly, every evening, and nobody sees it."),
    ("coach", "What do you notice about that?"),
    ("client", "That I don't say anything. I just absorb it and carry on."),
]


def closing(*lines: tuple[str, str]) -> Assessment:
    return assess_lines([*FILLER, *lines])


# 8.5: the client stating their own next step in answer to an open question is client design.


def test_client_states_own_step_after_open_question_counts_for_8_5() -> None:
    found = marker(
        closing(
            ("coach", "And who would you talk to first?"),
            ("client", "My director. I think I'll ask her for twenty minutes on Monday."),
            ("coach", "What else?"),
            ("client", "Nothing else for now."),
        ),
        "8.5",
    )
    assert found.status == "demonstrated"
    assert 11 in turns_of(found)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # A fear about what will happen, not a step.
        (
            "Why do you think you've avoided it?",
            "Because I'll look even less like a manager if it goes wrong.",
        ),
        # The client predicts their own obstacle.
        ("What might get in the way?", "Me. I'll talk myself out of it and say it's not the right week."),
        # A backward-looking question: the answer is not a step being designed.
        ("What happened the last time you raised it?", "I said it once. I'll admit it went badly."),
    ],
)
def test_predictions_and_fears_are_not_designed_steps(question: str, answer: str) -> None:
    found = marker(closing(("coach", question), ("client", answer)), "8.5")
    assert found.status != "demonstrated"


def test_hypothetical_question_is_not_action_design() -> None:
    hypothetical = marker(
        closing(
            ("coach", "What would you do if that feeling weren't in charge?"),
            ("client", "I'd go to my director and say the project was mine."),
            ("coach", "That's clear."),
            ("client", "It is, when I say it like that."),
        ),
        "8.5",
    )
    assert hypothetical.status == "missed"
    asked = marker(
        closing(
            ("coach", "What will you do this week?"),
            ("client", "Book time with my director on Monday."),
        ),
        "8.5",
    )
    assert asked.status == "demonstrated"


def test_action_question_with_the_coach_steps_in_the_same_turn_is_partial() -> None:
    found = marker(
        closing(
            (
                "coach",
                "So what will you do before Wednesday? Will you write down what you want to say, and should you "
                "practise it with someone, maybe your partner?",
            ),
            ("client", "I'll write it down tonight. Three sentences, no more."),
            ("coach", "Sounds good."),
            ("client", "Thanks."),
        ),
        "8.5",
    )
    assert found.status == "partial"
    assert any(e.quote == "I'll write it down tonight." for e in found.evidence)
    assert "proposed the steps" in found.rationale


def test_steps_proposed_for_a_yes_or_no_outweigh_one_open_question() -> None:
    found = marker(
        closing(
            ("coach", "Would you be willing to book one this week?"),
            ("client", "Yes. Thursday maybe."),
            ("coach", "What will you say to open it?"),
            ("client", "That I'd like to understand what's getting in the way."),
            ("coach", "And will you tell your manager before or after?"),
            ("client", "After, I think."),
        ),
        "8.5",
    )
    assert found.status == "partial"
    assert "set by the coach" in found.rationale


# 8.7: accountability is how the client keeps to the action, not who receives it.


def test_who_receives_the_action_is_not_accountability() -> None:
    found = marker(
        closing(
            ("coach", "What would you want them to know?"),
            ("client", "That my dad is ill and I'll be out some days."),
            ("coach", "And who would you tell first?"),
            ("client", "My manager, properly this time."),
        ),
        "8.7",
    )
    assert found.status == "missed"


@pytest.mark.parametrize(
    "question",
    [
        "And how would you like to hold yourself to that?",
        "Who will you tell once it's done?",
        "Who would you like to tell about your plan, to keep you on it?",
    ],
)
def test_client_designed_accountability_counts(question: str) -> None:
    found = marker(
        closing(
            ("coach", "What will you do this week?"),
            ("client", "Book the meeting with my director."),
            ("coach", question),
            ("client", "I'll text my partner when it's booked."),
        ),
        "8.7",
    )
    assert found.status == "demonstrated"


def test_check_in_proposed_by_the_coach_is_partial_and_one_set_by_the_coach_is_missed() -> None:
    offered = marker(
        closing(
            ("coach", "What will you do this week?"),
            ("client", "Talk to my husband about the savings."),
            ("coach", "Do you want to check in with me on Friday?"),
            ("client", "Yes, a short message would help."),
        ),
        "8.7",
    )
    assert offered.status == "partial"
    assert "proposed the check-in" in offered.rationale
    imposed = marker(
        closing(
            ("coach", "Write the onboarding page this week."),
            ("client", "Okay."),
            ("coach", "Send it to me when it's done and I'll take a look."),
            ("client", "Will do."),
        ),
        "8.7",
    )
    assert imposed.status == "missed"
    assert "set by the coach" in imposed.rationale


# 8.6: handling a named barrier, and a support question tied to the obstacle just named.


def test_handling_the_barrier_counts_as_the_way_forward() -> None:
    both = marker(
        closing(
            ("coach", "What might get in the way?"),
            ("client", "I'll put it off and say it's not the right week."),
            ("coach", "How would you like to handle that, if you notice yourself doing it?"),
            ("client", "Book it before I leave today."),
        ),
        "8.6",
    )
    assert both.status == "demonstrated"
    only_barrier = marker(
        closing(
            ("coach", "What might get in the way?"),
            ("client", "I'll put it off and say it's not the right week."),
            ("coach", "Okay. Anything else?"),
            ("client", "No."),
        ),
        "8.6",
    )
    assert only_barrier.status == "partial"


def test_support_for_an_obstacle_just_named_covers_both_sides() -> None:
    tied = marker(
        closing(
            ("coach", "What will you say if she gets defensive?"),
            ("client", "I don't know yet."),
            ("coach", "What would help you stay steady if she does?"),
            ("client", "Remembering it's a team agreement."),
        ),
        "8.6",
    )
    assert tied.status == "demonstrated"
    plain = marker(
        closing(
            ("coach", "What would help you prepare?"),
            ("client", "Writing it down first."),
        ),
        "8.6",
    )
    assert plain.status == "partial"


# 8.1: a look back at the start counts only when it is about what the client wanted.


def test_observation_referring_to_the_start_is_not_a_progress_check() -> None:
    found = marker(
        closing(
            (
                "coach",
                "At the start you said you'd wonder whether you were just scared. I haven't heard fear once. "
                "I'm curious what you make of that.",
            ),
            ("client", "Oh. It isn't fear. It's leaving what I love."),
        ),
        "8.1",
    )
    assert found.status == "missed"
    goal = marker(
        closing(
            ("coach", "At the start you said you wanted a plan for the month. Do you have one now?"),
            ("client", "Mostly, yes."),
        ),
        "8.1",
    )
    assert goal.status in ("demonstrated", "partial")


def test_feelings_check_is_partial_progress() -> None:
    found = marker(
        closing(
            ("coach", "How are you feeling now, compared to when we started?"),
            ("client", "Tired. But lighter, a bit."),
        ),
        "8.1",
    )
    assert found.status == "partial"
    goal = marker(
        closing(
            ("coach", "Looking back at what you came in wanting, where are you with that now?"),
            ("client", "Further than I thought."),
        ),
        "8.1",
    )
    assert goal.status == "demonstrated"


# 8.3 and 8.4: learning said in answer to a progress check; learning named but never put to use.


def test_progress_answer_naming_what_is_clearer_is_partial_8_3() -> None:
    said = marker(
        closing(
            ("coach", "Looking back at what you came in wanting, where are you with that now?"),
            (
                "client",
                "Further than I thought. The plan starts with telling people. The rest I can work out later.",
            ),
        ),
        "8.3",
    )
    assert said.status == "partial"
    assert said.evidence[0].turn == 11
    short = marker(
        closing(
            ("coach", "Looking back at what you came in wanting, where are you with that now?"),
            ("client", "Good, thanks."),
        ),
        "8.3",
    )
    assert short.status == "missed"


def test_unused_learning_is_where_8_4_points() -> None:
    found = marker(
        closing(
            ("coach", "What are you taking away about yourself from today?"),
            ("client", "That I confuse being kind with being vague."),
            ("coach", "That's a real shift. How would you like to close today?"),
            ("client", "I'm good, thanks."),
        ),
        "8.4",
    )
    assert found.status == "missed"
    assert found.evidence[0].quote == "That I confuse being kind with being vague."
    asked = marker(
        closing(
            ("coach", "What are you taking away about yourself from today?"),
            ("client", "That I confuse being kind with being vague."),
            ("coach", "How will you use that this week?"),
            ("client", "Say the clear thing first."),
        ),
        "8.4",
    )
    assert asked.status == "demonstrated"


# End to end on the fresh review transcripts.


def test_trust_a_close_is_read_from_the_client_designing_it() -> None:
    assessment = fresh("review-trust-a.srt")
    actions = marker(assessment, "8.5")
    assert actions.status == "demonstrated"
    assert turns_of(actions) & {35, 39}
    accountability = marker(assessment, "8.7")
    assert accountability.status == "demonstrated"
    assert 34 not in turns_of(accountability)
    assert marker(assessment, "8.6").status == "demonstrated"
    assert marker(assessment, "8.3").status == "partial"
    assert turns_of(marker(assessment, "8.4")) == {45}


def test_feedback_a_actions_are_partial_from_the_close_not_the_hypothetical() -> None:
    found = marker(fresh("review-feedback-a.txt"), "8.5")
    assert found.status == "partial"
    assert 22 not in turns_of(found)
    assert turns_of(found) & {40, 41}
    assert 22 not in turns_of(marker(fresh("review-feedback-a.txt"), "8.6"))


@pytest.mark.parametrize(("name", "turn"), [("review-feedback-b.vtt", 44), ("unseen-career-pivot.txt", 40)])
def test_coach_offered_check_in_is_partial_8_7(name: str, turn: int) -> None:
    found = marker(fresh(name), "8.7")
    assert found.status == "partial"
    assert turn in turns_of(found)


def test_other_fresh_closes() -> None:
    assert 24 not in turns_of(marker(fresh("review-listening-a.txt"), "8.1"))
    assert 20 in turns_of(marker(fresh("unseen-directive-manager.txt"), "8.7"))
    assert marker(fresh("referral-grief.txt"), "8.1").status == "partial"
    feedback_b = fresh("review-feedback-b.vtt")
    assert marker(feedback_b, "8.6").status == "demonstrated"
    assert "send me a message" not in marker(feedback_b, "8.5").rationale
    assert marker(fresh("advising-freelancer.txt"), "8.5").status == "missed"
