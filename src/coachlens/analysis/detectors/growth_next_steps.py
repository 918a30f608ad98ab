"""Competency 8 (Facilitates Client Growth), the way out of the session: markers 8.5-8.9.

Next steps, support and barriers, accountability, celebration and the close. As with 8.1-8.4 (in
`growth`), each detector looks late in the session, and separates the client designing (what will
*you* do?) from the coach assigning (your homework is...).
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    closing_evidence,
    finding,
    quoted,
    sentence_around,
    sentence_evidence,
    span_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.growth_accountability import ACCOUNTABILITY
from coachlens.analysis.detectors.growth_follow_through import (
    COACH_OFFERS_CHECK_IN,
    HYPOTHETICAL,
    client_designed_steps,
    commitment_after,
)
from coachlens.analysis.detectors.text import rx
from coachlens.analysis.detectors.trust_cues import NEGATIVE, SPECIFIC_ACK
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding

CLIENT_ACTION = rx(
    r"\b(?:what (?:will|would|do) you (?:like to |want to )?(?:do|try|commit|take|start)|what would you like to do|"
    r"what(?:'s| is) (?:your|a|the) (?:first|next|one) (?:step|thing|move)|what (?:are you|will you be) "
    r"(?:going to|committing)|how big a step|when (?:will|would|could) you|what would you like to (?:think about|"
    r"reflect on|try|take)|what (?:do you want|would you like) to (?:do|try|commit)|what would you do with (?:it|the)|"
    r"what (?:would|will) you do (?:on|first|next|this week|with)|what would that conversation sound like|"
    r"what would you want to (?:say|ask))"
    r"|\b(?:what,? if anything,? would you like to do|what would serve you between now and|what (?:fi"
    r"rst )?step would feel doable|how would you like to shape|something you'?d rather reflect on|how"
    r" big or small|what would you like to try)\b"
    r"|\b(?:(?:what|how) would you like to (?:say|do|try|put|phrase|word|start|approach|open))\b"
    r"|\b(?:what else (?:will|would|do|could) you (?:like to |want to )?(?:do|try|commit))\b"
    r"|\b(?:what will you say (?:to|first|when|at)|which of (?:those|these|them) (?:feels? right|would you like|"
    r"do you want) to (?:do|start|try))\b"
)
# The coach puts the step on the table for a yes or no ("Would you be willing to book one this week?").
COACH_PROPOSES = rx(
    r"^\W*(?:(?:and|so|then),?\s+)?(?:would you be willing to|would you agree to|will you|could you|can you)\s+"
    r"(?!like\b|want\b|be\b|say more\b|tell me\b)"
)
COACH_ASSIGNS = rx(
    r"(?:\b(?:I want you to|your homework|that'?s your homework|for next time,? (?:I want|do|write|make)|"
    r"(?:you|you'?ll) need to (?:do|send|get|write) (?:this|that|me)|will you do that for me|"
    r"send me (?:your|the|an?)\b)|^\W*(?:number (?:one|two|three|four|five|six))\b)"
)
SUPPORT_BARRIERS = rx(
    r"\b(?:what (?:might|could|would|will) (?:get|stand) in (?:the|your) way|what (?:might|could) stop you|"
    r"what (?:obstacles|barriers|challenges) (?:might|could|do you)|what will you (?:do|say) (?:if|when)|"
    r"how (?:would|will|could|might) you (?:like to |want to )?(?:handle|deal with|manage|get (?:past|round|around)|"
    r"work around) (?:that|it|this|them)|"
    r"what would make (?:it|that|this) easier|"
    r"what (?:would|might) help you|who (?:else )?(?:could|can|might|would) (?:help|support)|"
    r"what (?:support|help|resources) (?:do|would|might|could) you|what do you (?:already )?have that|"
    r"what has helped (?:you )?before|who could support|who else could)\b"
    r"|\b(?:(?:who|what) or (?:who|what) (?:else )?(?:could|can|might|would|will) (?:help|support)|"
    r"what (?:could|might) (?:trip you up|derail)|who (?:could|can|might|would) you (?:ask|lean on|turn to))\b"
)
BARRIER = rx(
    r"\b(?:in (?:the|your) way|stop you|obstacles?|barriers?|challenges?|trip you up|derail|"
    r"what will you (?:do|say) (?:if|when)|if (?:that|it|this) (?:happens|goes wrong|gets (?:hard|difficult))|"
    r"if (?:she|he|they|that|it|this) (?:does|do|did|happens)\b(?=\W*$))\b"
)
# A support question may name the obstacle it answers ("if that happens, who could support you?"),
# so one sentence can count on both sides.
SUPPORT = rx(
    r"\b(?:help|helped|support|resources?|lean on|turn to|ask|already have|handle|deal with|manage|get (?:past|round|around)|"
    r"work around)\b"
)
CONDITION = rx(r"\b(?:if|when)\b")
# The client names their own likely obstacle; a coach who moves on leaves it unexplored.
CLIENT_OBSTACLE = rx(
    r"\b(?:put (?:it|that|this) off|talk myself out of|(?:I'?ll|I might|I'd|I will) (?:probably |just )?"
    r"(?:back down|chicken out|forget|avoid it|bottle it|lose my nerve|cave|give in)|the one I'?ll|"
    r"I'?m (?:worried|scared|nervous|afraid) (?:that|about|I'?ll)|(?:the )?(?:hard|difficult|tricky) (?:bit|part) "
    r"(?:is|will be))\b"
)
CELEBRATE = rx(
    r"\b(?:(?:I'?d like|I want) to (?:celebrate|acknowledge)|celebrat\w+|you(?:'ve| have) (?:come|moved|gone) "
    r"(?:a long way|from)|that'?s (?:a )?(?:lot of clarity|real (?:progress|shift)|big (?:step|shift)|huge)|"
    r"you came in (?:here |today )?(?:feeling|with|having|wanting|not knowing|unsure|stuck|torn|after (?:\w+ ){1,3}of)|well done|congratulations|you did it|look (?:at )?how far)\b"
    r"|\b(?:how far you'?ve come|take a moment to (?:notice|take (?:that|this|it) in|appreciate)|that"
    r"'?s (?:worth|something to) (?:celebrating|noticing|marking)|what'?s it like to (?:have|know|see"
    r")|you (?:named|held|finished|completed|achieved) (?:something|your|it|that|the))\b"
)
CLOSE_PARTNER = rx(
    r"\b(?:how would you like to (?:finish|close|end|wrap up|use the (?:last|remaining|final))|what would you like "
    r"to (?:end|finish|close|leave) (?:on|with)|what do you want to (?:leave|finish|end) with|anything (?:else|more) "
    r"(?:you (?:need|want|'d like)|that would be useful) (?:before we|to (?:say|add|cover|finish))|anything else before "
    r"we|is there anything (?:else|more) (?:you'?d like|you want) (?:to say|to add|before we)|what(?:'s| is) (?:a|one) "
    r"(?:word|thing) (?:to close|you'?re taking)|how do you want to (?:use|spend) the (?:last|remaining|final))\b"
    r"|\b(?:how would you like to bring (?:today|this|our time|the session|things) to a close|what wo"
    r"uld make this a good place to finish|would you like to pull together|how do you want to leave t"
    r"hings|what would you like to finish on)\b"
)
# The sentences after "I want to acknowledge what you did today." that say what the client did.
ADDRESSES_CLIENT = rx(r"^\W*(?:and\s+)?you(?:'ve| have| did| were)?\s+\w+")
# "Is there anything you need from me before we finish?" gives the client a last say, not the shape of the close.
WEAK_CLOSE = rx(r"^\W*(?:\w+,\s*)?(?:is there )?anything (?:else|(?:else )?you need)\b[^?]{0,40}\?$")
COACH_ENDS = rx(
    r"\b(?:we(?:'re| are) (?:out of|nearly out of) time|let'?s leave it there|I'?ll let you go|that'?s all we have "
    r"time for|I(?:'ve| have) got another (?:call|meeting)|wrap (?:this|it) up)\b"
)


@register("coachlens.marker.8_5.v1", needs=("acts", "position"))
def detect_designs_actions(view: SessionView) -> MarkerFinding:
    """8.5: the client designs their own post-session actions; homework set by the coach works against it."""
    name = "coachlens.marker.8_5.v1"
    asked = [
        h.sentence
        for h in view.find(CLIENT_ACTION, after=0.35)
        if h.sentence.is_question and not h.sentence.is_leading and not HYPOTHETICAL.search(h.sentence.text)
    ]
    # "What will you do? Will you write it down, and practise with your partner?": the coach asks, then
    # hands over the steps in the same breath, so the design is shared at best.
    offered = {q.turn: [s for s in view.sentences_in(q.turn) if s.is_advice] for q in asked}
    client_led = [q for q in asked if not offered[q.turn]]
    # A check-in the coach offers ("Would it help to send me a message?") is accountability (8.7), not a task.
    assigned = (
        [
            h.sentence
            for h in view.find(COACH_ASSIGNS, after=0.3)
            if not COACH_OFFERS_CHECK_IN.search(h.sentence.text)
        ]
        + [
            s
            for s in view.sentences
            if s.position >= 0.5
            and "advice" in s.acts
            and s.text.lower().startswith(("do ", "get ", "put ", "make "))
        ]
        + [
            h.sentence
            for h in view.find(COACH_PROPOSES, after=0.5)
            if h.sentence.is_question and not h.sentence.is_open_question
        ]
    )
    # "How will you hold yourself to it?" is answered with accountability (8.7), not with the action.
    held = tuple(h.sentence for h in view.find(ACCOUNTABILITY, after=0.35))
    designed = client_designed_steps(view, after=0.35, not_a_step=CLIENT_OBSTACLE, skip=(*asked, *held))
    if client_led and len(assigned) <= len(client_led):
        first = client_led[0]
        return finding(
            "8.5",
            "demonstrated",
            0.8 if not assigned else 0.6,
            [sentence_evidence(view, s) for s in client_led],
            f"{when(view, first.turn).capitalize()} the coach invited the client to design their next step: "
            f"{quoted(first.text)}"
            + (f"; the coach also set some tasks ({quoted(assigned[0].text, 60)})." if assigned else "."),
            name,
        )
    if designed and len(assigned) <= len(designed):
        reply = designed[0]
        return finding(
            "8.5",
            "demonstrated",
            0.7,
            [e for r in designed[:2] for e in (sentence_evidence(view, r.question), r.said)],
            f"{when(view, reply.said.turn).capitalize()} the client designed their own next step "
            f"({quoted(reply.said.quote, 90)}) in answer to the coach's open question {quoted(reply.question.text, 60)}.",
            name,
        )
    shared = [q for q in asked if offered[q.turn]]
    if shared:
        first = shared[0]
        said = commitment_after(view, first.turn, not_a_step=CLIENT_OBSTACLE)
        return finding(
            "8.5",
            "partial",
            0.65,
            [sentence_evidence(view, first), sentence_evidence(view, offered[first.turn][0])]
            + ([said] if said is not None else []),
            f"{when(view, first.turn).capitalize()} the coach asked {quoted(first.text, 60)} but proposed the steps "
            f"in the same turn ({quoted(offered[first.turn][0].text, 80)})"
            + (
                f"; the client then designed their own ({quoted(said.quote, 80)})."
                if said is not None
                else "; the client was not left to design their own."
            ),
            name,
        )
    if assigned:
        first = assigned[0]
        return finding(
            "8.5",
            "partial" if client_led else "missed",
            0.75,
            [sentence_evidence(view, s) for s in assigned] + [sentence_evidence(view, s) for s in client_led],
            f"The next steps were set by the coach, e.g. {when(view, first.turn)}: {quoted(first.text)}"
            + (
                "; the client was asked for their own only once."
                if client_led
                else "; the client was not asked to design their own."
            ),
            name,
        )
    return finding(
        "8.5",
        "missed",
        0.6,
        [closing_evidence(view)],
        "The session ended without the client designing any action, reflection or next step.",
        name,
    )


@register("coachlens.marker.8_6.v1", needs=("acts", "position"))
def detect_resources_and_barriers(view: SessionView) -> MarkerFinding:
    """8.6: the client thinks through resources, support and barriers for moving forward."""
    name = "coachlens.marker.8_6.v1"
    hits = [h.sentence for h in view.find(SUPPORT_BARRIERS, after=0.35) if h.sentence.is_question]
    barriers = [
        s for s in hits if BARRIER.search(s.text) or (CONDITION.search(s.text) and not SUPPORT.search(s.text))
    ]
    supports = [s for s in hits if SUPPORT.search(s.text) or s not in barriers]
    if barriers and supports:
        return finding(
            "8.6",
            "demonstrated",
            0.8,
            [sentence_evidence(view, s) for s in hits],
            f"The coach asked about both what could get in the way ({quoted(barriers[0].text, 60)} "
            f"{when(view, barriers[0].turn)}) and what would help ({quoted(supports[0].text, 60)}).",
            name,
        )
    if hits:
        first = hits[0]
        side = "barriers" if barriers else "support"
        other = "what would help" if barriers else "what could get in the way"
        return finding(
            "8.6",
            "partial",
            0.6,
            [sentence_evidence(view, s) for s in hits],
            f"{when(view, first.turn).capitalize()} the coach explored {side} ({quoted(first.text)}) but not {other}.",
            name,
        )
    return _unexplored_barriers(view, name)


def _unexplored_barriers(view: SessionView, name: str) -> MarkerFinding:
    """Missed 8.6, pointing where it mattered: at an obstacle the client named themself, or else at the
    coach's question about next steps, where barriers and support belonged."""
    for turn in view.client_turns:
        match = CLIENT_OBSTACLE.search(turn.text)
        if view.position(turn.index) < 0.5 or match is None:
            continue
        said = sentence_around(view, turn.index, match.start())
        reply = (
            next(iter(view.sentences_in(turn.index + 1)), None) if turn.index + 1 < len(view.turns) else None
        )
        moved_on = f" and the coach answered {quoted(reply.text, 60)}" if reply is not None else ""
        return finding(
            "8.6",
            "missed",
            0.7,
            [said, *([sentence_evidence(view, reply)] if reply is not None else [])],
            f"{when(view, turn.index).capitalize()} the client named what might stop them ({quoted(said.quote, 80)})"
            f"{moved_on}; nobody asked what could get in the way or what would help.",
            name,
        )
    actions = [
        h.sentence
        for h in view.find(CLIENT_ACTION, after=0.35)
        if h.sentence.is_question and not HYPOTHETICAL.search(h.sentence.text)
    ]
    # A step the client set unasked is where "what could get in the way?" belonged.
    steps = [] if actions else client_designed_steps(view, after=0.35, not_a_step=CLIENT_OBSTACLE)
    evidence = sentence_evidence(view, actions[0]) if actions else steps[0].said if steps else None
    what = "asking about next steps" if actions else "the client set their next step"
    where = "" if evidence is None else f", not even after {what} {when(view, evidence.turn)}"
    return finding(
        "8.6",
        "missed",
        0.6,
        [evidence or anchor_evidence(view, 0.7)],
        f"The coach never asked what could help the client move forward or what might get in the way{where}.",
        name,
    )


