"""Listening (6.x) and evoking awareness (7.x), third review round: questions closed in form but
evocative ("Is that the whole story?") are credited for what they evoke and noted as closed, the
client's own image carried into a first step, "who would you be ..." as a question about the client's
view of themself, and energy cues the coach had no reason to name.

Each rule is checked on small inline sessions or single sentences, with lines that must fire and lines
that must not, then end to end on tests/data/fresh/r3-listening-career.srt.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from tests.session_support import assess_lines

from coachlens.analysis.detectors.context import CoachSentence
from coachlens.analysis.detectors.questions import evocative_closed
from coachlens.analysis.pipeline import assess
from coachlens.models import Assessment
from coachlens.transcripts import parse
from finding_support import coach_sentence, marker, turns_of

FRESH = Path(__file__).parent / "data" / "fresh"


@cache
def career() -> Assessment:
    return assess(parse(FRESH / "r3-listening-career.srt"))


# --- what counts as closed in form but evocative ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Is that the whole story?",
        "Perfect English, and people like you stay in testing. Is that the whole story?",
        "Is there another way to see it?",
        "Is that always true?",
        "Is there a different explanation?",
    ],
)
def test_questions_that_put_a_belief_up_for_a_second_look_are_evocative(text: str) -> None:
    assert evocative_closed(sentence(text))


@pytest.mark.parametrize(
    "text",
    [
        "Is that the whole team?",
        "Is it still raining there?",
        "Did you send the email?",
        "Is the application still part of this, for you?",
        # Open in form: credited as open, not as closed-but-evocative.
        "What else might be true?",
        # A statement is not a question, whatever it holds.
        "You don't want to be the one who says no.",
    ],
)
def test_fact_checks_and_open_questions_are_not_closed_but_evocative(text: str) -> None:
    acts = ("question.open",) if text.startswith("What") else ("question.closed",)
    if not text.endswith("?"):
        acts = ("reflection",)
    assert not evocative_closed(sentence(text, *acts))


# --- 7.3 / 6.5 / 7.6: a limiting belief questioned in closed form ---------------------------------

_BELIEF = [
    ("coach", "What would you like to get from our time today?"),
    ("client", "I want to decide whether to apply for the team lead job. I keep putting it off."),
    ("coach", "What makes it matter now?"),
    ("client", "The deadline is Friday. But people like me don't get picked. You need a degree for that."),
    ("coach", "People like you don't get picked. Is that the whole story?"),
    ("client", "Maybe not. Sam has no degree and she leads the night shift. Everyone trusts her."),
    ("coach", "What do people trust in Sam?"),
    ("client", "She is steady. She knows the work. Maybe that counts more than the paper."),
    ("coach", "Is there another way to see it?"),
    ("client", "Maybe the degree is my excuse. I am scared they will say no, so I never ask."),
    ("coach", "What do you want to do with that?"),
    ("client", "Apply. And tell my manager I am applying, so I cannot hide."),
]

_FACT_CHECKS = [
    ("coach", "What would you like to get from our time today?"),
    ("client", "I want to decide whether to apply for the team lead job. I keep putting it off."),
    ("coach", "Is the deadline this week?"),
    ("client", "Friday, yes."),
    ("coach", "Is that the whole team?"),
    ("client", "Yes, twelve people on the night shift."),
    ("coach", "Did you talk to your manager?"),
    ("client", "Not yet."),
    ("coach", "What do you want to do?"),
    ("client", "Apply, I think."),
]


def test_a_belief_questioned_in_closed_form_widens_the_view_and_is_noted_as_closed() -> None:
    found = marker(assess_lines(_BELIEF), "7.3")
    assert found.status == "demonstrated", found.rationale
    assert {4, 8} <= turns_of(found)
    assert "closed in form but still evocative" in found.rationale
    assert "question or invited observations" not in found.rationale


def test_yes_no_fact_checks_do_not_widen_the_view() -> None:
    found = marker(assess_lines(_FACT_CHECKS), "7.3")
    assert found.status == "missed", found.rationale
    assert "evocative" not in found.rationale


def test_a_belief_questioned_counts_as_exploring_how_the_client_sees_their_world() -> None:
    found = marker(assess_lines(_BELIEF), "6.5")
    assert found.status == "demonstrated", found.rationale
    assert {4, 8} <= turns_of(found)
    assert marker(assess_lines(_FACT_CHECKS), "6.5").status != "demonstrated"


def test_evocative_closed_questions_are_named_apart_not_held_up_as_the_weakest() -> None:
    lines = [
        *_BELIEF[:10],
        ("coach", "What do you want to do with that? Will you tell your manager?"),
        ("client", "Apply. And tell my manager I am applying, so I cannot hide."),
        ("coach", "Did you write it down?"),
        ("client", "Not yet."),
    ]
    found = marker(assess_lines(lines), "7.6")
    assert found.status == "partial", found.rationale
    assert "closed in form but still evocative" in found.rationale
    assert not {4, 8} & turns_of(found), found.evidence
    # The stack and the plain yes/no check are still the ones named.
    assert {10, 12} <= turns_of(found)


def test_a_permission_question_is_not_quoted_as_a_closed_question() -> None:
    lines = [
        *_BELIEF[:4],
        ("coach", "May I share something I noticed? "),
        ("client", "Yes, please."),
        ("coach", "You said people like you twice. I'm curious what you make of that."),
        ("client", "I say it a lot. Maybe I believe it more than it is true."),
        ("coach", "What do you want to do? Will you tell your manager?"),
        ("client", "Apply. And tell my manager."),
        ("coach", "Did you write it down?"),
        ("client", "Not yet."),
    ]
    found = marker(assess_lines(lines), "7.6")
    assert 4 not in turns_of(found), found.evidence
    assert 10 in turns_of(found)


# --- 7.4: the first step, in the client's own image -----------------------------------------------

_STEPS = [
    ("coach", "What would you like from today?"),
    ("client", "I am on one side of a river and the job I want is on the other. I need a bridge."),
    ("coach", "A bridge. What would it be made of?"),
    ("client", "Small chances to speak. Practice. People who see me."),
    ("coach", "Where are you now with it?"),
    ("client", "Clearer. The river is my waiting."),
    ("coach", "What could be the first plank of that bridge?"),
    ("client", "Say one opinion in the next planning meeting."),
    ("coach", "What might get in the way?"),
    ("client", "If it is fast I freeze. I can write my point first."),
]


def test_a_first_step_in_the_clients_image_moves_toward_the_outcome() -> None:
    found = marker(assess_lines(_STEPS), "7.4")
    assert found.status == "demonstrated", found.rationale
    assert {6, 8} <= turns_of(found)
    # The forward question leads the evidence; the obstacle question supports it.
    assert found.evidence[0].turn == 6


def test_questions_about_what_already_happened_first_do_not_move_toward_the_outcome() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "To get ready for the planning meeting on Monday."),
        ("coach", "What was the first thing he said last time?"),
        ("client", "That the budget was cut."),
        ("coach", "What was the next thing that happened?"),
        ("client", "Everyone went quiet."),
        ("coach", "Who was there?"),
        ("client", "Four of us."),
    ]
    found = marker(assess_lines(lines), "7.4")
    assert found.status == "missed", found.rationale


# --- 6.5 / 7.2: "who would you be ..." ------------------------------------------------------------


def test_who_would_you_be_if_asks_how_the_client_sees_themself() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "To stop feeling like a guest in meetings. I keep my opinions in my pocket."),
        ("coach", "Who would you be in those meetings, if your opinions came out of your pocket?"),
        ("client", "Someone who brings the customer into the room."),
        ("coach", "Who are you when you bring the customer in?"),
        ("client", "Useful. Myself."),
    ]
    found = marker(assess_lines(lines), "6.5")
    assert found.status == "demonstrated", found.rationale
    assert 2 in turns_of(found)
    # "Who would you ask?" is about someone else, not the client's view of themself.
    lines[2] = ("coach", "Who would you ask in those meetings for help?")
    assert 2 not in turns_of(marker(assess_lines(lines), "6.5"))


# --- 6.4: cues the coach had no reason to name ---------------------------------------------------

_CUES = [
    ("coach", "What would you like from today?"),
    ("client", "A plan for the talk with my director."),
    ("coach", "What do you want her to hear?"),
    ("client", "That I am ready for more."),
    ("coach", "Say it out loud. How does it feel?"),
    ("client", "I feel lighter. It sounds true."),
    ("coach", "What will you say first?"),
    ("client", "That I have led the migration for a year."),
    ("coach", "Anything else you need before we close?"),
    ("client", "No. Thank you, I feel lighter."),
]


def test_a_cue_answering_the_coachs_feeling_question_or_in_the_goodbye_is_not_a_missed_cue() -> None:
    found = marker(assess_lines(_CUES), "6.4")
    assert found.status == "not_assessable"
    assert "did not name" not in found.rationale, found.rationale
    assert not turns_of(found)


def test_a_cue_mid_session_after_an_unrelated_question_is_still_noted() -> None:
    lines = list(_CUES)
    lines[4] = ("coach", "Who else will be in the room?")
    found = marker(assess_lines(lines), "6.4")
    assert "did not name" in found.rationale, found.rationale
    assert turns_of(found) == {5}


# --- end to end: r3-listening-career.srt ----------------------------------------------------------


def test_career_session_credits_listening_and_awareness_from_the_right_lines() -> None:
    assessment = career()
    expected = {
        "6.2": {10, 12, 14},
        "6.5": {26, 30, 38},
        "6.7": {16, 22},
        "7.2": {38, 54},
        "7.3": {26, 30},
        "7.4": {42},
        "7.5": {34},
    }
    for marker_id, turns in expected.items():
        found = marker(assessment, marker_id)
        assert found.status == "demonstrated", (marker_id, found.rationale)
        assert turns <= turns_of(found), (marker_id, turns_of(found))


def test_career_session_notes_closed_questions_fairly() -> None:
    assessment = career()
    widen = marker(assessment, "7.3")
    assert "closed in form but still evocative" in widen.rationale
    assert "not just a yes or no" in widen.rationale
    form = marker(assessment, "7.6")
    assert form.status == "partial"
    assert 18 in turns_of(form)
    assert not {26, 30, 32} & turns_of(form), form.evidence
    assert "closed in form but still evocative" in form.rationale


def test_career_session_rationales_read_as_plain_english() -> None:
    assessment = career()
    words = marker(assessment, "6.2").rationale
    assert "time(s)" not in words and "4 times" in words
    assert "question or invited observations" not in marker(assessment, "7.3").rationale
    energy = marker(assessment, "6.4")
    assert energy.status == "not_assessable" and "did not name" not in energy.rationale


def sentence(text: str, *acts: str) -> CoachSentence:
    return coach_sentence(text, *(acts or ("question.closed",)))
