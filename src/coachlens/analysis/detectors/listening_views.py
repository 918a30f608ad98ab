"""Competency 6 (Listens Actively), how the client sees themself and their world: marker 6.5.

Split from `listening`, which imports it so that loading that module registers all of competency 6.
"""

from __future__ import annotations

from coachlens.analysis.detectors.awareness_offers import invited_offers
from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import finding, quoted, sentence_evidence, when
from coachlens.analysis.detectors.questions import RECONSIDERS, missed_moment, suggests
from coachlens.analysis.detectors.text import rx
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding

PERCEPTION = rx(
    r"\b(?:how do you see (?:yourself|it|this|that|them|him|her|the)|how (?:would|do) you describe (?:yourself|"
    r"it|the)|what do you (?:believe|tell yourself)|what(?:'s| is) the story|what (?:assumptions|beliefs)|"
    r"what are you (?:assuming|telling yourself|believing)|how do you think of yourself|what does (?:that|this|it) "
    r"say about|whose ['\"“‘]?\w+['\"”’]? is (?:that|it)|what do you know about (?:why|yourself)|"
    r"afraid of being|what are you afraid of|what do you think (?:it'?s|it is|it'?d be) like for|"
    r"how do you (?:view|think about) (?:yourself|your)|in your (?:eyes|view)|what'?s true for you|"
    r"what do you (?:believe|think) about (?:yourself|your)|how do you (?:see|understand) (?:your|the) role)"
    r"|\b(?:what story|how do you think (?:the world|people|others) (?:treats?|sees?|views?)|what mak"
    r"es (?:someone|a person|somebody) a good|how much of that view do you share|how do you see your "
    r"(?:own )?(?:part|role)|how would you describe the person|how do you see yourself)\b"
    r"|\b(?:what (?:is it )?you'?d be afraid|afraid (?:they|people|others|he|she)'?d (?:see|think))\b"
    r"|\b(?:who are you when|how do you see yourself when|who would you be (?:in|if|when|without))\b"
)


@register("coachlens.marker.6_5.v1", needs=("acts", "exemplars"))
def detect_explores_perspective(view: SessionView) -> MarkerFinding:
    """6.5: questions about how the client sees themself, others and the world."""
    name = "coachlens.marker.6_5.v1"
    hits = [h.sentence for h in view.find(PERCEPTION) if not (h.sentence.is_leading or suggests(h.sentence))]
    # A belief or reading put up for a second look ("Perfect English, and people like you stay in
    # testing. Is that the whole story?") asks how the client sees their world, closed form or not.
    hits += [
        h.sentence
        for h in view.find(RECONSIDERS)
        if h.sentence.is_question
        and h.sentence not in hits
        and not (h.sentence.is_leading or suggests(h.sentence))
    ]
    hits += [
        s
        for s, _ in view.exemplar_hits("6.5", threshold=0.68, margin=0.08)
        if s not in hits and s.is_question and not suggests(s)
    ]
    # An observation about how the client has been talking ("You've used the word pretending twice"),
    # offered for them to explore, shows them their own way of seeing things.
    lens = [o.observation for o in invited_offers(view) if o.about_client_lens and o.observation not in hits]
    hits = sorted(hits + lens, key=lambda s: s.index)
    # Two moments, not two sentences of one turn.
    if len({s.turn for s in hits}) >= 2:
        first = hits[0]
        return finding(
            "6.5",
            "demonstrated",
            0.65 + min(0.25, 0.05 * len(hits)),
            [sentence_evidence(view, s) for s in hits],
            f"The coach explored how the client sees themself and their world, e.g. {when(view, first.turn)}: "
            f"{quoted(first.text)}.",
            name,
        )
    if hits:
        return finding(
            "6.5",
            "partial",
            0.5,
            [sentence_evidence(view, hits[0])],
            f"One question about the client's view {when(view, hits[0].turn)} ({quoted(hits[0].text)}); their "
            "beliefs and assumptions were otherwise left unexplored.",
            name,
        )
    moment = missed_moment(view, "6.5")
    return finding(
        "6.5",
        "missed",
        0.6,
        [moment[0]] if moment else [],
        "No question explored how the client sees themself, other people or their situation"
        + (f"; e.g. {moment[1]}." if moment else "."),
        name,
    )
