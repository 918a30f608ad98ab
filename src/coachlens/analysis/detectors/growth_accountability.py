"""Competency 8, marker 8.7: the client designs how they will hold themself to their actions.

Accountability is how the client will keep to the action (who will know, how they will track or check
it, what happens if they slip), not who receives the action: "Who would you tell first?" while the
action *is* telling people asks for the next step (8.5). A check-in the coach sets or proposes gives
the structure but not the client's design of it.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import closing_evidence, finding, quoted, sentence_evidence, when
from coachlens.analysis.detectors.growth_follow_through import COACH_OFFERS_CHECK_IN
from coachlens.analysis.detectors.text import rx
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding

__all__ = ["ACCOUNTABILITY", "COACH_SETS_ACCOUNTABILITY", "detect_accountability"]

ACCOUNTABILITY = rx(
    r"\b(?:how (?:would|will|do) you (?:like to )?(?:hold yourself|keep yourself|stay) (?:to|accountable|on track)|"
    r"hold yourself to|accountab\w+|how will you (?:know|track|remember|check|keep track)|"
    r"who (?:will|could|would) you (?:like to )?(?:tell|share (?:it|this|that) with|let know)\b[^?]*"
    r"\b(?:about (?:it|this|that|your (?:plan|commitment|progress))|(?:when|once) (?:it'?s|you'?ve|you have) "
    r"(?:done|booked|sent|finished)|that you(?:'ve| have| will|'ll)|to keep you)|how (?:would|do) you (?:like|want) to (?:let me know|"
    r"follow up|check in|report)|what would help you (?:stick|follow through|keep)|how will you keep)\b"
    r"|\b(?:how would you like to keep track|what would help you notice if you start slipping|who,? i"
    r"f anyone,? would you like to tell|how will you know you'?ve followed through|what kind of accou"
    r"ntability)\b"
    r"|\b(?:who (?:could|would|will|can) help you (?:keep|stick|stay|follow)|keep (?:you )?to (?:that|it|this))\b"
    r"|\b(?:keep yourself (?:honest|on track|going|to (?:it|that|this))|hold yourself (?:to|accountable)|"
    r"what would keep you (?:honest|on track|to (?:it|that|this))|how (?:will|would|do) you (?:want to |like to )?"
    r"make sure (?:that )?you (?:do|follow|stick|keep))\b"
)
COACH_SETS_ACCOUNTABILITY = rx(
    r"\b(?:send me (?:your|the|an?)|send (?:it|that|them) (?:to me|over)|I'?ll (?:check|chase|follow up|have a look|"
    r"take a look|look over|mark)|report back to me|let me know how (?:it|that|they) (?:goes|go|went)|"
    r"by (?:monday|tuesday|wednesday|thursday|friday|next week)[^?]*\.$)"
)


@register("coachlens.marker.8_7.v1", needs=("acts", "position"))
def detect_accountability(view: SessionView) -> MarkerFinding:
    """8.7: the client chooses how they will hold themself accountable."""
    name = "coachlens.marker.8_7.v1"
    asked = [h.sentence for h in view.find(ACCOUNTABILITY, after=0.4) if h.sentence.is_question]
    imposed = [
        h.sentence for h in view.find(COACH_SETS_ACCOUNTABILITY, after=0.6) if not h.sentence.is_question
    ]
    if asked:
        first = asked[0]
        return finding(
            "8.7",
            "demonstrated" if not imposed else "partial",
            0.8 if not imposed else 0.55,
            [sentence_evidence(view, s) for s in asked + imposed],
            f"{when(view, first.turn).capitalize()} the coach asked the client how they would hold themself to it: "
            f"{quoted(first.text)}"
            + (f"; but the coach also set the checking ({quoted(imposed[0].text, 60)})." if imposed else "."),
            name,
        )
    offered = [h.sentence for h in view.find(COACH_OFFERS_CHECK_IN, after=0.6) if h.sentence.is_question]
    if offered:
        first = offered[0]
        return finding(
            "8.7",
            "partial",
            0.6,
            [sentence_evidence(view, s) for s in offered + imposed],
            f"{when(view, first.turn).capitalize()} the coach proposed the check-in ({quoted(first.text)}) instead of "
            "asking how the client wants to hold themself to it, so the structure is the coach's, not theirs.",
            name,
        )
    if imposed:
        first = imposed[0]
        return finding(
            "8.7",
            "missed",
            0.7,
            [sentence_evidence(view, s) for s in imposed],
            f"Accountability was set by the coach, not designed with the client, {when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    return finding(
        "8.7",
        "missed",
        0.6,
        [closing_evidence(view)],
        "Nothing was agreed about how the client would keep to their commitments.",
        name,
    )
