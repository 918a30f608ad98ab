"""Growth areas from missed PCC markers, for sessions where fewer than three habits stand out.

The habit generators (`growth_questions`, `growth_responses`, `growth_findings`) name what the
coach did; a short or mostly sound session can show few habits and still leave markers a mentor
would raise ("nothing was agreed about accountability"). These items fill the list up to three,
never ahead of a habit, and only from findings that point at a turn.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.growth_candidate import Candidate, feedback_item
from coachlens.errors import FrameworkError
from coachlens.models import MarkerFinding

# The order a mentor preparing a coach for PCC tends to raise missed markers in: the close and the
# client's growth, then how deep the listening and the questions go, then the agreement's details.
_PRIORITY = (
    "8.7", "8.6", "6.5", "7.2", "7.3", "8.1", "8.2", "5.2", "4.1", "4.4",
    "6.2", "6.1", "7.4", "8.9", "5.1", "5.3", "3.3", "3.4", "3.2", "8.4",
)  # fmt: skip
_WEIGHT = 0.15
_PARTIAL_PRIORITY = ("4.2", "4.3", "6.3", "5.1", "8.3", "8.4", "8.6", "8.2", "8.1", "4.1")


def missed_marker_candidates(view: SessionView, findings: dict[str, MarkerFinding]) -> list[Candidate]:
    """One low-weight candidate per missed marker with evidence, in mentor priority order."""
    candidates = []
    for rank, marker_id in enumerate(_PRIORITY):
        found = findings.get(marker_id)
        if found is None or found.status != "missed" or not found.evidence:
            continue
        try:
            name = view.rubric.marker(marker_id).short_name
        except FrameworkError:
            continue
        item = feedback_item(f"Not yet shown: {name.lower()}", found.rationale, found.evidence[0], marker_id)
        # Slightly less weight further down the list keeps the mentor's order after sorting.
        candidates.append(Candidate(f"marker:{marker_id}", _WEIGHT - rank * 0.001, item))
    return candidates


def passed_moment_candidates(view: SessionView, findings: dict[str, MarkerFinding]) -> list[Candidate]:
    """Partly shown markers whose evidence includes a client moment the coach passed over ("Scary."
    answered with the next question): in a strong session these are what a mentor still points at.
    Only ever below the missed markers."""
    candidates = []
    for rank, marker_id in enumerate(_PARTIAL_PRIORITY):
        found = findings.get(marker_id)
        if found is None or found.status != "partial":
            continue
        moment = next((e for e in found.evidence if view.is_client(e.turn)), None)
        if moment is None:
            continue
        try:
            name = view.rubric.marker(marker_id).short_name
        except FrameworkError:
            continue
        item = feedback_item(f"Partly shown: {name.lower()}", found.rationale, moment, marker_id)
        candidates.append(Candidate(f"marker:{marker_id}", _WEIGHT / 2 - rank * 0.001, item))
    return candidates
