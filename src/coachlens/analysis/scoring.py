"""Competency scores, the overall score and the advisory readiness reading (see docs/scoring.md).

Everything here is a plain, monotonic formula over marker statuses and conversation rates, so a
coach can see exactly why a number moved: more reflection, less telling, more markers shown can
only raise the score. Rates (per turn, per question) are used rather than counts so that a short
session is not punished for being short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coachlens.framework.rubric import Rubric
from coachlens.models import CompetencyScore, MarkerFinding, Readiness, ReadinessLevel

STATUS_VALUE = {"demonstrated": 1.0, "partial": 0.5, "missed": 0.0}

# Weights of the overall score's components (sum to 1). The conversation rates carry most of the
# weight because they generalise across kinds of conversation; marker coverage adds the ICF view.
WEIGHTS: dict[str, float] = {
    "reflection_balance": 0.22,
    "reflection_share": 0.08,
    "restraint_from_telling": 0.22,
    "open_questions": 0.08,
    "client_airtime": 0.10,
    "question_form": 0.05,
    "marker_coverage": 0.25,
}

TELLING_KNOCKOUT = 0.30  # share of coach turns carrying advice or information
TALK_KNOCKOUT = 0.50  # coach share of the words spoken


def _clip(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def marker_value(findings: Sequence[MarkerFinding]) -> tuple[float, int]:
    """Mean status value (demonstrated 1, partial 0.5, missed 0) over assessable findings, and their count."""
    values = [STATUS_VALUE[f.status] for f in findings if f.status in STATUS_VALUE]
    return (sum(values) / len(values) if values else 0.0), len(values)


def ethics_score(metrics: dict[str, Any]) -> float:
    """Competency 1 from whole-session signals: staying in the coaching role (not telling) and not
    taking over the conversation. 0-100."""
    role = 1.0 - _clip((metrics.get("telling_share", 0.0) - 0.10) / 0.40)
    airtime = 1.0 - _clip((metrics.get("coach_talk_share", 0.0) - 0.45) / 0.30)
    disclosure = _clip(metrics.get("self_disclosure", 0) / max(1, metrics.get("coach_turns", 1)) / 0.2)
    return round(100 * _clip(0.65 * role + 0.25 * airtime + 0.10 * (1 - disclosure)), 1)


def competency_scores(
    rubric: Rubric, findings: Sequence[MarkerFinding], metrics: dict[str, Any]
) -> tuple[CompetencyScore, ...]:
    """One score per competency: 100 x mean status value of its assessable (evidencing) markers.

    `markers_total` counts the assessable markers (demonstrated, partial or missed); markers that were
    not assessable or had no opportunity are left out of both numbers. Competency 1 has no markers and
    is scored from `ethics_score`.
    """
    by_id = {f.id: f for f in findings}
    scores: list[CompetencyScore] = []
    for competency in rubric.competencies:
        markers = rubric.evidencing_markers(competency.id)
        relevant = [by_id[m.id] for m in markers if m.id in by_id]
        value, assessed = marker_value(relevant)
        demonstrated = sum(1 for f in relevant if f.status == "demonstrated")
        score = ethics_score(metrics) if not markers else round(100 * value, 1) if assessed else 0.0
        scores.append(CompetencyScore(competency.id, competency.name, score, demonstrated, assessed))
    return tuple(scores)


def score_components(findings: Sequence[MarkerFinding], metrics: dict[str, Any]) -> dict[str, float]:
    """Each component of the overall score on 0-1, higher = closer to ICF-aligned coaching."""
    ratio = float(metrics.get("reflection_to_question_ratio", 0.0))
    telling = float(metrics.get("advice_share", 0.0)) + 0.5 * float(metrics.get("information_share", 0.0))
    question_count = int(metrics.get("questions_open", 0)) + int(metrics.get("questions_closed", 0))
    form_problems = float(metrics.get("stacked_rate", 0.0)) + float(metrics.get("leading_rate", 0.0))
    coverage, _ = marker_value(findings)
    return {
        "reflection_balance": round(ratio / (ratio + 0.5), 4),
        "reflection_share": round(_clip(float(metrics.get("reflection_share", 0.0)) / 0.4), 4),
        "restraint_from_telling": round(1.0 - _clip(telling / 0.30), 4),
        "open_questions": round(float(metrics.get("open_question_share", 0.0)) if question_count else 0.5, 4),
        "client_airtime": round(1.0 - _clip((float(metrics.get("coach_talk_share", 0.0)) - 0.30) / 0.35), 4),
        "question_form": round(1.0 - _clip(form_problems / 0.4), 4),
        "marker_coverage": round(coverage, 4),
    }


def overall_score(
    findings: Sequence[MarkerFinding], metrics: dict[str, Any]
) -> tuple[float, dict[str, float]]:
    """The overall score (0-100) as the weighted sum of `score_components`, with the components."""
    components = score_components(findings, metrics)
    total = sum(WEIGHTS[name] * value for name, value in components.items())
    return round(100 * total, 1), components


@dataclass(frozen=True)
class Knockout:
    """A knock-out an assessor would apply, with its code and the sentence that explains it."""

    code: str
    text: str


def knockouts(metrics: dict[str, Any]) -> list[Knockout]:
    """The assessor knock-outs the metrics show: consulting (mostly telling) and coach-dominated talk."""
    found: list[Knockout] = []
    telling = float(metrics.get("telling_share", 0.0))
    if telling >= TELLING_KNOCKOUT and metrics.get("advice", 0) > 0:
        found.append(
            Knockout(
                "consulting",
                f"mostly telling: {telling:.0%} of the coach's turns gave advice or information, which is "
                "consulting rather than coaching",
            )
        )
    share = float(metrics.get("coach_talk_share", 0.0))
    if share > TALK_KNOCKOUT:
        found.append(
            Knockout("coach_dominates", f"the coach did most of the talking ({share:.0%} of the words)")
        )
    return found


def readiness(
    overall: float,
    competencies: Sequence[CompetencyScore],
    findings: Sequence[MarkerFinding],
    metrics: dict[str, Any],
) -> Readiness:
    """Advisory credential-level reading: below_acc, acc, pcc or mcc, with the reasons."""
    hits = knockouts(metrics)
    assessable = [f for f in findings if f.status in STATUS_VALUE]
    demonstrated = sum(1 for f in assessable if f.status == "demonstrated")
    share = demonstrated / len(assessable) if assessable else 0.0
    marker_comps = [c for c in competencies if c.markers_total and c.id >= 3]
    weakest = min(marker_comps, key=lambda c: c.score, default=None)
    floor = weakest.score if weakest else 0.0
    facts = (
        f"{demonstrated} of {len(assessable)} assessable PCC markers demonstrated, overall score {overall:.0f}, "
        f"coach talk share {metrics.get('coach_talk_share', 0.0):.0%}, "
        f"{metrics.get('reflection_to_question_ratio', 0.0):.2f} reflections per question"
    )
    if hits:
        reasons = "; ".join(k.text for k in hits)
        return Readiness(
            "below_acc", f"Advisory only. Knock-out: {reasons}. {facts}.", tuple(k.code for k in hits)
        )
    level: ReadinessLevel
    # MCC is about depth and partnership that markers only hint at: the offline reading claims it only
    # for near-complete evidence with none of the question habits assessors mark down.
    habits = sum(
        int(metrics.get(k, 0) or 0) for k in ("stacked_question_turns", "questions_leading", "why_questions")
    )
    if (
        overall >= 90
        and share >= 0.9
        and floor >= 80
        and metrics.get("coach_talk_share", 1.0) <= 0.3
        and habits == 0
    ):
        level, reading = "mcc", "MCC-level evidence across every competency"
    elif overall >= 65 and share >= 0.6 and floor >= 40:
        level, reading = "pcc", "PCC-level evidence"
    elif overall >= 45 and share >= 0.3:
        level, reading = "acc", "ACC-level evidence; PCC needs more of the markers"
    else:
        level, reading = "below_acc", "Not yet ACC-level evidence"
    weak_note = (
        f"; weakest competency: {weakest.id} {weakest.name} ({weakest.score:.0f})"
        if weakest and weakest.score < 100
        else ""
    )
    return Readiness(level, f"Advisory only. {reading}: {facts}{weak_note}.")
