"""Competency 7 (Evokes Awareness), marker 7.5: observations and intuitions offered lightly.

An offer is the coach's own observation, hedged or asked permission for, followed by an invitation
for the client to explore it. `invited_offers` is also read by 6.5: an observation about how the
client has been talking shows them their own way of seeing things. `awareness` imports this module
so that loading it registers all of competency 7.
"""

from __future__ import annotations

from dataclasses import dataclass

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.echo import distinctive
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    finding,
    quoted,
    reply_to_richest,
    sentence_evidence,
    span_evidence,
    times,
    when,
)
from coachlens.analysis.detectors.questions import suggests
from coachlens.analysis.detectors.text import rx, stem, word_count, words
from coachlens.analysis.detectors.trust_cues import DISMISS, INVITATION
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding

TENTATIVE = rx(
    r"\b(?:I(?:'m)? (?:notic|wonder|sens)\w*|I have a (?:hunch|sense|thought)|my (?:sense|hunch|guess|observation)|"
    r"I could be wrong|I might be (?:completely |totally |quite )?wrong|I'?m struck by|can I (?:share|offer) "
    r"(?:something|an observation|a thought|what)|what I'?m hearing is|it occurs to me|I'?m curious whether)\b"
)
OPINION_ACTS = frozenset({"advice", "information", "self_disclosure"})
PERMISSION_ASK = rx(
    r"^\W*(?:(?:and|so|okay)\W+)?(?:may|can|could|might) I (?:share|offer|say|tell you|give|add|name|point out|"
    r"reflect)\b|\bwould (?:it be (?:ok|okay|alright|all right)|you mind) if I (?:share|offer|say|name)\b"
)
# Invitations phrased as the coach's curiosity: "I'm curious what you make of that."
OWN_INVITATION = rx(
    r"\b(?:curious (?:what|how) you (?:make of|see|read|think about)|what you make of (?:that|this|it)|"
    r"how (?:that|this|it) (?:lands|sits|fits) (?:with|for) you|(?:tell me|say) if (?:that|this|it) (?:doesn'?t|isn'?t))\b"
)
# The coach's reading of the client stated as fact: "So basically you're ...", "What you're really after is".
ASSERTED_READING = rx(
    r"^\W*(?:so\W+)?(?:basically|clearly|obviously|really)\W+you'?(?:re| are)\b|\bwhat you'?re really (?:after|saying|"
    r"want\w*|need\w*)\b|\bthe real (?:issue|problem|thing) (?:here )?is\b|\bwhat you (?:really )?need is\b"
)

# "It sounds like that feeling has been making a lot of decisions for you.": the coach's own reading,
# hedged, when it says something the client has not said (see `_own_reading`).
HEDGED_READING = rx(
    r"^\W*(?:(?:so|and|but)\W+)?(?:it|that|this) (?:sounds|seems|looks|feels) (?:like|as if|as though)\b"
)
# An observation about how the client has been talking: their words, their pattern, what is missing.
CLIENT_LENS = rx(
    r"\byou(?:'ve| have)? (?:used|said|say|mentioned|described?|talk(?:ed)? about|call(?:ed)?|keep saying)\b|"
    r"\bevery time you\b|\b(?:haven'?t|have not|never) (?:yet |once )?(?:heard|said|mentioned|talked about)\b|"
    r"\bthe word\b"
)


@dataclass(frozen=True)
class Offer:
    """One observation offered for the client to explore."""

    signal: CoachSentence  # where the coach first signalled it (the permission ask or the hedge)
    turn: int  # the coach turn that carried the observation and its invitation
    observation: CoachSentence  # the observation itself
    about_client_lens: bool  # it holds up the client's own words or way of talking


def invited_offers(view: SessionView) -> list[Offer]:
    """Every observation the coach offered and invited the client to explore, in order."""
    return view.memo("invited_offers", lambda: _invited_offers(view))


def _tentative(view: SessionView) -> list[CoachSentence]:
    return [
        s
        for s in view.sentences
        if TENTATIVE.search(s.text) or "observation" in s.acts or _own_reading(view, s)
    ]


def _invited_offers(view: SessionView) -> list[Offer]:
    offers: list[Offer] = []
    for sentence in _tentative(view):
        # "I wonder if you should just tell her" is advice with a hedge, not an observation.
        if sentence.is_advice or suggests(sentence):
            continue
        offer_turn = _offer_turn(view, sentence)
        if offer_turn is None or any(o.signal == sentence and o.turn == offer_turn for o in offers):
            continue
        said = [s for s in view.sentences_in(offer_turn) if not s.is_question and "permission" not in s.acts]
        observation = next((s for s in said if CLIENT_LENS.search(s.text)), said[0] if said else sentence)
        lens = any(CLIENT_LENS.search(s.text) for s in said)
        offers.append(Offer(sentence, offer_turn, observation, lens))
    return offers


