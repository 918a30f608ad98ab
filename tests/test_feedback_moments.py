"""Feedback on one telling moment in an otherwise sound session: what a mentor would raise.

One coach turn names the client's fear, then tells them what to do, then stacks two questions.
The report must raise both the advice and the stack (two habits, one turn, different lines), rewrite
both lines, and the trust markers must quote the advice as the moment the coach moved past the
client, not the empathic line before it."""

from __future__ import annotations

import pytest

from coachlens.models import Assessment
from session_support import assess_lines

LINES = [
    ("coach", "Hi Priya, good to see you. What would you like to get out of our time today?"),
    ("client", "I want to decide whether to go for the team lead role. The deadline is Friday."),
    ("coach", "So by the end of today you'd like clarity on the role. How will you know we've got there?"),
    ("client", "If I can say yes or no and feel okay about it."),
    ("coach", "What makes it hard to decide?"),
    (
        "client",
        "I'd be managing people who were my peers last month, and honestly that scares me. "
        "What if they resent me?",
    ),
    (
        "coach",
        "That sounds really uncomfortable. You should just apply, you'd be great at it. "
        "Have you talked to your manager? Why haven't you asked her what she thinks?",
    ),
    ("client", "No. I suppose I was worried she'd think I'm not confident enough."),
    ("coach", "What would confident look like for you here?"),
    ("client", "Walking in and saying, I want this, and here's why."),
    ("coach", "I notice your voice got stronger. What's behind the \"here's why\"?"),
    ("client", "That I've been doing half the job already."),
    ("coach", "So what will you do before Friday?"),
    ("client", "Book fifteen minutes with my manager tomorrow and tell her I'm applying."),
]
ADVICE = "You should just apply, you'd be great at it."


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess_lines(LINES, every_s=12.0)


def test_a_single_explicit_advice_is_a_growth_area(assessment: Assessment) -> None:
    titles = {g.title: g for g in assessment.feedback.growth_areas}
    advice = titles.get("Advice instead of the client's own ideas")
    assert advice is not None and advice.turn == 6 and ADVICE.rstrip(".") in advice.detail
    assert "Two questions in one turn" in titles


def test_both_lines_of_the_turn_are_rewritten(assessment: Assessment) -> None:
    originals = [r.original for r in assessment.feedback.rewrites if r.turn == 6]
    assert ADVICE in originals
    assert any("Have you talked to your manager?" in o for o in originals)


def test_trust_markers_quote_the_advice_as_the_steer(assessment: Assessment) -> None:
    findings = {f.id: f for f in assessment.markers}
    assert findings["4.3"].status in ("partial", "missed")
    assert ADVICE.rstrip(".") in findings["4.3"].rationale


def test_a_quoted_why_is_not_a_why_question(assessment: Assessment) -> None:
    assert assessment.metrics["why_questions"] == 1
