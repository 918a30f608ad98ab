"""Growth areas read from marker findings: no agreed outcome, a close led by the coach, no silence.

Separate from the other generators because these take the detectors' findings rather than the
session metrics: the markers already judged the habit, and the item only has to point at it.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import closing_evidence, quoted, when
from coachlens.analysis.growth_candidate import Candidate, at_moment, feedback_item
from coachlens.models import MarkerFinding


def missing_agreement(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """No outcome agreed for the session (or only a topic)."""
    found = findings.get("3.1")
    if found is None or found.status not in ("missed", "partial") or not found.evidence:
        return None
    evidence = found.evidence[0]
    if found.status == "missed":
        detail = (
            f"{at_moment(view, evidence.turn)} you opened with {quoted(evidence.quote)} without asking what the client "
            "wanted from this session. Start with their outcome: \u201cWhat would you like to take away from our "
            "time today?\u201d"
        )
        return Candidate(
            "agreement", 0.95, feedback_item("No agreement on what the client wants", detail, evidence, "3.1")
        )
    detail = (
        f"{at_moment(view, evidence.turn)} {quoted(evidence.quote)} opened a topic; follow it with the outcome: \u201cWhat "
        "would you like to have by the end of our conversation?\u201d"
    )
    return Candidate(
        "agreement", 0.35, feedback_item("A topic, but no outcome for the session", detail, evidence, "3.1")
    )


def coach_led_close(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """A close where the client never put their learning into words."""
    learning = [findings[m] for m in ("8.2", "8.3") if m in findings]
    # Only when no learning question was asked at all: one of them is enough to let the client name it.
    if not learning or any(f.status == "demonstrated" for f in learning):
        return None
    evidence = closing_evidence(view)
    detail = (
        f"The session closed {when(view, evidence.turn)} with {quoted(evidence.quote)}; the client never put their "
        "learning into words. Before you close, ask: \u201cWhat are you taking away from today?\u201d, then \u201cHow "
        "would you like to finish?\u201d"
    )
    return Candidate("closing", 0.45, feedback_item("A close led by the coach", detail, evidence, "8.3"))


def no_silence(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """No pause of three seconds anywhere in a timed session."""
    found = findings.get("5.5")
    if found is None or found.status != "missed" or not found.evidence:
        return None
    evidence = found.evidence[0]
    detail = (
        f"No pause of three seconds anywhere; e.g. {when(view, evidence.turn)} {quoted(evidence.quote, 80)} came within "
        "a second of the client finishing. After a question that matters, count to five and let the client break the silence."
    )
    return Candidate("silence", 0.35, feedback_item("No room for silence", detail, evidence, "5.5"))
