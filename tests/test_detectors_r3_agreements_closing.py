"""Third review round, competencies 3 and 8: a short "laser" session must not be punished for brevity.

A quick agreement reconfirms the client's own measure instead of asking a fresh "how will you know?"
(3.2), a goal the coach framed wrongly and then took back from the client is a re-contract (3.1), and a
compressed close in which the client states learning and step in one breath is read as such (8.3, 8.4,
8.5), while the accountability answer is not mistaken for the action (8.5).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.pipeline import assess
from coachlens.config import Settings
from coachlens.models import Assessment
from coachlens.transcripts import parse
from finding_support import marker, turns_of
from session_support import assess_lines

FRESH = Path(__file__).parent / "data" / "fresh"

# Neutral middle: keeps opening lines in the first third and closing lines in the last part.
MIDDLE = [
    ("coach", "Tell me more about the shop."),
    ("client", "Four of us, two benches, and a queue of bikes every Monday morning."),
    ("coach", "A queue every Monday."),
    ("client", "Commuters, mostly. They need the bike back before the week starts."),
    ("coach", "What else do you notice about them?"),
    ("client", "They hardly ever ask what it costs. They ask when it'll be ready."),
    ("coach", "When it'll be ready."),
    ("client", "Yes. That's the question every single time, now that I think about it."),
    ("coach", "What does that tell you?"),
    ("client", "That speed matters more to them than the price does, probably."),
]


@cache
def laser() -> Assessment:
    return assess(parse(FRESH / "r3-agreements-laser.txt"), classifier=load_default_classifier(Settings()))


def opening(*lines: tuple[str, str]) -> Assessment:
    return assess_lines([*lines, *MIDDLE, *MIDDLE])


def close(*lines: tuple[str, str]) -> Assessment:
    return assess_lines([("coach", "What would you like to get from today?"), *MIDDLE, *lines])


# 3.2: reconfirming the client's own measure


def test_a_check_on_the_clients_own_result_reconfirms_the_measure() -> None:
    found = marker(
        opening(
            ("coach", "What do you want to walk away with?"),
            ("client", "By the end I want to know whether I'm raising the price, and by how much."),
            ("coach", "A yes or a no, and a number. If you leave with both, is that a good session?"),
            ("client", "Yes, both."),
        ),
        "3.2",
    )
    assert found.status == "demonstrated", found.rationale
    assert turns_of(found) == {2}
    assert "reconfirm" in found.rationale


def test_the_same_check_without_a_client_outcome_is_not_a_reconfirmed_measure() -> None:
    found = marker(
        opening(
            ("coach", "What's on your mind?"),
            ("client", "The price rise. I keep going back and forth on it."),
            ("coach", "If you leave with a plan for it, is that a good session?"),
            ("client", "I suppose so."),
        ),
        "3.2",
    )
    assert found.status != "demonstrated", found.rationale


# 3.3: what the goal is worth, asked through its cost


def test_whats_riding_on_it_asks_why_the_goal_matters() -> None:
    for line in ("What's riding on settling it now?", "What is not deciding costing you?"):
        found = marker(
            opening(
                ("coach", "What would you like to get from today?"),
                ("client", "A decision on the price rise."),
                ("coach", line),
                ("client", "My margins, and my sleep."),
            ),
            "3.3",
        )
        assert found.status == "demonstrated", (line, found.rationale)
        assert turns_of(found) == {2}


def test_a_question_about_money_is_not_about_importance() -> None:
    found = marker(
        opening(
            ("coach", "What would you like to get from today?"),
            ("client", "A decision on the price rise."),
            ("coach", "How much is it costing you in parts?"),
            ("client", "About eighteen percent more than last year."),
        ),
        "3.3",
    )
    assert found.status == "missed", found.rationale


# 3.1: the client corrects the coach's framing and the coach re-contracts

CORRECTED = [
    ("coach", "What do you want to walk away with?"),
    ("client", "A decision on the price rise, by the end."),
    ("coach", "So the goal is to feel comfortable charging more."),
    (
        "client",
        "No, that's not it. I'm fine charging more. It's a numbers question, not a confidence question.",
    ),
    (
        "coach",
        "Thanks. So the question is whether the regulars stay at a higher price. Is that the one to work on?",
    ),
    ("client", "Yes."),
]


def test_a_check_after_the_client_corrects_the_coach_is_a_recontract() -> None:
    found = marker(opening(*CORRECTED), "3.1")
    assert found.status == "demonstrated", found.rationale
    assert turns_of(found) == {0, 4}
    assert "corrected the coach's framing" in found.rationale


def test_the_same_check_without_a_correction_is_not_a_recontract() -> None:
    lines = [*CORRECTED[:3], ("client", "Yes, I think that's part of it."), *CORRECTED[4:]]
    found = marker(opening(*lines), "3.1")
    assert found.status == "demonstrated", found.rationale
    assert 4 not in turns_of(found)
    assert "corrected" not in found.rationale


def test_missing_agreement_points_at_an_opening_turn_that_already_asked_for_an_outcome() -> None:
    found = marker(
        opening(
            ("coach", "Hi Sam. What do you want to walk away with today?"),
            ("client", "A plan for the price rise."),
            ("coach", "Where would you like to start?"),
            ("client", "With the regulars."),
        ),
        "3.3",
    )
    assert found.status == "missed"
    assert turns_of(found) == {0}


def test_missing_agreement_still_skips_a_greeting_only_opening_turn() -> None:
    found = marker(
        opening(
            ("coach", "Hi Sam, how are you?"),
            ("client", "Fine, busy. A plan for the price rise would help."),
            ("coach", "Where would you like to start?"),
            ("client", "With the regulars."),
        ),
        "3.3",
    )
    assert found.status == "missed"
    assert turns_of(found) == {2}


# 8.3-8.5: the compressed, client-led close

STATED = (
    "It's a yes. What I'm taking away is that I've been pricing against the chain store when my customers "
    "aren't even comparing us to them, so I'll put the new price board up on Saturday."
)


def test_a_compressed_close_quotes_the_learning_and_credits_its_use_in_part() -> None:
    found = close(
        ("coach", "Where are you now with what you wanted from today?"),
        ("client", STATED),
        ("coach", "Good. Thank you for today."),
        ("client", "Thanks."),
    )
    learning = marker(found, "8.3")
    assert learning.status == "partial", learning.rationale
    assert learning.evidence[0].quote.startswith("What I'm taking away")
    use = marker(found, "8.4")
    assert use.status == "partial", use.rationale
    assert "Unprompted" in use.rationale
    design = marker(found, "8.5")
    assert design.status == "demonstrated", design.rationale
    assert any(e.quote.startswith("I'll put the new price board up") for e in design.evidence)


def test_learning_without_a_step_does_not_credit_its_use() -> None:
    found = close(
        ("coach", "Where are you now with what you wanted from today?"),
        (
            "client",
            "What I'm taking away is that my customers aren't comparing us to the chain store at all.",
        ),
        ("coach", "Good. Thank you for today."),
        ("client", "Thanks."),
    )
    assert marker(found, "8.4").status == "missed"


def test_the_answer_to_an_accountability_question_is_not_the_designed_action() -> None:
    found = close(
        ("coach", "How will you hold yourself to that?"),
        ("client", "I'll tell my sister, she'll ask me about it on Friday."),
        ("coach", "Thank you for today."),
        ("client", "Thanks."),
    )
    assert marker(found, "8.7").status == "demonstrated"
    assert marker(found, "8.5").status == "missed", marker(found, "8.5").rationale


def test_unexplored_barriers_point_at_the_step_the_client_set() -> None:
    found = marker(
        close(
            ("coach", "Where are you now with what you wanted from today?"),
            ("client", "It's a yes. I'll put the new price board up on Saturday."),
            ("coach", "Thank you for today."),
            ("client", "Thanks."),
        ),
        "8.6",
    )
    assert found.status == "missed"
    assert turns_of(found) == {len(MIDDLE) + 2}
    assert "client set their next step" in found.rationale


# 8.8 and 8.9


def test_you_came_in_after_months_of_it_celebrates_progress() -> None:
    line = "You came in after two months of going round in circles, and you settled it in ten minutes."
    found = marker(close(("coach", line), ("client", "I did.")), "8.8")
    assert found.status == "demonstrated", found.rationale
    assert turns_of(found) == {len(MIDDLE) + 1}
    plain = marker(close(("coach", "You came in after me last week, I think."), ("client", "I did.")), "8.8")
    assert plain.status != "demonstrated"


def test_asking_what_the_client_needs_before_finishing_is_a_partial_close() -> None:
    weak = close(
        ("coach", "Is there anything you need from me before we finish?"), ("client", "No, that's it.")
    )
    assert marker(weak, "8.9").status == "partial"
    strong = close(("coach", "How would you like to finish today?"), ("client", "With the plan, read back."))
    assert marker(strong, "8.9").status == "demonstrated"


# End to end: the laser transcript


def test_laser_session_agreement_is_read_in_full() -> None:
    expected = {"3.1": {0, 8}, "3.2": {2}, "3.3": {4}, "3.4": {10}}
    for marker_id, turns in expected.items():
        found = marker(laser(), marker_id)
        assert found.status == "demonstrated", (marker_id, found.rationale)
        assert turns_of(found) == turns, (marker_id, turns_of(found))


def test_laser_session_close_is_read_as_client_led() -> None:
    statuses = {m.id: m.status for m in laser().markers if m.id.startswith("8.")}
    assert statuses == {
        "8.1": "demonstrated",
        "8.2": "missed",
        "8.3": "partial",
        "8.4": "partial",
        "8.5": "demonstrated",
        "8.6": "missed",
        "8.7": "demonstrated",
        "8.8": "demonstrated",
        "8.9": "partial",
    }
    assert 27 in turns_of(marker(laser(), "8.5"))
    assert 29 not in turns_of(marker(laser(), "8.5"))
    assert 30 in turns_of(marker(laser(), "8.8"))
    assert "stayed unspoken" not in marker(laser(), "8.2").rationale