@register("coachlens.marker.8_8.v1", needs=("acts", "position"))
def detect_celebration(view: SessionView) -> MarkerFinding:
    """8.8: specific celebration of the client's progress and learning."""
    name = "coachlens.marker.8_8.v1"
    # The act model's "celebration" alone is not enough: it also fires on remarks about other people.
    hits = [
        s
        for s in view.sentences
        if s.position >= 0.3
        and (CELEBRATE.search(s.text) or ("celebration" in s.acts and SPECIFIC_ACK.search(s.text)))
        and not NEGATIVE.search(s.text)
    ]
    specific = [s for s in hits if len(s.text.split()) >= 6]
    if specific:
        first = specific[0]
        # "I want to acknowledge what you did today." announces; the next sentences say what it was.
        named = [
            s
            for s in view.sentences_in(first.turn)
            if s.start > first.start and ADDRESSES_CLIENT.search(s.text)
        ]
        detail = f", naming it: {quoted(named[0].text, 120)}" if named else ""
        return finding(
            "8.8",
            "demonstrated",
            0.75,
            # One quote per turn survives, so the announcement and what it names share a span.
            [
                span_evidence(view, first.turn, first.start, named[0].end)
                if named
                else sentence_evidence(view, first),
                *(sentence_evidence(view, s) for s in specific[1:]),
            ],
            f"{when(view, first.turn).capitalize()} the coach celebrated what the client achieved: "
            f"{quoted(first.text)}{detail}.",
            name,
        )
    if hits:
        return finding(
            "8.8",
            "partial",
            0.5,
            [sentence_evidence(view, hits[0])],
            f"Only brief, general praise ({quoted(hits[0].text)} {when(view, hits[0].turn)}); name what the client did or discovered.",
            name,
        )
    return finding(
        "8.8",
        "missed",
        0.55,
        [closing_evidence(view)],
        "The client's progress and learning in the session went uncelebrated.",
        name,
    )


