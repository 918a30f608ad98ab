"""Competency 7 (Evokes Awareness), the content of the coach's questions and observations: 7.1-7.5.

These detectors read what single coach sentences ask or offer (about the client, a wider view of
themself or the situation, a way toward their outcome, an observation held lightly). The form
markers 7.6-7.8, judged from counts over the whole session, are in `awareness_form`, imported below
so that loading this module registers all of competency 7.
"""

from __future__ import annotations

from coachlens.analysis.detectors.awareness_form import question_count, question_turn_profile
from coachlens.analysis.detectors.awareness_offers import detect_shares_lightly, invited_offers
from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    finding,
    quoted,
    reply_to_richest,
    sentence_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.questions import (
    RECONSIDERS,
    client_questions,
    evocative_closed,
    missed_moment,
    suggests,
)
from coachlens.analysis.detectors.text import rx, word_count
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding

# The registry imports this module for all of competency 7; the imports of `awareness_offers` and
# `awareness_form` above register 7.5 and 7.6-7.8, and its question helpers stay importable from here for existing callers.
__all__ = [
    "detect_asks_about_client",
    "detect_moves_toward_outcome",
    "detect_shares_lightly",
    "detect_widens_self_view",
    "detect_widens_situation_view",
    "question_count",
    "question_turn_profile",
]

WIDEN_SELF = rx(
    r"\b(?:what does (?:this|that|it) (?:say|tell you|show you) about (?:you|yourself|who you are)|"
    r"who (?:are you becoming|do you want to be|would you be|were you when)|what (?:part|side) of you|"
    r"what strengths? (?:do you|are you|have you|did you)|what would (?:the|a) (?:braver|wiser|future|older|"
    r"younger|confident|kinder) (?:you|version)|how else could you see yourself|what do you know about yourself|"
    r"what kind of (?:leader|manager|person|parent|partner) (?:do you want|are you|would you)|"
    r"(?:if|when) you (?:saw|see) yourself (?:as|differently)|what would you say to (?:a friend|someone|a colleague)|"
    r"how would (?:a friend|someone who|your best friend|people who know you) (?:describe|see) you|"
    r"what does (?:that|this|the) \w+ ask of you|you'?d give (?:a|them|her|him)|"
    r"what (?:are you|is it you'?re) afraid of being)\b"
    r"|\b(?:who would you be (?:in|if|when)|how true is that of|tell(?:s)? you about yourself|what wo"
    r"uld they say about you|which part of you|what are you discovering about yourself|who are you be"
    r"coming)\b"
    r"|\b(?:who are you when|who (?:do|did) you become when|what do you know about who you are)\b"
    r"|\bwhat (?:are|have|did) you (?:\w+ )?(?:learn\w*|discover\w*|notic\w*|realis\w*|realiz\w*|taking away|"
    r"take away|seeing) about yourself\b"
    r"|\bwhat (?:would|does|did|could) (?:it|that|this) (?:mean|say) (?:to|for|about) you\b"
)
WIDEN_SITUATION = rx(
    r"\b(?:how (?:might|would|could|do you think) (?:he|she|they|your \w+) (?:see|view|experience|describe|feel)|"
    r"what do you think it'?s like for|what (?:is|was|would) it (?:be )?like for (?:him|her|them|\w+) when|"
    r"if you were (?:in )?(?:her|his|their|\w+'s) (?:shoes|position)|what (?:else|more) (?:could|might) (?:it|this|"
    r"that) (?:mean|be)|what are you (?:assuming|missing|not seeing|overlooking)|what might you be (?:missing|assuming)|"
    r"(?:a|one|five|ten) years? from now|looking back (?:on|at) (?:this|it)|another way (?:of|to) (?:look|see)|"
    r"what would happen if|what if (?:you|it|this|they)|what would \w+ say (?:about|if)|what'?s possible|"
    r"what (?:does|would|could) (?:this|that) make possible|from (?:her|his|their) (?:side|perspective|point of view)|"
    r"what else could|how else (?:could|might) you (?:look|see)|if you imagine|imagine (?:you'?ve|that|it'?s))\b"
    # Trying on another way of being in the situation: "I'm wondering what it would be like to stop pretending."
    r"|\bwhat (?:it would|would it) (?:be|feel|look) like (?:to|if) (?:you )?(?:stop|start|let|drop|put|not|no longer|say|tell)"
    r"|\b(?:if you imagine (?:the|it|this|that) from|from (?:your|his|her|their) \w+'?s? (?:chair|sea"
    r"t|point of view|perspective|shoes)|what are you assuming|(?:were|was) a kind of|what (?:weather"
    r"|colour|color|animal|image|metaphor) would|looking back from|how might this (?:\w+ )?look|what "
    r"else could (?:\w+ ){0,4}mean|making possible|nobody (?:\w+ ){0,4}is talking about)\b"
    # Whose standard is this? Questions that put a belief back with its owner ("Whose ladder is it?").
    r"|\bwhose \w+(?: \w+)? (?:is (?:it|that|this)|are (?:they|these|those)|was (?:it|that))\s*\?"
    # Holding two things the client said side by side.
    r"|\bwhat do you notice when you (?:hold|put|set|compare|look at|place)\b[^?]{0,80}\b(?:next to|beside|"
    r"alongside|against|with)\b"
)
TOWARD_OUTCOME = rx(
    r"\b(?:what would (?:need to|have to) (?:change|happen|be different)|what (?:haven'?t you|have you not) "
    r"(?:yet )?(?:tried|considered)|what are you (?:now )?willing to|what would it take|what could you do "
    r"differently|what would (?:move|get|take|bring) you (?:closer|toward|forward|there)|"
    r"what would \w+ing (?:it|that|this)? ?look like|how (?:might|could|would|will|do) you (?:(?:like|want) to )?"
    r"(?:approach|handle|get|do|make|deal with|respond|tackle|say|put|open|raise)|what (?:will|would|could) you say "
    r"(?:to|when|if|first)|what would you like to say|what would help (?:you|with)|"
    r"what options do you (?:see|have)|what would help you|what(?:'s| is) (?:one|the first|a) (?:small )?(?:thing|step) "
    r"(?:that )?(?:would|could|you)|what would you do (?:if|differently)|what do you want to do (?:about|with)|"
    r"what would be different|what would (?:that|it) (?:look|sound) like|what would you like to do|"
    r"what would a (?:good|better|great|realistic) \w+ look like)\b"
    r"|\b(?:what would you need to (?:think|do|feel|believe|stop|start) (?:\w+ )?differently|what wou"
    r"ld have to change|would you need to let go of|what are you now willing|what haven'?t you tried "
    r"yet)\b"
    r"|\bwhat would (?:a|an|the|your) [^?]{1,50} look like\b"
    r"|\bwhat will you do (?:with|about) (?:that|this|it)\b"
    # The first step in any words, the client's own image included ("What could be the first plank of
    # that bridge?").
    r"|\bwhat (?:could|would|might|will|should) (?:be )?(?:the|your|a|one) (?:very )?(?:first|next|smallest) \w+"
)
# What might stop the client on the way to their outcome looks forward too, but it is mostly 8.6:
# it supports 7.4 and is quoted after the questions that open new ways forward.
OBSTACLE = rx(r"\bwhat (?:might|could|would) (?:get in (?:the|your) way|stop you|trip you up)\b")


