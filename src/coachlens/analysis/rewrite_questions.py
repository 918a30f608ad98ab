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
from coachlens.analysis.rewrite_leading import leading_to_neutral

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
# "Is it that you want to ...?", "So is it the X you want to talk about?", "So you want to ...?": the
# coach guessing or checking what the client wants.
_WANT = re.compile(
    r"^(?:(?:do|would) you|is it that you|you|is it (?:\w+ ){0,5}?(?:that )?you) (?:want|like|would like|'d like) to (.+)$",
    re.IGNORECASE,
)
_TOPIC_VERB = re.compile(
    r"^(talk about|focus on|work on|look at|explore|discuss|think about|get into)\b", re.IGNORECASE
)
_WHEN = re.compile(r"\s+((?:before|by|after|until|in time for|ahead of) .+)$", re.IGNORECASE)
_HAVE = re.compile(r"^(?:(do|did) you (have|get)|have you got) (any |a |an |some |the )?(.+)$", re.IGNORECASE)
_SOMEONE = re.compile(r"^(someone|somebody|anyone|anybody|something|anything) (?:who|that) (.+)$", re.I)
_THINK = re.compile(
    rf"^(?:do you (think|feel|believe|reckon)|would you (say)) {OPTIONAL_THAT}(.+)$", re.IGNORECASE
)
_MODAL = re.compile(r"^(?:can|could|will|would) you (.+)$", re.IGNORECASE)
# "Is that something you could ask Owen about, the mistakes?": the trailing phrase names what "that" is.
_SOMETHING = re.compile(
    r"^(?:is|was) (that|it|this) something (?:that )?(?:you( could| can| might|'d want to| would want to| want to|"
    r"'d like to| would like to| need to) (.+?)|(matters|is important|means a lot|means something)\b.*?)"
    r"(?:,\s*(?P<appos>(?:the|that|your|his|her|their|this) .+))?$",
    re.IGNORECASE,
)
# "it's a confidence issue or an effort issue": the coach's own menu of causes.
_EITHER_OR = re.compile(
    r"^(?:it|that|this)(?:'s| is| was) ((?:a |an |the |more )?[\w-]+(?: [\w-]+){0,3}) or "
    r"((?:a |an |the |more )?[\w-]+(?: [\w-]+){0,3})$",
    re.IGNORECASE,
)
_CAUSE_NOUN = re.compile(r"\b(?:thing|issue|problem|question|reason|matter|factor|side|part)s?\b", re.I)
_RELATION = re.compile(
    r"^is there (?:a|any) (difference|link|connection|pattern|similarity|common thread|theme)(?:,[^,]*,)? (.+)$",
    re.IGNORECASE,
)
_FEAR = re.compile(r"^(?:are|were) you (?:worried|afraid|scared|concerned|nervous) (?!about\b|of\b)", re.I)
_WHAT_YOU = re.compile(r"^(?:is|was) (?:that|it|this) (?:really )?what you (want|need|mean)\b(.*)$", re.I)
_REACTION = re.compile(
    r"^(he|she|they|(?-i:[A-Z][a-z]+))(?:'d|'ll| would| will) (?:agree|disagree|mind|accept|object|welcome|"
    r"understand|listen|care|go for it|say yes|say no|be (?:okay|ok|fine|upset|angry|happy|open|annoyed))\b",
    re.IGNORECASE,
)
_THIRD = frozenset(["he", "she", "they"])
_CHECK_IN = re.compile(
    r"^(?:does (?:that|this) (?:make sense|fit|sound right|resonate|land)|is (?:that|this) (?:right|okay|ok|fair|"
    r"accurate)|(?:is it|would it be) (?:okay|ok|all right|alright) (?:if|to)|can I|may I|shall we|are you ready|"
    # "Are you happy to leave it there?", "Are you okay with that?": checking the client is with the coach.
    r"are you (?:happy|okay|ok|alright|all right|comfortable) (?:to (?:leave|stop|end|finish|close|wrap|pause|"
    r"move|go on|carry on|continue)|with (?:that|this|it)\b|if\b)|"
    r"does that work|okay|right|yeah)\b",
    re.IGNORECASE,
)


def is_check_in(text: str) -> bool:
    """Closed questions that are fine as they are: permission, checking understanding."""
    return bool(_CHECK_IN.match(core(text)))


