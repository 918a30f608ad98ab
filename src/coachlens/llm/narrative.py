"""A mentor-style narrative written by the model from the merged findings, every claim checked.

The model sees the findings with their evidence, a line of metrics and the turns the evidence comes
from, and writes an opening line, a handful of claims and one next step. Each claim names a turn and
quotes it; the quote is grounded like any other evidence, and a claim whose quote does not check out
is dropped and counted. What remains is stored under `narrative` in the assessment JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coachlens.llm.backend import ChatMessage, ChatRequest
from coachlens.llm.grounding import QuoteRef, locate_quote
from coachlens.llm.prompts import NARRATIVE_PROMPT_VERSION, NARRATIVE_SYSTEM, narrative_user_message
from coachlens.llm.redaction import Redactor
from coachlens.llm.schemas import NarrativeReply
from coachlens.llm.structured import StructuredCaller
from coachlens.models import Assessment, CoachingSession, MarkerFinding


@dataclass(frozen=True)
class NarrativeClaim:
    text: str
    turn: int
    quote: str
    start_s: float | None
    marker: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "turn": self.turn,
            "quote": self.quote,
            "start_s": self.start_s,
            "marker": self.marker,
        }


@dataclass(frozen=True)
class Narrative:
    opening: str
    claims: tuple[NarrativeClaim, ...]
    next_step: str
    claims_dropped: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "opening": self.opening,
            "claims": [c.to_dict() for c in self.claims],
            "next_step": self.next_step,
            "claims_dropped": self.claims_dropped,
            "prompt_version": NARRATIVE_PROMPT_VERSION,
        }


def metrics_line(metrics: dict[str, Any]) -> str:
    """The few countable facts the narrative may mention, as one line."""
    share = float(metrics.get("coach_talk_share", 0.0))
    return (
        f"coach talk share {share:.0%}; open questions {metrics.get('questions_open', 0)}; "
        f"closed questions {metrics.get('questions_closed', 0)}; "
        f"stacked-question turns {metrics.get('stacked_question_turns', 0)}; "
        f"reflections {metrics.get('reflections', 0)}; advice {metrics.get('advice', 0)}"
    )


def plan_narrative(
    session: CoachingSession,
    findings: Sequence[MarkerFinding],
    metrics: dict[str, Any],
    redactor: Redactor,
) -> ChatRequest:
    """The narrative request for these findings, exactly as it would be sent."""
    cited = sorted({e.turn for f in findings for e in f.evidence})
    turns = [t for t in session.turns if t.index in cited]
    message = narrative_user_message(findings, metrics_line(metrics), turns, redactor)
    return ChatRequest(
        messages=(ChatMessage("system", NARRATIVE_SYSTEM), ChatMessage("user", message)),
        purpose="narrative",
        prompt_version=NARRATIVE_PROMPT_VERSION,
        temperature=0.3,
    )


def write_narrative(assessment: Assessment, caller: StructuredCaller, redactor: Redactor) -> Narrative:
    """Ask for the narrative and keep only the claims whose quotes check out.

    Raises the backend's LLMError subclasses; the caller decides what a failure means.
    """
    request = plan_narrative(assessment.session, assessment.markers, assessment.metrics, redactor)
    reply = caller.request(request, NarrativeReply)
    return check_narrative(reply, assessment.session, redactor)


def check_narrative(reply: NarrativeReply, session: CoachingSession, redactor: Redactor) -> Narrative:
    """Ground each claim's quote (placeholders restored first); drop the ones that fail."""
    kept: list[NarrativeClaim] = []
    dropped = 0
    for claim in reply.claims:
        evidence, _ = locate_quote(session, QuoteRef(claim.turn, redactor.restore(claim.quote)))
        if evidence is None:
            dropped += 1
            continue
        kept.append(
            NarrativeClaim(
                text=_clean(redactor.restore(claim.text)),
                turn=evidence.turn,
                quote=evidence.quote,
                start_s=evidence.start_s,
                marker=claim.marker,
            )
        )
    return Narrative(
        opening=_clean(redactor.restore(reply.opening)),
        claims=tuple(kept),
        next_step=_clean(redactor.restore(reply.next_step)),
        claims_dropped=dropped,
    )


def _clean(text: str) -> str:
    return " ".join(text.split())
