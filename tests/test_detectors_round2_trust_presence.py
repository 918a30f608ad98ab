"""Second review of competencies 3.4, 4 and 5.3, as a mentor reads them: confirming the coach's own
paraphrase is not inviting a response to the coach's contribution, the observation after a permission
request is the thing offered, staying with one feeling for a full exchange is 4.3 shown at least once,
easing an apology is support, a client's pick among parts of the issue is a choice of what to address,
and a rescuing coach's reassurance and stories about themselves are named in the rationale."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.analysis.detectors.agreements import CHOOSES_FOCUS
from coachlens.analysis.detectors.emotion import FEELING_QUESTION
from coachlens.analysis.detectors.presence import CLIENT_CHOICE
from coachlens.analysis.detectors.trust_cues import (
    ACCEPTS_PUSHBACK,
    EMPATHY,
    INVITATION,
    PARAPHRASE_OF_CLIENT,
    SELF_TALK,
)
from coachlens.analysis.pipeline import assess_path
from finding_support import marker, quotes
from session_support import assess_lines

FRESH = Path(__file__).parent / "data" / "fresh"
OPENING = [
    ("coach", "What would you like to get from our time today?"),
    ("client", "I want to prepare for the board presentation next week."),
]


# --- wording -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "invites"),
    [
        ("I'm curious what you make of that.", True),
        ("What do you make of that?", True),
        ("What's your own view of the second shop?", True),
        ("What you make of the report is up to the board.", False),
        ("What do you make for dinner?", False),
    ],
)
def test_invitation_wording(text: str, invites: bool) -> None:
    assert bool(INVITATION.search(text)) is invites


@pytest.mark.parametrize(
    ("text", "paraphrase"),
    [
        ("So you'd like to get better at delegating, is that right?", True),
        ("So you want to leave with a plan?", True),
        ("It sounds like you want to stop doing everything yourself.", True),
        ("So in that good week, it sounds like the four-day pattern fits.", False),
        ("I used the word 'stuck'. Is that right?", False),
    ],
)
def test_paraphrase_of_what_the_client_wants(text: str, paraphrase: bool) -> None:
    assert bool(PARAPHRASE_OF_CLIENT.search(text)) is paraphrase


@pytest.mark.parametrize(
    ("text", "supports"),
    [
        ("There's nothing to apologise for.", True),
        ("No need to apologize.", True),
        ("It doesn't sound silly to me.", True),
        ("That's a lot.", True),
        ("That's a lot of pressure to carry.", True),
        ("That's a lot of clarity for twenty minutes.", False),
        ("You'll need to apologise to the board.", False),
        ("It doesn't sound like the right venue.", False),
    ],
)
def test_support_wording(text: str, supports: bool) -> None:
    assert bool(EMPATHY.search(text)) is supports


@pytest.mark.parametrize(
    ("text", "asks_into_feeling"),
    [
        ("What's that feeling like?", True),
        ("Tell me more about that feeling.", True),
        ("What's the deadline like?", False),
        ("What's that report like?", False),
    ],
)
def test_a_question_into_the_feeling(text: str, asks_into_feeling: bool) -> None:
    assert bool(FEELING_QUESTION.search(text)) is asks_into_feeling


@pytest.mark.parametrize(
    ("text", "about_self"),
    [
        ("I remember my first board meeting, I was shaking like a leaf.", True),
        ("When I used to present, I'd always get there early.", True),
        ("Dress for confidence, that's what I always say.", True),
        ("Everybody gets impostor syndrome, I still get it after fifteen years.", True),
        ("I remember you said that last week.", False),
        ("When I was listening, I noticed you paused.", False),
        ("What do you remember about your first board meeting?", False),
    ],
)
def test_coach_talk_about_themselves(text: str, about_self: bool) -> None:
    assert bool(SELF_TALK.search(text)) is about_self


@pytest.mark.parametrize(
    ("text", "takes_it"),
    [
        ("Sorry, that came out wrong. What does not pushing cost you?", True),
        ("Fair enough, I got ahead of you there.", True),
        ("Sorry, what did you say?", False),
        ("Sorry to hear that.", False),
    ],
)
def test_taking_the_clients_objection(text: str, takes_it: bool) -> None:
    assert bool(ACCEPTS_PUSHBACK.search(text)) is takes_it


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("So let me check with you: which of those would be most useful for the rest of our time?", True),
        ("Which one feels more important to look at?", True),
        ("Which of those did your manager suggest?", False),
        ("What part of the budget is most expensive?", False),
    ],
)
def test_client_choice_among_what_is_on_the_table(text: str, choice: bool) -> None:
    assert bool(CLIENT_CHOICE.search(text)) is choice


@pytest.mark.parametrize(
    ("text", "chooses_focus"),
    [
        (
            "Where would you like to go from here: how you'd tell them, or what the month itself would look like?",
            True,
        ),
        ("Which of these would you like to look at first?", True),
        ("Where would you like to go on holiday?", False),
        ("Where would you like to go from here?", False),
        ("Which of these did you look at first?", False),
    ],
)
def test_choosing_which_part_of_the_issue_to_address(text: str, chooses_focus: bool) -> None:
    assert bool(CHOOSES_FOCUS.search(text)) is chooses_focus


# --- 4.4 ---------------------------------------------------------------------------------------------


def test_confirming_the_coachs_paraphrase_is_not_inviting_a_response() -> None:
    confirmed = assess_lines(
        [
            ("coach", "What would you like to talk about today?"),
            ("client", "Delegation. I mark every mock myself and I'm in school until seven."),
            ("coach", "So you'd like to get better at delegating, is that right?"),
            ("client", "Yes. I suppose so."),
            ("coach", "Have you thought about asking another head of department?"),
            ("client", "Maybe."),
        ]
    )
    found = marker(confirmed, "4.4")
    assert found.status == "missed"
    assert "So you'd like to get better at delegating, is that right?" not in quotes(found)
    # A confirmation put on a word or reading the coach offered still invites a response.
    offered = assess_lines(
        [
            *OPENING,
            ("client", "I keep putting the finance slides off."),
            ("coach", "I notice you keep calling them 'the scary slides'. Is that right?"),
            ("client", "Ha. Yes, that's exactly what they are."),
        ]
    )
    assert marker(offered, "4.4").status == "demonstrated"


def test_the_turn_after_a_permission_request_is_the_offer() -> None:
    session = assess_lines(
        [
            *OPENING,
            ("client", "I keep putting off the finance slides."),
            ("coach", "May I share something I'm noticing? You can leave it if it's not useful."),
            ("client", "Go on."),
            (
                "coach",
                "You've said 'putting off' three times and I haven't heard 'can't' once. I'm curious what you "
                "make of that.",
            ),
            ("client", "Oh. It isn't that I can't. I just don't want to face the treasurer."),
        ]
    )
    found = marker(session, "4.4")
    assert found.status == "demonstrated"
    assert quotes(found)[0] == "I'm curious what you make of that."


def test_an_offer_left_hanging_is_missed_in_one_turn_singular() -> None:
    found = marker(
        assess_lines(
            [
                *OPENING,
                ("client", "I keep putting off the finance slides."),
                ("coach", "I'd suggest doing the finance slides first."),
                ("client", "Okay."),
                ("coach", "What time is the meeting?"),
                ("client", "Ten."),
            ]
        ),
        "4.4",
    )
    assert found.status == "missed"
    assert "in one turn" in found.rationale
    assert "1 turns" not in found.rationale


# --- 4.2 / 4.3 ---------------------------------------------------------------------------------------

STAY = [
    *OPENING,
    ("client", "I hate the feeling in my stomach when someone's annoyed with me."),
    ("coach", "What's that feeling like?"),
    ("client", "Tight. Like I've done something wrong, even when I haven't. It's silly."),
]
PASSED = [
    ("client", "Honestly, it's awful. I feel invisible at work."),
    ("coach", "You could try journaling, or maybe talk to HR."),
    ("client", "I'm worried HR would make it a whole thing."),
    ("coach", "Have you thought about asking your boss?"),
    ("client", "I'm scared she'll think I'm petty."),
    ("coach", "Would you be able to do that this week?"),
]


def test_staying_with_a_feeling_for_a_full_exchange_is_4_3_at_least_partly() -> None:
    stayed = assess_lines(
        [
            *STAY,
            ("coach", "It doesn't sound silly to me. It sounds like that feeling decides a lot."),
            *PASSED,
        ]
    )
    found = marker(stayed, "4.3")
    assert found.status == "partial"
    assert "full exchange" in found.rationale
    assert "What's that feeling like?" in quotes(found)
    # Asking into the feeling, then moving off the answer, is no full exchange.
    left = assess_lines([*STAY, ("coach", "Would you be able to raise it this week?"), *PASSED])
    assert marker(left, "4.3").status == "missed"


def test_easing_an_apology_counts_as_support() -> None:
    eased = assess_lines(
        [
            *OPENING,
            ("client", "I'm tired. I do the four a.m. bake five days a week."),
            ("coach", "What's the tiredness like?"),
            ("client", "Heavy. Sorry, this isn't what I came to talk about at all."),
            (
                "coach",
                "There's nothing to apologise for. What would be most useful for the rest of our time?",
            ),
            ("client", "The Luis thing, I think."),
        ]
    )
    found = marker(eased, "4.2")
    assert found.status in ("partial", "demonstrated")
    assert "There's nothing to apologise for." in quotes(found)
    brushed = assess_lines(
        [
            *OPENING,
            ("client", "I'm tired. I do the four a.m. bake five days a week."),
            ("coach", "Don't worry, everyone's tired. What time is the meeting?"),
            ("client", "Ten. Sorry, this isn't what I came to talk about at all."),
            ("coach", "Okay. What will you wear?"),
            ("client", "My grey suit."),
        ]
    )
    assert marker(brushed, "4.2").status == "missed"


def test_sympathy_followed_by_a_why_is_taken_back() -> None:
    found = marker(
        assess_lines(
            [
                *OPENING,
                ("client", "Graham presented my rota as his idea and I just froze. I feel awful."),
                ("coach", "That sounds really frustrating. Why didn't you say something?"),
                ("client", "I don't know."),
            ]
        ),
        "4.2",
    )
    assert found.status == "missed"
    assert "Why didn't you say something?" in found.rationale
    kept = marker(
        assess_lines(
            [
                *OPENING,
                ("client", "Graham presented my rota as his idea and I just froze. I feel awful."),
                ("coach", "That sounds really frustrating. What was the freeze like?"),
                ("client", "I don't know."),
            ]
        ),
        "4.2",
    )
    assert "That sounds really frustrating." in quotes(kept)


def test_a_verbatim_reflection_of_small_words_receives_the_client() -> None:
    said_back = assess_lines(
        [
            *OPENING,
            ("client", "I'm tired, and I don't want to be the one who says no."),
            ("coach", "You don't want to be the one who says no."),
            ("client", "No. My dad said no to everything."),
        ]
    )
    assert marker(said_back, "4.3").status == "demonstrated"
    moved_on = assess_lines(
        [
            *OPENING,
            ("client", "I'm tired, and I don't want to be the one who says no."),
            ("coach", "You don't want to forget the numbers on the slides, do you?"),
            ("client", "No."),
        ]
    )
    assert marker(moved_on, "4.3").status == "missed"


def test_rescuing_rationale_names_reassurance_and_self_talk() -> None:
    rescued = assess_path(FRESH / "review-trust-b.txt")
    for marker_id in ("4.2", "4.3"):
        found = marker(rescued, marker_id)
        assert found.status == "missed"
        assert "reassured instead" in found.rationale
        assert "talked about themselves in 4 turns" in found.rationale
        assert "I remember my first board meeting" in found.rationale
        assert any(q.startswith("I remember my first board meeting") for q in quotes(found))
    # A coach who meets the feelings has nothing of the sort named.
    warm = assess_path(FRESH / "review-trust-a.srt")
    assert "talked about themselves" not in marker(warm, "4.3").rationale


def test_a_single_brief_disclosure_elsewhere_is_not_named_as_self_talk() -> None:
    found = marker(
        assess_lines(
            [
                *OPENING,
                ("coach", "I remember my first board meeting too. What's the structure?"),
                ("client", "Three programmes, then the finances."),
                ("coach", "What else?"),
                ("client", "I'm dreading the questions."),
                ("coach", "What time is the meeting?"),
                ("client", "Ten."),
            ]
        ),
        "4.2",
    )
    assert found.status == "missed"
    assert "talked about themselves" not in found.rationale


# --- 3.4 / 5.3 on the review transcripts ------------------------------------------------------------


def test_choosing_which_part_to_address_is_3_4_in_part() -> None:
    warm = assess_path(FRESH / "review-trust-a.srt")
    found = marker(warm, "3.4")
    assert found.status == "partial"
    assert quotes(found)[0].startswith("Where would you like to go from here")
    # An agreement question proper still shows it fully.
    recontract = assess_path(FRESH / "review-agreements-b.txt")
    assert marker(recontract, "3.4").status == "demonstrated"


def test_recontract_is_the_clients_choice_and_followed() -> None:
    session = assess_path(FRESH / "review-agreements-b.txt")
    choice = marker(session, "5.3")
    assert choice.status == "demonstrated"
    assert quotes(choice)[0].startswith("So let me check with you: which of those")
    assert "There's nothing to apologise for." in quotes(marker(session, "4.2"))
    assert marker(session, "4.3").status == "demonstrated"


def test_review_transcripts_4_4() -> None:
    confirmed = marker(assess_path(FRESH / "review-agreements-a.vtt"), "4.4")
    assert confirmed.status == "missed"
    assert "is that right?" not in " ".join(quotes(confirmed))
    curious = marker(assess_path(FRESH / "review-listening-a.txt"), "4.4")
    assert curious.status == "demonstrated"
    assert quotes(curious)[0] == "I'm curious what you make of that."
    felt = marker(assess_path(FRESH / "review-feedback-a.txt"), "4.3")
    assert felt.status == "partial" and "steered past" in felt.rationale
