"""Competencies 4 (trust and safety) and 5 (presence) as a mentor reads them: sympathy taken back or
followed by a change of subject is not support, reassurance answers a feeling for the client, a
question about the person that is then steered away from does not count as responding to the who,
and the lines quoted are the ones that show the marker."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.analysis.detectors.emotion import find_feelings, has_difficult_feeling
from coachlens.analysis.detectors.presence import CLIENT_CHOICE, COACH_DIRECTS, WHOLE_PERSON
from coachlens.analysis.detectors.trust_cues import PLATITUDE, SUBJECT_CHANGE
from coachlens.analysis.pipeline import assess_path
from coachlens.models import Assessment
from finding_support import marker, quotes
from session_support import assess_lines

FRESH = Path(__file__).parent / "data" / "fresh"
OPENING = [
    ("coach", "What would you like to get from our time today?"),
    ("client", "I want to prepare for the board presentation next week."),
]


# --- wording: each cue fires on the move it names and not on its look-alikes -----------------------


@pytest.mark.parametrize(
    ("text", "difficult"),
    [
        ("I just feel a bit out of my depth, to be honest.", True),
        ("I go home and lie awake thinking about it.", True),
        ("I don't want her to think I can't cope.", True),
        ("We went into the depth of the data on Friday.", False),
        ("I'll cope with the spreadsheet, it's fine.", False),
    ],
)
def test_distress_said_in_an_idiom_counts_as_a_difficult_feeling(text: str, difficult: bool) -> None:
    assert has_difficult_feeling(text) is difficult


def test_a_feeling_frame_with_an_adverb_is_still_a_feeling() -> None:
    assert find_feelings("I just feel like they hired the wrong person.")
    assert not find_feelings("I just think they hired the wrong person.")


@pytest.mark.parametrize(
    ("text", "brushes_off"),
    [
        ("Oh, I'm sure she wouldn't think that.", True),
        ("You won't get flustered.", True),
        ("Everybody gets impostor syndrome, I still get it.", True),
        ("You've got this!", True),
        ("I'm sure that was hard to hear.", False),
        ("You don't want her to think you can't cope.", False),
        ("What would you need so you don't get flustered?", False),
    ],
)
def test_reassurance_that_answers_a_feeling_for_the_client(text: str, brushes_off: bool) -> None:
    assert bool(PLATITUDE.search(text)) is brushes_off


@pytest.mark.parametrize(
    ("text", "moves_on"),
    [
        ("Let's get back to the presentation.", True),
        ("Anyway, what time is the meeting?", True),
        ("Let's come back to what you said about your mum.", False),
        ("What would you like to get back to?", False),
    ],
)
def test_changing_the_subject(text: str, moves_on: bool) -> None:
    assert bool(SUBJECT_CHANGE.search(text)) is moves_on


@pytest.mark.parametrize(
    ("text", "whole_person"),
    [
        ("Before we start, how are you arriving today?", True),
        ("What do you need most right now, for yourself, not for your team?", True),
        ("What are you taking away about yourself from today?", True),
        ("What else is going on for you this week?", True),
        ("What do you need to do next?", False),
        ("What are you taking away from the report?", False),
    ],
)
def test_questions_about_the_person(text: str, whole_person: bool) -> None:
    assert bool(WHOLE_PERSON.search(text)) is whole_person


def test_steering_back_to_the_task_is_the_coach_setting_direction() -> None:
    assert COACH_DIRECTS.search("Let's get back to the presentation.")
    assert COACH_DIRECTS.search("Now, about the questions.")
    assert not COACH_DIRECTS.search("Let's go back to what you said about your dad.")
    assert not COACH_DIRECTS.search("About the questions, what worries you most?")
    assert CLIENT_CHOICE.search("So is there anything else you'd like to cover?")
    assert not CLIENT_CHOICE.search("Is there anything else you need from IT?")


# --- 4.2 / 4.3: what counts as receiving a feeling ---------------------------------------------------


def test_sympathy_followed_by_a_change_of_subject_is_not_support() -> None:
    hard = ("client", "It's been a hard few months. My mum's been ill and I'm exhausted going into this.")
    moved_on = assess_lines(
        [
            *OPENING,
            hard,
            ("coach", "Oh, I'm sorry to hear that. But you've got this! Let's get back to the slides."),
        ]
    )
    found = marker(moved_on, "4.2")
    assert found.status == "missed"
    assert "Let's get back to the slides" in found.rationale
    stayed = assess_lines([*OPENING, hard, ("coach", "I'm sorry to hear that. That sounds exhausting.")])
    assert marker(stayed, "4.2").status in ("partial", "demonstrated")


def test_reassurance_instead_of_the_clients_concern_is_steering_past_it() -> None:
    worry = ("client", "She's very busy. I don't want her to think I can't cope.")
    reassured = assess_lines([*OPENING, worry, ("coach", "Oh, I'm sure she wouldn't think that.")])
    found = marker(reassured, "4.3")
    assert found.status == "missed"
    assert "I'm sure she wouldn't think that" in found.rationale
    received = assess_lines(
        [
            *OPENING,
            worry,
            ("coach", "You don't want her to think you can't cope. What would coping look like to you?"),
        ]
    )
    assert marker(received, "4.3").status == "demonstrated"


def test_relief_followed_by_the_next_question_is_not_a_feeling_passed_over() -> None:
    relief = assess_lines(
        [
            *OPENING,
            ("client", "Okay. That feels lighter already."),
            ("coach", "Where would you like to go from here?"),
        ]
    )
    assert marker(relief, "4.3").status == "no_opportunity"
    dread = assess_lines(
        [
            *OPENING,
            ("client", "Honestly, I'm dreading it."),
            ("coach", "Where would you like to go from here?"),
        ]
    )
    assert marker(dread, "4.3").status == "missed"


# --- 4.1 / 4.4: the line quoted is the one that shows the marker -------------------------------------


def test_acknowledgement_is_quoted_from_the_sentence_about_the_client() -> None:
    found = marker(
        assess_lines(
            [
                *OPENING,
                ("client", "If I don't tell them properly, any plan I make is built on pretending."),
                ("coach", "That's a real insight. You've just named what the whole plan rests on."),
                ("client", "Yes. I suppose I have."),
                ("coach", "You were honest with me today, even when it was hard, and that took courage."),
            ]
        ),
        "4.1",
    )
    assert found.status == "demonstrated"
    assert "in 2 turns" in found.rationale
    assert "You've just named what the whole plan rests on" in found.rationale
    assert "That's a real insight." not in quotes(found)


def test_a_check_against_the_clients_goal_is_not_an_invitation_to_respond() -> None:
    goal_check = assess_lines(
        [
            *OPENING,
            ("client", "I keep putting off the finance slides."),
            ("coach", "I'd suggest doing the finance slides first."),
            ("client", "Maybe."),
            ("coach", "How does that sit with what you wanted from today?"),
            ("client", "It's close."),
        ]
    )
    assert marker(goal_check, "4.4").status == "missed"
    invited = assess_lines(
        [
            *OPENING,
            ("client", "I keep putting off the finance slides."),
            ("coach", "Can I share something I'm noticing? You can leave it if it doesn't fit."),
            ("client", "Go on."),
            ("coach", "You've said 'putting off' three times today. What do you make of that?"),
            ("client", "I hadn't noticed. I think I'm scared of the treasurer."),
        ]
    )
    found = marker(invited, "4.4")
    assert found.status == "demonstrated"
    assert quotes(found)[0] == "What do you make of that?"


# --- 5.1, 5.3, 5.4: presence ------------------------------------------------------------------------


def test_a_door_to_the_person_opened_and_shut_is_not_responding_to_the_who() -> None:
    asked = ("coach", "What else is going on for you this week?")
    answer = ("client", "Honestly, it's been hard. My mum's been ill and I'm exhausted going into this.")
    shut = assess_lines([*OPENING, asked, answer, ("coach", "I'm sorry. Let's get back to the slides.")])
    found = marker(shut, "5.1")
    assert found.status == "missed"
    assert "What else is going on for you this week?" in found.rationale
    assert "Let's get back to the slides" in found.rationale
    stayed = assess_lines(
        [
            *OPENING,
            asked,
            answer,
            ("coach", "That's a lot to be carrying. What do you need most right now, for yourself?"),
        ]
    )
    assert marker(stayed, "5.1").status == "demonstrated"


def test_steering_back_to_the_task_limits_client_choice() -> None:
    found = marker(
        assess_lines(
            [
                *OPENING,
                ("client", "And my manager is away."),
                ("coach", "Let's get back to the presentation. What time is it?"),
                ("client", "Ten."),
                ("coach", "Now, about the questions. What might they ask?"),
                ("client", "Budget."),
                ("coach", "Is there anything else you'd like to cover?"),
                ("client", "No."),
            ]
        ),
        "5.3",
    )
    assert found.status == "partial"
    assert "Is there anything else you'd like to cover?" in found.rationale
    assert "Let's get back to the presentation." in quotes(found)


def test_process_questions_and_guesses_about_others_are_not_curiosity_about_the_client() -> None:
    process_only = assess_lines(
        [
            *OPENING,
            ("coach", "What do you think the treasurer might ask?"),
            ("client", "Why the youth programme went over budget."),
            ("coach", "How would you like to hold yourself to that?"),
            ("client", "I'll tell my partner."),
        ]
    )
    assert marker(process_only, "5.4").status == "missed"
    curious = assess_lines(
        [
            *OPENING,
            ("client", "Now I'm cutting up his food, and then I'm supposed to care about pallets."),
            ("coach", "You're cutting up his food. What's it like, moving between those two worlds?"),
        ]
    )
    found = marker(curious, "5.4")
    assert found.status in ("partial", "demonstrated")
    assert "What's it like, moving between those two worlds?" in quotes(found)


# --- end to end: the two review transcripts ---------------------------------------------------------


@pytest.fixture(scope="module")
def warm() -> Assessment:
    return assess_path(FRESH / "review-trust-a.srt")


@pytest.fixture(scope="module")
def rescuing() -> Assessment:
    return assess_path(FRESH / "review-trust-b.txt")


def test_warm_session_credits_trust_and_presence_from_the_right_lines(warm: Assessment) -> None:
    statuses = {f.id: f.status for f in warm.markers}
    for marker_id in ("4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "5.5"):
        assert statuses[marker_id] == "demonstrated", marker_id
    assert "You've just named what the whole plan rests on." in quotes(marker(warm, "4.1"))
    assert quotes(marker(warm, "4.4"))[0] == "What do you make of that?"
    assert "What do you need most right now" in marker(warm, "5.1").rationale
    silence = marker(warm, "5.5")
    assert "11 s" in silence.rationale and silence.evidence[0].turn == 16


def test_rescuing_session_names_the_rescue(rescuing: Assessment) -> None:
    statuses = {f.id: f.status for f in rescuing.markers}
    assert statuses["4.1"] == "missed"
    assert statuses["4.2"] == "missed"
    assert statuses["4.3"] == "missed"
    assert statuses["4.4"] == "missed"
    assert statuses["5.5"] == "not_assessable"
    assert statuses["5.3"] == "partial"
    person = marker(rescuing, "5.1")
    assert person.status == "missed" and "Let's get back to the presentation" in person.rationale
    offered = marker(rescuing, "4.4")
    assert "Does that make sense?" not in " ".join(quotes(offered))


def test_going_deeper_into_the_person_keeps_the_door_open() -> None:
    found = marker(
        assess_lines(
            [
                *OPENING,
                ("coach", "What else is going on for you this week?"),
                ("client", "Honestly, I'm exhausted. My dad's been in hospital."),
                ("coach", "Who do you want to be for yourself in all of this?"),
            ]
        ),
        "5.1",
    )
    assert found.status in ("partial", "demonstrated")
    assert "moved on" not in found.rationale


def test_care_and_the_clients_own_words_are_not_fixing_even_with_an_advice_label() -> None:
    crying = ("client", "Sorry. I'm crying. I didn't expect that.")
    cared = assess_lines([*OPENING, crying, ("coach", "Take all the time you need. I'm here.")])
    assert marker(cared, "4.3").status == "demonstrated"
    fixed = assess_lines([*OPENING, crying, ("coach", "You should take a break and get some fresh air.")])
    assert marker(fixed, "4.3").status == "missed"
    replay = (
        "client",
        "I keep replaying the hospital and thinking I should have pushed for the scan. I'm exhausted.",
    )
    reflected = assess_lines(
        [
            *OPENING,
            replay,
            ("coach", "Replaying the hospital, and the thought that you should have pushed for the scan."),
        ]
    )
    assert marker(reflected, "4.3").status == "demonstrated"


def test_a_success_measure_question_is_agreement_not_curiosity_about_the_client() -> None:
    found = marker(
        assess_lines(
            [
                ("coach", "What would you like from today?"),
                ("client", "A plan for the board meeting."),
                ("coach", "How will you know you've got there?"),
                ("client", "I'll have three points written down."),
            ]
        ),
        "5.4",
    )
    assert "How will you know you've got there?" not in quotes(found)


def test_repeating_the_clients_words_inside_the_coachs_own_telling_is_still_telling() -> None:
    told = assess_lines(
        [
            *OPENING,
            ("client", "I'm anxious. I want to apply for the job but I'm not sure."),
            ("coach", "You should apply for the job anyway."),
        ]
    )
    assert marker(told, "4.3").status == "missed"