def _question_findings(
    view: SessionView,
    marker_id: str,
    name: str,
    hits: list[CoachSentence],
    *,
    what: str,
    missing: str,
    noun: str = "question",
    nouns: str = "questions",
    note: str = "",
) -> MarkerFinding:
    # A suggestion in question form ("What if you just talked to her?") brings the coach's answer, not
    # a new view of the client's own; it never counts as evoking awareness.
    # Nor does a question buried in a stack: the client answers one part, usually the last.
    hits = [s for s in hits if not suggests(s) and question_count(s.text) == 1]
    # One moment per turn: two sentences of one turn are one question asked.
    hits = list({s.turn: s for s in reversed(hits)}.values())[::-1]
    if len(hits) >= 2:
        first = hits[0]
        return finding(
            marker_id,
            "demonstrated",
            0.65 + min(0.25, 0.05 * len(hits)),
            [sentence_evidence(view, s) for s in hits],
            f"{len(hits)} {nouns} {what}, e.g. {when(view, first.turn)}: {quoted(first.text)}.{note}",
            name,
        )
    if hits:
        only = hits[0]
        return finding(
            marker_id,
            "partial",
            0.5,
            [sentence_evidence(view, only)],
            f"One {noun} {what} {when(view, only.turn)} ({quoted(only.text)}); one is a start, not a pattern.{note}",
            name,
        )
    moment = missed_moment(view, marker_id) or reply_to_richest(view, after=0.15)
    if moment is None:
        return finding(marker_id, "missed", 0.6, [anchor_evidence(view, 0.5)], missing, name)
    evidence, phrase = moment
    return finding(
        marker_id, "missed", 0.6, [evidence], f"{missing.rstrip('.')}; for example, {phrase}.", name
    )


def _with_exemplars(
    view: SessionView, marker_id: str, hits: list[CoachSentence], after: float = 0.0
) -> list[CoachSentence]:
    extra = [
        s
        for s, _ in view.exemplar_hits(marker_id, threshold=0.68, margin=0.08, after=after)
        if s.is_question and s not in hits
    ]
    return sorted(hits + extra, key=lambda s: s.index)