def closed_to_open(text: str) -> str | None:
    """'Is that important to you?' -> 'How important is that to you?' and similar reshapes.

    Each shape gets the short open question a mentor would offer in its place; the stock "What's your
    own view on whether ...?" is kept only for an opinion question no shape below fits."""
    body = core(text)
    if is_check_in(body) or _MENU.search(body):
        return None
    if (m := _ANYTHING.match(body)) is not None:
        else_ = " else" if m.group(1) else ""
        verb, rest = m.group(2).lower(), m.group(4)
        if verb in {"want", "need", "have"}:
            return as_question(f"What{else_} do you {verb}{m.group(3) or ''} {rest}")
        return as_question(f"What{else_} {verb} you {rest}")
    if (m := _WANT.match(body)) is not None:
        return _want_to_open(body, m.group(1))
    if _FEAR.match(body) and (neutral := leading_to_neutral(body)) is not None:
        # "Are you worried she'll get upset?" hands the client the coach's feeling; ask for theirs.
        return neutral
    if (m := _HAVE.match(body)) is not None:
        return _have_to_open(m.group(1), m.group(2), m.group(4), (m.group(3) or "").strip().lower())
    if (m := _SOMETHING.match(body)) is not None:
        return _something_to_open(m)
    if (m := _RELATION.match(body)) is not None:
        return as_question(f"What {m.group(1).lower()} do you see {m.group(2)}")
    if (m := _THINK.match(body)) is not None:
        return _opinion_to_open((m.group(1) or m.group(2)).lower(), m.group(3))
    if (m := _EITHER_OR.match(re.sub(r"^is (it|that|this) ", r"\1 is ", body, flags=re.I))) is not None:
        return _either_or(m)
    if (m := _WHAT_YOU.match(body)) is not None:
        return as_question(f"What do you {m.group(1)}{m.group(2)}")
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
        if _adjective(first):
            # "Is she aware ...?": only the client's view of her is in the room, so ask for it.
            think = " do you think" if subject in _THIRD else ""
            if think:
                return as_question(" ".join(["How", first, f"do you think {subject} {be}", *others]))
            return as_question(" ".join(["How", first, be, subject, *others]))
        return None  # a question of fact ("Are you on LinkedIn?") has no better open form without context
    if (m := _MODAL.match(body)) is not None and not re.match(r"^(?:tell|say|give|help)\b", m.group(1)):
        # "Would you be able to do that?" -> "What would it take to do that?", not "to be able to do that".
        action = re.sub(r"^be able to ", "", m.group(1), flags=re.IGNORECASE)
        return as_question(f"What would it take to {action}")
    return None


def _adjective(word: str) -> bool:
    """Whether the word after "is she ..." can be the adjective of a "How ... is she?" question."""
    lower = word.lower()
    return lower not in DETERMINERS | NOT_ADJECTIVE and not lower.endswith(("ing", "ly")) and word.islower()


def _want_to_open(body: str, phrase: str) -> str | None:
    """'Is it that you want to talk about X today?' -> 'What would you like to talk about today?'"""
    if re.search(r"\b(?:me|us)\b", phrase, re.IGNORECASE) and re.match(r"^(?:do|would)\b", body, re.I):
        # "Do you want to check in with me on Friday?" offers the coach's follow-up; the client's
        # own way of keeping to it is the question.
        return "How would you like to hold yourself to this?"
    when = _WHEN.search(phrase)
    tail = when.group(1) if when else ""
    guess = not re.match(r"^(?:do|would)\b", body, re.IGNORECASE)
    if guess and (topic := _TOPIC_VERB.match(phrase)) is not None:
        # The coach has named the topic for the client; the open question leaves the naming to them.
        today = re.search(r"\b(?:today|now|in this session|this session)$", phrase, re.IGNORECASE)
        return as_question(
            f"What would you like to {topic.group(1).lower()} {today.group(0) if today else ''}"
        )
    if guess and tail:
        # "So you want to sort it out before the review?": the coach's guess at the outcome.
        return as_question(f"What would you like to happen {tail}")
    action = verb_phrase_gerund(phrase)
    return as_question(f"How do you feel about {action}") if action else None


