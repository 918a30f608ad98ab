"""The progress dashboard's numbers: scores over time, markers most often missed, metric trends and a
suggested focus for the next session, all computed from the stored assessments.

The suggestion is deliberately simple and explainable: the marker missed (or only partly shown) most
often in the recent sessions, recent sessions counting more, with the sessions it comes from and the
framework's development tip for it. Practice sessions are included and marked as practice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from coachlens.framework import Rubric
from coachlens.storage.records import SessionRecord
from coachlens.web.doc_fields import as_float, as_mapping, as_sequence

RECENT_SESSIONS = 5
# A miss in the latest session counts fully; each older session a little less (never below the floor).
RECENCY_STEP = 0.15
RECENCY_FLOOR = 0.4
PARTIAL_WEIGHT = 0.5


@dataclass(frozen=True)
class SessionPoint:
    """One assessed session as the dashboard sees it."""

    id: str
    title: str
    when: date
    practice: bool
    overall: float | None
    competency_scores: Mapping[int, float]
    talk_share: float | None
    open_question_share: float | None
    reflections: int | None
    statuses: Mapping[str, str]
    growth_quotes: Mapping[str, tuple[int, str, float | None]]


@dataclass(frozen=True)
class SessionRef:
    id: str
    title: str
    when: date
    practice: bool


@dataclass(frozen=True)
class MarkerTally:
    """How often one marker was missed or only partly shown across the sessions."""

    marker_id: str
    short_name: str
    competency: int
    missed: int
    partial: int
    assessed: int
    missed_in: tuple[SessionRef, ...]


@dataclass(frozen=True)
class FocusSuggestion:
    """What to work on next, why, and where in the sessions it comes from."""

    marker_id: str | None
    competency: int
    headline: str
    reason: str
    sessions: tuple[SessionRef, ...]
    tip: str
    example_session: SessionRef | None = None
    example_turn: int | None = None
    example_quote: str = ""
    example_start_s: float | None = None


@dataclass(frozen=True)
class ProgressView:
    points: tuple[SessionPoint, ...]
    tallies: tuple[MarkerTally, ...]
    focus: FocusSuggestion | None

    @property
    def competency_ids(self) -> tuple[int, ...]:
        return tuple(sorted({cid for p in self.points for cid in p.competency_scores}))

    @property
    def practice_count(self) -> int:
        return sum(1 for p in self.points if p.practice)


def session_point(record: SessionRecord) -> SessionPoint:
    """Read one stored assessment into the few numbers the dashboard charts."""
    assessment: Mapping[str, Any] = record.assessment or {}
    metrics = as_mapping(assessment.get("metrics"))
    turns = [t for t in as_sequence(assessment.get("turns")) if isinstance(t, Mapping)]
    scores = {
        int(c["id"]): float(c["score"])
        for c in as_sequence(assessment.get("competencies"))
        if isinstance(c, Mapping)
        and as_float(c.get("id")) is not None
        and as_float(c.get("score")) is not None
    }
    statuses = {
        str(m.get("id")): str(m.get("status"))
        for m in as_sequence(assessment.get("markers"))
        if isinstance(m, Mapping) and m.get("id")
    }
    overall = assessment.get("overall_score")
    return SessionPoint(
        id=record.id,
        title=record.title,
        when=record.display_date,
        practice=record.kind == "practice",
        overall=as_float(overall),
        competency_scores=scores,
        talk_share=_talk_share(metrics, turns),
        open_question_share=_open_share(metrics, turns),
        reflections=_reflections(metrics, turns),
        statuses=statuses,
        growth_quotes=_growth_quotes(as_mapping(assessment.get("feedback"))),
    )


def build_progress(records: Sequence[SessionRecord], rubric: Rubric) -> ProgressView:
    """The dashboard over `records` (assessed sessions, oldest first)."""
    points = tuple(session_point(r) for r in records if r.assessment)
    tallies = _tallies(points, rubric)
    return ProgressView(points=points, tallies=tallies, focus=suggest_focus(points, rubric))


def suggest_focus(points: Sequence[SessionPoint], rubric: Rubric) -> FocusSuggestion | None:
    """The marker to work on next (see module docstring), or the weakest competency if none is missed."""
    if not points:
        return None
    recent = list(points[-RECENT_SESSIONS:])
    weights: dict[str, float] = {}
    latest_miss: dict[str, int] = {}
    for age, point in enumerate(reversed(recent)):
        recency = max(RECENCY_FLOOR, 1.0 - RECENCY_STEP * age)
        for marker_id, status in point.statuses.items():
            if status == "missed":
                weights[marker_id] = weights.get(marker_id, 0.0) + recency
            elif status == "partial":
                weights[marker_id] = weights.get(marker_id, 0.0) + PARTIAL_WEIGHT * recency
            else:
                continue
            latest_miss.setdefault(marker_id, age)
    known = [m for m in weights if rubric.has_marker(m)]
    if not known:
        return _weakest_competency(recent, rubric)
    order = {m.id: n for n, m in enumerate(rubric.markers)}
    chosen = min(known, key=lambda m: (-weights[m], latest_miss[m], order[m]))
    marker = rubric.marker(chosen)
    missed = [p for p in recent if p.statuses.get(chosen) == "missed"]
    partial = [p for p in recent if p.statuses.get(chosen) == "partial"]
    assessed = [p for p in recent if p.statuses.get(chosen) in ("demonstrated", "partial", "missed")]
    parts = []
    if missed:
        parts.append(f"missed in {len(missed)} of your last {len(assessed) or len(recent)} assessed sessions")
    if partial:
        parts.append(f"only partly shown in {len(partial)}")
    reason = " and ".join(parts) + "."
    example = next(
        ((p, p.growth_quotes[chosen]) for p in reversed(recent) if chosen in p.growth_quotes), None
    )
    suggestion = FocusSuggestion(
        marker_id=chosen,
        competency=marker.competency,
        headline=f"{chosen} {marker.short_name}",
        reason=reason[:1].upper() + reason[1:],
        sessions=tuple(_ref(p) for p in reversed([*missed, *partial])),
        tip=marker.development_tip,
    )
    if example is None:
        return suggestion
    point, (turn, quote, start_s) = example
    return replace(
        suggestion,
        example_session=_ref(point),
        example_turn=turn,
        example_quote=quote,
        example_start_s=start_s,
    )


def _weakest_competency(recent: Sequence[SessionPoint], rubric: Rubric) -> FocusSuggestion | None:
    averages: dict[int, float] = {}
    for competency in rubric.competencies:
        values = [p.competency_scores[competency.id] for p in recent if competency.id in p.competency_scores]
        if values and competency.markers:
            averages[competency.id] = sum(values) / len(values)
    if not averages:
        return None
    weakest = min(averages, key=lambda cid: (averages[cid], cid))
    competency = rubric.competency(weakest)
    return FocusSuggestion(
        marker_id=None,
        competency=weakest,
        headline=f"{weakest} {competency.name}",
        reason=(
            f"No marker was missed in your recent sessions; this competency has the lowest average score "
            f"({round(averages[weakest])}) across the last {len(recent)}."
        ),
        sessions=tuple(_ref(p) for p in reversed(recent)),
        tip=competency.development_tips[0],
    )


def _tallies(points: Sequence[SessionPoint], rubric: Rubric) -> tuple[MarkerTally, ...]:
    tallies: list[MarkerTally] = []
    for marker in rubric.markers:
        statuses = [(p, p.statuses.get(marker.id)) for p in points]
        missed = [p for p, s in statuses if s == "missed"]
        partial = sum(1 for _, s in statuses if s == "partial")
        assessed = sum(1 for _, s in statuses if s in ("demonstrated", "partial", "missed"))
        if not missed and not partial:
            continue
        tallies.append(
            MarkerTally(
                marker_id=marker.id,
                short_name=marker.short_name,
                competency=marker.competency,
                missed=len(missed),
                partial=partial,
                assessed=assessed,
                missed_in=tuple(_ref(p) for p in reversed(missed)),
            )
        )
    tallies.sort(key=lambda t: (-t.missed, -t.partial, [int(x) for x in t.marker_id.split(".")]))
    return tuple(tallies)


def _ref(point: SessionPoint) -> SessionRef:
    return SessionRef(id=point.id, title=point.title, when=point.when, practice=point.practice)


def _talk_share(metrics: Mapping[str, Any], turns: Sequence[Mapping[str, Any]]) -> float | None:
    value = as_float(metrics.get("coach_talk_share"))
    if value is not None and 0 <= value <= 1:
        return value
    coach = sum(len(str(t.get("text") or "").split()) for t in turns if t.get("role") == "coach")
    client = sum(len(str(t.get("text") or "").split()) for t in turns if t.get("role") == "client")
    return coach / (coach + client) if coach + client else None


def _open_share(metrics: Mapping[str, Any], turns: Sequence[Mapping[str, Any]]) -> float | None:
    opened, closed = as_float(metrics.get("questions_open")), as_float(metrics.get("questions_closed"))
    if opened is None or closed is None:
        opened = float(sum(1 for t in turns if "question.open" in as_sequence(t.get("acts"))))
        closed = float(sum(1 for t in turns if "question.closed" in as_sequence(t.get("acts"))))
    total = opened + closed
    return opened / total if total else None


def _reflections(metrics: Mapping[str, Any], turns: Sequence[Mapping[str, Any]]) -> int | None:
    value = as_float(metrics.get("reflections"))
    if value is not None:
        return int(value)
    if not turns:
        return None
    return sum(1 for t in turns if "reflection" in as_sequence(t.get("acts")))


def _growth_quotes(feedback: Mapping[str, Any]) -> dict[str, tuple[int, str, float | None]]:
    quotes: dict[str, tuple[int, str, float | None]] = {}
    for item in as_sequence(feedback.get("growth_areas")):
        if not isinstance(item, Mapping):
            continue
        marker, turn, quote = item.get("marker"), item.get("turn"), item.get("quote")
        if marker and isinstance(turn, int) and quote:
            start = item.get("start_s")
            quotes.setdefault(str(marker), (turn, str(quote), as_float(start)))
    return quotes
