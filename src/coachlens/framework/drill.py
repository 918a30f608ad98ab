"""Situational-judgement drills: pick practice questions, grade answers, score a run.

The terminal quiz (`coachlens drill`) and, later, the web app are thin shells over these functions:
nothing here prints or prompts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from coachlens.errors import FrameworkError
from coachlens.framework.rubric import Rubric
from coachlens.framework.schema import PracticeQuestion

OPTION_COUNT = 4


@dataclass(frozen=True)
class DrillAnswer:
    """The response chosen for one question (1-based, as shown to the coach) and how it rates."""

    question: PracticeQuestion
    chosen: int

    @property
    def is_best(self) -> bool:
        return self.chosen == self.question.best

    @property
    def is_worst(self) -> bool:
        return self.chosen == self.question.worst


@dataclass(frozen=True)
class DrillResult:
    """A finished drill: one point per best response chosen."""

    answers: tuple[DrillAnswer, ...]

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def best_count(self) -> int:
        return sum(1 for a in self.answers if a.is_best)

    @property
    def worst_count(self) -> int:
        return sum(1 for a in self.answers if a.is_worst)

    @property
    def percent(self) -> float:
        return round(100.0 * self.best_count / self.total, 1) if self.total else 0.0


def select_questions(
    rubric: Rubric,
    competency: int | str | None = None,
    count: int | None = None,
    seed: int | None = None,
) -> tuple[PracticeQuestion, ...]:
    """The questions for a drill: one competency's or all, in file order unless `seed` shuffles them.

    `count` keeps the first `count` after ordering (all when there are fewer).
    """
    if count is not None and count < 1:
        raise FrameworkError(f"--count must be at least 1, got {count}")
    pool = list(
        rubric.competency(competency).practice_questions
        if competency is not None
        else rubric.practice_questions
    )
    if not pool:
        raise FrameworkError(f"rubric {rubric.id} has no practice questions for this selection")
    if seed is not None:
        random.Random(seed).shuffle(pool)
    return tuple(pool[:count] if count is not None else pool)


def parse_answers(text: str, expected: int) -> tuple[int, ...]:
    """Read `--answers 2,1,3`: one response number (1-4) per question, in the order asked."""
    pieces = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    answers: list[int] = []
    for position, piece in enumerate(pieces, start=1):
        if not piece.isdigit() or not 1 <= int(piece) <= OPTION_COUNT:
            raise FrameworkError(
                f"--answers: answer {position} is '{piece}'; each answer must be a number from 1 to {OPTION_COUNT}"
            )
        answers.append(int(piece))
    if len(answers) != expected:
        raise FrameworkError(
            f"--answers gives {len(answers)} answers but the drill has {expected} questions; "
            "give one number per question (or set --count to match)"
        )
    return tuple(answers)


def grade(question: PracticeQuestion, chosen: int) -> DrillAnswer:
    """Grade one response number (1-based) against a question."""
    if not 1 <= chosen <= len(question.options):
        raise FrameworkError(
            f"{question.id}: choose a response from 1 to {len(question.options)}, not {chosen}"
        )
    return DrillAnswer(question=question, chosen=chosen)


def run_drill(questions: tuple[PracticeQuestion, ...], answers: tuple[int, ...]) -> DrillResult:
    """Grade a whole run at once (the non-interactive path)."""
    if len(questions) != len(answers):
        raise FrameworkError(f"got {len(answers)} answers for {len(questions)} questions")
    return DrillResult(answers=tuple(grade(q, a) for q, a in zip(questions, answers, strict=True)))
