"""How the model's judgement and the offline engine's findings combine (docs/llm.md repeats this).

Rules, applied marker by marker:

1. Countable things stay deterministic. Only the interpretive markers (`is_interpretive`: 4.x,
   5.1-5.3, 7.2-7.5, 8.x) can be changed by the model; every other marker (agreements 3.x, the
   listening markers 6.x, silence 5.4-5.5, question form and talk share 7.1 and 7.6-7.8) keeps the
   offline finding, and so do talk share, question types, stacked questions and pauses, which live
   in the metrics the model never touches.
2. A marker the offline engine calls `not_assessable` stays so: text cannot show it either way.
3. When the model agrees with the offline status, the finding is `merged`: the evidence of both,
   the higher confidence, both rationales.
4. The model may upgrade or downgrade a status only with checked evidence (at least one quote that
   passed grounding) and at least `MIN_OVERRIDE_CONFIDENCE`; the finding then says `llm` and its
   rationale names what the offline engine had said. Otherwise the offline finding stands.

Every finding's `source` therefore reads `offline` (untouched), `merged` (both agree) or `llm`
(the model's checked judgement replaced the offline one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from coachlens.models import Evidence, MarkerFinding

MIN_OVERRIDE_CONFIDENCE = 0.5
MAX_MERGED_EVIDENCE = 5
SOURCE_OFFLINE = "offline"
SOURCE_LLM = "llm"
SOURCE_MERGED = "merged"


def is_interpretive(marker_id: str) -> bool:
    """True for the markers an LLM may re-judge: 4.x, 5.1-5.3, 7.2-7.5 and 8.x."""
    head, _, tail = marker_id.partition(".")
    if not (head.isdigit() and tail.isdigit()):
        return False
    competency, number = int(head), int(tail)
    return (
        competency in (4, 8)
        or (competency == 5 and 1 <= number <= 3)
        or (competency == 7 and 2 <= number <= 5)
    )


@dataclass(frozen=True)
class MergeSummary:
    """What the merge did, counted per marker."""

    confirmed: int = 0
    upgraded: int = 0
    downgraded: int = 0
    kept_offline: int = 0
    refused_deterministic: int = 0
    refused_unevidenced: int = 0
    refused_not_assessable: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "confirmed": self.confirmed,
            "upgraded": self.upgraded,
            "downgraded": self.downgraded,
            "kept_offline": self.kept_offline,
            "refused_deterministic": self.refused_deterministic,
            "refused_unevidenced": self.refused_unevidenced,
            "refused_not_assessable": self.refused_not_assessable,
        }


# Higher is better for the coach; no_opportunity sits below missed because it removes the marker
# from the scores rather than counting it, which the model may only claim with evidence too.
_RANK = {"no_opportunity": 0, "missed": 1, "partial": 2, "demonstrated": 3}


def merge_findings(
    offline: Sequence[MarkerFinding], judged: Sequence[MarkerFinding]
) -> tuple[tuple[MarkerFinding, ...], MergeSummary]:
    """The merged findings in the offline order, and what happened. `judged` must be grounded already."""
    by_marker = {f.id: f for f in judged}
    counts = dict.fromkeys(MergeSummary().to_dict(), 0)
    merged: list[MarkerFinding] = []
    for base in offline:
        model = by_marker.get(base.id)
        result, outcome = _merge_one(base, model)
        counts[outcome] += 1
        merged.append(result)
    return tuple(merged), MergeSummary(**counts)


def _merge_one(base: MarkerFinding, model: MarkerFinding | None) -> tuple[MarkerFinding, str]:
    if model is None:
        return base, "kept_offline"
    if not is_interpretive(base.id):
        return base, "refused_deterministic"
    if base.status == "not_assessable" or model.status == "not_assessable":
        return base, "refused_not_assessable"
    if model.status == base.status:
        return _agree(base, model), "confirmed"
    if not model.evidence or model.confidence < MIN_OVERRIDE_CONFIDENCE:
        return base, "refused_unevidenced"
    overridden = replace(
        model,
        rationale=f"{model.rationale} (The offline engine had said {base.status}.)",
        source=SOURCE_LLM,
    )
    better = _RANK.get(model.status, 0) > _RANK.get(base.status, 0)
    return overridden, "upgraded" if better else "downgraded"


def _agree(base: MarkerFinding, model: MarkerFinding) -> MarkerFinding:
    evidence: list[Evidence] = list(base.evidence)
    for item in model.evidence:
        if all((e.turn, e.quote) != (item.turn, item.quote) for e in evidence):
            evidence.append(item)
    evidence.sort(key=lambda e: e.turn)
    return replace(
        base,
        confidence=max(base.confidence, model.confidence),
        evidence=tuple(evidence[:MAX_MERGED_EVIDENCE]),
        rationale=f"{base.rationale} The LLM review agreed: {model.rationale}",
        detector=f"{base.detector}+{model.detector}",
        source=SOURCE_MERGED,
    )
