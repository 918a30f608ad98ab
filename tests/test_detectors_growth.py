"""Competency 8 detectors: late-session learning, actions, support, accountability, celebration, close."""

from __future__ import annotations

import pytest

from coachlens.analysis.registry import detector_for
from detector_support import FILLER_CLIENT, judge, make_session, padded, rubric, view_of


def _late(*coach_lines: str) -> list[tuple[str, str]]:
    """Coach lines in the last third of a session, each followed by a client answer."""
    tail: list[tuple[str, str]] = []
    for line in coach_lines:
        tail += [("coach", line), ("client", FILLER_CLIENT)]
    return padded(tail, before=9, after=1)


def test_learning_questions_late_in_the_session() -> None:
    assert judge("8.2", _late("What are you learning about yourself?")).status == "demonstrated"
    assert judge("8.3", _late("What's clearer about the situation now?")).status == "demonstrated"
    assert judge("8.4", _late("How will you use that?")).status == "demonstrated"
    assert judge("8.2", _late("What's the plan?")).status == "missed"


def test_learning_questions_at_the_start_do_not_count() -> None:
    early = padded(
        [("coach", "What are you learning about yourself?"), ("client", FILLER_CLIENT)], before=0, after=8
    )
    assert judge("8.2", early).status == "missed"


def test_client_designed_actions_vs_homework_set_by_the_coach() -> None:
    designed = judge("8.5", _late("What would you like to do on Monday?"))
    assert designed.status == "demonstrated"
    assigned = judge("8.5", _late("I want you to do a time audit this week. That's your homework."))
    assert assigned.status == "missed"
    assert "set by the coach" in assigned.rationale


def test_support_and_barriers_both_asked() -> None:
    both = judge("8.6", _late("What might get in the way?", "Who else could support you with this?"))
    assert both.status == "demonstrated"
    one = judge("8.6", _late("What might get in the way?"))
    assert one.status == "partial"


def test_accountability_chosen_by_the_client_vs_set_by_the_coach() -> None:
    chosen = judge("8.7", _late("How would you like to hold yourself to this over the next weeks?"))
    assert chosen.status == "demonstrated"
    imposed = judge("8.7", _late("Send me your price list by Friday and I'll have a look over it."))
    assert imposed.status == "missed"


def test_celebration_specific_vs_generic() -> None:
    specific = judge(
        "8.8",
        _late(
            "You came in feeling found out over a spreadsheet, and you're leaving with a plan you designed."
        ),
    )
    assert specific.status == "demonstrated"
    assert judge("8.8", _late("Well done.")).status == "partial"


def test_closing_partnered_vs_ended_by_the_coach() -> None:
    partnered = judge("8.9", _late("How would you like to finish our time today?"))
    assert partnered.status == "demonstrated"
    abrupt = judge("8.9", _late("Right, anything else before we wrap up? I've got another call at eleven."))
    assert abrupt.status == "partial"
    none = judge("8.9", _late("Okay, we're out of time. Speak soon."))
    assert none.status == "missed"


def test_progress_check_open_vs_yes_no() -> None:
    assert (
        judge("8.1", _late("You wanted a plan for Monday. Where are you with that now?")).status
        == "demonstrated"
    )
    closed = judge("8.1", _late("You said at the start you wanted to know whether you'd ask. Do you know?"))
    assert closed.status == "partial"


@pytest.mark.parametrize("marker_id", ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.9"])
def test_framework_examples_recognised_late_in_a_session(marker_id: str) -> None:
    marker = rubric().marker(marker_id)
    detector = detector_for(marker_id)
    recognised = sum(
        detector(view_of(make_session(_late(line)))).status in ("demonstrated", "partial")
        for line in marker.demonstrating_examples
    )
    assert recognised >= len(marker.demonstrating_examples) - 1, marker_id
    for line in marker.contrast_examples:
        assert detector(view_of(make_session(_late(line)))).status != "demonstrated", line
