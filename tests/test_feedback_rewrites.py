"""Rewrites of the coach's own lines: built from the original's words, never canned, None when unsure."""

from __future__ import annotations

import pytest

from coachlens.analysis.rewrites import (
    advice_to_question,
    closed_to_open,
    first_of_stack,
    gerund,
    is_check_in,
    leading_to_neutral,
    why_to_what,
)


@pytest.mark.parametrize(
    ("verb", "form"),
    [
        ("talk", "talking"),
        ("write", "writing"),
        ("get", "getting"),
        ("see", "seeing"),
        ("lie", "lying"),
        ("open", "opening"),
    ],
)
def test_gerund(verb: str, form: str) -> None:
    assert gerund(verb) == form


@pytest.mark.parametrize(
    ("line", "better"),
    [
        ("Have you tried talking to your manager?", "What options do you see for talking to your manager?"),
        ("You should put your prices up.", "What options do you see for putting your prices up?"),
        ("You've got to get off the tools, Marcus.", "What options do you see for getting off the tools?"),
        ("Couldn't you get an agency guy in?", "What options do you see for getting an agency guy in?"),
        (
            "I'd sit down with Jen, go through the last ten jobs.",
            "What options do you see for sitting down with Jen?",
        ),
    ],
)
def test_advice_becomes_an_evoking_question_built_from_it(line: str, better: str) -> None:
    assert advice_to_question(line) == better


@pytest.mark.parametrize(
    "line",
    [
        "Go ahead.",
        "Take your time.",
        "I'd like to celebrate that.",
        "Have you thought about what that would be?",
    ],
)
def test_lines_that_are_not_advice_are_left_alone(line: str) -> None:
    assert advice_to_question(line) is None


@pytest.mark.parametrize(
    ("line", "better"),
    [
        ("Why haven't you asked him yet?", "What has been getting in the way of asking him?"),
        ("Why did you say yes?", "What led you to say yes?"),
        ("Why is it so hard?", "What makes it hard?"),
        (
            "Why do you think you feel guilty about going four days?",
            "What happens for you when you feel guilty about going four days?",
        ),
    ],
)
def test_why_becomes_what(line: str, better: str) -> None:
    assert why_to_what(line) == better


@pytest.mark.parametrize(
    ("line", "better"),
    [
        (
            "Don't you think Femi would actually welcome the chance to lead without you there?",
            "What do you imagine Femi would want here?",
        ),
        (
            "Your dad would want the business to survive, wouldn't he?",
            "What do you imagine your dad would want here?",
        ),
        ("Wouldn't you say you're undercharging?", "What's your own view on whether you're undercharging?"),
        (
            "Don't you think that would make a difference?",
            "What's your own view on whether that would make a difference?",
        ),
        ("Wouldn't it be better to hire someone?", "How do you see hiring someone?"),
    ],
)
def test_leading_becomes_neutral(line: str, better: str) -> None:
    assert leading_to_neutral(line) == better


@pytest.mark.parametrize(
    ("line", "better"),
    [
        ("Is that important to you?", "How important is that to you?"),
        ("Is it a problem for you?", "How much of a problem is it for you?"),
        ("Do you want to apply for it?", "How do you feel about applying for it?"),
        (
            "Do you have terms and conditions on your quotes?",
            "What terms and conditions do you have on your quotes?",
        ),
        ("Is there anything you can do to prepare for it?", "What can you do to prepare for it?"),
        ("Do you think it would help?", "What do you think would help?"),
        ("Do you feel ready?", "How ready do you feel?"),
        ("Are you going to do the fifteen percent?", "What would doing the fifteen percent look like?"),
    ],
)
def test_closed_becomes_open(line: str, better: str) -> None:
    assert closed_to_open(line) == better


@pytest.mark.parametrize(
    "line", ["Does that make sense?", "Is it okay if I share something?", "Is he still a shareholder?"]
)
def test_check_ins_and_facts_about_others_are_not_rewritten(line: str) -> None:
    assert closed_to_open(line) is None


def test_check_in_detection() -> None:
    assert is_check_in("Is that right?")
    assert not is_check_in("Is that important to you?")


def test_a_stack_keeps_its_first_question() -> None:
    stacked = "What would that conversation sound like, and when would you have it, and what would you do if they're not keen?"
    assert first_of_stack(stacked) == "What would that conversation sound like?"
