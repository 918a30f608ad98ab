"""Competency 8 helpers that read the client's side of the close.

The 8.x markers are phrased as coach behaviour, but a mentor also reads what the client did with it:
a client who answers an open question by stating their own next step has designed it (8.5), even if
the question was not worded "what will you do?"; a client who answers a progress check by saying what
is now clear about the situation has put learning into words (8.3, in part). These helpers find those
replies; the detectors in `growth` and `growth_next_steps` decide what they are worth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import sentence_around, span_evidence
from coachlens.analysis.detectors.text import rx, sentence_spans
from coachlens.models import Evidence

# "What would you do if that feeling weren't in charge?" imagines a different self to evoke awareness
# (competency 7); it does not ask the client to design what they will actually do after the session.
HYPOTHETICAL = rx(
    r"\b(?:would|could|might) you (?:do|say|try|be)\b[^?]*\bif\b|"
    r"\bif (?:you|that|it|this|they|he|she|[a-z]+ing|\w+) (?:were|weren'?t|wasn'?t|had(?:n'?t)?|"
    r"didn'?t|could|knew)\b|\b(?:imagine|suppose|pretend|magic wand)\b"
)
# The client states their own next step: "I'll book the meeting", "I think I'll ask my manager".
# Anchored at a sentence start or a hedge, so reported content ("that I'll be out some days") and
# predictions about themself ("I'll be fine") do not count.
CLIENT_COMMITS = rx(
    r"(?:^|[.!?]\s+|\b(?:I think|so|then|and|maybe|probably|first,?|tonight,?|tomorrow,?)\s+)"
    r"(?:I'?ll|I will|I'?m going to|I'm gonna)\s+"
    r"(?!be\b|have to\b|never\b|see\b|try\b|look\b|feel\b|seem\b|get\b|end up\b|lose\b|forget\b|just\b|probably\b)"
    r"(?:\w+ly\s+)?[a-z]+"
)
# A question that looks ahead; the client's "I'll ..." in answer to "Why did you avoid it?" is a fear. A
# progress check ("Where are you now with it?") is where a short close often lands its decision and step.
LOOKS_AHEAD = rx(
    r"\b(?:will|would|going to|want|plan|next|first|like to|where (?:are you|does that leave you) now|"
    r"where does that leave you)\b"
)
# A check-in with the coach, offered by the coach as a yes/no question: the structure is there, but the
# coach designed it ("Do you want to check in with me on Friday?").
COACH_OFFERS_CHECK_IN = rx(
    r"\b(?:do you want|would you like|would it help|shall we|should we|how about|want) to "
    r"(?:check in|send me|let me know|message me|email me|text me|update me|touch base)\b|"
    r"\bcheck in with me\b"
)
# A progress check that asks how the client feels rather than where they are with what they wanted.
FEELING_NOW = rx(r"\bhow (?:are you feeling|do you feel|\w+ do you feel)\b")
# Words that tie a look back at the start to the client's goal rather than to any earlier remark.
GOAL_WORDS = rx(
    r"\b(?:want|wanted|wanting|goal|outcome|aim|hoped|hoping|came (?:in )?(?:with|for)|get from|leave with|"
    r"(?:by|at) the end|plan for)\b"
)


@dataclass(frozen=True)
class ClientReply:
    """A coach question and the client sentence that answered it."""

    question: CoachSentence
    said: Evidence


def _reply_to(view: SessionView, question: CoachSentence) -> int | None:
    after = question.turn + 1
    if after < len(view.turns) and view.turns[after].role == "client":
        return after
    return None


def commitment_after(view: SessionView, coach_turn: int, *, not_a_step: re.Pattern[str]) -> Evidence | None:
    """The client's own next step in the turn that answers `coach_turn`, if they stated one."""
    reply = coach_turn + 1
    if reply >= len(view.turns) or view.turns[reply].role != "client":
        return None
    text = view.turn(reply).text
    for match in CLIENT_COMMITS.finditer(text):
        said = sentence_around(view, reply, match.end() - 1)
        if not_a_step.search(said.quote):
            continue
        # "What I'm taking away is X, so I'll do Y": the step is the tail of a long sentence; quote it.
        start, end = next(
            ((a, b) for a, b in sentence_spans(text) if a <= match.end() - 1 < b), (0, len(text))
        )
        pledge = text.find("I", match.start(), match.end())
        if pledge - start > 60:
            return span_evidence(view, reply, pledge, end)
        return said
    return None


def client_designed_steps(
    view: SessionView, *, after: float, not_a_step: re.Pattern[str], skip: tuple[CoachSentence, ...] = ()
) -> list[ClientReply]:
    """Client sentences stating their own next step in reply to an open coach question that offered
    no advice (a step the coach proposed and the client accepted is not the client's design).
    `not_a_step` marks sentences that only predict an obstacle ("I'll talk myself out of it")."""
    replies: list[ClientReply] = []
    for turn in view.coach_turns:
        if view.position(turn.index) < after:
            continue
        sentences = view.sentences_in(turn.index)
        questions = [s for s in sentences if s.is_question]
        if not questions or any(s.is_advice for s in sentences):
            continue
        question = questions[-1]
        if question in skip or not question.is_open_question or question.is_leading or question.is_why:
            continue
        if not LOOKS_AHEAD.search(question.text):
            continue
        said = commitment_after(view, turn.index, not_a_step=not_a_step)
        if said is not None:
            replies.append(ClientReply(question, said))
    return replies


def learning_replies(
    view: SessionView, questions: list[CoachSentence], *, min_words: int = 8
) -> list[ClientReply]:
    """The client's answers to the given questions that say something (not just "yes" or "good")."""
    replies: list[ClientReply] = []
    for question in questions:
        reply = _reply_to(view, question)
        if reply is None:
            continue
        text = view.turn(reply).text
        if len(text.split()) < min_words:
            continue
        # The fullest sentence usually carries the learning; a leading "Further than I thought." does not.
        start, end = max(sentence_spans(text), key=lambda span: len(text[span[0] : span[1]].split()))
        said = span_evidence(view, reply, start, end)
        replies.append(ClientReply(question, said))
    return replies
