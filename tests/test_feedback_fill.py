"""A short, sound session with few habits to correct: the growth list is filled from missed
markers that point at a turn, a taking-away question counts as inviting learning, and a single
well-received feeling is credited to 4.3 without a garbled "0 of 1"."""

from __future__ import annotations

import pytest

from coachlens.models import Assessment
from session_support import assess_lines

LINES = [
    ("coach", "Thanks for making time, Jordan. What would be most useful to focus on today?"),
    (
        "client",
        "The promotion. I got passed over again and honestly I'm gutted. I keep wondering if I should leave.",
    ),
    ("coach", "Gutted, and wondering whether to leave. What would you like to walk away with by the end?"),
    ("client", "Some clarity on whether it's worth staying another year."),
    ("coach", "What matters most to you in deciding that?"),
    ("client", "Growth. And being seen. My manager barely knows what I do."),
    ("coach", "What would being seen look like?"),
    ("client", "My manager knowing the impact of the migration I led."),
    ("coach", "What will you do with that?"),
    ("client", "Book a one-to-one with her next week and walk her through the numbers."),
    ("coach", "And what's one thing you're taking away from today?"),
    ("client", "That I've been invisible partly by choice. I can change that."),
]


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess_lines(LINES, every_s=15.0)


def test_missed_markers_fill_the_growth_list(assessment: Assessment) -> None:
    growth = assessment.feedback.growth_areas
    assert len(growth) == 3
    filled = [g for g in growth if g.title.startswith("Not yet shown:")]
    assert filled, [g.title for g in growth]
    findings = {f.id: f for f in assessment.markers}
    for item in filled:
        assert item.marker is not None and findings[item.marker].status == "missed"
        assert item.detail == findings[item.marker].rationale


def test_a_taking_away_question_invites_learning(assessment: Assessment) -> None:
    found = next(f for f in assessment.markers if f.id == "8.3")
    assert found.status == "demonstrated" and "taking away from today" in found.rationale


def test_one_received_feeling_is_credited_plainly(assessment: Assessment) -> None:
    found = next(f for f in assessment.markers if f.id == "4.3")
    assert found.status == "demonstrated" and "0 of" not in found.rationale