@register("coachlens.marker.8_9.v1", needs=("acts", "position"))
def detect_partnered_close(view: SessionView) -> MarkerFinding:
    """8.9: the client shapes how the session closes."""
    name = "coachlens.marker.8_9.v1"
    invited = [h.sentence for h in view.find(CLOSE_PARTNER, after=0.75) if h.sentence.is_question]
    weak = [h.sentence for h in view.find(WEAK_CLOSE, after=0.75) if h.sentence not in invited]
    ended = [h.sentence for h in view.find(COACH_ENDS, after=0.75)]
    strong = [s for s in invited if not WEAK_CLOSE.fullmatch(s.text.strip())]
    if strong and not ended:
        first = strong[0]
        return finding(
            "8.9",
            "demonstrated",
            0.8,
            [sentence_evidence(view, s) for s in invited],
            f"{when(view, first.turn).capitalize()} the coach invited the client to shape the close: {quoted(first.text)}.",
            name,
        )
    if invited or weak:
        first = (invited or weak)[0]
        note = f", while ending on their own terms ({quoted(ended[0].text, 60)})" if ended else ""
        return finding(
            "8.9",
            "partial",
            0.6,
            [sentence_evidence(view, s) for s in [first, *ended]],
            f"{when(view, first.turn).capitalize()} the coach only asked {quoted(first.text, 80)}{note}; invite the "
            "client to say how they want to finish.",
            name,
        )
    last = view.coach_turns[-1].index
    evidence = [sentence_evidence(view, s) for s in ended] or [turn_evidence(view, last, sentences=1)]
    return finding(
        "8.9",
        "missed",
        0.65,
        evidence,
        "The coach closed the session without asking how the client wanted to finish"
        + (f": {quoted(ended[0].text)} {when(view, ended[0].turn)}." if ended else "."),
        name,
    )
