"""Assess a session written inline as (role, text) lines, with the shipped classifier."""

from __future__ import annotations

from collections.abc import Sequence

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.pipeline import assess
from coachlens.config import Settings
from coachlens.models import Assessment, CoachingSession, Turn


def assess_lines(lines: Sequence[tuple[str, str]], *, every_s: float | None = None) -> Assessment:
    """`every_s` times the turns that many seconds apart (each lasting most of it); None leaves
    the session untimed."""
    turns = tuple(
        Turn(
            i,
            role.title(),
            role,  # type: ignore[arg-type]
            None if every_s is None else i * every_s,
            None if every_s is None else i * every_s + 0.75 * every_s,
            text,
        )
        for i, (role, text) in enumerate(lines)
    )
    session = CoachingSession(title="inline session", source_format="plain", turns=turns)
    return assess(session, classifier=load_default_classifier(Settings()))
