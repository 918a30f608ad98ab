"""A strong untimed session with one slip, as a mentor would read it: the markers it shows are
credited from the right lines, and the slip is named where it happened."""

from __future__ import annotations

import pytest

from coachlens.models import Assessment
from session_support import assess_lines

LINES = [
    ("coach", "Welcome back, Sam. Where would you like to start today?"),
    ("client", "The quarterly review. It went badly last month and I keep replaying it."),
    ("coach", "You keep replaying it. What would you like to have by the end of our hour?"),
    ("client", "A way to prepare for the next one without spiralling."),
    ("coach", "What makes this one matter so much?"),
    ("client", "My director was there. I've wanted her trust since I started."),
    ("coach", "What's that like, carrying that into the room?"),
    ("client", "Heavy. I freeze when she asks a detailed question, and then I talk too much."),
    ("coach", "Wouldn't it be better to just learn the details by heart?"),
    ("client", "I tried that. It's not the details, it's the freezing."),
    ("coach", "Fair enough, I got ahead of you there. What happens in you in that moment?"),
    ("client", "My chest goes tight. I think she'll see I'm out of my depth."),
    ("coach", "You know this work better than anyone. Who are you when you remember that?"),
    ("client", "Calmer. Someone who can say, give me a moment, and then answer."),
    ("coach", "What will you do first?"),
    ("client", "Practise that line tonight and tell my director I might pause."),
    ("coach", "Who could help you keep to that?"),
    ("client", "My partner. She'll ask me tomorrow."),
]


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess_lines(LINES)


def finding(assessment: Assessment, marker: str) -> tuple[str, str]:
    found = next(f for f in assessment.markers if f.id == marker)
    return found.status, found.rationale


def test_taking_the_clients_pushback_counts_toward_4_4(assessment: Assessment) -> None:
    status, rationale = finding(assessment, "4.4")
    assert status == "partial" and "Fair enough, I got ahead of you there" in rationale


def test_a_feeling_passed_over_is_named_at_its_line(assessment: Assessment) -> None:
    status, rationale = finding(assessment, "4.2")
    assert status in ("partial", "missed") and "\u201cHeavy\u201d" in rationale


def test_who_are_you_when_widens_the_view_of_self(assessment: Assessment) -> None:
    for marker in ("7.2", "6.5"):
        status, rationale = finding(assessment, marker)
        assert status in ("partial", "demonstrated") and "Who are you when you remember that?" in rationale


def test_asking_who_could_help_is_accountability(assessment: Assessment) -> None:
    status, rationale = finding(assessment, "8.7")
    assert status == "demonstrated" and "Who could help you keep to that?" in rationale


def test_short_turns_are_not_called_a_speech(assessment: Assessment) -> None:
    talk = [g for g in assessment.feedback.growth_areas if g.marker == "7.8"]
    assert all("one turn ran" not in g.detail for g in talk)


def test_the_leading_suggestion_is_rewritten_as_leading_in_both_places(assessment: Assessment) -> None:
    original = "Wouldn't it be better to just learn the details by heart?"
    rewrite = next(r for r in assessment.feedback.rewrites if r.original == original)
    assert rewrite.kind == "leading_to_neutral"
    assert rewrite.suggestion == "How do you see learning the details by heart?"
    leading = next(g for g in assessment.feedback.growth_areas if g.title == "A leading question")
    assert rewrite.suggestion in leading.detail
