"""Second review round of the feedback: what a mentor would say first, and rewrites that leave the
coach's own idea or verdict out.

Unit checks on the rewrite transforms (each with lines that must still not change), inline sessions
for the growth areas, and the fresh transcripts the mentors flagged, end to end.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.growth_responses import grading_answers
from coachlens.analysis.pipeline import assess
from coachlens.analysis.rewrites import (
    advice_to_question,
    closed_to_open,
    leading_to_neutral,
    why_to_what,
)
from coachlens.config import Settings
from coachlens.models import Assessment, FeedbackItem
from coachlens.transcripts import parse
from detector_support import make_session, view_of
from session_support import assess_lines

FRESH = Path(__file__).parent / "data" / "fresh"
DEMO = Path(__file__).parent.parent / "src" / "coachlens" / "demo_data"


@cache
def _assess(path: Path) -> Assessment:
    return assess(parse(path), classifier=load_default_classifier(Settings()))


def _fresh(name: str) -> Assessment:
    return _assess(FRESH / name)


def _growth(assessment: Assessment, title_start: str) -> FeedbackItem | None:
    return next((g for g in assessment.feedback.growth_areas if g.title.startswith(title_start)), None)


# --- rewrites -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "better"),
    [
        # The helper the coach had in mind is their idea; the action is the client's to shape.
        ("Have you thought about practising with a friend?", "What options do you see for practising?"),
        ("You could practise it with someone you trust.", "What options do you see for practising?"),
        # Who to turn to is the coach's idea when the person is new to the conversation.
        (
            "Have you thought about asking another head of department how they did theirs?",
            "Who could help you with this?",
        ),
        # Still kept: people already in the conversation, and helpers the action cannot drop.
        ("Have you tried talking to your manager?", "What options do you see for talking to your manager?"),
        (
            "What if you just talked to her one to one?",
            "What options do you see for talking to her one to one?",
        ),
        (
            "Have you thought about pairing him with someone for a sprint?",
            "What options do you see for pairing him with someone for a sprint?",
        ),
    ],
)
def test_advice_rewrite_leaves_out_the_coachs_new_idea(line: str, better: str) -> None:
    assert advice_to_question(line) == better


@pytest.mark.parametrize(
    ("line", "better"),
    [
        ("Why do you keep letting people walk all over you?", "What's going on for you in those moments?"),
        (
            "Why do you think you still need their approval at thirty-eight?",
            "What does their approval mean to you?",
        ),
        ("Why do you keep checking the orders?", "What's going on for you when you're checking the orders?"),
        ("Why do you think you've avoided it?", "What comes up for you when you think about it?"),
        ("Why are you in his code though?", "What's going on for you when you're in his code?"),
        # Unchanged: 'why' lines that carry no verdict beyond the 'why' itself.
        ("Why haven't you asked him yet?", "What has been getting in the way of asking him?"),
        ("Why didn't you say something?", "What got in the way of saying something?"),
        ("Why do you think you feel guilty about it?", "What happens for you when you feel guilty about it?"),
    ],
)
def test_why_rewrite_drops_the_judgement(line: str, better: str) -> None:
    assert why_to_what(line) == better


@pytest.mark.parametrize(
    "line", ["Why do you keep letting people walk all over you?", "Why do you still need it at forty?"]
)
def test_why_rewrite_never_keeps_the_verdict_words(line: str) -> None:
    rewrite = why_to_what(line) or ""
    for verdict in ("walk all over", "still", "forty", "keep letting"):
        assert verdict not in rewrite


def test_negative_question_about_what_the_client_said_gets_a_neutral_rewrite() -> None:
    line = "Didn't that used to be the very thing you thought stopped you speaking?"
    assert leading_to_neutral(line) == "What do you notice about that now?"
    # Unchanged: the other leading shapes keep their own rewrites.
    assert leading_to_neutral("Don't you think you deserve better?") == "What do you think you deserve here?"
    assert leading_to_neutral("Isn't it time you moved on?") is None


def test_a_check_in_the_coach_offers_becomes_the_clients_accountability() -> None:
    assert (
        closed_to_open("Do you want to check in with me on Friday?")
        == "How would you like to hold yourself to this?"
    )
    assert closed_to_open("Do you want to talk about that?") == "How do you feel about talking about that?"


# --- growth areas on inline sessions -------------------------------------------------------------

_RESCUING = [
    ("coach", "Hi Sam. What would you like to have by the end of our time today?"),
    ("client", "A calmer head about my interview on Monday. I'm really nervous about it."),
    ("coach", "Oh, don't worry, you'll be brilliant. What's the job?"),
    ("client", "Operations lead. I'm scared they'll ask about the gap in my CV."),
    (
        "coach",
        "Everyone has gaps. I remember my first interview, I was shaking the whole time. It worked out.",
    ),
    ("client", "I suppose. I just feel anxious whenever I think about it."),
    (
        "coach",
        "You won't get nervous, you know this stuff. When I used to interview people I never minded gaps.",
    ),
    ("client", "Okay."),
    ("coach", "What will you wear?"),
    ("client", "My blue suit."),
    ("coach", "Lovely. Let me know how it goes!"),
]


def test_reassurance_and_own_stories_are_named_under_trust() -> None:
    feedback = assess_lines(_RESCUING).feedback
    reassuring = _growth(assess_lines(_RESCUING), "Reassuring instead of exploring")
    stories = _growth(assess_lines(_RESCUING), "Talking about yourself")
    assert reassuring is not None and reassuring.marker == "4.3"
    assert stories is not None and stories.marker == "4.2" and "turns 4, 6" in stories.detail
    assert not any(g.title == "Feelings passed over" for g in feedback.growth_areas)


def test_one_reassurance_and_no_stories_raise_neither() -> None:
    lines = [
        ("coach", "Hi Sam. What would you like from our time today?"),
        ("client", "To prepare for my interview on Monday. I'm nervous about it."),
        ("coach", "What's the nervousness about for you?"),
        ("client", "The gap in my CV. I feel embarrassed about it."),
        ("coach", "Don't worry about that. What would you want them to know about the gap?"),
        ("client", "That I was caring for my mum, and I learned a lot."),
        ("coach", "I notice your voice got steadier. What do you make of that?"),
        ("client", "It's true. I'm proud of that year."),
    ]
    assessment = assess_lines(lines)
    assert _growth(assessment, "Reassuring") is None
    assert _growth(assessment, "Talking about yourself") is None


def test_grading_is_about_the_clients_answer_not_anything_good() -> None:
    def graded(coach_line: str) -> bool:
        view = view_of(
            make_session(
                [
                    ("coach", "Hi Jo, good to see you. What would you like to have by the end of today?"),
                    ("client", "A plan for the restructure conversation with my team next week."),
                    ("coach", coach_line),
                    ("client", "Telling them what I know and what I don't."),
                    ("coach", "What else would help?"),
                    ("client", "Asking them what they need from me."),
                ]
            )
        )
        return grading_answers(view, {}) is not None

    assert not graded("Coaching is good at helping people find their own plan. What would honest look like?")
    assert graded("That's a good plan. What would honest look like?")


# --- the fresh transcripts ------------------------------------------------------------------------


def test_agreements_a_raises_the_missing_agreement_first() -> None:
    first = _fresh("review-agreements-a.vtt").feedback.growth_areas[0]
    assert first.marker == "3.1" and "how they would know" in first.detail


def test_agreements_a_close_says_the_insights_were_not_drawn_out() -> None:
    close = _growth(_fresh("review-agreements-a.vtt"), "A close led by the coach")
    assert close is not None
    assert "never put their learning into words" not in close.detail
    assert "voiced insights along the way" in close.detail and "never invited" in close.detail


def test_a_session_with_its_agreement_does_not_raise_it() -> None:
    assert not any(g.marker == "3.1" for g in _fresh("strong-speaking-up.txt").feedback.growth_areas)


def test_listening_b_points_at_the_real_opening() -> None:
    agreement = _growth(_fresh("review-listening-b.txt"), "No agreement")
    assert agreement is not None and agreement.turn == 0 and "What's going on?" in agreement.detail
    # Greetings and sound checks are never "the opening".
    consulting = _growth(_assess(DEMO / "consulting.txt"), "No agreement")
    assert consulting is not None and "Can you hear me" not in consulting.detail


def test_listening_b_rewrites_keep_the_client_in_view() -> None:
    rewrites = {r.turn: r.suggestion for r in _fresh("review-listening-b.txt").feedback.rewrites}
    assert rewrites.get(2) == "What's going on for you with Graham?"
    assert rewrites.get(26) in (None, "What comes up for you when you think about it?")


def test_trust_b_names_reassurance_and_own_stories() -> None:
    assessment = _fresh("review-trust-b.txt")
    markers = {g.title: g.marker for g in assessment.feedback.growth_areas}
    assert markers.get("Reassuring instead of exploring feelings") == "4.3"
    assert markers.get("Talking about yourself") == "4.2"
    rewrites = {r.turn: r.suggestion for r in assessment.feedback.rewrites}
    assert "friend" not in rewrites.get(10, "")


def test_an_echo_of_the_clients_own_question_is_not_a_stack() -> None:
    assessment = _fresh("review-agreements-b.txt")
    assert not any(g.marker == "7.6" and g.turn == 10 for g in assessment.feedback.growth_areas)
    assert not any(r.turn == 10 for r in assessment.feedback.rewrites)
    # A strong session still gets something to work on: a moment passed over.
    assert assessment.feedback.growth_areas
    # A real stack elsewhere is still raised.
    assert _growth(_fresh("review-feedback-a.txt"), "Three questions in one turn") is not None


def test_strong_speaking_up_turn_36_gets_a_neutral_rewrite() -> None:
    rewrites = {r.turn: r for r in _fresh("strong-speaking-up.txt").feedback.rewrites}
    assert 36 in rewrites and rewrites[36].kind == "leading_to_neutral"


def test_career_pivot_why_rewrite_drops_the_age() -> None:
    why = _growth(_fresh("unseen-career-pivot.txt"), "'Why' questions")
    assert why is not None
    rewrite = why.detail.split("Ask 'what' instead:")[1]
    assert "thirty-eight" not in rewrite and "still" not in rewrite


def test_referral_session_is_not_faulted_for_the_referral() -> None:
    titles = [g.title for g in _fresh("referral-grief.txt").feedback.growth_areas]
    assert not any(
        t.startswith(("You did most", "You talked almost", "Grading", "Two questions")) for t in titles
    )
    assert not any(
        g.marker and g.marker[0] in "378" for g in _fresh("referral-grief.txt").feedback.growth_areas
    )