def _have_to_open(aux: str | None, verb: str | None, rest: str, article: str) -> str | None:
    """'Have you got a plan for X?' -> 'What plan do you have for X?'; 'someone who ...' -> 'Who ...?'"""
    if (who := _SOMEONE.match(rest)) is not None:
        pronoun = "What" if who.group(1).lower().endswith("thing") else "Who"
        return as_question(f"{pronoun} {who.group(2)}")
    words = rest.split()
    stops = PREPOSITIONS | {"when", "while", "since", "that", "who", "which", "if"}
    split_at = next((i for i, w in enumerate(words) if w.lower() in stops), len(words))
    noun, tail = words[:split_at], words[split_at:]
    # After an article "training" is a noun; a bare "-ing" word may be a verb form.
    if not 1 <= len(noun) <= 4 or (noun[0].lower().endswith("ing") and not article):
        return None
    if any(w.lower().endswith("ing") for w in noun[1:]):  # "trouble sleeping": a verb form, not a noun
        return None
    if article in {"a", "an"} and not tail:
        return None  # "Have you got a website?" -> "What website do you have?" presumes there is one
    asked = f"{(aux or 'do').lower()} you {(verb or 'have').lower()}"
    return as_question(" ".join(["What", *noun, asked, *tail]))


def _something_to_open(m: re.Match[str]) -> str | None:
    """'Is that something you could ask Owen about, the mistakes?' -> 'How might you ask Owen about
    the mistakes?'; 'Is that something that matters to you?' -> 'What about that matters to you?'"""
    thing = m.group("appos") or m.group(1).lower()
    if m.group(4):
        return as_question(f"What about {thing} matters to you")
    modal, action = m.group(2).strip().lower(), m.group(3)
    if action.split()[-1].lower() in PREPOSITIONS:
        action = f"{action} {thing if m.group('appos') else 'it'}"
    if modal in {"could", "can", "might"}:
        return as_question(f"How might you {action}")
    return as_question(f"What about {thing} would you like to {m.group(3)}")


def _opinion_to_open(verb: str, clause: str) -> str | None:
    """'Do you think that's the cause?' -> 'What do you think is the cause?' and the other opinion shapes."""
    if (m := _EITHER_OR.match(clause)) is not None:
        return _either_or(m)
    helps = re.match(r"^(?:it|that|this) would (.+)$", clause, re.IGNORECASE)
    if helps:
        return as_question(f"What do you think would {helps.group(1)}")
    the = re.match(r"^(?:it|that|this)(?:'s| is) (the .+)$", clause, re.IGNORECASE)
    if the:
        return as_question(f"What do you think is {the.group(1)}")
    first, *others = clause.split()
    pronouns = PLAIN_SUBJECTS | _THIRD
    if verb == "feel" and first.lower() not in DETERMINERS | NOT_ADJECTIVE | pronouns and first.islower():
        return as_question(" ".join(["How", first, "do you feel", *others]))
    state = re.match(
        r"^(she|he|they|you|it|that|this)(?:'s| is|'re| are) (\w+)\b(.*)$", clause, re.IGNORECASE
    )
    if state and _adjective(state.group(2)):
        subject = state.group(1).lower()
        be = "are" if subject in {"you", "they"} else "is"
        return as_question(f"How {state.group(2)} do you think {subject} {be}{state.group(3)}")
    reacts = _REACTION.match(clause)
    if reacts:
        # "Do you think he'd agree?": the client can only imagine the reaction, so ask them to.
        return as_question(f"How do you imagine {reacts.group(1)} would react")
    could = re.match(r"^you (?:could|can|might) (.+)$", clause, re.IGNORECASE)
    if could:
        return as_question(f"How might you {could.group(1)}")
    if verb == "say":
        return None  # "Would you say more?" is a request; the rest have no open form built from their words
    return as_question(f"What's your own view on whether {clause}")


def _either_or(m: re.Match[str]) -> str:
    """'Is it a confidence issue or an effort issue?' -> 'What do you think is behind it?': the coach's
    menu of causes is set aside, and the client names the cause; any other menu becomes 'How do you see it?'"""
    if _CAUSE_NOUN.search(m.group(1)) or _CAUSE_NOUN.search(m.group(2)):
        return "What do you think is behind it?"
    return "How do you see it?"


def first_of_stack(text: str) -> str | None:
    """The first question of a stacked line, on its own: 'What would it sound like, and when ...?' ->
    'What would it sound like?'"""
    first = QUESTION_JOINS.split(text.strip(), maxsplit=1)[0]
    body = core(first)
    return as_question(body) if len(body.split()) >= 3 else None
