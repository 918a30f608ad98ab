"""Growth-area candidates: each habit a mentor would raise, anchored on the line that shows it best.

Every generator looks for one habit (stacked questions, telling, leading or "why" questions, feelings
passed over, no agreement, talking too much, interrupting, a coach-led close, no silence, grading
the client's answers, closed questions), picks its clearest instance, and writes the item the way
a mentor would say it: where, the coach's own words, what it did, and what to try instead. The
feedback module ranks the candidates by weight and keeps the top three distinct habits.

This module runs the generators and is the entry point callers import from; the generators live by
kind of habit in `growth_questions` (how the coach asks), `growth_responses` (how the coach responds
and shares the floor) and `growth_findings` (habits read from marker findings), on the shared
`Candidate` and item helpers in `growth_candidate`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.growth_candidate import Candidate
from coachlens.analysis.growth_findings import coach_led_close, missing_agreement, no_silence
from coachlens.analysis.growth_markers import missed_marker_candidates, passed_moment_candidates
from coachlens.analysis.growth_questions import (
    closed_questions,
    leading_questions,
    stacked_questions,
    why_questions,
)
from coachlens.analysis.growth_responses import (
    EXPLICIT_ADVICE,
    cutting_in,
    feelings_passed_over,
    grading_answers,
    own_stories,
    talking_too_much,
    telling,
)
from coachlens.analysis.metrics import REFERRAL
from coachlens.models import MarkerFinding

__all__ = [
    "EXPLICIT_ADVICE",
    "FINDING_GENERATORS",
    "METRIC_GENERATORS",
    "Candidate",
    "FindingGenerator",
    "MetricGenerator",
    "closed_questions",
    "coach_led_close",
    "cutting_in",
    "feelings_passed_over",
    "grading_answers",
    "growth_candidates",
    "leading_questions",
    "missing_agreement",
    "no_silence",
    "own_stories",
    "stacked_questions",
    "talking_too_much",
    "telling",
    "why_questions",
]

MetricGenerator = Callable[[SessionView, dict[str, Any]], Candidate | None]
FindingGenerator = Callable[[SessionView, dict[str, MarkerFinding]], Candidate | None]
METRIC_GENERATORS: tuple[MetricGenerator, ...] = (
    stacked_questions,
    telling,
    leading_questions,
    why_questions,
    feelings_passed_over,
    own_stories,
    talking_too_much,
    cutting_in,
    grading_answers,
    closed_questions,
)
FINDING_GENERATORS: tuple[FindingGenerator, ...] = (missing_agreement, coach_led_close, no_silence)


def _refers(view: SessionView, turn: int | None) -> bool:
    return turn is not None and any(REFERRAL.search(s.text) for s in view.sentences_in(turn))


def growth_candidates(
    view: SessionView, findings: Sequence[MarkerFinding], metrics: dict[str, Any]
) -> list[Candidate]:
    """Every habit this session shows, heaviest first."""
    by_id = {f.id: f for f in findings}
    found = [c for g in METRIC_GENERATORS if (c := g(view, metrics)) is not None]
    found += [c for g in FINDING_GENERATORS if (c := g(view, by_id)) is not None]
    referred = bool(metrics.get("referrals"))
    if referred:
        # The coach referred the client on: the session's goal changed on purpose and explaining the
        # referral takes words. Do not hold the close or the talk share against them as usual, and not
        # at all when the longest turn is the referral itself.
        found = [
            replace(c, weight=c.weight * 0.5) if c.kind == "talk" else c
            for c in found
            if c.kind != "closing" and not (c.kind == "talk" and _refers(view, c.item.turn))
        ]
    # Missed markers only fill the list when few habits stand out (`growth_markers`). After a referral
    # the client's wellbeing rightly took the place of the goal, so the markers that work toward it
    # (the agreement on it, evoking awareness toward it and the close: 3, 7, 8) are not the ones to raise.
    for fill in (missed_marker_candidates, passed_moment_candidates):
        if len({c.kind for c in found}) < 3:
            found += [
                c
                for c in fill(view, by_id)
                if not (referred and c.kind.startswith(("marker:3.", "marker:7.", "marker:8.")))
            ]
    return sorted(found, key=lambda c: -c.weight)
