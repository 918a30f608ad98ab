"""Advice rules (`coachlens.analysis.advice_rules`) and fact-seeking wh-questions: our own lines.

Advice is what the consulting knock-out reads, so the lines that only look like advice (a
reflection of the client's plan, an inference, a greeting, an invitation) matter as much as the
advice itself."""

from __future__ import annotations

import pytest

from coachlens.analysis.act_rules import read_sentence


@pytest.mark.parametrize(
    "line",
    [
        "One option would be to block the first hour of your day.",
        "Another idea is a shared calendar with your partner.",
        "You could try saying no to the Friday meetings.",
        "You might want to check the contract before you sign.",
        "What I'd like you to do is write down three wins each evening.",
        "That's what I'd like you to do before we meet again.",
        "Perhaps what you really need to do is take the week off.",
        "The next step is to call the recruiter on Monday.",
        "We would recommend no more than two coffees a day.",
        "We need to look at how you plan your week.",
        "I think cutting the late meetings would help.",
        "It might not be a bad idea to sleep on it.",
        "I hope you consider taking the promotion.",
        "I wish you would talk to him.",
        "So I think just tell your team on Monday.",
        "You don't need another certificate.",
        "Those habits need to stop right away.",
        "You'll need to tell her before the review.",
        "Make sure you back up the files.",
        "Just do it.",
        "Do the budget with Sam this week.",
    ],
)
def test_advice_statements(line: str) -> None:
    assert read_sentence(line).advice


@pytest.mark.parametrize(
    "line",
    [
        "What would you think about trying a four-day week?",
        "What do you think of asking her directly?",
        "Have you ever thought about moving teams?",
        "How about taking Friday off?",
    ],
)
def test_questions_that_propose_a_course_carry_advice(line: str) -> None:
    facts = read_sentence(line)
    assert facts.is_question and facts.advice


@pytest.mark.parametrize(
    "line",
    [
        # Reflections and reports of what the client must or could do.
        "You're clear about what you need to do next.",
        "It feels like something you have to do, with no choice in it.",
        "Nobody likes being told what you should eat.",
        "It's really important for you to be there for your kids.",
        # Inferences, greetings and invitations.
        "You must be exhausted after that week.",
        "It's good to see you again.",
        "Why don't you tell me what happened?",
        "Why don't you fill me in on the last month?",
        "How about your weekend, how was it?",
        "Take a look at what you wrote and see what you notice.",
        "Keep thinking out loud, I'm with you.",
        "I want you to know that whatever you decide is fine with me.",
        "I suggested we start with the budget last time, but where would you like to start today?",
        "When you got to the part about your father, your voice dropped.",
        # Questions that ask what the client could do are evoking, not telling.
        "How confident are you that you could keep that up?",
        "Do you think you could go a week without checking email?",
        "Is there someone you could call?",
        "What plan could you make to be sure you follow through?",
        "What time would you need to leave?",
        "Have you thought about that?",
        "Have you thought at all about how you might start?",
        "Do you go to the gym, go running?",
    ],
)
def test_lines_that_only_look_like_advice(line: str) -> None:
    assert not read_sentence(line).advice


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Who's Maria?", "closed"),
        ("What was your manager's name?", "closed"),
        ("Where do you keep the reports?", "closed"),
        ("What part of the job do you do first?", "closed"),
        ("What's the longest you've gone without a drink?", "closed"),
        ("When are you going to tell him?", "closed"),
        ("Where do you want to go from here?", "open"),
        ("What kind of leader do you want to be?", "open"),
        ("How important is it to you to finish the degree?", "open"),
        ("What way of working would you need to let go of?", "open"),
        ("Would you mind telling me how it went?", "open"),
        ("Can you let me know what you decided?", "open"),
        ("What do you think about coming back in a month?", "closed"),
        ("How about we stop there for today?", "closed"),
        ("Have you ever frozen in a meeting, where you didn't know what to say?", "closed"),
        ("Is there anyone at work, who knows about this?", "closed"),
        ("You mentioned the budget, what do you make of it?", "open"),
    ],
)
def test_question_form_of_fact_seeking_and_embedded_questions(line: str, kind: str) -> None:
    facts = read_sentence(line)
    assert facts.is_question and facts.question_kind == kind


def test_exclamation_with_a_wh_word_is_not_a_question() -> None:
    assert not read_sentence("What a week you've had.").is_question


@pytest.mark.parametrize(
    "line",
    [
        "Do you have to reply to messages at night?",
        "Did you need to ask permission?",
        "Take care.",
        "Go for it.",
    ],
)
def test_obligation_questions_and_farewells_are_not_advice(line: str) -> None:
    assert not read_sentence(line).advice


@pytest.mark.parametrize(
    "line",
    [
        "What I'd do is hire someone from outside.",
        "What you need is a proper rest.",
        "How you handle it matters.",
    ],
)
def test_wh_statements_are_not_questions(line: str) -> None:
    assert not read_sentence(line).is_question


@pytest.mark.parametrize(
    "line",
    [
        "Why not just tell her how you feel?",
        "Why don't you call him tonight?",
        "Wouldn't it make sense to wait?",
        "Isn't it time you told him?",
        "Isn't it better to ask first?",
    ],
)
def test_suggestions_dressed_as_questions_are_leading_closed_advice(line: str) -> None:
    """They hold the coach's answer: advice and leading, yes-or-no in all but form, and no "why"
    question even when they start with "why"."""
    facts = read_sentence(line)
    assert facts.advice and facts.leading and facts.question_kind == "closed"
    assert not facts.why