def _own_reading(view: SessionView, sentence: CoachSentence) -> bool:
    """A hedged reading ("It sounds like ...") that goes beyond the client's words: most of what it says
    the client did not say. "It sounds like you're exhausted" after "I'm exhausted" is a reflection."""
    opener = HEDGED_READING.search(sentence.text)
    if sentence.is_question or opener is None or word_count(sentence.text[opener.end() :]) < 6:
        return False
    mine = {stem(w) for w in words(sentence.text[opener.end() :]) if distinctive(w)}
    if not mine:
        return False
    return len(mine - view.client_stems_before(sentence.turn)) > len(mine) / 2


@register("coachlens.marker.7_5.v1", needs=("acts",))
def detect_shares_lightly(view: SessionView) -> MarkerFinding:
    """7.5: an observation or intuition held lightly and offered for the client to explore."""
    name = "coachlens.marker.7_5.v1"
    tentative = _tentative(view)
    # Each offer as (where the coach first signalled it, the turn that carried the observation).
    invited = [(o.signal, o.turn) for o in invited_offers(view)]
    held_on = [pair for pair in invited if _argued_after(view, pair[1])]
    opinions = sorted(
        (s for s in view.sentences if (OPINION_ACTS & s.acts or s.is_advice) and word_count(s.text) >= 4),
        key=lambda s: (s.is_question, s.index),
    )
    if invited and len(held_on) < len(invited):
        # The whole offer as the client heard it: the observation, its hedge and the invitation.
        kept = [pair for pair in invited if pair not in held_on]
        offers = sorted({_offer_span(view, turn) for _, turn in kept}, key=lambda e: -len(e.quote))
        asks = [sentence_evidence(view, s) for s, turn in invited if turn != s.turn]
        return finding(
            "7.5",
            "demonstrated",
            0.75,
            offers + asks,
            f"{when(view, offers[0].turn).capitalize()} the coach offered an observation tentatively and invited the "
            f"client to explore it: {quoted(offers[0].quote, 200)}"
            + (f" (after asking {quoted(asks[0].quote, 60)})." if asks else "."),
            name,
        )
    if tentative:
        first = tentative[0]
        why = (
            "then argued for it when the client answered"
            if held_on
            else "without inviting the client's view of it"
        )
        return finding(
            "7.5",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in tentative],
            f"{when(view, first.turn).capitalize()} the coach shared an observation ({quoted(first.text, 90)}) {why}.",
            name,
        )
    if len(opinions) >= 3:
        first = opinions[0]
        return finding(
            "7.5",
            "missed",
            0.7,
            [sentence_evidence(view, s) for s in opinions],
            f"The coach shared views {times(len(opinions))} as statements to accept, not offers to explore, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    asserted = [s for s in view.sentences if not s.is_question and ASSERTED_READING.search(s.text)]
    if asserted:
        first = asserted[0]
        return finding(
            "7.5",
            "missed",
            0.6,
            [sentence_evidence(view, s) for s in asserted],
            f"The coach's readings of the client were stated as fact rather than offered to explore, e.g. "
            f'{when(view, first.turn)}: {quoted(first.text)}; a hedge and a question ("I wonder if ... What do '
            'you make of that?") leave the client free to disagree.',
            name,
        )
    moment = reply_to_richest(view, after=0.15)
    return finding(
        "7.5",
        "missed",
        0.45,
        [moment[0]] if moment else [anchor_evidence(view, 0.5)],
        "The coach never offered an observation or intuition of their own for the client to explore"
        + (f"; one place to try it: {moment[1]}." if moment else "."),
        name,
    )


def _invites(sentence: CoachSentence) -> bool:
    return sentence.is_question or bool(
        INVITATION.search(sentence.text) or OWN_INVITATION.search(sentence.text)
    )


def _offer_turn(view: SessionView, sentence: CoachSentence) -> int | None:
    """The coach turn that carries this offer and invites the client's view of it. A request for
    permission ("May I share something I'm noticing?") is not itself the offer: the observation and
    its invitation come in the coach's next turn, once the client has said yes."""
    if PERMISSION_ASK.search(sentence.text) or "permission" in sentence.acts:
        reply = view.next_client(sentence.turn)
        following = view.turns[reply.index + 1] if reply and reply.index + 1 < len(view.turns) else None
        if reply is None or following is None or following.role != "coach":
            return None
        return following.index if any(_invites(q) for q in view.sentences_in(following.index)) else None
    if any(_invites(q) and q.start >= sentence.start for q in view.sentences_in(sentence.turn)):
        return sentence.turn
    return None


def _offer_span(view: SessionView, turn_index: int) -> Evidence:
    sentences = view.sentences_in(turn_index)
    last_question = max((s for s in sentences if s.is_question), key=lambda s: s.start, default=sentences[-1])
    return span_evidence(view, turn_index, sentences[0].start, last_question.end)


def _argued_after(view: SessionView, turn_index: int) -> bool:
    reply = view.next_client(turn_index)
    if reply is None:
        return False
    for turn in view.turns[reply.index + 1 : reply.index + 2]:
        if turn.role == "coach":
            return any(DISMISS.search(s.text) for s in view.sentences_in(turn.index)[:3])
    return False
