"""Scoring: monotonic components, competency roll-ups, knock-outs and the advisory readiness level."""

from __future__ import annotations

from typing import Any

import pytest

from coachlens.analysis.detectors.evidence import finding
from coachlens.analysis.scoring import (
    WEIGHTS,
    competency_scores,
    ethics_score,
    knockouts,
    overall_score,
    readiness,
    score_components,
)
from coachlens.models import MarkerFinding, MarkerStatus
from detector_support import rubric

GOOD: dict[str, Any] = {
    "reflection_to_question_ratio": 1.2,
    "reflection_share": 0.45,
    "advice_share": 0.02,
    "information_share": 0.05,
    "telling_share": 0.06,
    "open_question_share": 0.8,
    "questions_open": 40,
    "questions_closed": 10,
    "coach_talk_share": 0.28,
    "stacked_rate": 0.02,
    "leading_rate": 0.0,
    "self_disclosure": 0,
    "coach_turns": 90,
    "advice": 2,
}


def _findings(status: MarkerStatus) -> list[MarkerFinding]:
    return [finding(m.id, status, 0.8, [], "test", "test") for m in rubric().markers]


def test_weights_sum_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("key", "better", "worse"),
    [
        ("reflection_to_question_ratio", 1.5, 0.2),
        ("reflection_share", 0.4, 0.05),
        ("advice_share", 0.0, 0.25),
        ("information_share", 0.0, 0.4),
        ("open_question_share", 0.9, 0.2),
        ("coach_talk_share", 0.25, 0.7),
        ("stacked_rate", 0.0, 0.4),
        ("leading_rate", 0.0, 0.3),
    ],
)
def test_overall_score_moves_the_right_way_with_each_rate(key: str, better: float, worse: float) -> None:
    findings = _findings("partial")
    high, _ = overall_score(findings, {**GOOD, key: better})
    low, _ = overall_score(findings, {**GOOD, key: worse})
    assert high > low


def test_more_markers_shown_raises_the_score_and_components_stay_in_range() -> None:
    shown, components = overall_score(_findings("demonstrated"), GOOD)
    missed, _ = overall_score(_findings("missed"), GOOD)
    assert shown > missed
    assert all(0.0 <= v <= 1.0 for v in components.values())
    assert 0.0 <= missed <= shown <= 100.0


def test_not_assessable_markers_do_not_count_against_the_coach() -> None:
    findings = _findings("demonstrated")
    findings[0] = finding(findings[0].id, "not_assessable", 0.9, [], "untimed", "test")
    assert score_components(findings, GOOD)["marker_coverage"] == 1.0


def test_competency_scores_use_assessable_markers_and_ethics_from_signals() -> None:
    findings = _findings("demonstrated")
    findings = [finding(f.id, "missed", 0.8, [], "x", "t") if f.id.startswith("7.") else f for f in findings]
    scores = {c.id: c for c in competency_scores(rubric(), findings, GOOD)}
    assert scores[6].score == 100.0 and scores[6].markers_demonstrated == scores[6].markers_total == 7
    assert scores[7].score == 0.0 and scores[7].markers_total == 8
    assert scores[2].markers_total == 11  # the mindset competency is evidenced by eleven markers
    assert scores[1].markers_total == 0 and scores[1].score == ethics_score(GOOD)


def test_ethics_score_drops_when_the_coach_mostly_tells() -> None:
    assert ethics_score({**GOOD, "telling_share": 0.6}) < ethics_score(GOOD) - 40


def test_knockouts_for_consulting_and_coach_dominated_talk() -> None:
    assert knockouts(GOOD) == []
    codes = {
        k.code for k in knockouts({**GOOD, "telling_share": 0.45, "advice": 12, "coach_talk_share": 0.62})
    }
    assert codes == {"consulting", "coach_dominates"}


def test_readiness_levels_and_knockouts() -> None:
    findings = _findings("demonstrated")
    comps = competency_scores(rubric(), findings, GOOD)
    overall, _ = overall_score(findings, GOOD)
    strong = readiness(overall, comps, findings, GOOD)
    assert strong.level in ("pcc", "mcc")
    assert "Advisory" in strong.rationale and strong.knockouts == ()
    consulting = {**GOOD, "telling_share": 0.5, "advice": 20}
    blocked = readiness(overall, comps, findings, consulting)
    assert blocked.level == "below_acc"
    assert blocked.knockouts == ("consulting",)
    assert "consulting rather than coaching" in blocked.rationale
    weak = _findings("missed")
    weak_comps = competency_scores(rubric(), weak, GOOD)
    assert readiness(30.0, weak_comps, weak, GOOD).level == "below_acc"
