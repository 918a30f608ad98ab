"""Competency 8 (Facilitates Client Growth): markers 8.1-8.9.

These markers live in the second half of a session: progress checks, learning, next steps,
support and barriers, accountability, celebration and the close. Each detector looks for coach
questions of the right shape after the position where that work usually happens, and separates the
client designing (what will *you* do?) from the coach assigning (your homework is...).
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    closing_evidence,
    finding,
    quoted,
    sentence_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.presence import GOAL_REFERENCE
from coachlens.analysis.detectors.text import rx
from coachlens.analysis.detectors.trust import NEGATIVE, SPECIFIC_ACK
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding

PROGRESS = rx(
    r"\b(?:where (?:are|have) (?:you|we) (?:with|got to|now)|how (?:are we|are you) doing (?:on|with)|"
    r"how close (?:are|do) (?:you|we)|what progress|(?:are|have) we (?:getting|got) (?:closer|there)|"
    r"how far (?:have you|have we|did you) (?:come|get)|where does that leave you|how are we doing for time|"
    r"(?:is|are) (?:this|we) (?:getting|moving) (?:you|us)|have you got what you (?:came|wanted)|"
    r"what have (?:you|we) got so far|where have you got to)\b"
    r"|\b(?:how far have you come|how much clearer are you|compared with when we started|what progres"
    r"s have you made|what do you have now|what has moved for you|how \w+ do you feel now|where are y"
    r"ou now with)\b"
    r"|\b(?:compared (?:to|with) (?:when we started|the start|earlier))\b"
)
CLIENT_PROGRESS = rx(
    r"\b(?:I(?:'ve| have) got what I (?:came|needed|wanted)|that'?s (?:what I needed|helped|been helpful)|I'?m clearer)\b"
)
LEARN_SELF = rx(
    r"\b(?:what (?:are|have|did) you (?:learn|learned|learnt|learning|discover|discovered|discovering|notice|"
    r"noticed|noticing|realise|realised|realize|realized|see|seeing) about yourself|what does (?:this|that|today) "
    r"(?:tell|show|teach) you about (?:you|yourself)|what do you know (?:now )?about yourself|"
    r"what are you (?:learning|discovering|seeing) about (?:you|yourself|who you are))"
    r"|\b(?:(?:learn|learned|learnt|notice|noticed|discover|discovered|taking away|shown you|know)\b["
    r"^?]{0,30}\b(?:about yourself|about who you are|about how you|what (?:really )?drives you)|what "
    r"do you know about yourself)\b"
)
LEARN_SITUATION = rx(
    r"\b(?:what(?:'s| is| has) (?:now |become )?(?:clearer|different|shifted|changed)(?: for you)?(?: about| in how)?|"
    r"what are you (?:seeing|understanding) (?:differently|now)|what (?:are you|will you be) taking (?:away|from)|"
    r"what (?:have|did) you (?:learn|learned|learnt|realise|realised|discover|discovered)(?! about yourself)|"
    r"what do you see now|what'?s different (?:now|for you)|what (?:insights?|learning)|what stands out (?:for|to) you|"
    r"what are you (?:learning|noticing|realising)(?! about yourself))\b"
    r"|\b(?:what do you understand about .{0,50}that you didn'?t|what can you see that you couldn'?t|"
    r"what new understanding|what have you learned about the|what'?s shifted in how you see)\b"
)
APPLY = rx(
    r"\b(?:how (?:will|could|might|can) you (?:use|apply|take|bring|build on)|where (?:will|could|might) "
    r"(?:you use|this|that|it) (?:make a difference|help|show up)|what difference (?:will|could|might) "
    r"(?:this|that|it) make|how (?:might|could|will) (?:this|that|it) (?:change|help|show up|shape)|"
    r"how (?:do|would) you want to use|what will you do with (?:that|this|what))\b"
    r"|\b(?:how might (?:that|this) (?:\w+ ){0,8}show up|where in your (?:week|life|work|day) could y"
    r"ou use|how will knowing (?:that|this) change|what difference could (?:this|that) (?:learning|in"
    r"sight|realisation|realization)|how will you use what you|how do you want to bring this)\b"
)
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
)
COACH_ASSIGNS = rx(
    r"(?:\b(?:I want you to|your homework|that'?s your homework|for next time,? (?:I want|do|write|make)|"
    r"(?:you|you'?ll) need to (?:do|send|get|write) (?:this|that|me)|will you do that for me|"
    r"send me (?:your|the|an?)\b)|^\W*(?:number (?:one|two|three|four|five|six))\b)"
)
SUPPORT_BARRIERS = rx(
    r"\b(?:what (?:might|could|would|will) (?:get|stand) in (?:the|your) way|what (?:might|could) stop you|"
    r"what (?:obstacles|barriers|challenges) (?:might|could|do you)|what will you do (?:if|when)|"
    r"what (?:would|might) help you|who (?:else )?(?:could|can|might|would) (?:help|support)|"
    r"what (?:support|help|resources) (?:do|would|might|could) you|what do you (?:already )?have that|"
    r"what has helped (?:you )?before|who could support|who else could)\b"
)
BARRIER = rx(r"\b(?:in (?:the|your) way|stop you|obstacles?|barriers?|challenges?|if|when)\b")
ACCOUNTABILITY = rx(
    r"\b(?:how (?:would|will|do) you (?:like to )?(?:hold yourself|keep yourself|stay) (?:to|accountable|on track)|"
    r"hold yourself to|accountab\w+|how will you (?:know|track|remember|check|keep track)|"
    r"who (?:will|could|would) you (?:tell|share|let know)|how (?:would|do) you (?:like|want) to (?:let me know|"
    r"follow up|check in|report)|what would help you (?:stick|follow through|keep)|how will you keep)\b"
    r"|\b(?:how would you like to keep track|what would help you notice if you start slipping|who,? i"
    r"f anyone,? would you like to tell|how will you know you'?ve followed through|what kind of accou"
    r"ntability)\b"
)
COACH_SETS_ACCOUNTABILITY = rx(
    r"\b(?:send me (?:your|the|an?)|I'?ll (?:check|chase|follow up|have a look|look over|mark)|report back to me|"
    r"by (?:monday|tuesday|wednesday|thursday|friday|next week)[^?]*\.$)"
)
CELEBRATE = rx(
    r"\b(?:(?:I'?d like|I want) to (?:celebrate|acknowledge)|celebrat\w+|you(?:'ve| have) (?:come|moved|gone) "
    r"(?:a long way|from)|that'?s (?:a )?(?:lot of clarity|real (?:progress|shift)|big (?:step|shift)|huge)|"
    r"you came in (?:feeling|with)|well done|congratulations|you did it|look (?:at )?how far)\b"
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
WEAK_CLOSE = rx(r"^\W*(?:\w+,\s*)?(?:is there )?anything else\b[^?]{0,40}\?$")
COACH_ENDS = rx(
    r"\b(?:we(?:'re| are) (?:out of|nearly out of) time|let'?s leave it there|I'?ll let you go|that'?s all we have "
    r"time for|I(?:'ve| have) got another (?:call|meeting)|wrap (?:this|it) up)\b"
)


def _status_for(
    view: SessionView,
    marker_id: str,
    name: str,
    hits: list[CoachSentence],
    *,
    what: str,
    missing: str,
    late_from: float,
) -> MarkerFinding:
    if hits:
        first = hits[0]
        return finding(
            marker_id,
            "demonstrated",
            0.75 + min(0.15, 0.05 * (len(hits) - 1)),
            [sentence_evidence(view, s) for s in hits],
            f"{when(view, first.turn).capitalize()} the coach {what}: {quoted(first.text)}.",
            name,
        )
    evidence = closing_evidence(view) if late_from >= 0.85 else anchor_evidence(view, late_from)
    return finding(marker_id, "missed", 0.65, [evidence], missing, name)


@register("coachlens.marker.8_1.v1", needs=("acts", "position"))
def detect_progress_check(view: SessionView) -> MarkerFinding:
    """8.1: the client is invited to look at their progress toward the session goal."""
    name = "coachlens.marker.8_1.v1"
    hits = [h.sentence for h in view.find(PROGRESS, after=0.3) if h.sentence.is_question]
    for hit in view.find(GOAL_REFERENCE, after=0.3):
        # "You said at the start you wanted X. Do you know now?": the reference and its question.
        question = next(
            (q for q in view.questions_in(hit.sentence.turn) if q.start >= hit.sentence.start), None
        )
        if question is not None and question not in hits:
            hits.append(question)
    if not hits:
        for turn in view.client_turns:
            if view.position(turn.index) >= 0.3 and CLIENT_PROGRESS.search(turn.text):
                follow = view.turns[turn.index + 1] if turn.index + 1 < len(view.turns) else None
                if follow is not None and follow.role == "coach" and view.questions_in(follow.index):
                    hits.append(view.questions_in(follow.index)[0])
    hits.sort(key=lambda s: s.index)
    open_checks = [s for s in hits if s.is_open_question]
    if hits and not open_checks:
        first = hits[0]
        return finding(
            "8.1",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in hits],
            f"{when(view, first.turn).capitalize()} the coach checked progress with a yes/no question "
            f"({quoted(first.text)}); an open one lets the client judge how far they have come.",
            name,
        )
    return _status_for(
        view,
        "8.1",
        name,
        open_checks,
        what="invited the client to judge their progress toward what they wanted",
        missing="The coach never asked how far the client had got toward what they wanted from the session.",
        late_from=0.5,
    )


@register("coachlens.marker.8_2.v1", needs=("acts", "position"))
def detect_learning_about_self(view: SessionView) -> MarkerFinding:
    """8.2: the client is invited to name what they learned about themself."""
    hits = [h.sentence for h in view.find(LEARN_SELF, after=0.4)]
    return _status_for(
        view,
        "8.2",
        "coachlens.marker.8_2.v1",
        hits,
        what="invited the client to name what they learned about themself",
        missing="The coach never asked what the client had learned about themself; any insight stayed unspoken.",
        late_from=0.85,
    )


@register("coachlens.marker.8_3.v1", needs=("acts", "position"))
def detect_learning_about_situation(view: SessionView) -> MarkerFinding:
    """8.3: the client is invited to name what is now clearer about the situation."""
    hits = [
        h.sentence
        for h in view.find(LEARN_SITUATION, after=0.4)
        if h.sentence.is_question and not LEARN_SELF.search(h.sentence.text)
    ]
    return _status_for(
        view,
        "8.3",
        "coachlens.marker.8_3.v1",
        hits,
        what="invited the client to say what they now understand about their situation",
        missing="The coach never asked what had become clearer about the situation; the client did not put the learning into words.",
        late_from=0.85,
    )


@register("coachlens.marker.8_4.v1", needs=("acts", "position"))
def detect_using_learning(view: SessionView) -> MarkerFinding:
    """8.4: the client is invited to consider how to use what they learned."""
    hits = [h.sentence for h in view.find(APPLY, after=0.45) if h.sentence.is_question]
    return _status_for(
        view,
        "8.4",
        "coachlens.marker.8_4.v1",
        hits,
        what="invited the client to consider how they will use what they learned",
        missing="The coach never asked how the client would use what they had learned.",
        late_from=0.85,
    )


@register("coachlens.marker.8_5.v1", needs=("acts", "position"))
def detect_designs_actions(view: SessionView) -> MarkerFinding:
    """8.5: the client designs their own post-session actions; homework set by the coach works against it."""
    name = "coachlens.marker.8_5.v1"
    client_led = [
        h.sentence
        for h in view.find(CLIENT_ACTION, after=0.35)
        if h.sentence.is_question and not h.sentence.is_leading
    ]
    assigned = [h.sentence for h in view.find(COACH_ASSIGNS, after=0.3)] + [
        s
        for s in view.sentences
        if s.position >= 0.5
        and "advice" in s.acts
        and s.text.lower().startswith(("do ", "get ", "put ", "make "))
    ]
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
    barriers = [s for s in hits if BARRIER.search(s.text)]
    supports = [s for s in hits if s not in barriers]
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
    return finding(
        "8.6",
        "missed",
        0.6,
        [anchor_evidence(view, 0.7)],
        "The coach never asked what could help the client move forward or what might get in the way.",
        name,
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
        return finding(
            "8.8",
            "demonstrated",
            0.75,
            [sentence_evidence(view, s) for s in specific],
            f"{when(view, first.turn).capitalize()} the coach celebrated what the client achieved: {quoted(first.text)}.",
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
