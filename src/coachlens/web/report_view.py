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
from coachlens.web.doc_fields import as_float, as_int, as_mapping, as_sequence
from coachlens.web.report_metrics import (
    MetricRow,
    TalkShare,
    act_counts,
    metric_rows,
    minute_timeline,
    talk_share,
)
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
    session = as_mapping(assessment.get("session"))
    rubric_ref = as_mapping(assessment.get("rubric"))
    turns = [t for t in as_sequence(assessment.get("turns")) if isinstance(t, Mapping)]
    findings = [m for m in as_sequence(assessment.get("markers")) if isinstance(m, Mapping)]
    turns_text = {int(t.get("index", i)): str(t.get("text") or "") for i, t in enumerate(turns)}
    evidence = collect_evidence(findings, turns_text)
    competency_of = {str(m.get("id")): as_int(m.get("competency")) or 0 for m in findings}
    readiness = as_mapping(assessment.get("readiness"))
    feedback = as_mapping(assessment.get("feedback"))
    return ReportView(
        title=str(session.get("title") or "Untitled session"),
        rubric_id=str(rubric_ref.get("id") or rubric.id),
        rubric_version=str(rubric_ref.get("version") or ""),
        duration_s=as_float(session.get("duration_s")),
        turn_count=as_int(session.get("turn_count")) or len(turns),
        source_format=str(session.get("source_format") or ""),
        overall_score=as_float(assessment.get("overall_score")),
        readiness_level=str(readiness["level"]) if readiness.get("level") else None,
        readiness_rationale=str(readiness.get("rationale") or ""),
        readiness_knockouts=tuple(str(k) for k in as_sequence(readiness.get("knockouts"))),
        competencies=_competency_sections(assessment, findings, evidence, rubric),
        turns=build_turns(turns, evidence, competency_of),
        talk=talk_share(turns),
        question_counts=act_counts(turns, QUESTION_ACTS),
        act_counts=act_counts(turns, COACH_ACTS),
        timeline=minute_timeline(turns, evidence),
        metrics=metric_rows(as_mapping(assessment.get("metrics"))),
        strengths=_feedback_items(feedback.get("strengths")),
        growth_areas=_feedback_items(feedback.get("growth_areas")),
        rewrites=_rewrites(feedback.get("rewrites")),
        tips=tuple(str(t) for t in as_sequence(feedback.get("tips")) if t),
        next_step=str(feedback.get("next_step") or ""),
        notes=tuple(str(n) for n in as_sequence(assessment.get("notes")) if n),
        engine=str(assessment.get("engine") or ""),
    )


def _competency_sections(
    assessment: Mapping[str, Any],
    findings: Sequence[Mapping[str, Any]],
    evidence: Sequence[EvidenceRef],
    rubric: Rubric,
) -> tuple[CompetencySection, ...]:
    scores = {
        as_int(c.get("id")): c for c in as_sequence(assessment.get("competencies")) if isinstance(c, Mapping)
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
        score = as_mapping(scores.get(competency_id))
        rows = sorted(rows_by_competency.get(competency_id, []), key=lambda r: rubric_order.get(r.id, 999))
        if not rows and not score:
            continue
        sections.append(
            CompetencySection(
                id=competency_id,
                name=str(score.get("name") or names.get(competency_id) or f"Competency {competency_id}"),
                score=as_float(score.get("score")),
                markers_demonstrated=as_int(score.get("markers_demonstrated")),
                markers_total=as_int(score.get("markers_total")),
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
        competency=as_int(finding.get("competency")) or _competency_from_id(marker_id),
        status=str(finding.get("status") or "not_assessable"),
        confidence=as_float(finding.get("confidence")) or 0.0,
        rationale=str(finding.get("rationale") or ""),
        detector=str(finding.get("detector") or ""),
        source=str(finding.get("source") or ""),
        evidence=tuple(evidence_by_marker.get(marker_id, ())),
        in_rubric=known,
    )


def _competency_from_id(marker_id: str) -> int:
    head = marker_id.split(".")[0]
    return int(head) if head.isdigit() else 0


def _feedback_items(raw: Any) -> tuple[FeedbackView, ...]:
    items: list[FeedbackView] = []
    for entry in as_sequence(raw):
        if isinstance(entry, str):
            items.append(FeedbackView(title=entry, detail="", turn=None, quote="", start_s=None, marker=None))
            continue
        if not isinstance(entry, Mapping):
            continue
        items.append(
            FeedbackView(
                title=str(entry.get("title") or ""),
                detail=str(entry.get("detail") or ""),
                turn=as_int(entry.get("turn")),
                quote=str(entry.get("quote") or ""),
                start_s=as_float(entry.get("start_s")),
                marker=str(entry["marker"]) if entry.get("marker") else None,
            )
        )
    return tuple(items)


def _rewrites(raw: Any) -> tuple[RewriteView, ...]:
    items: list[RewriteView] = []
    for entry in as_sequence(raw):
        if not isinstance(entry, Mapping):
            continue
        items.append(
            RewriteView(
                turn=as_int(entry.get("turn")),
                original=str(entry.get("original") or ""),
                suggestion=str(entry.get("suggestion") or ""),
                kind=str(entry.get("kind") or ""),
                why=str(entry.get("why") or ""),
                start_s=as_float(entry.get("start_s")),
            )
        )
    return tuple(items)
