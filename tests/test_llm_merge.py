"""Merge rules: what the model may change, and only with checked evidence."""

from __future__ import annotations

import pytest

from coachlens.llm.merge import is_interpretive, merge_findings
from coachlens.models import Evidence, MarkerFinding


def _f(
    marker: str, status: str, *, evidence: int = 1, confidence: float = 0.8, source: str = "offline"
) -> MarkerFinding:
    quotes = tuple(Evidence(t, f"quote {marker} {t}") for t in range(evidence))
    return MarkerFinding(
        marker,
        int(marker.split(".")[0]),
        status,
        confidence,
        quotes,
        f"{source} view",
        f"{source}.v1",
        source,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("4.1", True),
        ("4.4", True),
        ("5.1", True),
        ("5.3", True),
        ("5.4", False),
        ("5.5", False),
        ("6.2", False),
        ("3.1", False),
        ("7.1", False),
        ("7.2", True),
        ("7.5", True),
        ("7.6", False),
        ("8.9", True),
        ("x", False),
    ],
)
def test_interpretive_markers(marker: str, expected: bool) -> None:
    assert is_interpretive(marker) is expected


def test_deterministic_markers_ignore_the_model() -> None:
    merged, summary = merge_findings([_f("7.6", "missed")], [_f("7.6", "demonstrated", source="llm")])
    assert merged[0].status == "missed" and merged[0].source == "offline"
    assert summary.refused_deterministic == 1


def test_not_assessable_stays_not_assessable() -> None:
    merged, summary = merge_findings(
        [_f("5.1", "not_assessable", evidence=0)], [_f("5.1", "demonstrated", source="llm")]
    )
    assert merged[0].status == "not_assessable"
    assert summary.refused_not_assessable == 1


def test_agreement_merges_evidence_and_keeps_the_offline_status() -> None:
    offline = _f("4.2", "partial", confidence=0.5)
    model = MarkerFinding(
        "4.2", 4, "partial", 0.9, (Evidence(7, "another line"),), "model view", "llm.v1", "llm"
    )
    merged, summary = merge_findings([offline], [model])
    result = merged[0]
    assert result.source == "merged" and result.status == "partial"
    assert result.confidence == 0.9
    assert [e.turn for e in result.evidence] == [0, 7]
    assert "offline view" in result.rationale and "model view" in result.rationale
    assert summary.confirmed == 1


def test_upgrade_with_checked_evidence_is_taken_and_labelled_llm() -> None:
    merged, summary = merge_findings(
        [_f("8.3", "missed", evidence=0)], [_f("8.3", "demonstrated", source="llm")]
    )
    assert merged[0].status == "demonstrated" and merged[0].source == "llm"
    assert "offline engine had said missed" in merged[0].rationale
    assert summary.upgraded == 1


def test_downgrade_with_checked_evidence_is_taken() -> None:
    merged, summary = merge_findings([_f("7.3", "demonstrated")], [_f("7.3", "partial", source="llm")])
    assert merged[0].status == "partial" and merged[0].source == "llm"
    assert summary.downgraded == 1


def test_change_without_evidence_or_confidence_is_refused() -> None:
    offline = [_f("4.1", "missed", evidence=0), _f("4.3", "demonstrated")]
    judged = [
        _f("4.1", "demonstrated", evidence=0, source="llm"),
        _f("4.3", "missed", confidence=0.3, source="llm"),
    ]
    merged, summary = merge_findings(offline, judged)
    assert [m.status for m in merged] == ["missed", "demonstrated"]
    assert all(m.source == "offline" for m in merged)
    assert summary.refused_unevidenced == 2


def test_markers_without_a_judgement_keep_the_offline_finding_in_order() -> None:
    offline = [_f("3.1", "demonstrated"), _f("4.1", "missed"), _f("8.1", "partial")]
    merged, summary = merge_findings(offline, [])
    assert merged == tuple(offline)
    assert summary.kept_offline == 3
