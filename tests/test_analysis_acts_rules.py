"""Act rules: each rule on clear positive and negative lines (our own lines)."""

from __future__ import annotations

import pytest

from coachlens.analysis.act_rules import normalise, read_sentence


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("What would you like to get from today?", "open"),
        ("How are you feeling about the move?", "open"),
        ("So, um, what's really stopping you?", "open"),
        ("Tell me more about that.", "open"),
        ("I'm curious what makes this matter now", "open"),
        ("Having said all that, where do you want to start?", "open"),
        ("Wh-what would help most right now?", "open"),
        ("Do you want to keep going with this?", "closed"),
        ("Is it the money?", "closed"),
        ("How many hours are you working?", "closed"),
        ("You wrote here that you sleep badly, is that right?", "closed"),
        ("Would you rather start with the budget or the team?", "closed"),
        ("On a scale of 0 to 10, how confident are you?", "closed"),
        ("So tell me, how often do you run?", "open"),
        ("Anything else?", "open"),
    ],
)
def test_question_form(line: str, kind: str) -> None:
    facts = read_sentence(line)
    assert facts.is_question
    assert facts.question_kind == kind


@pytest.mark.parametrize(
    "line",
    ["What do you want to happen next", "Do you see a pattern there", "Walk me through the morning"],
)
def test_interrogative_openings_without_a_mark_are_questions(line: str) -> None:
    assert read_sentence(line).is_question


@pytest.mark.parametrize(
    "line",
    [
        "What I'm hearing is that you're exhausted.",
        "How you feel about it matters.",
        "I think the meeting went well.",
        "Okay?",
        "Right?",
        "You know, it has been a long week.",
    ],
)
def test_statements_and_check_ins_are_not_questions(line: str) -> None:
    assert not read_sentence(line).is_question


def test_declarative_with_question_mark_is_a_question_of_unknown_form() -> None:
    facts = read_sentence("So you drink mostly at weekends?")
    assert facts.is_question and facts.question_mark
    assert facts.question_kind is None


@pytest.mark.parametrize(
    "line",
    [
        "Don't you think you should tell her?",
        "Wouldn't it be better to wait until January?",
        "Isn't it obvious that he's taking advantage?",
        "That would make things easier, wouldn't it?",
        "Surely you can see the problem?",
    ],
)
def test_leading_questions(line: str) -> None:
    assert read_sentence(line).leading


@pytest.mark.parametrize("line", ["What do you think about telling her?", "Is that what you want?"])
def test_neutral_questions_are_not_leading(line: str) -> None:
    assert not read_sentence(line).leading


def test_why_questions_are_flagged_and_what_questions_are_not() -> None:
    assert read_sentence("Why did you say yes to him?").why
    assert read_sentence("And how come you stopped?").why
    assert not read_sentence("What made you say yes to him?").why
    assert not read_sentence("I know why that matters.").why  # not a question


@pytest.mark.parametrize(
    "line",
    [
        "Have you tried talking to her?",
        "Could you maybe start earlier in the day?",
        "What if you just told him no?",
        "Why don't you ask for a week off?",
        "How about trying a shorter list?",
    ],
)
def test_questions_that_carry_advice(line: str) -> None:
    facts = read_sentence(line)
    assert facts.is_question and facts.advice_as_question and facts.advice


@pytest.mark.parametrize(
    "line",
    [
        "What have you tried so far?",
        "What options do you see for raising this with her?",
        "How did you decide?",
    ],
)
def test_evoking_questions_carry_no_advice(line: str) -> None:
    facts = read_sentence(line)
    assert not facts.advice_as_question and not facts.advice


@pytest.mark.parametrize(
    "line",
    [
        "You should talk to your manager.",
        "I'd suggest writing it down.",
        "If I were you, I'd leave.",
        "You've got to get off the tools.",
        "Put it in the diary.",
        "I'd have the conversation with him this week.",
    ],
)
def test_advice_statements(line: str) -> None:
    assert read_sentence(line).advice


@pytest.mark.parametrize(
    "line",
    [
        "Take your time.",
        "Go ahead.",
        "Keep going, I'm listening.",
        "Be gentle with yourself.",
        "Last time you said you might want to come back to this.",
        "I'd like to hear more about that.",
    ],
)
def test_coaching_invitations_are_not_advice(line: str) -> None:
    assert not read_sentence(line).advice


@pytest.mark.parametrize(
    ("line", "act"),
    [
        ("Would it be OK if I shared an observation?", "permission"),
        ("May I offer a thought?", "permission"),
        ("What do you make of that?", "invitation"),
        ("How does that land for you?", "invitation"),
        ("When I was made redundant, I felt the same.", "self_disclosure"),
        ("In my experience, it gets easier.", "self_disclosure"),
        ("Congratulations on the new role!", "celebration"),
        ("That took real courage.", "acknowledgment"),
        ("That sounds exhausting.", "empathy"),
        ("I'm so sorry.", "empathy"),
        ("I hope things get easier for you soon.", "empathy"),
        ("I notice you smiled when you said that.", "observation"),
        ("Let me sum up what I've heard so far.", "summary_cue"),
        ("It sounds like you're torn between the two.", "reflection_cue"),
    ],
)
def test_act_cues_fire_on_positives(line: str, act: str) -> None:
    assert getattr(read_sentence(line), act)


@pytest.mark.parametrize(
    ("line", "act"),
    [
        ("What would you like to share today?", "permission"),
        ("What did you make for dinner?", "invitation"),
        ("When you were made redundant, how did you feel?", "self_disclosure"),
        ("What would you like to celebrate?", "celebration"),
        ("What did it take?", "acknowledgment"),
        ("What sounds hardest about it?", "empathy"),
        ("Did you notice anything?", "observation"),
        ("What would you like to sum up?", "summary_cue"),
        ("How does it sound to your team?", "reflection_cue"),
    ],
)
def test_act_cues_stay_quiet_on_negatives(line: str, act: str) -> None:
    assert not getattr(read_sentence(line), act)


def test_permission_is_not_advice() -> None:
    facts = read_sentence("Would you like me to suggest something?")
    assert facts.permission and not facts.advice


def test_normalise_drops_fillers_and_stutters() -> None:
    assert normalise("So, um, wh-what do you WANT?") == "what do you want?"
    assert normalise("Okay.") == ""


@pytest.mark.parametrize(
    ("line", "empathic"),
    [
        ("I totally understand how you feel.", True),
        ("I can relate to that.", True),
        ("Your feelings make sense.", True),
        ("What a tough time you've had.", True),
        ("I'm really glad you reached out.", True),
        ("That's so sad.", True),
        ("That's hard to say.", False),
        ("I understand that the deadline is Friday.", False),
    ],
)
def test_everyday_warmth_is_empathy(line: str, empathic: bool) -> None:
    assert read_sentence(line).empathy is empathic
