"""Reading marker findings in tests: one marker, its evidence turns and quotes, a fresh transcript
assessed once per test run, and a coach sentence built by hand for the question helpers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from coachlens.analysis.detectors.context import CoachSentence
from coachlens.analysis.pipeline import assess
from coachlens.models import Assessment, MarkerFinding
from coachlens.transcripts import parse

FRESH = Path(__file__).parent / "data" / "fresh"


def marker(assessment: Assessment, marker_id: str) -> MarkerFinding:
    return next(m for m in assessment.markers if m.id == marker_id)


def turns_of(found: MarkerFinding) -> set[int]:
    return {e.turn for e in found.evidence}


def quotes(found: MarkerFinding) -> list[str]:
    return [e.quote for e in found.evidence]


def quotes_of(found: MarkerFinding) -> str:
    return " | ".join(quotes(found))


@cache
def fresh(name: str) -> Assessment:
    """A transcript from tests/data/fresh, assessed with the shipped classifier (once per run)."""
    return assess(parse(FRESH / name))


def coach_sentence(text: str, *acts: str) -> CoachSentence:
    """A mid-session coach sentence with the given acts (an open question when none are given)."""
    return CoachSentence(
        index=0,
        turn=10,
        start=0,
        end=len(text),
        text=text,
        acts=frozenset(acts or ("question.open",)),
        flags=frozenset(),
        position=0.5,
    )
