"""Advice rewrites: "You should ..." becomes a question that asks for the client's own options.

Separate from the question reshapes because it is the one transform that must first decide whether a
line is advice at all (the metrics and the leading-question rewrite reuse that test), and because its
output keeps only the advised action, turned into a gerund.
"""

from __future__ import annotations

import re

from coachlens.analysis.rewrite_grammar import as_question, core, verb_phrase_gerund

_ADVICE = re.compile(
    r"^(?:you (?:should|need to|have to|must|ought to|could|might want to|may want to|want to)|you'?ve got to|"
    r"you'?d better|I'?d suggest|I suggest|I'?d recommend|I would(?! (?:like|love|be|want))|"
    r"I'?d(?! (?:like|love|be|want|say|imagine|guess))|maybe you could|maybe try|"
    r"why don'?t you|why not|have you (?:tried|thought about|considered)|what about|how about|couldn'?t you|"
    r"could you|can you|wouldn'?t it be (?:better|good|easier|wise|worth) to|would it be (?:better|worth|useful) to|"
    r"it might help to|it'?d be worth|try|make sure you|don'?t forget to)\s+(.+)$",
    re.IGNORECASE,
)
# Short prompts that hand the floor back are invitations, not advice.
NOT_ADVICE = re.compile(
    r"^(?:go (?:ahead|on|for it)|take (?:your time|care)|carry on|say more|tell me more|keep going|please|"
    r"have a think|see you|speak soon|look after yourself|take (?:all )?the time you need)\b",
    re.IGNORECASE,
)
_NEXT_CLAUSE = re.compile(r",\s+(?=(?:you|it|that|this|and|but|because|so|i|i'm|i'd)\b)", re.IGNORECASE)
_GERUND_TRIGGER = re.compile(
    r"^(?:have you (?:tried|thought about|considered)|what about|how about)\b", re.IGNORECASE
)
_FUNCTION_WORDS = frozenset(
    [
        "what",
        "how",
        "who",
        "why",
        "which",
        "whether",
        "if",
        "that",
        "it",
        "this",
        "the",
        "a",
        "an",
        "your",
        "my",
        "his",
        "her",
        "their",
        "some",
        "any",
        "there",
        "here",
    ]
)
_IMPERATIVE = frozenset(
    [
        "write",
        "put",
        "get",
        "make",
        "take",
        "try",
        "go",
        "ask",
        "tell",
        "call",
        "send",
        "start",
        "stop",
        "keep",
        "give",
        "block",
        "sit",
        "do",
        "use",
        "think",
        "talk",
        "raise",
        "book",
        "hire",
        "set",
        "sort",
        "check",
        "look",
    ]
)


def is_advice_line(text: str) -> bool:
    """True for a line shaped as advice ("You should ...", "Couldn't you ...?", "Have you tried ...?")."""
    match = _ADVICE.match(core(text))
    return match is not None and not NOT_ADVICE.match(match.group(1))


def advice_to_question(text: str) -> str | None:
    """'You should put your prices up.' -> 'What options do you see for putting your prices up?'"""
    body = core(text)
    match = _ADVICE.match(body)
    phrase = match.group(1) if match else None
    # A bare imperative ("Write it down.") is advice; "Do you ...?" is not an imperative.
    if (
        phrase is None
        and body.split()
        and body.split()[0].lower() in _IMPERATIVE
        and not text.rstrip().endswith("?")
    ):
        phrase = body
    if phrase is None or NOT_ADVICE.match(phrase):
        return None
    phrase = re.sub(r"^(?:just|maybe|perhaps|definitely|really)\s+", "", phrase, flags=re.IGNORECASE)
    # "apply, you'd be great at it": the advised action ends where a new clause begins.
    phrase = _NEXT_CLAUSE.split(phrase, maxsplit=1)[0]
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in _FUNCTION_WORDS or (match and _GERUND_TRIGGER.match(body) and not first.endswith("ing")):
        return None
    action = verb_phrase_gerund(phrase)
    if action is None or len(action.split()) > 10:
        return None
    # "You have to get over that." carries no content to build an option question from.
    if len(action.split()) <= 3 and action.split()[-1].lower() in {"that", "it", "this"}:
        return None
    return as_question(f"What options do you see for {action}")
