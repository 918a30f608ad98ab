"""What the session report page shows, built from a stored `coachlens.assessment/1` document.

The stored JSON is an edge (written by whichever engine version ran), so every field is read
defensively: a missing or odd field gives an empty section, never a crash. Counts shown in charts
(talk share, question types, the per-minute timeline) are computed from the turns and acts of the
contract itself, so the page does not depend on engine-specific metric names; the engine's own
metrics are listed in a table as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coachlens.framework import Rubric
from coachlens.web.charts import TimelineMinute
from coachlens.web.transcript_view import (
    EvidenceRef,
    TurnView,
    build_turns,
    collect_evidence,
    marker_slug,
)

STATUS_LABELS: dict[str, str] = {
    "demonstrated": "Demonstrated",
    "partial": "Partly shown",
    "missed": "Missed",
    "not_assessable": "Not assessable",
    "no_opportunity": "No opportunity",
}
STATUS_ORDER = tuple(STATUS_LABELS)
READINESS_LABELS: dict[str, str] = {
    "below_acc": "Below ACC",
    "acc": "ACC",
    "pcc": "PCC",
    "mcc": "MCC",
}
QUESTION_ACTS: tuple[tuple[str, str], ...] = (
    ("question.open", "Open"),
    ("question.closed", "Closed"),
    ("question.leading", "Leading"),
    ("question.stacked", "Stacked"),
)
COACH_ACTS: tuple[tuple[str, str], ...] = (
    ("reflection", "Reflection"),
    ("summary", "Summary"),
    ("acknowledgment", "Acknowledgment"),
    ("empathy", "Empathy"),
    ("observation", "Observation"),
    ("permission", "Permission"),
    ("advice", "Advice"),
    ("information", "Information"),
)


@dataclass(frozen=True)
class MarkerRow:
    """One PCC marker finding as the marker table shows it."""

    id: str
    slug: str
    short_name: str
    competency: int
    status: str
    confidence: float
    rationale: str
    detector: str
    source: str
    evidence: tuple[EvidenceRef, ...]
    in_rubric: bool

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status.replace("_", " "))


@dataclass(frozen=True)
class CompetencySection:
    """A competency's score and its marker findings."""

    id: int
    name: str
    score: float | None
    markers_demonstrated: int | None
    markers_total: int | None
    markers: tuple[MarkerRow, ...]

    @property
    def status_counts(self) -> dict[str, int]:
        counts = Counter(m.status for m in self.markers)
        return {status: counts[status] for status in STATUS_ORDER if counts[status]}


@dataclass(frozen=True)
class FeedbackView:
    title: str
    detail: str
    turn: int | None
    quote: str
    start_s: float | None
    marker: str | None


@dataclass(frozen=True)
class RewriteView:
    turn: int | None
    original: str
    suggestion: str
    kind: str
    why: str
    start_s: float | None


@dataclass(frozen=True)
class MetricRow:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class TalkShare:
    coach_words: int
    client_words: int
    coach_seconds: float | None
    client_seconds: float | None

    @property
    def coach_word_share(self) -> float | None:
        total = self.coach_words + self.client_words
        return self.coach_words / total if total else None

    @property
    def coach_time_share(self) -> float | None:
        if self.coach_seconds is None or self.client_seconds is None:
            return None
        total = self.coach_seconds + self.client_seconds
        return self.coach_seconds / total if total else None


@dataclass(frozen=True)
class ReportView:
    """Everything the report template needs, in display order."""

    title: str
    rubric_id: str
    rubric_version: str
    duration_s: float | None
    turn_count: int
    source_format: str
    overall_score: float | None
    readiness_level: str | None
    readiness_rationale: str
    readiness_knockouts: tuple[str, ...]
    competencies: tuple[CompetencySection, ...]
    turns: tuple[TurnView, ...]
    talk: TalkShare
    question_counts: tuple[tuple[str, int], ...]
    act_counts: tuple[tuple[str, int], ...]
    timeline: tuple[TimelineMinute, ...]
    metrics: tuple[MetricRow, ...]
    strengths: tuple[FeedbackView, ...]
    growth_areas: tuple[FeedbackView, ...]
    rewrites: tuple[RewriteView, ...]
    tips: tuple[str, ...]
    next_step: str
    notes: tuple[str, ...]
    engine: str

    @property
    def readiness_label(self) -> str:
        if self.readiness_level is None:
            return "Not given"
        return READINESS_LABELS.get(self.readiness_level, self.readiness_level)

    @property
    def marker_rows(self) -> tuple[MarkerRow, ...]:
        return tuple(m for c in self.competencies for m in c.markers)

    @property
    def status_totals(self) -> dict[str, int]:
        counts = Counter(m.status for m in self.marker_rows)
        return {status: counts[status] for status in STATUS_ORDER if counts[status]}

    @property
    def has_timestamps(self) -> bool:
        return any(t.start_s is not None for t in self.turns)