@register("coachlens.marker.7_1.v1", needs=("acts",))
def detect_asks_about_client(view: SessionView) -> MarkerFinding:
    """7.1: questions about the client's own thinking, feeling, values and wants."""
    name = "coachlens.marker.7_1.v1"
    about = [s for s in client_questions(view)]
    questions = sum(1 for s in view.sentences if s.is_question) or 1
    share = len(about) / questions
    if len(about) >= 4 and share >= 0.3:
        first = about[0]
        return finding(
            "7.1",
            "demonstrated",
            0.6 + min(0.3, share / 2),
            [sentence_evidence(view, s) for s in about],
            f"{len(about)} of {questions} questions asked about the client's own thinking, feeling or wants, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if about:
        first = about[0]
        return finding(
            "7.1",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in about],
            f"Only {len(about)} of {questions} questions {'was' if len(about) == 1 else 'were'} about the client "
            "rather than the situation, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    first_q = next((s for s in view.sentences if s.is_question), None)
    evidence = (
        [sentence_evidence(view, first_q)] if first_q else [turn_evidence(view, view.coach_turns[0].index)]
    )
    return finding(
        "7.1",
        "missed",
        0.65,
        evidence,
        "Every question was about events, facts or other people, none about the client.",
        name,
    )


@register("coachlens.marker.7_2.v1", needs=("acts", "exemplars"))
def detect_widens_self_view(view: SessionView) -> MarkerFinding:
    """7.2: questions that open a new view of who the client is."""
    hits = _with_exemplars(
        view, "7.2", [h.sentence for h in view.find(WIDEN_SELF) if not h.sentence.is_leading]
    )
    return _question_findings(
        view,
        "7.2",
        "coachlens.marker.7_2.v1",
        hits,
        what="invited the client to see themself differently",
        missing="No question invited the client to look at who they are (strengths, patterns, who they are becoming).",
    )


@register("coachlens.marker.7_3.v1", needs=("acts", "exemplars"))
def detect_widens_situation_view(view: SessionView) -> MarkerFinding:
    """7.3: questions that widen the client's view of the situation."""
    found = [h.sentence for h in view.find(WIDEN_SITUATION) if not h.sentence.is_leading]
    found += [
        h.sentence for h in view.find(RECONSIDERS) if evocative_closed(h.sentence) and h.sentence not in found
    ]
    hits = _with_exemplars(view, "7.3", found)
    # An observation offered with "What do you make of that?" asks the client to look at the situation
    # from where the coach stands.
    hits = sorted(
        hits + [o.observation for o in invited_offers(view) if o.observation not in hits],
        key=lambda s: s.index,
    )
    return _question_findings(
        view,
        "7.3",
        "coachlens.marker.7_3.v1",
        hits,
        what="widened the client's view of the situation",
        noun="question or invited observation",
        nouns="questions or invited observations",
        note=closed_but_evocative(view, hits),
        missing="No question offered the client another angle on the situation (another person's view, another time frame, an assumption).",
    )


def closed_but_evocative(view: SessionView, hits: list[CoachSentence]) -> str:
    """A mentor's note on credited questions that were closed in form: the form is named, the effect
    is still credited, and the open form is offered as the next step."""
    closed = [s for s in hits if evocative_closed(s)]
    if not closed:
        return ""
    reply = view.next_client(closed[0].turn)
    answered = (
        "; the client answered with new thinking, not just a yes or no"
        if reply is not None and word_count(reply.text) >= 8
        else ""
    )
    asked = ", ".join(quoted(s.text, 60) for s in closed[:2])
    some = "It was" if len(hits) == 1 else f"{len(closed)} of them {'was' if len(closed) == 1 else 'were'}"
    return (
        f" {some} closed in form but still evocative ({asked}){answered}; asked openly "
        "(“What else might be true?”) it would leave the client even more room."
    )


@register("coachlens.marker.7_4.v1", needs=("acts", "position", "exemplars"))
def detect_moves_toward_outcome(view: SessionView) -> MarkerFinding:
    """7.4: questions that move the client's thinking toward what they want."""
    hits = [
        h.sentence
        for h in view.find(TOWARD_OUTCOME, after=0.2)
        if h.sentence.is_question and not h.sentence.is_leading
    ]
    hits = _with_exemplars(view, "7.4", hits, after=0.2)
    hits += [
        h.sentence
        for h in view.find(OBSTACLE, after=0.2)
        if h.sentence.is_question and not h.sentence.is_leading and h.sentence not in hits
    ]
    return _question_findings(
        view,
        "7.4",
        "coachlens.marker.7_4.v1",
        hits,
        what="moved the client's thinking toward what they want",
        missing="No question invited the client to find a new way of thinking or acting toward their outcome; "
        + (
            "ideas came from the coach."
            if sum(1 for s in view.sentences if s.is_advice) >= 2
            else "most questions stayed on facts and what had already happened."
        ),
    )
