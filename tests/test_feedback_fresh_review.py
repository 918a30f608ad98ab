"""Feedback a mentor would sign: advice hidden in questions and wonderings, rhetorical and judging
questions, menus of the coach's own answers, and strengths that never quote a weak line.

Unit checks on the rewrite transforms (each with lines that must still not fire), inline sessions for
the growth areas, and the two fresh transcripts review-feedback-a.txt / review-feedback-b.vtt end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.pipeline import assess
from coachlens.analysis.rewrites import (
    advice_to_question,
    closed_to_open,
    first_of_stack,
    is_advice_line,
    is_rhetorical,
    leading_to_neutral,
    why_to_what,
)
from coachlens.config import Settings
from coachlens.models import Assessment, FeedbackItem
from coachlens.transcripts import parse
from session_support import assess_lines

FRESH = Path(__file__).parent / "data" / "fresh"


@pytest.mark.parametrize(
    ("line", "better"),
    [
        (
            "What if you just talked to her one to one?",
            "What options do you see for talking to her one to one?",
        ),
        ("What if you told him how you feel?", "What options do you see for telling him how you feel?"),
        (
            "I wonder if you should just tell her how it's affecting the team.",
            "What options do you see for telling her how it's affecting the team?",
        ),
        (
            "Would it help to remind yourself why they picked you?",
            "What options do you see for reminding yourself why they picked you?",
        ),
        ("You could try talking to Amir first.", "What options do you see for talking to Amir first?"),
        # Follow-up designed by the coach: the client's option is whether and how to follow up.
        (
            "Would it help to send me a message after Thursday?",
            "How, if at all, would you like to send me a message after Thursday?",
        ),
    ],
)
def test_advice_in_a_question_or_a_wondering_becomes_an_evoking_question(line: str, better: str) -> None:
    assert is_advice_line(line)
    assert advice_to_question(line) == better


@pytest.mark.parametrize(
    "line",
    [
        "What if you fail?",  # explores a fear, suggests nothing
        "Would it help to try saying it out loud now, the opening?",  # an offer of how to use the session
    ],
)
def test_questions_that_are_not_advice_are_not_rewritten_as_advice(line: str) -> None:
    assert not is_advice_line(line)
    assert advice_to_question(line) is None


def test_a_menu_of_the_coachs_options_is_not_narrowed_to_one_of_them() -> None:
    assert is_advice_line("You could try journaling, or maybe talk to HR.")
    assert advice_to_question("You could try journaling, or maybe talk to HR.") is None
    assert advice_to_question("You could try journaling.") == "What options do you see for journaling?"


@pytest.mark.parametrize(
    ("line", "better"),
    [
        (
            "Aren't you worried she'll just go quiet on you again?",
            "How do you feel about the chance that she'll go quiet on you again?",
        ),
        (
            "Well, isn't it obvious that a hint in front of everyone was going to land badly?",
            "What's your own view on whether a hint in front of everyone was going to land badly?",
        ),
        ("Don't you think you deserve better?", "What do you think you deserve here?"),
        ("Don't you think you need a break, Sam?", "What do you think you need here?"),
        # Unchanged: a third person's view is still asked about.
        (
            "Don't you think Femi would actually welcome the chance?",
            "What do you imagine Femi would want here?",
        ),
    ],
)
def test_leading_questions_lose_the_coachs_answer(line: str, better: str) -> None:
    assert leading_to_neutral(line) == better


def test_a_worry_without_a_clause_has_no_neutral_version() -> None:
    assert leading_to_neutral("Aren't you worried about the deadline?") is None


@pytest.mark.parametrize(
    ("line", "better"),
    [
        (
            "Why has it taken you a year to see that?",
            "What has been getting in the way of seeing that until now?",
        ),
        ("Why did it take so long to ask?", "What got in the way of asking sooner?"),
        ("Why didn't you say something?", "What got in the way of saying something?"),
    ],
)
def test_why_with_a_time_verdict_asks_what_was_in_the_way(line: str, better: str) -> None:
    assert why_to_what(line) == better


@pytest.mark.parametrize(
    "line",
    [
        "Is it that you're afraid of the conflict, or is it that you don't believe anything will change?",
        "Is it the credit, or is it how the team sees you?",
    ],
)
def test_an_either_or_menu_gets_no_closed_to_open_rewrite(line: str) -> None:
    assert closed_to_open(line) is None


def test_closed_to_open_still_reshapes_plain_closed_questions() -> None:
    assert closed_to_open("Is that important to you?") == "How important is that to you?"
    assert (
        closed_to_open("Would you be able to do that this week?")
        == "What would it take to do that this week?"
    )


def test_a_comma_list_of_questions_keeps_only_the_first() -> None:
    stack = "So how are you going to raise it with her, when will you do it, and what will you say if she objects?"
    assert first_of_stack(stack) == "How are you going to raise it with her?"
    # A subordinate clause after a comma is not a second question.
    assert (
        first_of_stack("What would it sound like, when you say it?")
        == "What would it sound like, when you say it?"
    )


@pytest.mark.parametrize(
    ("line", "rhetorical"),
    [
        ("Who wouldn't feel lighter?", True),
        ("Isn't it obvious that it would land badly?", True),
        ("What isn't working for you?", False),
        ("Who else could help?", False),
        ("Isn't that interesting to you?", False),
    ],
)
def test_rhetorical_questions(line: str, rhetorical: bool) -> None:
    assert is_rhetorical(line) is rhetorical


OPENING = [
    ("coach", "Hi Dev, good to see you. What would you like to get from our time today?"),
    ("client", "I want to work out how to handle my team's workload before the audit in June."),
    ("coach", "How will you know, by the end, that this was useful?"),
    ("client", "If I've got one thing I can do differently on Monday."),
]


def _growth(assessment: Assessment, title_start: str) -> FeedbackItem | None:
    return next((g for g in assessment.feedback.growth_areas if g.title.startswith(title_start)), None)


def test_a_rhetorical_question_in_a_stack_is_never_the_one_to_keep() -> None:
    found = assess_lines(
        [
            *OPENING,
            ("coach", "What's been happening?"),
            (
                "client",
                "Everyone brings me their problems and I stay until eight most nights. I'm exhausted.",
            ),
            (
                "coach",
                "Who wouldn't be tired? So what will you change first, and who could help you with it?",
            ),
            ("client", "I don't know. Maybe Priya."),
        ]
    )
    stack = _growth(found, "Three questions") or _growth(found, "Two questions")
    assert stack is not None
    assert "Ask one, then wait: \u201cWhat will you change first?\u201d" in stack.detail
    assert all("Who wouldn't" not in r.suggestion for r in found.feedback.rewrites)


def test_answered_only_is_not_claimed_when_a_question_names_nothing() -> None:
    lines = [
        *OPENING,
        ("coach", "What's the first step?"),
        ("client", "Talking to my manager about the audit timeline."),
        (
            "coach",
            "So how are you going to raise it with him, when will you do it, and what will you say if he pushes back?",
        ),
        (
            "client",
            "Thursday. I'll show him the numbers. If he pushes back, I'll ask what he'd drop instead.",
        ),
    ]
    stack = _growth(assess_lines(lines), "Three questions")
    assert stack is not None
    assert "answered only" not in stack.detail


def test_answered_only_is_still_claimed_when_the_reply_picks_up_one_named_question() -> None:
    lines = [
        *OPENING,
        ("coach", "What's the first step?"),
        ("client", "Getting on the promotion shortlist, I think."),
        (
            "coach",
            "What do you want from the promotion? What's stopping you from applying? And who decides the shortlist?",
        ),
        ("client", "Marta decides the shortlist, with HR."),
    ]
    stack = _growth(assess_lines(lines), "Three questions")
    assert stack is not None
    assert "The client answered only the last one." in stack.detail


SUGGESTIONS = [
    *OPENING,
    ("coach", "What's taking most of your time?"),
    ("client", "Checking everyone's spreadsheets. I redo half of them because I don't trust them."),
    ("coach", "Have you thought about asking Jo to check them instead?"),
    ("client", "Maybe. She's already stretched."),
    ("coach", "What matters most to you about the audit?"),
    ("client", "Not being the one who let it slip. It's my name on it."),
    ("coach", "What if you just sent them back with comments?"),
    ("client", "I could try that. It would feel strange."),
    ("coach", "What feels strange about it?"),
    ("client", "Like I'm handing over control, and I'm not sure I'm ready."),
    ("coach", "Handing over control."),
    ("client", "Yes. I've always been the one who catches the mistakes."),
    ("coach", "What would being ready look like?"),
    ("client", "Trusting that a mistake caught late is still caught."),
    ("coach", "What do you notice as you say that?"),
    ("client", "That I sound calmer. It's not the end of the world."),
    ("coach", "What are you taking away from today?"),
    ("client", "That I can let go of the checking a bit at a time."),
    ("coach", "How would you like to finish?"),
    ("client", "I'll pick one spreadsheet to leave alone this week."),
]


def test_two_suggestions_in_question_form_are_raised_as_advice() -> None:
    item = _growth(assess_lines(SUGGESTIONS), "Advice instead")
    assert item is not None
    assert "still your idea ahead of theirs" in item.detail
    assert "What options do you see for asking Jo to check them instead?" in item.detail


def test_one_suggestion_in_question_form_is_not_yet_a_habit() -> None:
    single = [
        line
        for line in SUGGESTIONS
        if line[1]
        not in ("What if you just sent them back with comments?", "I could try that. It would feel strange.")
    ]
    assert _growth(assess_lines(single), "Advice instead") is None


def _why_session(reply: str) -> Assessment:
    return assess_lines(
        [
            *OPENING,
            ("coach", "What happens when someone brings you a problem?"),
            ("client", "I fix it myself. Every time. It's faster."),
            ("coach", "Why do you keep taking everything on yourself?"),
            ("client", reply),
            ("coach", "What would you like instead?"),
            ("client", "To leave by six twice a week."),
        ]
    )


def test_a_why_the_client_pushed_back_on_is_pointed_at() -> None:
    item = _growth(_why_session("I'm not sure that's fair. I delegate plenty, just not the audit."), "'Why'")
    assert item is not None
    assert "pushed back" in item.detail
    assert "the judgement in the question was yours" in item.detail


def test_a_why_answered_openly_gets_no_pushback_note() -> None:
    item = _growth(_why_session("Because I worry it'll come back wrong and I'll be blamed."), "'Why'")
    assert item is None or "pushed back" not in item.detail


def _fresh(name: str) -> Assessment:
    return assess(parse(FRESH / name), classifier=load_default_classifier(Settings()))


@pytest.fixture(scope="module")
def review_a() -> Assessment:
    return _fresh("review-feedback-a.txt")


@pytest.fixture(scope="module")
def review_b() -> Assessment:
    return _fresh("review-feedback-b.vtt")


def test_review_a_growth_areas_are_the_stack_the_judging_why_and_the_suggestions(
    review_a: Assessment,
) -> None:
    titles = [g.title for g in review_a.feedback.growth_areas]
    assert any(t.endswith("questions in one turn") for t in titles)
    advice = _growth(review_a, "Advice instead")
    assert advice is not None
    # Three suggestions in 23 coach turns, none saying "you should": raised as a habit, and the
    # item says that most came as questions.
    assert advice.detail.startswith("3 of your 23 turns gave advice or information, e.g. in turn 6")
    assert "Most of it" in advice.detail
    why = _growth(review_a, "'Why'")
    assert why is not None and "Why do you keep letting people walk all over you?" in why.detail
    assert "pushed back" in why.detail


def test_review_a_rewrites_are_grammatical_and_keep_the_topic(review_a: Assessment) -> None:
    by_turn = {r.turn: r for r in review_a.feedback.rewrites}
    assert by_turn[8].suggestion == "What do you think you deserve here?"
    assert by_turn[2].suggestion == "What got in the way of saying something?"
    for rewrite in review_a.feedback.rewrites:
        assert rewrite.suggestion.endswith("?")
        assert "whether it is that" not in rewrite.suggestion
        assert ", or is it" not in rewrite.suggestion


def test_review_b_strengths_never_quote_a_weak_line(review_b: Assessment) -> None:
    weak_turns = {8, 10, 16, 18, 24, 32, 36, 38, 44}
    assert len(review_b.feedback.strengths) >= 2
    assert all(s.turn not in weak_turns for s in review_b.feedback.strengths)


def test_review_b_names_advice_hidden_in_questions_and_rewrites_the_subtle_lines(
    review_b: Assessment,
) -> None:
    advice = _growth(review_b, "Advice instead")
    assert advice is not None and "question or a wondering" in advice.detail
    stack = next(g for g in review_b.feedback.growth_areas if g.title.endswith("questions in one turn"))
    assert "Ask one, then wait: \u201cHow are you going to raise it with her?\u201d" in stack.detail
    assert "answered only" not in stack.detail
    by_turn = {r.turn: r.suggestion for r in review_b.feedback.rewrites}
    assert by_turn[10] == "What options do you see for talking to her one to one?"
    assert by_turn[36] == "How do you feel about the chance that she'll go quiet on you again?"
    assert by_turn[38] == "What has been getting in the way of seeing that until now?"


def test_advice_growth_area_points_at_sharing_without_attachment(review_b: Assessment) -> None:
    advice = _growth(review_b, "Advice instead")
    assert advice is not None and advice.marker == "7.5"
    assert review_b.feedback.next_step.startswith("Next session, practise 7.5")


def test_next_step_names_the_coachs_own_model_moment_only_when_there_is_one(
    review_a: Assessment, review_b: Assessment
) -> None:
    model = next((s for s in review_b.feedback.strengths if s.marker == "7.5"), None)
    if model is not None:
        assert "You already did this at " in review_b.feedback.next_step
    # Session A shows no strength on its first growth area's marker: no such sentence.
    first = review_a.feedback.growth_areas[0].marker
    assert all(s.marker != first for s in review_a.feedback.strengths)
    assert "You already did this" not in review_a.feedback.next_step
