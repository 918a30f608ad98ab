"""Competency 7 detectors: what the questions are about, how they are asked, who does the talking."""

from __future__ import annotations

from detector_support import FILLER_CLIENT, judge, padded

LONG_COACH = (
    "Right, so here's the thing. When I was running the depot we had exactly this problem and what we did was "
    "write every process down on a laminated sheet, every single one, and then we trained everyone on them, and "
    "honestly it changed everything, you would not believe the difference it made to the whole operation."
)


def test_questions_about_the_client_vs_about_other_people() -> None:
    about = judge(
        "7.1",
        padded(
            [
                ("coach", "What do you want for yourself here?"),
                ("client", FILLER_CLIENT),
                ("coach", "What matters most to you about this promotion?"),
                ("client", FILLER_CLIENT),
                ("coach", "What do you believe about asking for help?"),
                ("client", FILLER_CLIENT),
                ("coach", "How do you feel when she doesn't call back?"),
            ]
        ),
    )
    assert about.status == "demonstrated"
    others = judge(
        "7.1",
        padded(
            [
                ("coach", "What did your manager say?"),
                ("client", "Not much."),
                ("coach", "When is the meeting?"),
            ]
        ),
    )
    assert others.status == "missed"


def test_widening_the_view_of_self_and_of_the_situation() -> None:
    self_view = judge(
        "7.2",
        padded(
            [
                ("coach", "Who would you be in that meeting if you didn't need everyone to like you?"),
                ("client", FILLER_CLIENT),
            ]
        ),
    )
    assert self_view.status in ("partial", "demonstrated")
    situation = judge(
        "7.3",
        padded(
            [
                ("coach", "What do you think it's like for Femi when you step in?"),
                ("client", FILLER_CLIENT),
                ("coach", "What are you assuming about this debt that might not be true?"),
            ]
        ),
    )
    assert situation.status == "demonstrated"
    assert judge("7.3", padded([("coach", "What time is the meeting?")])).status == "missed"


def test_moving_toward_the_outcome_comes_after_the_opening() -> None:
    lines = padded(
        [
            ("coach", "What would need to change for that to be real?"),
            ("client", FILLER_CLIENT),
            ("coach", "What haven't you tried yet?"),
        ],
        before=4,
    )
    assert judge("7.4", lines).status == "demonstrated"


def test_observation_held_lightly_vs_opinions_stated() -> None:
    light = judge(
        "7.5",
        padded(
            [
                (
                    "coach",
                    "I'm wondering whether the floor is partly about you. I might be wrong. What do you make of that?",
                ),
                ("client", "No, I think you're right."),
                ("coach", "Say more."),
            ]
        ),
    )
    assert light.status == "demonstrated"
    stated = judge(
        "7.5",
        padded(
            [
                ("coach", "You should put your prices up."),
                ("client", "Maybe."),
                ("coach", "You need to get off the tools."),
                ("client", "Yeah."),
                ("coach", "I'd hire an ops manager from outside."),
            ]
        ),
    )
    assert stated.status == "missed"


def test_stacked_and_leading_questions_miss_7_6() -> None:
    lines = []
    for _ in range(4):
        lines += [
            ("coach", "Do you know your margin? Like actually know? Have you worked it out?"),
            ("client", "Roughly."),
            ("coach", "Don't you think that's the problem?"),
            ("client", "Maybe."),
        ]
    found = judge("7.6", lines)
    assert found.status == "missed"
    assert "stacked" in found.rationale
    assert "Have you worked it out?" in found.evidence[0].quote
    single = []
    for question in ["What do you want here?", "What's stopping you?", "How will you know?", "What else?"]:
        single += [("coach", question), ("client", FILLER_CLIENT)]
    assert judge("7.6", single).status == "demonstrated"


def test_one_question_with_joined_clauses_counts_as_a_stack() -> None:
    found = judge(
        "7.6",
        [
            (
                "coach",
                "What would that sound like, and when would you have it, and what would you do if they say no?",
            ),
            ("client", "Monday morning."),
            ("coach", "Do you have a plan? Who will you tell? Is that realistic?"),
            ("client", "Not yet."),
        ],
    )
    assert found.status == "missed"


def test_long_turns_and_talk_share() -> None:
    monologue = [("coach", LONG_COACH), ("client", "Right."), ("coach", LONG_COACH), ("client", "Okay.")]
    assert judge("7.7", monologue).status == "missed"
    talk = judge("7.8", monologue)
    assert talk.status == "missed"
    assert "%" in talk.rationale
    listening = [("coach", "What would you like to look at?"), ("client", FILLER_CLIENT * 3)] * 3
    assert judge("7.8", listening).status == "demonstrated"
    assert judge("7.7", listening).status == "demonstrated"
