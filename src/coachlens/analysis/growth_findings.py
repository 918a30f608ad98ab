"""Growth areas read from marker findings: no agreed outcome, a close led by the coach, no silence.

Separate from the other generators because these take the detectors' findings rather than the
session metrics: the markers already judged the habit, and the item only has to point at it.
"""

from __future__ import annotations

import re

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import closing_evidence, quoted, sentence_evidence, when
from coachlens.analysis.growth_candidate import Candidate, at_moment, feedback_item
from coachlens.models import Evidence, MarkerFinding

_CATCHING_UP = re.compile(
    r"\b(?:how are (?:things|you)|how'?s (?:business|work|life|things|it going|everything)|how have you been|"
    r"how was (?:the|your|half-term)|did you (?:watch|see|have a good))\b",
    re.IGNORECASE,
)


CLOSING_POSITION = 0.8


def missing_agreement(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """No outcome agreed for the session (or only a topic)."""
    found = findings.get("3.1")
    if found is None or not found.evidence:
        return None
    if found.status == "demonstrated" and closing_only(view, found) and _missed(findings, "3.2"):
        # "Is there anything else you want from today?" near the end checks before closing; it did not
        # contract the session. Point at how the session really opened.
        opening = _opening_question(view, found.evidence[0])
        if opening is None or not _missed(findings, "3.3"):
            return None
        return _no_outcome(view, findings, sentence_evidence(view, opening))
    if found.status not in ("missed", "partial"):
        return None
    if found.status == "missed":
        # Point at how the coach really opened (their first question), not at whichever line the
        # detector cited: "you opened with" must be the opening.
        opening = _opening_question(view, found.evidence[0])
        evidence = sentence_evidence(view, opening) if opening is not None else found.evidence[0]
        detail = (
            f"{at_moment(view, evidence.turn)} you opened with {quoted(evidence.quote)} without asking what the client "
            "wanted from this session. Start with their outcome: \u201cWhat would you like to take away from our "
            "time today?\u201d"
        )
        return Candidate(
            "agreement", 0.95, feedback_item("No agreement on what the client wants", detail, evidence, "3.1")
        )
    return _no_outcome(view, findings, found.evidence[0])


def closing_only(view: SessionView, found: MarkerFinding) -> bool:
    """True when every line cited for a marker falls in the last fifth of the session: for 3.1 that is
    a check before closing, not the agreement the session ran on."""
    return bool(found.evidence) and all(view.position(e.turn) >= CLOSING_POSITION for e in found.evidence)


def _no_outcome(view: SessionView, findings: dict[str, MarkerFinding], evidence: Evidence) -> Candidate:
    unagreed = [m for m in ("3.2", "3.3", "3.4") if _missed(findings, m)]
    if _missed(findings, "3.2") and _missed(findings, "3.3"):
        # A topic with no outcome, no measure and no reason it matters is no agreement at all: the
        # session ran without a destination, which a mentor raises before any single question habit.
        detail = (
            f"{at_moment(view, evidence.turn)} {quoted(evidence.quote)} opened a topic, but the client never said what "
            "they wanted to leave with, how they would know the session had worked, or why it mattered to them. "
            "After the topic, ask: \u201cWhat would you like to have by the end of our conversation?\u201d, then "
            "\u201cHow will you know we've got there?\u201d and \u201cWhat makes that important to you now?\u201d"
        )
        weight = 0.7 + 0.1 * (len(unagreed) - 2)
        return Candidate(
            "agreement",
            weight,
            feedback_item("A topic, but no agreement for the session", detail, evidence, "3.1"),
        )
    detail = (
        f"{at_moment(view, evidence.turn)} {quoted(evidence.quote)} opened a topic; follow it with the outcome: \u201cWhat "
        "would you like to have by the end of our conversation?\u201d"
    )
    return Candidate(
        "agreement", 0.35, feedback_item("A topic, but no outcome for the session", detail, evidence, "3.1")
    )


def _missed(findings: dict[str, MarkerFinding], marker_id: str) -> bool:
    found = findings.get(marker_id)
    return found is not None and found.status == "missed"


def _opening_question(view: SessionView, cited: Evidence) -> CoachSentence | None:
    """An open question that opened the work before the line the detector cited ("Hi Nadia. What's
    going on?"), leaving out greetings and catching up ("How are things?", "Can you hear me?")."""
    return next(
        (
            s
            for s in view.sentences
            if s.turn < cited.turn
            and s.is_open_question
            and not s.is_small_talk
            and not _CATCHING_UP.search(s.text)
        ),
        None,
    )


def coach_led_close(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """A close where the client was never invited to put their learning into words."""
    learning = [findings[m] for m in ("8.2", "8.3") if m in findings]
    # Only when no learning question was asked at all: one of them is enough to let the client name it.
    if not learning or any(f.status == "demonstrated" for f in learning):
        return None
    evidence = closing_evidence(view)
    # The learning detectors cite the insights the client voiced on their own; the habit to name is
    # that the coach never drew them out, not that the client had none.
    voiced = sorted(
        {e.turn: e for f in learning for e in f.evidence if not view.is_coach(e.turn)}.values(),
        key=lambda e: e.turn,
    )
    # The client naming what they take away near the end ("What I'm taking away is...") is the
    # close a mentor wants, even unprompted: not a close led by the coach.
    if any(f.status == "partial" for f in learning) and any(view.position(e.turn) >= 0.75 for e in voiced):
        return None
    if voiced:
        first = voiced[0]
        learned = (
            f"the client voiced insights along the way ({when(view, first.turn)} {quoted(first.quote, 90)}), but "
            "you never invited them to name what they were taking away"
        )
    else:
        learned = "you never invited the client to put their learning into words"
    detail = (
        f"The session closed {when(view, evidence.turn)} with {quoted(evidence.quote)}; {learned}. Before you close, "
        "ask: \u201cWhat are you taking away from today?\u201d, then \u201cHow would you like to finish?\u201d"
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
