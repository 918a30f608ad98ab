"""Shared pieces of the web practice tests."""

from __future__ import annotations

from coachlens.models import Assessment, CoachingSession, Feedback, Readiness


def stand_in_assess(session: CoachingSession) -> Assessment:
    """A fixed assessment, so practice web tests do not wait for the engine on every run."""
    return Assessment(
        session=session,
        rubric_id="icf-2019-pcc-2020",
        rubric_version="2020",
        turn_acts=tuple(() for _ in session.turns),
        markers=(),
        competencies=(),
        metrics={},
        readiness=Readiness(level="acc", rationale="stand-in"),
        feedback=Feedback(),
        overall_score=61.0,
    )