def build_report(assessment: Mapping[str, Any], rubric: Rubric) -> ReportView:
    """Turn an assessment document into the report page's view."""
    session = _mapping(assessment.get("session"))
    rubric_ref = _mapping(assessment.get("rubric"))
    turns = [t for t in _sequence(assessment.get("turns")) if isinstance(t, Mapping)]
    findings = [m for m in _sequence(assessment.get("markers")) if isinstance(m, Mapping)]
    turns_text = {int(t.get("index", i)): str(t.get("text") or "") for i, t in enumerate(turns)}
    evidence = collect_evidence(findings, turns_text)
    competency_of = {str(m.get("id")): _int(m.get("competency")) or 0 for m in findings}
    readiness = _mapping(assessment.get("readiness"))
    feedback = _mapping(assessment.get("feedback"))
    return ReportView(
        title=str(session.get("title") or "Untitled session"),
        rubric_id=str(rubric_ref.get("id") or rubric.id),
        rubric_version=str(rubric_ref.get("version") or ""),
        duration_s=_float(session.get("duration_s")),
        turn_count=_int(session.get("turn_count")) or len(turns),
        source_format=str(session.get("source_format") or ""),
        overall_score=_float(assessment.get("overall_score")),
        readiness_level=str(readiness["level"]) if readiness.get("level") else None,
        readiness_rationale=str(readiness.get("rationale") or ""),
        readiness_knockouts=tuple(str(k) for k in _sequence(readiness.get("knockouts"))),
        competencies=_competency_sections(assessment, findings, evidence, rubric),
        turns=build_turns(turns, evidence, competency_of),
        talk=_talk_share(turns),
        question_counts=_act_counts(turns, QUESTION_ACTS),
        act_counts=_act_counts(turns, COACH_ACTS),
        timeline=_timeline(turns, evidence),
        metrics=_metric_rows(_mapping(assessment.get("metrics"))),
        strengths=_feedback_items(feedback.get("strengths")),
        growth_areas=_feedback_items(feedback.get("growth_areas")),
        rewrites=_rewrites(feedback.get("rewrites")),
        tips=tuple(str(t) for t in _sequence(feedback.get("tips")) if t),
        next_step=str(feedback.get("next_step") or ""),
        notes=tuple(str(n) for n in _sequence(assessment.get("notes")) if n),
        engine=str(assessment.get("engine") or ""),
    )


def _competency_sections(
    assessment: Mapping[str, Any],
    findings: Sequence[Mapping[str, Any]],
    evidence: Sequence[EvidenceRef],
    rubric: Rubric,
) -> tuple[CompetencySection, ...]:
    scores = {
        _int(c.get("id")): c for c in _sequence(assessment.get("competencies")) if isinstance(c, Mapping)
    }
    evidence_by_marker: dict[str, list[EvidenceRef]] = {}
    for ref in evidence:
        evidence_by_marker.setdefault(ref.marker_id, []).append(ref)
    rows_by_competency: dict[int, list[MarkerRow]] = {}
    for finding in findings:
        row = _marker_row(finding, evidence_by_marker, rubric)
        rows_by_competency.setdefault(row.competency, []).append(row)
    rubric_order = {m.id: n for n, m in enumerate(rubric.markers)}
    names = {c.id: c.name for c in rubric.competencies}
    ids = sorted({*names, *rows_by_competency, *(k for k in scores if k is not None)})
    sections: list[CompetencySection] = []
    for competency_id in ids:
        score = _mapping(scores.get(competency_id))
        rows = sorted(rows_by_competency.get(competency_id, []), key=lambda r: rubric_order.get(r.id, 999))
        if not rows and not score:
            continue
        sections.append(
            CompetencySection(
                id=competency_id,
                name=str(score.get("name") or names.get(competency_id) or f"Competency {competency_id}"),
                score=_float(score.get("score")),
                markers_demonstrated=_int(score.get("markers_demonstrated")),
                markers_total=_int(score.get("markers_total")),
                markers=tuple(rows),
            )
        )
    return tuple(sections)


def _marker_row(
    finding: Mapping[str, Any], evidence_by_marker: Mapping[str, list[EvidenceRef]], rubric: Rubric
) -> MarkerRow:
    marker_id = str(finding.get("id") or "?")
    known = rubric.has_marker(marker_id)
    return MarkerRow(
        id=marker_id,
        slug=marker_slug(marker_id),
        short_name=rubric.marker(marker_id).short_name if known else "",
        competency=_int(finding.get("competency")) or _competency_from_id(marker_id),
        status=str(finding.get("status") or "not_assessable"),
        confidence=_float(finding.get("confidence")) or 0.0,
        rationale=str(finding.get("rationale") or ""),
        detector=str(finding.get("detector") or ""),
        source=str(finding.get("source") or ""),
        evidence=tuple(evidence_by_marker.get(marker_id, ())),
        in_rubric=known,
    )


