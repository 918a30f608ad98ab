"""Advice rewrites: "You should ..." becomes a question that asks for the client's own options.

Separate from the question reshapes because it is the one transform that must first decide whether a
line is advice at all (the metrics and the leading-question rewrite reuse that test), and because its
output keeps only the advised action, turned into a gerund.
"""

from __future__ import annotations

import re

from coachlens.analysis.rewrite_grammar import as_question, base_of_participle, core, verb_phrase_gerund

_ADVICE = re.compile(
    r"^(?:you (?:should|need to|have to|must|ought to|could|might want to|may want to|want to)|you'?ve got to|"
    r"you'?d better|I'?d suggest|I suggest|I'?d recommend|I would(?! (?:like|love|be|want))|"
    r"I'?d(?! (?:like|love|be|want|say|imagine|guess))|maybe you could|maybe try|"
    r"why don'?t you|why not|have you (?:tried|thought about|considered)|what about|how about|couldn'?t you|"
    r"could you|can you|wouldn'?t it be (?:better|good|easier|wise|worth) to|would it be (?:better|worth|useful) to|"
    r"it might help to|it'?d be worth|try|make sure you|don'?t forget to|"
    r"I wonder (?:if|whether) you (?:should|could|might want to|might|need to|ought to)|"
    r"would it help (?:you )?to|would it be (?:helpful|a good idea) to)\s+(.+)$",
    re.IGNORECASE,
)
# "What if you just talked to her?" is a suggestion; "What if you fail?" explores a fear. The mark of
# the suggestion is "just"/"simply" or the past tense of a hypothetical.
_WHAT_IF = re.compile(
    r"^what if you (?:(?:just|simply|maybe) (\w+)|(\w+ed|told|went|spoke|wrote|took|gave|said|asked))\b(.*)$",
    re.IGNORECASE,
)
# "Would it help to try saying it out loud now?" offers a way to use the session, and leaves the choice
# to the client: partnering on the process, not advice about the client's life.
_PROCESS_OFFER = re.compile(
    r"^(?:would it help (?:you )?to|would it be (?:helpful|a good idea) to)\b.*\b(?:now|here|together|right now|"
    r"with me|in the session|for a moment)\b",
    re.IGNORECASE,
)
# A helper introduced by the coach: "with a friend", "with someone you trust". An indefinite helper is
# new to the conversation, so it is the coach's idea; "with her" or "with your manager" is the client's.
_NEW_HELPER = re.compile(
    r"\s+(?:with|alongside|in front of) (?:a|an|some|someone|somebody|another)\b.*$", re.IGNORECASE
)
_ASK_SOMEONE = re.compile(
    r"^(?:ask|asking|talk(?:ing)? to|speak(?:ing)? to|go(?:ing)? to|reach(?:ing)? out to|call(?:ing)?|contact(?:ing)?)"
    r" (?:a|an|another|someone|somebody|some)\b",
    re.IGNORECASE,
)
_TO_THE_COACH = re.compile(r"\b(?:me|us)\b", re.IGNORECASE)
# "journaling, or maybe talk to HR": a menu of the coach's options has no single action to hand back.
_MENU = re.compile(
    r",?\s+or (?:maybe |perhaps |just |even )?(?:\w+ing|talk|try|ask|go|speak|get|write)\b", re.IGNORECASE
)
_WANT_CHECK = re.compile(r"^you (?:want|'d like|would like) to\b", re.IGNORECASE)
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


def _checks_want(text: str, body: str) -> bool:
    """ "So you want to sort it out before the review?" checks what the client wants; "You want to call
    him first." (no question mark) is the coach's advice."""
    return text.rstrip().endswith("?") and _WANT_CHECK.match(body) is not None


def is_advice_line(text: str) -> bool:
    """True for a line shaped as advice ("You should ...", "Couldn't you ...?", "Have you tried ...?")."""
    body = core(text)
    if _PROCESS_OFFER.match(body) or _checks_want(text, body):
        return False
    match = _ADVICE.match(body)
    if match is None:
        return _WHAT_IF.match(body) is not None
    return not NOT_ADVICE.match(match.group(1))


def advice_to_question(text: str) -> str | None:
    """'You should put your prices up.' -> 'What options do you see for putting your prices up?'"""
    body = core(text)
    if _PROCESS_OFFER.match(body) or _checks_want(text, body):
        return None
    match = _ADVICE.match(body)
    phrase = match.group(1) if match else None
    if phrase is None and (what_if := _WHAT_IF.match(body)) is not None:
        verb = what_if.group(1) or what_if.group(2)
        phrase = f"{base_of_participle(verb)}{what_if.group(3)}"
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
    if _MENU.search(phrase):
        return None
    # "try journaling", "try to talk to her": the action is what follows "try".
    phrase = re.sub(r"^try (?=\w+ing\b)|^try to ", "", phrase, flags=re.IGNORECASE)
    # "apply, you'd be great at it": the advised action ends where a new clause begins.
    phrase = _NEXT_CLAUSE.split(phrase, maxsplit=1)[0]
    # "practise with a friend": the helper the coach has in mind is their idea, not the client's.
    # Only when the action stands without the helper ("practise"); "pairing him" would lose its sense.
    helped = _NEW_HELPER.sub("", phrase)
    if helped != phrase and re.match(r"^\w+(?: (?:it|that|this))?$", helped, re.IGNORECASE):
        phrase = helped.split()[0]
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in _FUNCTION_WORDS or (match and _GERUND_TRIGGER.match(body) and not first.endswith("ing")):
        return None
    if _ASK_SOMEONE.match(phrase):
        # "asking another head of department": who to turn to is the coach's idea; ask the client's.
        return "Who could help you with this?"
    action = verb_phrase_gerund(phrase)
    if action is None or len(action.split()) > 10:
        return None
    # "You have to get over that." carries no content to build an option question from.
    if len(action.split()) <= 3 and action.split()[-1].lower() in {"that", "it", "this"}:
        return None
    if _TO_THE_COACH.search(phrase) and not first.endswith("ing"):
        # "send me a message after Thursday" is the coach designing the follow-up; the client's
        # options are whether and how to follow up at all.
        return as_question(f"How, if at all, would you like to {phrase}")
    return as_question(f"What options do you see for {action}")
