"""Drill logic: choosing questions, reading --answers, grading and scoring."""

from __future__ import annotations

import pytest

from coachlens.errors import FrameworkError
from coachlens.framework import (
    PracticeQuestion,
    Rubric,
    grade,
    load_rubric,
    parse_answers,
    run_drill,
    select_questions,
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("icf-2019-pcc-2020")


def _question(qid: str, best: int, worst: int) -> PracticeQuestion:
    return PracticeQuestion(
        id=qid,
        scenario="A client arrives upset about a conflict with a colleague and asks what to do next.",
        options=[
            "Advise them firmly",
            "Ask what they want from today",
            "Share your own story",
            "Change the topic",
        ],
        best=best,
        worst=worst,
        best_explanation="It partners with the client on the outcome they want.",
        worst_explanation="It takes the session away from the client entirely.",
    )


def test_one_competency_in_file_order(rubric: Rubric) -> None:
    questions = select_questions(rubric, 4)
    assert [q.id for q in questions] == [q.id for q in rubric.competency(4).practice_questions]
    assert all(q.id.startswith("4.q") for q in questions)


def test_all_competencies_when_none_given(rubric: Rubric) -> None:
    assert len(select_questions(rubric)) == len(rubric.practice_questions) >= 40


def test_a_seed_shuffles_reproducibly(rubric: Rubric) -> None:
    first = select_questions(rubric, seed=7)
    assert first == select_questions(rubric, seed=7)
    assert first != select_questions(rubric)
    assert sorted(q.id for q in first) == sorted(q.id for q in rubric.practice_questions)


def test_count_keeps_the_first_questions(rubric: Rubric) -> None:
    assert len(select_questions(rubric, 3, count=2)) == 2
    assert len(select_questions(rubric, 3, count=500)) == len(rubric.competency(3).practice_questions)
    with pytest.raises(FrameworkError, match="--count must be at least 1"):
        select_questions(rubric, 3, count=0)


def test_unknown_competency_is_refused(rubric: Rubric) -> None:
    with pytest.raises(FrameworkError, match="unknown competency '12'"):
        select_questions(rubric, "12")


def test_parse_answers() -> None:
    assert parse_answers("2,1,3", 3) == (2, 1, 3)
    assert parse_answers(" 4 , 4 ", 2) == (4, 4)
    assert parse_answers("1 2", 2) == (1, 2)


@pytest.mark.parametrize(
    ("text", "expected", "message"),
    [
        ("2,5", 2, "answer 2 is '5'; each answer must be a number from 1 to 4"),
        ("b,1", 2, "answer 1 is 'b'"),
        ("0", 1, "answer 1 is '0'"),
        ("1,2", 3, "--answers gives 2 answers but the drill has 3 questions"),
        ("", 1, "--answers gives 0 answers"),
    ],
)
def test_bad_answers_are_refused(text: str, expected: int, message: str) -> None:
    with pytest.raises(FrameworkError) as info:
        parse_answers(text, expected)
    assert message in str(info.value)


def test_grading_marks_best_and_worst() -> None:
    question = _question("4.q1", best=2, worst=3)
    assert grade(question, 2).is_best and not grade(question, 2).is_worst
    assert grade(question, 3).is_worst and not grade(question, 3).is_best
    middle = grade(question, 1)
    assert not middle.is_best and not middle.is_worst
    with pytest.raises(FrameworkError, match="choose a response from 1 to 4, not 5"):
        grade(question, 5)


def test_scoring_counts_best_answers_and_worst_picks() -> None:
    questions = (_question("4.q1", 2, 3), _question("4.q2", 1, 4), _question("4.q3", 4, 1))
    result = run_drill(questions, (2, 4, 3))
    assert (result.best_count, result.worst_count, result.total) == (1, 1, 3)
    assert result.percent == pytest.approx(33.3)
    assert run_drill(questions, (2, 1, 4)).percent == 100.0
    with pytest.raises(FrameworkError):
        run_drill(questions, (2, 1))


def test_the_real_best_answers_score_full_marks(rubric: Rubric) -> None:
    questions = select_questions(rubric, 2)
    assert run_drill(questions, tuple(q.best for q in questions)).percent == 100.0
    worst = run_drill(questions, tuple(q.worst for q in questions))
    assert (worst.best_count, worst.worst_count) == (0, len(questions))
