"""What every growth-area generator returns, and the small helpers they share to write one.

Separate so that the generators, split by the kind of habit they look for, can share the item shape
and the phrasing of "where" without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.text import format_clock
from coachlens.models import Evidence, FeedbackItem


@dataclass(frozen=True)
class Candidate:
    """A possible growth area: its habit, how much it matters here, and the item to show."""

    kind: str
    weight: float
    item: FeedbackItem


def feedback_item(title: str, detail: str, evidence: Evidence, marker: str | None) -> FeedbackItem:
    """The item to show, anchored on the turn, quote and time of its evidence."""
    return FeedbackItem(
        title=title,
        detail=detail,
        turn=evidence.turn,
        quote=evidence.quote,
        start_s=evidence.start_s,
        marker=marker,
    )


def at_moment(view: SessionView, turn: int) -> str:
    """'At 12:40' for a timed session, 'In turn 7' otherwise: where the mentor is pointing."""
    clock = format_clock(view.turn(turn).start_s)
    return f"At {clock}" if clock else f"In turn {turn}"


def after_greeting(sentences: Sequence[CoachSentence]) -> list[CoachSentence]:
    """Skip the greeting minutes: a mentor points at the work, not the sound check."""
    return [s for s in sentences if s.position >= 0.04] or list(sentences)
