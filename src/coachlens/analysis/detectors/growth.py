"""Competency 8 (Facilitates Client Growth), progress and learning: markers 8.1-8.4.

These markers live in the second half of a session. Each detector looks for coach questions of the
right shape after the position where that work usually happens: a progress check, what the client
learned about themself and their situation, and how they will use it. The later markers (actions,
support, celebration, the close) are in `growth_next_steps` and accountability in
`growth_accountability`, imported below so that loading this module registers all of competency 8.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    closing_evidence,
    finding,
    quoted,
    sentence_around,
    sentence_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.growth_accountability import detect_accountability
from coachlens.analysis.detectors.growth_follow_through import (
    CLIENT_COMMITS,
    FEELING_NOW,
    GOAL_WORDS,
    learning_replies,
)
from coachlens.analysis.detectors.growth_next_steps import CLOSE_PARTNER
from coachlens.analysis.detectors.presence import GOAL_REFERENCE
from coachlens.analysis.detectors.text import rx
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding

# `growth_next_steps` (8.5, 8.6, 8.8, 8.9) and `growth_accountability` (8.7) are imported above for their
# registrations; CLOSE_PARTNER stays importable from here for existing callers.
__all__ = [
    "CLOSE_PARTNER",
    "detect_accountability",
    "detect_learning_about_self",
    "detect_learning_about_situation",
    "detect_progress_check",
    "detect_using_learning",
]

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
# The coach marks the time left: the natural moment to ask how far the client has got.
TIME_CHECK = rx(
    r"\b(?:(?:\w+ )?minutes? (?:left|to go|remaining)|(?:nearly|almost|coming up to|close to) (?:time|the end)|"
    r"before we (?:finish|close|wrap up|stop)|as we (?:come|move|get) (?:to|towards|near) (?:the end|a close))\b"
)
# The client names their learning as learning ("What I'm taking away is that ..."), often with the next
# step in the same breath when the close is short.
_STATED_LEARNING = (
    r"\b(?:what I'?m taking (?:away|from (?:this|today))|what I(?:'ve| have)? (?:learned|learnt|realised|realized)|"
    r"I(?:'ve| have) (?:learned|learnt) that|the (?:big )?(?:learning|lesson) (?:for me )?is)\b"
)
STATED_LEARNING = rx(_STATED_LEARNING)
# The client puts an insight into words unprompted ("Oh. I've been sitting on it."): the learning was
# there to draw out, so "the client never put it into words" would be wrong.
CLIENT_INSIGHT = rx(
    r"\b(?:I(?:'ve| have)? (?:just )?(?:realised|realized|noticed|seen) (?:that|how|what|I)|"
    r"I hadn'?t (?:thought|seen|noticed|realised|realized)(?: (?:it|about it|of it))? (?:that|how|until|before|"
    r"like that|that way)|that'?s new|when I say it out loud|"
    r"now (?:that )?I say it|I'?ve been (?:\w+ing) (?:on )?(?:it|them|myself|her|him)|I never (?:saw|noticed|thought)|"
    r"I (?:hadn'?t|never) \w+ (?:(?:it|them|this|that|about it|of it) )?(?:like that|that way))\b"
    r"|" + _STATED_LEARNING
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
    r"|\b(?:(?:you'?re|you are) taking (?:away|from)|what (?:will|do|would) you take (?:away|from)|"
    r"taking away from (?:today|this|our))\b"
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


def _learning_missed(
    view: SessionView, marker_id: str, name: str, *, invite: str, missing: str
) -> MarkerFinding:
    """Missed 8.2/8.3: when the client voiced an insight on their own, point at it; the coach's job was
    to invite the client to name and build on it, not to produce it."""
    for turn in view.client_turns:
        match = CLIENT_INSIGHT.search(turn.text)
        if match is None or view.position(turn.index) < 0.3:
            continue
        said = sentence_around(view, turn.index, match.start())
        return finding(
            marker_id,
            "missed",
            0.65,
            [said, closing_evidence(view)],
            f"The client voiced an insight {when(view, turn.index)} ({quoted(said.quote, 90)}), but the coach never "
            f"asked {invite}, so it was not named as learning or built on.",
            name,
        )
    return finding(marker_id, "missed", 0.65, [closing_evidence(view)], missing, name)


def _progress_checks(view: SessionView) -> list[CoachSentence]:
    """Coach questions inviting a look at progress, including "You said at the start you wanted X. Do
    you know now?". A look back counts only when it is about what the client wanted from the session:
    "At the start you said you were scared. What do you make of that?" is an observation (7.5)."""
    hits = [h.sentence for h in view.find(PROGRESS, after=0.3) if h.sentence.is_question]
    for hit in view.find(GOAL_REFERENCE, after=0.3):
        question = next(
            (q for q in view.questions_in(hit.sentence.turn) if q.start >= hit.sentence.start), None
        )
        if question is None or question in hits:
            continue
        if (
            GOAL_WORDS.search(hit.sentence.text)
            or GOAL_WORDS.search(question.text)
            or PROGRESS.search(question.text)
        ):
            hits.append(question)
    return hits


@register("coachlens.marker.8_1.v1", needs=("acts", "position"))
def detect_progress_check(view: SessionView) -> MarkerFinding:
    """8.1: the client is invited to look at their progress toward the session goal."""
    name = "coachlens.marker.8_1.v1"
    hits = _progress_checks(view)
    if not hits:
        for turn in view.client_turns:
            if view.position(turn.index) >= 0.3 and CLIENT_PROGRESS.search(turn.text):
                follow = view.turns[turn.index + 1] if turn.index + 1 < len(view.turns) else None
                if follow is not None and follow.role == "coach" and view.questions_in(follow.index):
                    hits.append(view.questions_in(follow.index)[0])
    hits.sort(key=lambda s: s.index)
    open_checks = [s for s in hits if s.is_open_question]
    if open_checks and all(FEELING_NOW.search(s.text) for s in open_checks):
        first = open_checks[0]
        return finding(
            "8.1",
            "partial",
            0.6,
            [sentence_evidence(view, s) for s in open_checks],
            f"{when(view, first.turn).capitalize()} the coach asked how the client feels now ({quoted(first.text)}); "
            "that notices the shift, but not where they are with what they wanted from the session.",
            name,
        )
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
    timed = [h.sentence for h in view.find(TIME_CHECK, after=0.5)]
    if not hits and timed:
        first = timed[0]
        return finding(
            "8.1",
            "missed",
            0.7,
            [sentence_evidence(view, first)],
            f"{when(view, first.turn).capitalize()} the coach marked the time ({quoted(first.text)}) and moved on "
            "without asking how far the client had got toward what they wanted from the session.",
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
    if not hits:
        return _learning_missed(
            view,
            "8.2",
            "coachlens.marker.8_2.v1",
            invite="what they had learned about themself",
            missing="The coach never asked what the client had learned about themself; any insight stayed unspoken.",
        )
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
    if not hits:
        # "Where are you now with what you wanted?" answered with what is now clear about the situation:
        # the learning got said, though the coach did not invite it as learning.
        checks = [s for s in _progress_checks(view) if s.is_open_question and not FEELING_NOW.search(s.text)]
        answers = learning_replies(view, checks)
        if answers:
            said = turn_evidence(view, answers[0].said.turn, sentences=3)
            # In a compressed close the learning shares a turn with the decision; quote the learning itself.
            stated = STATED_LEARNING.search(view.turn(said.turn).text)
            if stated is not None:
                said = sentence_around(view, said.turn, stated.start())
            what = "named what they are taking away" if stated is not None else "said where they now stand"
            return finding(
                "8.3",
                "partial",
                0.6 if stated is not None else 0.55,
                [said, sentence_evidence(view, answers[0].question)],
                f"Answering the progress check {when(view, said.turn)}, the client {what} "
                f"({quoted(said.quote, 120)}), which touches what is clearer about the situation; the coach never "
                "invited that learning as such (for example: what's clearer now about the situation?).",
                "coachlens.marker.8_3.v1",
            )
        return _learning_missed(
            view,
            "8.3",
            "coachlens.marker.8_3.v1",
            invite="what had become clearer about the situation",
            missing="The coach never asked what had become clearer about the situation; the client did not put the learning into words.",
        )
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
    linked = _learning_linked_to_action(view) if not hits else None
    if linked is not None:
        return finding(
            "8.4",
            "partial",
            0.55,
            [linked],
            f"Unprompted, the client tied what they learned to what they will do {when(view, linked.turn)} "
            f"({quoted(linked.quote, 140)}); the coach did not invite them to consider how they will use it.",
            "coachlens.marker.8_4.v1",
        )
    if not hits:
        # Point at the learning the client named: that is where "how will you use that?" belonged.
        asked = [h.sentence for h in view.find(LEARN_SELF, after=0.4)] + [
            h.sentence for h in view.find(LEARN_SITUATION, after=0.4) if h.sentence.is_question
        ]
        named = learning_replies(view, sorted(asked, key=lambda s: s.index), min_words=5)
        if named:
            said = named[0].said
            return finding(
                "8.4",
                "missed",
                0.65,
                [said],
                f"The client named what they learned {when(view, said.turn)} ({quoted(said.quote, 100)}), but the "
                "coach never asked how they would use it.",
                "coachlens.marker.8_4.v1",
            )
    return _status_for(
        view,
        "8.4",
        "coachlens.marker.8_4.v1",
        hits,
        what="invited the client to consider how they will use what they learned",
        missing="The coach never asked how the client would use what they had learned.",
        late_from=0.85,
    )


def _learning_linked_to_action(view: SessionView) -> Evidence | None:
    """A late client sentence that names a learning and the step that follows from it ("What I'm taking
    away is X, so I'll do Y"): how the learning will be used is said, though not invited."""
    for turn in view.client_turns:
        stated = STATED_LEARNING.search(turn.text) if view.position(turn.index) >= 0.45 else None
        if stated is None:
            continue
        said = sentence_around(view, turn.index, stated.start())
        if CLIENT_COMMITS.search(said.quote):
            return said
    return None