def _competency_from_id(marker_id: str) -> int:
    head = marker_id.split(".")[0]
    return int(head) if head.isdigit() else 0


def _talk_share(turns: Sequence[Mapping[str, Any]]) -> TalkShare:
    words: Counter[str] = Counter()
    seconds: dict[str, float] = {}
    timed = True
    for turn in turns:
        role = str(turn.get("role") or "unknown")
        words[role] += len(str(turn.get("text") or "").split())
        start, end = _float(turn.get("start_s")), _float(turn.get("end_s"))
        if start is None or end is None:
            timed = False
        else:
            seconds[role] = seconds.get(role, 0.0) + max(0.0, end - start)
    return TalkShare(
        coach_words=words["coach"],
        client_words=words["client"],
        coach_seconds=seconds.get("coach", 0.0) if timed and turns else None,
        client_seconds=seconds.get("client", 0.0) if timed and turns else None,
    )


def _act_counts(
    turns: Sequence[Mapping[str, Any]], wanted: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for turn in turns:
        if turn.get("role") != "coach":
            continue
        for act in set(_sequence(turn.get("acts"))):
            counts[str(act)] += 1
    return tuple((label, counts[act]) for act, label in wanted)


def _timeline(
    turns: Sequence[Mapping[str, Any]], evidence: Sequence[EvidenceRef]
) -> tuple[TimelineMinute, ...]:
    """Seconds spoken per role in each minute, and the markers whose evidence starts in it."""
    spans: list[tuple[str, float, float]] = []
    starts: dict[int, float] = {}
    for position, turn in enumerate(turns):
        start, end = _float(turn.get("start_s")), _float(turn.get("end_s"))
        if start is None:
            continue
        starts[int(turn.get("index", position))] = start
        spans.append((str(turn.get("role") or "unknown"), start, end if end is not None else start))
    if not spans:
        return ()
    last_minute = int(max(end for _, _, end in spans) // 60)
    coach = [0.0] * (last_minute + 1)
    client = [0.0] * (last_minute + 1)
    for role, start, end in spans:
        cursor = start
        while cursor < end:
            minute = int(cursor // 60)
            chunk_end = min(end, (minute + 1) * 60.0)
            if role == "coach":
                coach[minute] += chunk_end - cursor
            elif role == "client":
                client[minute] += chunk_end - cursor
            cursor = chunk_end
    markers: list[list[str]] = [[] for _ in range(last_minute + 1)]
    for ref in evidence:
        when = ref.start_s if ref.start_s is not None else starts.get(ref.turn)
        if when is None:
            continue
        minute = min(int(when // 60), last_minute)
        if ref.marker_id not in markers[minute]:
            markers[minute].append(ref.marker_id)
    return tuple(
        TimelineMinute(minute=n, coach_s=coach[n], client_s=client[n], markers=tuple(markers[n]))
        for n in range(last_minute + 1)
    )


def _metric_rows(metrics: Mapping[str, Any]) -> tuple[MetricRow, ...]:
    rows: list[MetricRow] = []
    for key, value in metrics.items():
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            continue
        rows.append(MetricRow(key=str(key), label=_humanise(str(key)), value=_format_metric(str(key), value)))
    return tuple(rows)


def _humanise(key: str) -> str:
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _format_metric(key: str, value: float | int | str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and ("share" in key or "ratio" in key or "rate" in key) and 0 <= value <= 1:
        return f"{round(100 * value)}%"
    if isinstance(value, float) and (key.endswith("_s") or "seconds" in key):
        return f"{value:.1f} s"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _feedback_items(raw: Any) -> tuple[FeedbackView, ...]:
    items: list[FeedbackView] = []
    for entry in _sequence(raw):
        if isinstance(entry, str):
            items.append(FeedbackView(title=entry, detail="", turn=None, quote="", start_s=None, marker=None))
            continue
        if not isinstance(entry, Mapping):
            continue
        items.append(
            FeedbackView(
                title=str(entry.get("title") or ""),
                detail=str(entry.get("detail") or ""),
                turn=_int(entry.get("turn")),
                quote=str(entry.get("quote") or ""),
                start_s=_float(entry.get("start_s")),
                marker=str(entry["marker"]) if entry.get("marker") else None,
            )
        )
    return tuple(items)


def _rewrites(raw: Any) -> tuple[RewriteView, ...]:
    items: list[RewriteView] = []
    for entry in _sequence(raw):
        if not isinstance(entry, Mapping):
            continue
        items.append(
            RewriteView(
                turn=_int(entry.get("turn")),
                original=str(entry.get("original") or ""),
                suggestion=str(entry.get("suggestion") or ""),
                kind=str(entry.get("kind") or ""),
                why=str(entry.get("why") or ""),
                start_s=_float(entry.get("start_s")),
            )
        )
    return tuple(items)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _sequence(value: Any) -> Sequence[Any]:
    return value if isinstance(value, list | tuple) else ()


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)
