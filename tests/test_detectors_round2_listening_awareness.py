"""Listening (6.x) and evoking awareness (7.x), second review round: whose feelings and whose moves a
question is about, reassurance mistaken for reflection, hedged readings, stacking, advice in question
form, and where a missed question belonged.

Each rule is checked on small inline sessions or single sentences, with lines that must fire and lines
that must not, then end to end on the review transcripts in tests/data/fresh.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.session_support import assess_lines

from coachlens.analysis.detectors.awareness_form import question_count
from coachlens.analysis.detectors.questions import about_someone_else, is_about_client, suggests
from finding_support import coach_sentence as sentence
from finding_support import fresh, marker, quotes_of, turns_of

FRESH = Path(__file__).parent / "data" / "fresh"


# --- 7.1 / 5.4: what a question is about ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What else is going on for you this week?",
        "What's that feeling like?",
        "What makes this important to you?",
        "What are you taking away about yourself from today?",
    ],
)
def test_questions_into_the_clients_inner_world_are_about_the_client(text: str) -> None:
    assert is_about_client(sentence(text))


def test_a_question_word_keeps_a_question_open_whatever_its_act_label() -> None:
    # The act model may call "Who are you when ...?" closed; it still asks the client to look inward.
    assert is_about_client(sentence("Who are you when you're in that music room?", "question.closed"))
    assert not is_about_client(sentence("Do you want to check in with me on Friday?", "question.closed"))


@pytest.mark.parametrize(
    "text",
    [
        "What do you think the treasurer might ask?",
        "And do you think Graham will be annoyed?",
        "How will you know you've got there?",
        "What would you like to focus on today?",
        "So is there anything else you'd like to cover?",
        "Where would you like to start?",
    ],
)
def test_other_peoples_moves_and_session_set_up_are_not_about_the_client(text: str) -> None:
    assert not is_about_client(sentence(text))


def test_predicting_someone_elses_move_is_about_them_but_the_clients_own_view_is_not() -> None:
    assert about_someone_else("What do you think the treasurer might ask?")
    assert about_someone_else("Do you think she will say no?")
    assert not about_someone_else("What do you think would help?")
    assert not about_someone_else("What do you think is stopping you?")


def test_a_suggestion_in_question_form_is_told_apart_from_an_open_question_the_model_called_advice() -> None:
    assert suggests(sentence("What if you just talked to her one to one?", "question.open", "advice"))
    assert suggests(sentence("Would it help to remind yourself why they picked you?", "question.closed"))
    assert not suggests(
        sentence(
            "What would you need to think differently about for that to be real?", "question.open", "advice"
        )
    )


# --- 6.3: the client's feelings, not the coach's or someone else's -------------------------------

FEELINGS = [
    ("coach", "What would you like to focus on today?"),
    ("client", "My board presentation next week. I'm nervous about the questions and I froze last time."),
    ("coach", "I remember my first board meeting, I was shaking like a leaf. Everybody gets nervous."),
    ("client", "Right. I suppose. The finances are the bit I worry about most."),
    ("coach", "Is it that you're afraid of the treasurer, or is it that you don't know the numbers?"),
    ("client", "Probably both. I hate the feeling in my stomach when someone's annoyed with me."),
    ("coach", "And do you think the treasurer will be annoyed?"),
    ("client", "He might be. He usually is."),
    ("coach", "What's that feeling like?"),
    ("client", "Tight. Like I've done something wrong, even when I haven't."),
    ("coach", "What would you like to do with that?"),
    ("client", "Notice it, and keep going anyway."),
]


def test_6_3_leads_with_the_open_feeling_question_and_leaves_out_the_coachs_own_feelings() -> None:
    found = marker(assess_lines(FEELINGS), "6.3")
    assert found.evidence[0].quote == "What's that feeling like?"
    # The coach's story, an either/or that hands over the coach's options and a question about the
    # treasurer's feelings are not exploring the client's emotions.
    assert not turns_of(found) & {2, 4, 6}


def test_6_3_is_not_credited_for_a_coach_story_alone() -> None:
    story_only = [
        line if i != 8 else ("coach", "What time is the meeting?") for i, line in enumerate(FEELINGS)
    ]
    found = marker(assess_lines(story_only), "6.3")
    assert found.status == "missed"
    assert 2 not in turns_of(found)


# --- 6.7: reassurance is not reflection ----------------------------------------------------------

REASSURED = [
    ("coach", "What would you like from today?"),
    ("client", "To stop dreading the trustee meeting. I'll get flustered and it's silly, I know."),
    ("coach", "It doesn't sound silly to me."),
    ("client", "Well, it feels silly. Everyone else seems calm."),
    ("coach", "You won't get flustered."),
    ("client", "I hope not."),
    ("coach", "Dreading the meeting, and feeling silly for it."),
    ("client", "Yes, exactly that. Both at once."),
]


def test_6_7_does_not_count_a_denial_of_the_clients_word_as_a_reflection() -> None:
    found = marker(assess_lines(REASSURED), "6.7")
    assert "doesn't sound silly" not in quotes_of(found)
    assert "won't get flustered" not in quotes_of(found)
    assert 6 in turns_of(found)


# --- 7.5: a hedged reading of the coach's own, with and without an invitation --------------------


def test_7_5_partial_for_a_hedged_reading_that_goes_beyond_the_clients_words() -> None:
    lines = [
        ("coach", "What would you like to work on?"),
        ("client", "I hate the feeling in my stomach when someone's annoyed with me. I just go quiet."),
        ("coach", "It sounds like that feeling has been making a lot of decisions for you."),
        ("client", "Yeah. It has. It decided Thursday, for sure."),
        ("coach", "What would you do if it weren't in charge?"),
        ("client", "Speak up in the meeting."),
    ]
    found = marker(assess_lines(lines), "7.5")
    assert found.status == "partial"
    assert 2 in turns_of(found)


def test_7_5_a_reflection_in_the_clients_own_words_is_not_an_observation() -> None:
    lines = [
        ("coach", "What would you like to work on?"),
        ("client", "I'm exhausted, I've been going up to see my mum every weekend and working late."),
        ("coach", "It sounds like you're exhausted from going up to see your mum every weekend."),
        ("client", "Yes. That's it."),
        ("coach", "What do you want for yourself this month?"),
        ("client", "Some rest."),
    ]
    assert marker(assess_lines(lines), "7.5").status == "missed"


# --- 7.6: one question at a time -----------------------------------------------------------------

OPEN_SESSION = [
    ("coach", "What would you like to focus on today?"),
    ("client", "My presentation to the trustees next week."),
    ("coach", "What makes it matter to you?"),
    ("client", "It's my first one and I want them to trust me with the budget."),
    ("coach", "What do you notice when you imagine standing up in front of them?"),
    ("client", "My chest tightens. I think about my predecessor."),
    ("coach", "What would you like them to see in you?"),
    ("client", "Someone calm who knows the numbers."),
    ("coach", "What would help you show that?"),
    ("client", "Rehearsing the finance section out loud."),
    ("coach", "How will you do that this week?"),
    ("client", "Twice, with a timer, on Tuesday and Wednesday."),
    ("coach", "What might get in the way?"),
    ("client", "Work piling up on Tuesday. I'd skip it."),
    ("coach", "What would you like to do about that?"),
    ("client", "Put the rehearsal in the diary first thing, before email."),
]


def test_7_6_is_demonstrated_for_one_open_question_at_a_time() -> None:
    assert marker(assess_lines(OPEN_SESSION), "7.6").status == "demonstrated"


def test_7_6_is_not_demonstrated_once_the_coach_stacks_questions() -> None:
    # One stacked turn in eight: rare, but "one at a time" is the marker itself.
    stacked = list(OPEN_SESSION)
    stacked[8] = ("coach", "What about your manager? Could she help?")
    found = marker(assess_lines(stacked), "7.6")
    assert found.status != "demonstrated"
    assert 8 in turns_of(found)


def test_7_6_is_not_demonstrated_once_the_coach_asks_why() -> None:
    why = list(OPEN_SESSION)
    why[4] = ("coach", "Why do you still need their approval?")
    assert marker(assess_lines(why), "7.6").status != "demonstrated"


def test_a_choice_inside_one_question_is_not_a_stack() -> None:
    assert (
        question_count("Where would you like to go: how you'd tell them, or what the month would look like?")
        == 1
    )
    assert question_count("What would it sound like, and when would you say it?") == 2


# --- 7.3 / 7.4 / 6.5: what counts as evoking a new view ------------------------------------------

PRETENDING = [
    ("coach", "What would you like to get from today?"),
    ("client", "A realistic plan for the month. I can't keep pretending at work that nothing's happening."),
    ("coach", "What's made it hard to say so far?"),
    ("client", "I'm worried they'll see me as unreliable. Any plan is built on pretending."),
    ("coach", "Can I share something I'm noticing? You can leave it if it doesn't fit."),
    ("client", "Go on."),
    (
        "coach",
        "You've used the word pretending twice today. I'm wondering what it would be like to stop pretending, "
        "even a little. What do you make of that?",
    ),
    ("client", "Wow. I think I'm more tired from pretending than from the driving."),
    ("coach", "What might get in the way?"),
    ("client", "Me. I'll talk myself out of it."),
    ("coach", "How would you like to handle that, if you notice yourself doing it?"),
    ("client", "Book the meeting today, before I leave."),
]


def test_an_invited_observation_about_the_clients_words_explores_their_view_6_5_and_7_3() -> None:
    assessment = assess_lines(PRETENDING)
    for marker_id in ("6.5", "7.3"):
        found = marker(assessment, marker_id)
        assert found.status in ("partial", "demonstrated"), marker_id
        assert 6 in turns_of(found), marker_id


def test_7_4_credits_asking_how_the_client_would_like_to_handle_an_obstacle() -> None:
    found = marker(assess_lines(PRETENDING), "7.4")
    assert found.status in ("partial", "demonstrated")
    assert 10 in turns_of(found)


def test_an_observation_that_is_not_invited_does_not_widen_the_view() -> None:
    told = list(PRETENDING)
    told[6] = ("coach", "You've used the word pretending twice today. You should stop pretending.")
    # Evidence may point at the turn as the moment a question was missing, but nothing is credited.
    assert marker(assess_lines(told), "6.5").status == "missed"


def test_7_3_is_not_credited_from_advice_in_question_form() -> None:
    lines = [
        ("coach", "What would you like to get from today?"),
        ("client", "A way to raise the code reviews with Bea without a fight."),
        ("coach", "What happened when you tried?"),
        ("client", "I hinted in stand-up and she went quiet for two days."),
        ("coach", "What if you just talked to her one to one?"),
        ("client", "I could. I keep putting it off."),
        ("coach", "What would happen if you told her what you need?"),
        ("client", "She might actually do the reviews."),
    ]
    found = marker(assess_lines(lines), "7.3")
    assert 4 not in turns_of(found)
    assert 6 in turns_of(found)


# --- 6.1 / 6.2: questions built on the client's words --------------------------------------------


def test_6_1_does_not_count_a_recap_of_the_coachs_own_list_and_6_2_not_a_topic_question() -> None:
    lines = [
        ("coach", "What's on your mind today?"),
        ("client", "My first board presentation next Thursday, to the trustees."),
        ("coach", "What's the presentation about?"),
        ("client", "The annual impact report. I'm nervous about the questions."),
        (
            "coach",
            "Get there early and wear the grey suit. So you'll get there early, wear the grey suit, and explain it.",
        ),
        ("client", "Okay."),
    ]
    assessment = assess_lines(lines)
    assert 4 not in turns_of(marker(assessment, "6.1"))
    assert marker(assessment, "6.2").status == "missed"


def test_6_2_credits_the_clients_phrase_handed_back_with_an_invitation() -> None:
    lines = [
        ("coach", "What would you like to get from today?"),
        ("client", "A way to talk to Bea. My director said I was good with people, which is ironic."),
        ("coach", "What do you make of that now, being good with people?"),
        ("client", "That I'm good with people who are easy. With Bea I go soft."),
        ("coach", "What do you make of the weather?"),
        ("client", "It's been grey all week."),
    ]
    found = marker(assess_lines(lines), "6.2")
    assert 2 in turns_of(found)
    assert 4 not in turns_of(found)


# --- End to end on the review transcripts ---------------------------------------------------------


def test_review_trust_b_credits_no_set_up_or_third_party_question_and_no_coach_story() -> None:
    assessment = fresh("review-trust-b.txt")
    about = marker(assessment, "7.1")
    assert 26 not in turns_of(about) and 18 in turns_of(about)
    assert 4 not in turns_of(marker(assessment, "6.3"))
    assert 36 not in turns_of(marker(assessment, "6.1"))
    assert marker(assessment, "6.2").status == "missed"
    assert marker(assessment, "7.6").status != "demonstrated"


def test_review_trust_a_credits_the_pretending_observation_and_the_obstacle_question() -> None:
    assessment = fresh("review-trust-a.srt")
    for marker_id, turn in (("6.5", 28), ("7.3", 28), ("7.4", 38)):
        found = marker(assessment, marker_id)
        assert found.status != "missed", marker_id
        assert turn in turns_of(found), marker_id


def test_review_feedback_a_feeling_evidence_reassurance_and_hedged_reading() -> None:
    assessment = fresh("review-feedback-a.txt")
    feelings = marker(assessment, "6.3")
    assert feelings.evidence[0].turn == 18
    assert not turns_of(feelings) & {16, 26}
    assert "doesn't sound silly" not in quotes_of(marker(assessment, "6.7"))
    offer = marker(assessment, "7.5")
    assert offer.status == "partial" and 20 in turns_of(offer)


def test_review_feedback_b_echo_explored_and_no_credit_for_advice_or_rhetoric() -> None:
    assessment = fresh("review-feedback-b.vtt")
    assert 12 in turns_of(marker(assessment, "6.2"))
    assert 10 not in turns_of(marker(assessment, "7.3"))
    assert "Who wouldn't feel lighter?" not in quotes_of(marker(assessment, "6.3"))


def test_review_listening_b_missed_markers_each_quote_their_own_moment() -> None:
    assessment = fresh("review-listening-b.txt")
    missed = {m: marker(assessment, m) for m in ("6.5", "7.2", "7.3")}
    assert all(found.status == "missed" for found in missed.values())
    quoted_turns = [found.evidence[0].turn for found in missed.values()]
    assert len(set(quoted_turns)) == len(quoted_turns)
    # 7.2 points at the reply to the client's view of themself ("I'm the one who made the mess").
    assert "one who made the mess" in missed["7.2"].rationale