@pytest.mark.parametrize(
    "line",
    [
        "Do you think you could just say no?",
        "Do you think you should talk to someone about it?",
        "Is it worth trying once more?",
        "How about you just send the email tonight?",
    ],
)
def test_more_questions_that_carry_advice(line: str) -> None:
    facts = read_sentence(line)
    assert facts.advice and facts.question_kind == "closed"


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("How about you?", False),
        ("Why don't you tell me more about that?", False),
        ("Why don't you tell me more, and why did you stay?", True),
        ("Do you think you could go two months without?", False),
    ],
)
def test_invitations_and_questions_about_the_client_carry_no_advice(line: str, why: bool) -> None:
    facts = read_sentence(line)
    assert facts.is_question and not facts.advice and not facts.leading
    assert facts.why is why


def test_negative_auxiliary_questions_have_a_closed_form() -> None:
    """ "Don't you think...?" is a yes/no question by its form: no head needed to call it closed."""
    for line in ("Don't you think that's a bit unfair on yourself?", "Isn't that what you wanted?"):
        facts = read_sentence(line)
        assert facts.question_kind == "closed" and facts.question_form == "aux"


@pytest.mark.parametrize(
    "line",
    [
        "It's the thought that you should have pushed for the scan sooner.",
        "You feel you should have known.",
        "Take all the time you need.",
    ],
)
def test_hindsight_and_giving_time_are_not_advice(line: str) -> None:
    assert not read_sentence(line).advice


@pytest.mark.parametrize(
    "line",
    [
        "Will you write it down, and should you practise it with someone, maybe your partner?",
        "I wonder if you should just tell her how you feel.",
        "I'm wondering if you could just say no to him.",
    ],
)
def test_suggestions_inside_questions_and_wonderings(line: str) -> None:
    facts = read_sentence(line)
    assert facts.advice and facts.question_kind == "closed"


@pytest.mark.parametrize(
    "line", ["Should you be worried about that?", "I wonder if you're tired of carrying it."]
)
def test_questions_about_the_client_are_not_suggestions(line: str) -> None:
    assert not read_sentence(line).advice


def test_rhetorical_questions_are_leading_and_a_bare_really_is_no_question() -> None:
    assert read_sentence("Who wouldn't feel lighter?").leading
    assert not read_sentence("Who would you tell first?").leading
    assert not read_sentence("Really?").is_question


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Who are you when you're in that music room?", "open"),
        ("Who's on the team?", "closed"),
        ("And will you tell your manager before or after?", "closed"),
        ("Could you say more?", "open"),
        ("Would you share what you noticed?", "open"),
    ],
)
def test_identity_questions_are_open_and_either_or_questions_closed(line: str, kind: str) -> None:
    assert read_sentence(line).question_kind == kind


def test_a_bare_why_not_asks_for_reasons_and_a_why_not_with_an_action_suggests() -> None:
    bare, suggesting = read_sentence("Why not?"), read_sentence("Why not try it?")
    assert bare.why and not bare.advice
    assert suggesting.advice and not suggesting.why


def test_agreeing_to_move_on_is_no_reflection() -> None:
    assert not read_sentence("Sounds like a plan.").reflection_cue
    assert read_sentence("It sounds like you're worn out.").reflection_cue


@pytest.mark.parametrize(
    "line",
    [
        "Just say that.",
        "Cheer up, it's only twenty minutes of your life!",
        "Tell him on Monday.",
        "Wear the grey suit.",
    ],
)
def test_more_imperatives_are_advice(line: str) -> None:
    assert read_sentence(line).advice


@pytest.mark.parametrize(
    "line", ["Say more about that.", "Tell me what happened.", "Ask yourself what you want."]
)
def test_prompts_are_not_imperative_advice(line: str) -> None:
    assert not read_sentence(line).advice


def test_a_list_item_later_in_a_sentence_is_no_prompt() -> None:
    listed = read_sentence("So you'll get there early, wear the grey suit, and explain the budget.")
    assert not listed.is_question
    assert read_sentence("You said you were tired, tell me more.").question_kind == "open"


@pytest.mark.parametrize(
    "line",
    [
        "Everybody gets impostor syndrome, I still get it after fifteen years.",
        "Dress for confidence, that's what I always say.",
    ],
)
def test_the_coach_talking_about_themselves_is_self_disclosure(line: str) -> None:
    assert read_sentence(line).self_disclosure


@pytest.mark.parametrize(
    "line",
    [
        "Don't be too hard on yourself.",
        "Don't worry about it.",
        "You won't get flustered.",
        "That sounds like a really good plan.",
        "It doesn't sound silly to me.",
    ],
)
def test_reassurance_is_neither_advice_nor_reflection(line: str) -> None:
    facts = read_sentence(line)
    assert not facts.advice and not facts.reflection_cue and facts.steering


def test_telling_after_a_reassurance_is_still_advice() -> None:
    assert read_sentence("Don't worry about the email, just send it.").advice
    assert read_sentence("Don't send it tonight.").advice


@pytest.mark.parametrize(
    ("line", "invites"),
    [("Is that anywhere near it?", True), ("Am I way off?", True), ("Is it near the station?", False)],
)
def test_checking_a_tentative_reading_is_an_invitation(line: str, invites: bool) -> None:
    assert read_sentence(line).invitation is invites


def test_rehearsal_closing_pleasantries_and_named_work() -> None:
    assert not read_sentence("Say the step out loud, the way you wanted at the start.").advice
    assert read_sentence("Say that to him tomorrow.").advice
    assert read_sentence("I'm curious what you make of that.").invitation
    assert read_sentence("Take care.").steering and not read_sentence("Take care.").advice
    assert read_sentence("You built that first plank yourself today, Daniyar.").acknowledgment
    assert not read_sentence("You built that shed with your brother.").acknowledgment
