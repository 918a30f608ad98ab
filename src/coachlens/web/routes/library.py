"""The competency library in the browser: index, search, a study-guide page per competency, a page per
PCC marker, and the situational-judgement drill.

The drill keeps its state in the form it posts (competency, question count, shuffle seed, answers so
far), so it needs no server-side session and works without JavaScript: pick a response, post it, read
why the best and the worst responses are what they are, go on, and see the score at the end.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from coachlens.errors import FrameworkError
from coachlens.framework import (
    DrillAnswer,
    DrillResult,
    Marker,
    PracticeQuestion,
    Rubric,
    grade,
    load_rubric,
    search,
    select_questions,
)
from coachlens.framework.render_md import OBSERVABILITY_LABELS, RESOURCE_LABELS
from coachlens.web.deps import SettingsDep, TemplatesDep

router = APIRouter(include_in_schema=False)

DRILL_SIZES = (5, 10, 20)
SEARCH_LIMIT = 30


@dataclass(frozen=True)
class DrillState:
    """Where a drill run stands: its questions (from competency, count and seed) and answers so far."""

    competency: int | None
    count: int
    seed: int
    questions: tuple[PracticeQuestion, ...]
    answers: tuple[int, ...]

    @property
    def answered(self) -> tuple[DrillAnswer, ...]:
        return tuple(grade(q, a) for q, a in zip(self.questions, self.answers, strict=False))

    @property
    def finished(self) -> bool:
        return len(self.answers) >= len(self.questions)

    @property
    def current(self) -> PracticeQuestion | None:
        return None if self.finished else self.questions[len(self.answers)]

    @property
    def answers_text(self) -> str:
        return ",".join(str(a) for a in self.answers)


@router.get("/library", response_class=HTMLResponse)
def library_index(request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    rubric = load_rubric(settings.rubric)
    return templates.TemplateResponse(
        request, "library_index.html", {"nav": "library", "rubric": rubric, "q": ""}
    )


@router.get("/library/search", response_class=HTMLResponse)
def library_search(
    request: Request,
    settings: SettingsDep,
    templates: TemplatesDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Ranked passages of the library matching the words typed, each linked to where it lives."""
    rubric = load_rubric(settings.rubric)
    error = None
    hits: list[Any] = []
    try:
        hits = search(rubric, q, limit=SEARCH_LIMIT) if q.strip() else []
    except FrameworkError as exc:
        error = exc.message
    return templates.TemplateResponse(
        request,
        "library_search.html",
        {"nav": "library", "rubric": rubric, "q": q, "hits": hits, "error": error, "hit_href": hit_href},
    )


@router.get("/library/competencies/{competency_id}", response_class=HTMLResponse)
def competency_page(
    competency_id: str, request: Request, settings: SettingsDep, templates: TemplatesDep
) -> Response:
    rubric = load_rubric(settings.rubric)
    try:
        competency = rubric.competency(competency_id)
    except FrameworkError as exc:
        raise HTTPException(status_code=404, detail=exc.message) from None
    ids = [c.id for c in rubric.competencies]
    position = ids.index(competency.id)
    return templates.TemplateResponse(
        request,
        "library_competency.html",
        {
            "nav": "library",
            "rubric": rubric,
            "competency": competency,
            "evidencing": rubric.evidencing_markers(competency.id),
            "previous": rubric.competencies[position - 1] if position > 0 else None,
            "following": rubric.competencies[position + 1] if position + 1 < len(ids) else None,
            "resource_labels": RESOURCE_LABELS,
            "observability": OBSERVABILITY_LABELS,
        },
    )


@router.get("/library/markers/{marker_id}", response_class=HTMLResponse)
def marker_page(marker_id: str, request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    rubric = load_rubric(settings.rubric)
    try:
        marker = rubric.marker(marker_id)
    except FrameworkError as exc:
        raise HTTPException(status_code=404, detail=exc.message) from None
    everything = rubric.markers
    position = everything.index(marker)
    return templates.TemplateResponse(
        request,
        "library_marker.html",
        {
            "nav": "library",
            "rubric": rubric,
            "marker": marker,
            "competency": rubric.competency(marker.competency),
            "also_evidences": _competencies_evidenced_by(rubric, marker),
            "questions": [q for q in rubric.practice_questions if marker.id in q.markers],
            "previous": everything[position - 1] if position > 0 else None,
            "following": everything[position + 1] if position + 1 < len(everything) else None,
            "observability": OBSERVABILITY_LABELS,
        },
    )


@router.get("/library/drill", response_class=HTMLResponse)
def drill_start(
    request: Request,
    settings: SettingsDep,
    templates: TemplatesDep,
    competency: Annotated[str, Query(max_length=3)] = "",
) -> Response:
    rubric = load_rubric(settings.rubric)
    return templates.TemplateResponse(
        request,
        "drill_start.html",
        {"nav": "library", "rubric": rubric, "sizes": DRILL_SIZES, "chosen": competency},
    )


@router.post("/library/drill", response_class=HTMLResponse)
def drill_play(
    request: Request,
    settings: SettingsDep,
    templates: TemplatesDep,
    competency: Annotated[str, Form(max_length=3)] = "",
    count: Annotated[int, Form(ge=1, le=100)] = 5,
    seed: Annotated[int | None, Form()] = None,
    answers: Annotated[str, Form(max_length=400)] = "",
    choice: Annotated[int | None, Form(ge=1, le=4)] = None,
) -> Response:
    """One step of a drill: the next question, the explanation of the answer just given, or the score."""
    rubric = load_rubric(settings.rubric)
    chosen_competency = int(competency) if competency.isdigit() else None
    run_seed = seed if seed is not None else secrets.randbelow(1_000_000)
    questions = select_questions(rubric, chosen_competency, count=count, seed=run_seed)
    given = _parse_answers(answers, len(questions))
    state = DrillState(chosen_competency, count, run_seed, questions, given)
    feedback: DrillAnswer | None = None
    if choice is not None and not state.finished:
        feedback = grade(state.questions[len(given)], choice)
        state = DrillState(chosen_competency, count, run_seed, questions, (*given, choice))
    result = DrillResult(answers=state.answered) if state.finished and feedback is None else None
    return templates.TemplateResponse(
        request,
        "drill_play.html",
        {
            "nav": "library",
            "rubric": rubric,
            "state": state,
            "feedback": feedback,
            "result": result,
            "scope": rubric.competency(chosen_competency).name if chosen_competency else "All competencies",
        },
    )


def hit_href(kind: str, ref: str, competency: int) -> str:
    """Where a search hit lives in the library."""
    if kind == "marker":
        return f"/library/markers/{ref}"
    if kind == "subpoint":
        return f"/library/competencies/{competency}#subpoints"
    if kind == "practice_question":
        return f"/library/competencies/{competency}#practice-{ref.replace('.', '-')}"
    if kind == "resource":
        return f"/library/competencies/{competency}#resources"
    return f"/library/competencies/{competency}"


def _competencies_evidenced_by(rubric: Rubric, marker: Marker) -> list[Any]:
    return [c for c in rubric.competencies if marker.id in c.evidenced_by_markers]


def _parse_answers(text: str, limit: int) -> tuple[int, ...]:
    """Answers carried in the form: numbers 1-4, at most one per question; anything else is dropped."""
    answers: list[int] = []
    for piece in text.split(","):
        piece = piece.strip()
        if piece.isdigit() and 1 <= int(piece) <= 4 and len(answers) < limit:
            answers.append(int(piece))
    return tuple(answers)
