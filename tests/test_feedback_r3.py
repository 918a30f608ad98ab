"""Round 3 of the feedback review: natural open rewrites for the common closed-question shapes a new
coach uses, and the strengths and growth areas around them (tests/data/fresh/r3-feedback-closed.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.session_support import assess_lines

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.growth_responses import someone_elses_feeling
from coachlens.analysis.pipeline import assess
from coachlens.analysis.rewrites import closed_to_open, is_advice_line, is_check_in
from coachlens.config import Settings
from coachlens.models import Assessment
from coachlens.transcripts import parse

FRESH = Path(__file__).parent / "data" / "fresh"


@pytest.fixture(scope="module")
def closed_session() -> Assessment:
    return assess(parse(FRESH / "r3-feedback-closed.txt"), classifier=load_default_classifier(Settings()))


@pytest.mark.parametrize(
    ("line", "better"),
    [
        # The coach names the client's topic for them: the open form leaves the naming to the client.
        (
            "Is it that you want to talk about those two people today?",
            "What would you like to talk about today?",
        ),
        ("So is it the budget you want to focus on?", "What would you like to focus on?"),
        # A guess at the outcome keeps its time frame.
        (
            "So you want to sort it out before the quarterly review?",
            "What would you like to happen before the quarterly review?",
        ),
        # The coach's menu of causes: the client names the cause.
        ("Do you think it's a confidence issue or an effort issue?", "What do you think is behind it?"),
        ("Is it a money thing or a time thing?", "What do you think is behind it?"),
        ("Is it the money or the hours?", "How do you see it?"),
        ("Would you say that's the cause?", "What do you think is the cause?"),
        ("Do you think that's the real problem?", "What do you think is the real problem?"),
        # A third party's state: only the client's view of it is in the room.
        (
            "Is she aware that the early shift are covering her bay?",
            "How aware do you think she is that the early shift are covering her bay?",
        ),
        ("Do you think she's aware of it?", "How aware do you think she is of it?"),
        ("Do you think that's fair?", "How fair do you think that is?"),
        ("Do you think he'd agree?", "How do you imagine he would react?"),
        # "Is that something ...?"
        (
            "Is that something you could ask Owen about, the mistakes?",
            "How might you ask Owen about the mistakes?",
        ),
        ("Is that something you could ask Owen about?", "How might you ask Owen about it?"),
        ("Is that something that matters a lot to you?", "What about that matters to you?"),
        ("Is that something you'd want to explore?", "What about that would you like to explore?"),
        ("Do you think you could ask him?", "How might you ask him?"),
        # "Have you got ...?", "Do you have someone who ...?"
        ("Have you got a plan for talking to her?", "What plan do you have for talking to her?"),
        (
            "Did you get any training when you became a manager?",
            "What training did you get when you became a manager?",
        ),
        ("Do you have someone who can support you with this?", "Who can support you with this?"),
        (
            "Is there a difference, for you, between those two conversations?",
            "What difference do you see between those two conversations?",
        ),
        ("Is that what you want?", "What do you want?"),
        # A worry the coach supplies: ask how the client feels about the prospect instead.
        ("Are you worried she'll get upset?", "How do you feel about the chance that she'll get upset?"),
    ],
)
def test_common_closed_shapes_get_short_natural_open_questions(line: str, better: str) -> None:
    assert closed_to_open(line) == better


@pytest.mark.parametrize(
    ("line", "better"),
    [
        # Unchanged: the earlier shapes keep their rewrites.
        ("Do you want to apply for it?", "How do you feel about applying for it?"),
        ("Do you want to talk about that?", "How do you feel about talking about that?"),
        (
            "Do you have terms and conditions on your quotes?",
            "What terms and conditions do you have on your quotes?",
        ),
        ("Are you worried about the deadline?", "How worried are you about the deadline?"),
        ("Is that important to you?", "How important is that to you?"),
    ],
)
def test_earlier_shapes_keep_their_rewrites(line: str, better: str) -> None:
    assert closed_to_open(line) == better


@pytest.mark.parametrize(
    "line",
    [
        "Have you got a website?",  # the open form would presume there is one
        "Do you have trouble sleeping?",
        "Would you say more?",  # a request, not an opinion question
        "And would you say you've been putting it off?",
        "Are you happy to leave it there?",  # a closing check-in
        "Are you okay with that?",
        "Is he still a shareholder?",
    ],
)
def test_lines_with_no_better_open_form_get_no_rewrite(line: str) -> None:
    assert closed_to_open(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Is it that you want to talk about those two people today?",
        "Do you think it's a skills thing or a motivation thing?",
        "Is that something you could ask Owen about?",
        "Would you say that's the cause?",
        "Is that something that matters a lot to you?",
    ],
)
def test_the_wooden_fallback_is_not_used_where_a_shape_applies(line: str) -> None:
    rewritten = closed_to_open(line)
    assert rewritten is not None
    assert "own view on whether" not in rewritten


def test_the_fallback_stays_for_an_opinion_no_shape_fits() -> None:
    assert closed_to_open("Do you think she'll be late again?") == (
        "What's your own view on whether she'll be late again?"
    )


def test_closing_check_ins_are_check_ins() -> None:
    assert is_check_in("Are you happy to leave it there?")
    assert is_check_in("Are you okay with that?")
    assert not is_check_in("Are you happy in your job?")


def test_checking_what_the_client_wants_is_not_advice() -> None:
    assert not is_advice_line("So you want to tell her before it gets to HR?")
    # Unchanged: without a question mark it is the coach telling.
    assert is_advice_line("You want to call him first.")
    assert is_advice_line("You should call him first.")


@pytest.mark.parametrize(
    ("sentence", "theirs"),
    [
        ("He looks exhausted most days.", True),
        ("Owen is stressed.", True),
        ("She was upset and I felt awful.", False),
        ("I feel like a traitor.", False),
        ("Honestly, it is awful.", False),
        ("Sometimes it gets too much.", False),
    ],
)
def test_a_third_partys_feeling_is_not_the_clients(sentence: str, theirs: bool) -> None:
    assert someone_elses_feeling(sentence) is theirs


def test_closed_session_rewrites_read_naturally(closed_session: Assessment) -> None:
    rewrites = {r.turn: r for r in closed_session.feedback.rewrites}
    assert rewrites[2].suggestion == "What would you like to talk about today?"
    assert rewrites[10].suggestion == "What do you think is behind it?"
    assert rewrites[4].kind == "closed_to_open"  # a guess at the client's want, not advice
    for rewrite in rewrites.values():
        assert "own view on whether" not in rewrite.suggestion
    # "So you want to tell her before it gets to HR?" -> "Yes. Actually, yes.": a reflection that landed.
    assert 32 not in rewrites


def test_a_confirmed_reflection_with_a_question_mark_is_not_rewritten() -> None:
    lines = [
        ("coach", "What would you like to work on today?"),
        ("client", "My manager keeps taking my ideas and I never get credit."),
        ("coach", "Is it that you want to talk about your manager?"),
        ("client", "Partly. It's more about how I speak up in meetings."),
        ("coach", "So you want to speak up before the meeting ends?"),
        ("client", "Yes, exactly. That's the bit I lose."),
        ("coach", "So you want to speak up sooner?"),
        ("client", "Not sure. Maybe."),
        ("coach", "What would speaking up sooner look like?"),
        ("client", "Saying my idea in the first ten minutes, before Dan does."),
    ]
    rewrites = {r.turn: r.suggestion for r in assess_lines(lines).feedback.rewrites}
    assert 4 not in rewrites  # confirmed by the client
    assert rewrites.get(2) == "What would you like to talk about?"


def test_closed_session_strengths_and_growth_areas(closed_session: Assessment) -> None:
    feedback = closed_session.feedback
    strengths = {s.marker: s for s in feedback.strengths}
    # A closing check-in is not evidence of exploring emotions, nor is a late "anything else?" the agreement.
    assert all(s.turn not in (50, 52) or s.marker not in ("6.3", "3.1") for s in feedback.strengths)
    if "6.3" in strengths:
        assert "an open question" not in strengths["6.3"].detail
    titles = [g.title for g in feedback.growth_areas]
    assert titles[0] == "Mostly closed questions"
    assert "A topic, but no agreement for the session" in titles
    # Owen's exhaustion is his, not the client's feeling passed over.
    assert not any("exhaustion" in g.detail for g in feedback.growth_areas)


def test_talk_share_does_not_quote_an_answer_to_the_clients_own_question() -> None:
    from coachlens.analysis.acts import load_default_classifier
    from coachlens.analysis.detectors.context import build_view
    from coachlens.analysis.growth_responses import talking_too_much
    from coachlens.config import Settings
    from coachlens.framework import load_rubric
    from coachlens.models import CoachingSession, Turn

    answer = (
        "No. Nothing you say here goes to HR or to your manager; the only thing they hear from me is "
        "whether we met, and you can read anything I write before it goes anywhere at all."
    )
    lines = [
        ("coach", "Welcome, Dev. Before we start, what would help you to know about how this works?"),
        ("client", "Is this going to HR?"),
        ("coach", answer),
        ("client", "Okay."),
        ("coach", "So where would you like to begin today, given all of that, and what would be useful?"),
        ("client", "Not sure."),
    ]
    turns = tuple(Turn(i, r.title(), r, None, None, t) for i, (r, t) in enumerate(lines))  # type: ignore[arg-type]
    session = CoachingSession(title="talk", source_format="plain", turns=turns)
    settings = Settings()
    view = build_view(
        session, load_default_classifier(settings).classify(session), load_rubric(settings.rubric)
    )
    found = talking_too_much(view, {"coach_talk_share": 0.8})
    assert found is not None
    assert found.item.turn == 4 and "HR" not in found.item.detail


def test_a_client_who_names_their_learning_at_the_end_is_no_coach_led_close() -> None:
    from pathlib import Path

    from coachlens.analysis.pipeline import assess
    from coachlens.transcripts import parse

    fresh = Path(__file__).parent / "data" / "fresh"
    laser = assess(parse(fresh / "r3-agreements-laser.txt"))
    assert not [g for g in laser.feedback.growth_areas if g.title == "A close led by the coach"]
    # A close where the client only voiced insights mid-session is still raised.
    agreements_a = assess(parse(fresh / "review-agreements-a.vtt"))
    assert [g for g in agreements_a.feedback.growth_areas if g.title == "A close led by the coach"]
