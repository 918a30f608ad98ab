"""Rewrites of question shape: a closed question becomes open, a stack becomes its first question.

Separate from the advice and leading rewrites because these lines carry no stance to remove: the coach
asked a fair question in a narrow form (yes/no, or several at once), and only the form changes.
Check-ins ("Does that make sense?") are recognised here too, since they are the closed questions that
are fine as they are.
"""

from __future__ import annotations

import re

from coachlens.analysis.rewrite_grammar import (
    DETERMINERS,
    NOT_ADJECTIVE,
    OPTIONAL_THAT,
    PLAIN_SUBJECTS,
    PREPOSITIONS,
    as_question,
    core,
    verb_phrase_gerund,
)

# Where one question ends and the next begins inside a sentence.
QUESTION_JOINS = re.compile(
    r",\s*(?:and|or|but)\s+(?=(?:what|who|when|where|why|how|would|will|do|does|did|is|are|can|could|should|have|has)\b)"
    # A list of questions joined by bare commas: "How will you raise it, when will you do it, and ...?"
    r"|,\s*(?=(?:what|who|when|where|why|how) (?:will|would|do|does|did|is|are|can|could|should)\b)",
    re.IGNORECASE,
)
# "Is it that A, or is it that B?": the coach's own answers offered as a menu. Opening it would only
# wrap the menu in another question, so no closed-to-open rewrite is offered.
_MENU = re.compile(r",?\s+or (?:is it|are you|do you|was it|is that|that|is there)\b", re.IGNORECASE)
_BE = re.compile(r"^(is|are|was|were) (that|it|this|he|she|they|you|there) (.+)$", re.IGNORECASE)
_ANYTHING = re.compile(
    r"^is there anything( else)? (?:that )?you (can|could|would|should|will|want|need|have)( to)? (.+)$",
    re.IGNORECASE,
)
_WANT = re.compile(r"^(?:do|would) you (?:want|like) to (.+)$", re.IGNORECASE)
_HAVE = re.compile(r"^(?:do|did) you have (?:any |a |an |some )?(.+)$", re.IGNORECASE)
_THINK = re.compile(rf"^do you (think|feel|believe|reckon) {OPTIONAL_THAT}(.+)$", re.IGNORECASE)
_MODAL = re.compile(r"^(?:can|could|will|would) you (.+)$", re.IGNORECASE)
_CHECK_IN = re.compile(
    r"^(?:does (?:that|this) (?:make sense|fit|sound right|resonate|land)|is (?:that|this) (?:right|okay|ok|fair|"
    r"accurate)|(?:is it|would it be) (?:okay|ok|all right|alright) (?:if|to)|can I|may I|shall we|are you ready|"
    r"does that work|okay|right|yeah)\b",
    re.IGNORECASE,
)


def is_check_in(text: str) -> bool:
    """Closed questions that are fine as they are: permission, checking understanding."""
    return bool(_CHECK_IN.match(core(text)))


def closed_to_open(text: str) -> str | None:
    """'Is that important to you?' -> 'How important is that to you?' and similar reshapes."""
    body = core(text)
    if is_check_in(body) or _MENU.search(body):
        return None
    if (m := _ANYTHING.match(body)) is not None:
        else_ = " else" if m.group(1) else ""
        verb, rest = m.group(2).lower(), m.group(4)
        if verb in {"want", "need", "have"}:
            return as_question(f"What{else_} do you {verb}{m.group(3) or ''} {rest}")
        return as_question(f"What{else_} {verb} you {rest}")
    if (m := _WANT.match(body)) is not None and re.search(r"\b(?:me|us)\b", m.group(1), re.IGNORECASE):
        # "Do you want to check in with me on Friday?" offers the coach's follow-up; the client's own
        # way of keeping to it is the question.
        return "How would you like to hold yourself to this?"
    if (m := _WANT.match(body)) is not None and (action := verb_phrase_gerund(m.group(1))):
        return as_question(f"How do you feel about {action}")
    if (m := _HAVE.match(body)) is not None:
        words = m.group(1).split()
        split_at = next((i for i, w in enumerate(words) if w.lower() in PREPOSITIONS), len(words))
        noun, tail = words[:split_at], words[split_at:]
        if 1 <= len(noun) <= 4 and not noun[0].lower().endswith("ing"):
            return as_question(" ".join(["What", *noun, "do you have", *tail]))
    if (m := _THINK.match(body)) is not None:
        verb, clause = m.group(1).lower(), m.group(2)
        helps = re.match(r"^(?:it|that|this) would (.+)$", clause, re.IGNORECASE)
        if helps:
            return as_question(f"What do you think would {helps.group(1)}")
        first, *others = clause.split()
        pronouns = PLAIN_SUBJECTS | {"he", "she", "they"}
        if verb == "feel" and first.lower() not in DETERMINERS | NOT_ADJECTIVE | pronouns and first.islower():
            return as_question(" ".join(["How", first, "do you feel", *others]))
        return as_question(f"What's your own view on whether {clause}")
    if (m := _BE.match(body)) is not None and m.group(2).lower() != "there":
        be, subject, rest = m.group(1).lower(), m.group(2).lower(), m.group(3)
        first, *others = rest.split()
        if first.lower() in {"a", "an"} and others:
            cut = next((i for i, w in enumerate(others) if w.lower() in PREPOSITIONS), len(others))
            noun, tail = " ".join(others[:cut]), " ".join(others[cut:])
            return as_question(f"How much of a {noun} {be} {subject} {tail}")
        if first.lower() == "going" and others[:1] == ["to"] and len(others) >= 2:
            action = verb_phrase_gerund(" ".join(others[1:]))
            if action:
                return as_question(f"What would {action} look like")
        if first.lower() not in DETERMINERS | NOT_ADJECTIVE and not first.lower().endswith(("ing", "ly")):
            return as_question(" ".join(["How", first, be, subject, *others]))
        if subject not in {"it", "that", "this"}:
            return None  # a question of fact ("Are you on LinkedIn?") has no better open form without context
        return as_question(f"What's your own view on whether {subject} {be} {rest}")
    if (m := _MODAL.match(body)) is not None and not re.match(r"^(?:tell|say|give|help)\b", m.group(1)):
        # "Would you be able to do that?" -> "What would it take to do that?", not "to be able to do that".
        action = re.sub(r"^be able to ", "", m.group(1), flags=re.IGNORECASE)
        return as_question(f"What would it take to {action}")
    return None


def first_of_stack(text: str) -> str | None:
    """The first question of a stacked line, on its own: 'What would it sound like, and when ...?' ->
    'What would it sound like?'"""
    first = QUESTION_JOINS.split(text.strip(), maxsplit=1)[0]
    body = core(first)
    return as_question(body) if len(body.split()) >= 3 else None
