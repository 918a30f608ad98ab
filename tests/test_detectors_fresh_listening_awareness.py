"""Listening (6.x) and evoking awareness (7.x) rules found by reading the engine's reports on two
fresh sessions: an MCC-leaning coach who hands the client's words back, and an interrogating coach.

Each rule is checked on small inline sessions, with lines that must fire and lines that must not,
then end to end on the two transcripts in tests/data/fresh.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.session_support import assess_lines

from coachlens.analysis.pipeline import assess
from coachlens.models import Assessment
from coachlens.transcripts import parse
from finding_support import marker, turns_of

FRESH = Path(__file__).parent / "data" / "fresh"


# --- 6.7 / 6.3 / 7.5: a reflection in the coach's words that the client corrects ---------------

CORRECTED = [
    ("coach", "What would you like from today?"),
    ("client", "I want to sort out what to do about my business partner. He keeps missing our calls."),
    ("coach", "So basically you're angry with him and you need a plan."),
    ("client", "I mean, yes, partly. It's more that I feel embarrassed in front of our investors."),
    ("coach", "What did the investors say?"),
    ("client", "They asked why the numbers were late."),
]
ACCEPTED = [
    ("coach", "What would you like from today?"),
    ("client", "I want to sort out what to do about my business partner. He keeps missing our calls."),
    ("coach", "He keeps missing your calls, and it's wearing on you."),
    ("client", "Yes, exactly. And I end up covering for him with the investors every time."),
    ("coach", "Covering for him. What's that like?"),
    ("client", "Exhausting, and a bit humiliating, honestly."),
]


def test_a_reflection_the_client_corrects_is_named_not_credited() -> None:
    corrected = assess_lines(CORRECTED)
    reflection = marker(corrected, "6.7")
    assert reflection.status != "demonstrated"
    assert "corrected" in reflection.rationale
    assert 2 in turns_of(reflection)
    # The coach's word for the feeling was wrong, so it is not a feeling named back (6.3), and the
    # feeling the client did voice was answered with a question about other people.
    assert marker(corrected, "6.3").status == "missed"
    assert 3 in turns_of(marker(corrected, "6.3"))
    # The coach's reading was stated as fact, not offered to explore (7.5).
    offer = marker(corrected, "7.5")
    assert offer.status == "missed"
    assert 2 in turns_of(offer)

    accepted = assess_lines(ACCEPTED)
    assert "corrected" not in marker(accepted, "6.7").rationale
    assert marker(accepted, "6.3").status != "missed"
    assert "stated as fact" not in marker(accepted, "7.5").rationale


@pytest.mark.parametrize(
    "coach_turn",
    [
        "So you have your opening line and a day for it. Anything else?",
        "Are you sleeping at all? Because if you're up until two, you're probably exhausted.",
    ],
)
def test_a_question_answered_no_is_not_a_correction(coach_turn: str) -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "A plan for talking to my partner about the missed calls, and I'm up late worrying."),
        ("coach", coach_turn),
        ("client", "No, not really. I think that's everything."),
    ]
    assert "corrected" not in marker(assess_lines(lines), "6.7").rationale


# --- 6.2: the client's image handed back, bare, or asked about ------------------------------------

IMAGES = [
    ("coach", "What would you like to look at today?"),
    ("client", "Whether to take the regional role. When I picture it I see a cage with a nicer carpet."),
    ("coach", "A cage with a nicer carpet."),
    (
        "client",
        "Yes. Comfortable, well paid, and I would never see the workshop floor again, which is where I come alive.",
    ),
    ("coach", "What else comes up for you about it?"),
    (
        "client",
        "My father always said a promotion is a ladder you don't step off. I still hear him say that.",
    ),
    ("coach", "Whose ladder is it?"),
    ("client", "His. It was always his ladder, not mine. I never wanted to climb it."),
]


def test_a_bare_echo_the_client_takes_further_and_a_question_about_a_word_explore_language() -> None:
    found = marker(assess_lines(IMAGES), "6.2")
    assert found.status == "demonstrated"
    assert {2, 6} <= turns_of(found)


def test_a_bare_echo_the_client_does_not_take_further_is_not_exploration() -> None:
    flat = [
        *IMAGES[:3],
        ("client", "Yes."),
        ("coach", "What's next on your list?"),
        ("client", "The budget."),
    ]
    found = marker(assess_lines(flat), "6.2")
    assert found.status != "demonstrated"
    assert "invited them to explore" not in found.rationale


def test_a_one_word_confirmation_is_not_a_handed_back_image() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "To fix a date for the conversation with my director. Probably Thursday."),
        ("coach", "Thursday, then."),
        ("client", "Yes, Thursday after lunch, she's usually free and in a better mood by then."),
    ]
    assert 2 not in turns_of(marker(assess_lines(lines), "6.2"))


def test_a_topic_named_in_a_fact_question_is_not_the_clients_words_handed_back() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "The warehouse project is slipping and the logistics client has noticed."),
        ("coach", "What did you tell the logistics client?"),
        ("client", "That we had resourcing issues."),
        ("coach", "When is the next warehouse deadline?"),
        ("client", "Friday."),
    ]
    found = marker(assess_lines(lines), "6.2")
    assert found.status == "missed"


# --- 6.1: fact-gathering and closed questions are not customised questions --------------------------


def test_fact_gathering_about_others_is_not_a_customised_question() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "My colleague Graham keeps missing deadlines on the warehouse project."),
        ("coach", "What does Graham say when you ask him about the warehouse deadlines?"),
        ("client", "That the estimates were unrealistic."),
        ("coach", "What did you tell the warehouse client?"),
        ("client", "Resourcing issues."),
        ("coach", "And will you tell your manager about Graham before or after?"),
        ("client", "After."),
        ("coach", "What do you want from Graham, ideally, on the warehouse estimates?"),
        ("client", "Warning, early."),
    ]
    found = marker(assess_lines(lines), "6.1")
    assert found.status != "demonstrated"
    assert turns_of(found) <= {8}


# --- 6.6: cut-offs shown by dashes in an untimed transcript ----------------------------------------

CUT = [
    ("coach", "What would you like from today?"),
    ("client", "To work out how to raise it with him, because every time I try I end up—"),
    ("coach", "So you need a script."),
    ("client", "Maybe."),
    ("coach", "What would you want to say first?"),
    ("client", "That I need warning, not surprises."),
]


def test_a_client_line_broken_off_by_a_dash_shows_a_cut_in_without_timings() -> None:
    found = marker(assess_lines(CUT), "6.6")
    assert found.status in {"missed", "partial"}
    assert turns_of(found) == {2}


@pytest.mark.parametrize(
    "ending",
    [
        "because every time I try I end up going quiet.",
        "because every time I try I end up...",
        "because every time I try I end up - well, you know.",
    ],
)
def test_a_finished_or_trailing_client_line_is_not_a_cut_in(ending: str) -> None:
    lines = list(CUT)
    lines[1] = ("client", "To work out how to raise it with him, " + ending)
    assert marker(assess_lines(lines), "6.6").status == "not_assessable"


def test_the_coach_breaking_off_is_not_the_coach_cutting_in() -> None:
    lines = list(CUT)
    lines[1] = ("client", "To work out how to raise it with him.")
    lines[2] = ("coach", "So what would—")
    assert marker(assess_lines(lines), "6.6").status == "not_assessable"


# --- 6.3 / 6.4: feelings and energy -----------------------------------------------------------------


def test_a_feeling_word_about_something_else_is_not_a_feeling_question() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "To decide about the job. The music room is where I feel alive."),
        ("coach", "What's alive in that room?"),
        ("client", "The noise. The kids."),
    ]
    found = marker(assess_lines(lines), "6.3")
    assert 2 not in turns_of(found)


def test_energy_named_in_the_present_with_an_invitation_is_6_4() -> None:
    lines = [
        ("coach", "What would you like from today?"),
        ("client", "To talk about the band programme. I could build it across all six schools."),
        ("coach", "You're smiling as you say that. What's happening for you?"),
        ("client", "I'm excited. I haven't been excited about work in a year."),
    ]
    found = marker(assess_lines(lines), "6.4")
    assert found.status == "demonstrated"
    assert "What's happening for you?" in found.evidence[0].quote

    plain = [*lines[:2], ("coach", "You're saying it could cover six schools. How?"), lines[3]]
    assert marker(assess_lines(plain), "6.4").status == "not_assessable"


# --- 7.2 / 7.3 / 7.4: what a question opens --------------------------------------------------------


def _questions(*questions: str) -> Assessment:
    lines: list[tuple[str, str]] = [
        ("coach", "What would you like from today?"),
        ("client", "To decide whether to apply for the deputy role; my father calls a promotion a ladder."),
    ]
    for question in questions:
        lines += [
            ("coach", question),
            ("client", "I'm not sure. Let me think about that for a moment, honestly."),
        ]
    return assess_lines(lines)


def test_questions_about_what_the_client_learns_of_themself_widen_the_self_view() -> None:
    found = marker(
        _questions(
            "What are you taking away about yourself from today?",
            "What would it mean to you to choose the music?",
        ),
        "7.2",
    )
    assert found.status == "demonstrated"
    other = marker(
        _questions("What are you taking away from the report?", "What would it cost to choose the music?"),
        "7.2",
    )
    assert other.status == "missed"


def test_whose_standard_and_side_by_side_questions_widen_the_situation_view() -> None:
    found = marker(
        _questions(
            "Whose ladder is it?",
            "What do you notice when you hold that hour next to the Tuesday you pictured?",
        ),
        "7.3",
    )
    assert found.status == "demonstrated"
    other = marker(
        _questions("Whose turn is it to present on Monday?", "What do you notice about the timetable?"), "7.3"
    )
    assert other.status == "missed"


def test_picturing_the_wanted_role_and_acting_on_an_insight_move_toward_the_outcome() -> None:
    found = marker(
        _questions(
            "How are things at home?",
            "What would a role with more music in it look like?",
            "What will you do with that?",
        ),
        "7.4",
    )
    assert found.status == "demonstrated"
    other = marker(
        _questions("How are things at home?", "What did you do with the old timetable?", "What did she say?"),
        "7.4",
    )
    assert other.status == "missed"
    assert "ideas came from the coach" not in other.rationale


# --- 7.5: permission first, the observation in the next turn ---------------------------------------

OFFER = [
    ("coach", "What would you like from today?"),
    ("client", "To decide about the deputy role. I think I'm just scared of it."),
    ("coach", "What does the role look like on an ordinary day?"),
    ("client", "Meetings, data, no music room. It feels like wearing a costume."),
    ("coach", "May I share something I'm noticing?"),
    ("client", "Go on."),
    (
        "coach",
        "You began by calling it fear, and since then you've talked about costumes and no music room. "
        "I'm curious what you make of that.",
    ),
    ("client", "Oh. It isn't fear at all. It's leaving the thing I love."),
]


def test_an_observation_offered_after_permission_is_quoted_from_the_offer_itself() -> None:
    found = marker(assess_lines(OFFER), "7.5")
    assert found.status == "demonstrated"
    assert found.evidence[0].turn == 6
    assert "costumes" in found.rationale


def test_permission_followed_by_a_verdict_is_not_an_offer_to_explore() -> None:
    told = list(OFFER)
    told[6] = ("coach", "You should turn it down; it's obvious you'd hate it.")
    assert marker(assess_lines(told), "7.5").status != "demonstrated"


# --- 7.6: an interview of closed, stacked and 'why' questions --------------------------------------


def test_mostly_closed_stacked_and_why_questions_miss_7_6() -> None:
    lines: list[tuple[str, str]] = [
        ("coach", "What's going on?"),
        ("client", "My colleague keeps missing deadlines."),
    ]
    asked = [
        "How long has he been on the team? Is he senior to you?",
        "Why didn't you say something sooner?",
        "Does your manager know?",
        "Did the client accept that? And is the contract at risk?",
        "Were the estimates unrealistic?",
        "Why do you think you've avoided it?",
        "What do you want from him?",
        "Is that what happened last time?",
        "Did he change it?",
        "What will you say first?",
    ]
    for question in asked:
        lines += [("coach", question), ("client", "Sort of, yes, I think so, more or less.")]
    assert marker(assess_lines(lines), "7.6").status == "missed"

    open_ones = [("coach", "What's going on?"), ("client", "My colleague keeps missing deadlines.")]
    for question in [
        "What matters most to you in this?",
        "What have you tried so far?",
        "What do you want from him?",
        "What would a good conversation with him look like?",
        "What might get in the way?",
        "Why now?",
        "What will you say first?",
    ]:
        open_ones += [("coach", question), ("client", "Let me think about that one for a moment.")]
    assert marker(assess_lines(open_ones), "7.6").status != "missed"


# --- end to end on the fresh transcripts -----------------------------------------------------------


@pytest.fixture(scope="module")
def quiet_coach() -> Assessment:
    return assess(parse(FRESH / "review-listening-a.txt"))


@pytest.fixture(scope="module")
def interviewer() -> Assessment:
    return assess(parse(FRESH / "review-listening-b.txt"))


def test_the_quiet_coach_is_credited_from_the_right_lines(quiet_coach: Assessment) -> None:
    expected = {
        "6.2": {8, 16},
        "6.4": {32, 12},
        "7.2": {18, 50},
        "7.3": {14, 30},
        "7.4": {38, 46},
        "7.5": {24},
    }
    for marker_id, turns in expected.items():
        found = marker(quiet_coach, marker_id)
        assert found.status == "demonstrated", (marker_id, found.rationale)
        assert turns <= turns_of(found), (marker_id, turns_of(found))
    assert marker(quiet_coach, "6.3").evidence[0].turn == 32
    assert marker(quiet_coach, "7.5").evidence[0].turn == 24


def test_the_interviewer_gets_the_listening_growth_areas(interviewer: Assessment) -> None:
    assert marker(interviewer, "6.1").status != "demonstrated"
    feelings = marker(interviewer, "6.3")
    assert feelings.status == "missed" and feelings.evidence[0].turn == 11
    cut_in = marker(interviewer, "6.6")
    assert cut_in.status == "missed" and turns_of(cut_in) == {10, 24}
    reflection = marker(interviewer, "6.7")
    assert reflection.status != "demonstrated" and "corrected" in reflection.rationale
    assert {10, 34} <= turns_of(reflection)
    offer = marker(interviewer, "7.5")
    assert offer.status == "missed" and offer.evidence[0].turn == 10
    assert marker(interviewer, "7.6").status == "missed"
    assert "1 of 24 questions was" in marker(interviewer, "7.1").rationale
