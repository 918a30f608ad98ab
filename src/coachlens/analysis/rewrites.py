"""Rewrites of the coach's own weak lines, built from their words.

Each transform keeps the content of the original (its verb phrase, the people and things it names)
and changes only its shape: a closed question becomes open, a stack becomes one question, advice
becomes an evoking question, a leading question becomes neutral, "why" becomes "what". A transform
that cannot produce a grammatical line returns None, and the line is not offered: a canned
sentence would not be the coach's own line made better.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LEAD_IN = re.compile(
    r"^\W*(?:(?:and|so|but|or|okay|ok|right|well|now|then|look|sure|honestly|yeah|mm)\b[,.\s]*)+",
    re.IGNORECASE,
)
TRAILING = re.compile(
    r"(?:,?\s+(?:then|at all|yet|already|honestly|really|though|straight away|right now|anyway))+\s*$"
    r"|,\s*(?:right|yeah|okay|mate|eh)\s*$",
    re.IGNORECASE,
)
_VOCATIVE = re.compile(r",\s*[A-Z][a-z]+\s*$")
_JOINED = re.compile(
    r",\s*(?:and|or|but)\s+(?=(?:what|who|when|where|why|how|would|will|do|does|did|is|are|can|could|should|have|has)\b)",
    re.IGNORECASE,
)

_DOUBLE_FINAL = frozenset(
    [
        "get",
        "put",
        "sit",
        "run",
        "stop",
        "plan",
        "set",
        "let",
        "cut",
        "shop",
        "drop",
        "chat",
        "begin",
        "forget",
        "commit",
        "admit",
        "regret",
        "refer",
        "prefer",
        "upset",
        "swim",
        "hit",
        "quit",
        "split",
        "dig",
        "bet",
        "nag",
        "jog",
        "step",
    ]
)
_ING_IRREGULAR = {
    "be": "being",
    "see": "seeing",
    "agree": "agreeing",
    "lie": "lying",
    "die": "dying",
    "tie": "tying",
}
_PAST = {
    "be": "was",
    "go": "went",
    "do": "did",
    "have": "had",
    "get": "got",
    "make": "made",
    "take": "took",
    "say": "said",
    "tell": "told",
    "think": "thought",
    "speak": "spoke",
    "feel": "felt",
    "know": "knew",
    "give": "gave",
    "find": "found",
    "come": "came",
    "meet": "met",
    "write": "wrote",
    "send": "sent",
    "leave": "left",
    "see": "saw",
    "put": "put",
    "set": "set",
    "let": "let",
    "keep": "kept",
    "hear": "heard",
}
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "any",
        "some",
        "your",
        "my",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
    ]
)
_NOT_ADJECTIVE = frozenset(
    [
        "not",
        "also",
        "still",
        "really",
        "just",
        "so",
        "too",
        "going",
        "able",
        "there",
        "here",
        "in",
        "on",
        "at",
        "to",
        "with",
    ]
)
_PREPOSITIONS = frozenset(
    ["on", "in", "for", "with", "at", "about", "from", "to", "into", "over", "by", "of"]
)
ADJECTIVE_NOUNS = {
    "guilty": "guilt",
    "worried": "worry",
    "anxious": "anxiety",
    "sad": "sadness",
    "scared": "fear",
    "afraid": "fear",
    "angry": "anger",
    "frustrated": "frustration",
    "embarrassed": "embarrassment",
    "ashamed": "shame",
    "jealous": "jealousy",
    "lonely": "loneliness",
    "nervous": "nervousness",
    "resentful": "resentment",
    "hurt": "hurt",
    "stressed": "stress",
    "upset": "upset",
    "relieved": "relief",
    "proud": "pride",
    "excited": "excitement",
    "overwhelmed": "overwhelm",
    "stuck": "stuck feeling",
    "trapped": "trapped feeling",
    "tired": "tiredness",
    "exhausted": "exhaustion",
    "disappointed": "disappointment",
}


def gerund(verb: str) -> str:
    """The -ing form of a base verb: talk -> talking, write -> writing, get -> getting."""
    word = verb.lower()
    if word in _ING_IRREGULAR:
        return _ING_IRREGULAR[word]
    if word in _DOUBLE_FINAL:
        return word + word[-1] + "ing"
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")) and len(word) > 2:
        return word[:-1] + "ing"
    return word + "ing"


def past(verb: str) -> str:
    """The simple past of a base verb (regular rules plus a small table of common irregulars)."""
    word = verb.lower()
    if word in _PAST:
        return _PAST[word]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    if word in _DOUBLE_FINAL:
        return word + word[-1] + "ed"
    return word + "ed"


def core(text: str) -> str:
    """A line without lead-ins ("And so, ..."), tags, a trailing vocative or the question mark."""
    body = LEAD_IN.sub("", text.strip())
    body = body.rstrip(" ?.!")
    body = _VOCATIVE.sub("", body)
    body = TRAILING.sub("", body)
    return body.strip(" ,")


def _question(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,")
    return text[0].upper() + text[1:] + "?"


def verb_phrase_gerund(phrase: str) -> str | None:
    """'put your prices up' -> 'putting your prices up'; None for a phrase that is only a pronoun."""
    words = phrase.split()
    if not words or not re.match(r"^[A-Za-z]+$", words[0]):
        return None
    if len(words) <= 2 and words[-1].lower() in {"that", "it", "this", "so"}:
        return None
    # Keep the first clause only: "sit down with Jen, go through ..." -> "sit down with Jen"; but not when
    # that leaves a fragment ("be at fourteen, fifteen for specialist work").
    cut = re.split(r",|;|\s+and then\s+|\s+then\s+", phrase, maxsplit=1)[0].split()
    if len(cut) <= 3 < len(words) <= 10:
        cut = words
    if words[0].lower().endswith("ing"):
        return " ".join(cut)
    return " ".join([gerund(cut[0]), *cut[1:]])


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
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in _FUNCTION_WORDS or (match and _GERUND_TRIGGER.match(body) and not first.endswith("ing")):
        return None
    action = verb_phrase_gerund(phrase)
    if action is None or len(action.split()) > 10:
        return None
    # "You have to get over that." carries no content to build an option question from.
    if len(action.split()) <= 3 and action.split()[-1].lower() in {"that", "it", "this"}:
        return None
    return _question(f"What options do you see for {action}")


_WHY_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (
        re.compile(r"^why (?:haven'?t|have you not) you (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: f"What has been getting in the way of {gerund(_base(m.group(1)))} {m.group(2)}",
    ),
    (
        re.compile(r"^why (?:didn'?t|did you not) you (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: f"What got in the way of {gerund(m.group(1))} {m.group(2)}",
    ),
    (
        re.compile(r"^why (?:don'?t|can'?t|won'?t) you (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: f"What gets in the way of {gerund(m.group(1))} {m.group(2)}",
    ),
    (
        re.compile(r"^why did (you|he|she|they|we) (.+)$", re.IGNORECASE),
        lambda m: f"What led {m.group(1)} to {m.group(2)}",
    ),
    (
        re.compile(r"^why do you think (you(?:'re| are| feel| felt|'ve| have| keep|)\b.+)$", re.IGNORECASE),
        lambda m: f"What happens for you when {m.group(1)}",
    ),
    (
        re.compile(r"^why do you think (.+)$", re.IGNORECASE),
        lambda m: f"What do you think is going on when {m.group(1)}",
    ),
    (
        re.compile(r"^why are you (?:so |really |still )?(.+)$", re.IGNORECASE),
        lambda m: f"What's going on for you that you're {m.group(1)}",
    ),
    (
        re.compile(r"^why (?:is|was) (it|that|this) (?:so |really )?(.+)$", re.IGNORECASE),
        lambda m: f"What makes {m.group(1)} {m.group(2)}",
    ),
    (
        re.compile(r"^why (?:would|should|do) you (.+)$", re.IGNORECASE),
        lambda m: f"What leads you to {m.group(1)}",
    ),
)


def _base(participle: str) -> str:
    """asked -> ask, done -> do, spoken -> speak (enough for "Why haven't you ...?")."""
    irregular = {
        "done": "do",
        "spoken": "speak",
        "told": "tell",
        "made": "make",
        "taken": "take",
        "gone": "go",
        "written": "write",
        "sent": "send",
        "had": "have",
        "got": "get",
        "given": "give",
        "seen": "see",
    }
    word = participle.lower()
    if word in irregular:
        return irregular[word]
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        return stem + "e" if stem.endswith(("at", "is", "iz", "ag", "ar", "ur", "ir")) else stem
    return word


def why_to_what(text: str) -> str | None:
    """'Why haven't you asked him yet?' -> 'What has been getting in the way of asking him?'"""
    body = core(text)
    if re.match(r"^why not\b", body, re.IGNORECASE):
        return advice_to_question(body)
    for pattern, build in _WHY_PATTERNS:
        match = pattern.match(body)
        if match:
            built = build(match)
            return _question(built) if built else None
    return None


_NEG_AUX = re.compile(
    r"^(don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|won'?t|wouldn'?t|can'?t|couldn'?t|shouldn'?t|"
    r"haven'?t|hasn'?t)\s+(.+)$",
    re.IGNORECASE,
)
_TAG = re.compile(
    r"^(.+?),\s*(?:wouldn'?t|isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|won'?t|can'?t|weren'?t|wasn'?t|haven'?t|"
    r"hasn'?t|shouldn'?t|couldn'?t)\s+(?:he|she|it|you|they|we|I|there|that)$",
    re.IGNORECASE,
)
_THIRD_PERSON_CLAUSE = re.compile(
    r"^((?:your |my |his |her |their |the )?[A-Z]?[a-z]+(?: [a-z]+)?) (?:would|will|might|'d) (?:actually |really )?"
    r"(?:want|welcome|like|prefer|say|think|feel|mind|do|be|appreciate)\b",
)
# "that" is only the conjunction when a subject follows it: "you think that he ..." but "you think that would".
_THAT = r"(?:that\s+(?=(?:he|she|they|it|you|we|I|the|your|my|his|her|their|there)\b))?"
_OPINION = re.compile(
    rf"^(?:you think|you'd say|you would say|you say|you feel|you agree|you reckon)\s+{_THAT}(.+)$",
    re.IGNORECASE,
)
_THIRD_SUBJECTS = frozenset(["you", "it", "that", "this", "there", "i", "we"])


def leading_to_neutral(text: str) -> str | None:
    """'Don't you think Femi would welcome ...?' -> 'What do you imagine Femi would want here?'"""
    body = core(text)
    clause: str | None = None
    if (tag := _TAG.match(body)) is not None:
        clause = tag.group(1)
    elif (neg := _NEG_AUX.match(body)) is not None:
        rest = neg.group(2)
        better = re.match(
            r"^it be (?:better|good|easier|wise|worth|more sensible) to (.+)$", rest, re.IGNORECASE
        )
        if better:
            return advice_to_question("try " + better.group(1))
        opinion = _OPINION.match(rest)
        clause = opinion.group(1) if opinion else None
    if clause is None:
        return None
    clause = clause.strip(" ,")
    if (
        clause.split()[0].lower() in _DETERMINERS | _THIRD_SUBJECTS | {"he", "she", "they"}
        and clause[:2] != "I "
    ):
        clause = clause[0].lower() + clause[1:]
    third = _THIRD_PERSON_CLAUSE.match(clause)
    if third and third.group(1).split()[-1].lower() not in _THIRD_SUBJECTS:
        subject = third.group(1)
        if subject.split()[0].lower() in _DETERMINERS:
            subject = subject[0].lower() + subject[1:]
        return _question(f"What do you imagine {subject} would want here")
    return _question(f"What's your own view on whether {clause}")


_BE = re.compile(r"^(is|are|was|were) (that|it|this|he|she|they|you|there) (.+)$", re.IGNORECASE)
_ANYTHING = re.compile(
    r"^is there anything( else)? (?:that )?you (can|could|would|should|will|want|need|have)( to)? (.+)$",
    re.IGNORECASE,
)
_WANT = re.compile(r"^(?:do|would) you (?:want|like) to (.+)$", re.IGNORECASE)
_HAVE = re.compile(r"^(?:do|did) you have (?:any |a |an |some )?(.+)$", re.IGNORECASE)
_THINK = re.compile(rf"^do you (think|feel|believe|reckon) {_THAT}(.+)$", re.IGNORECASE)
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
    if is_check_in(body):
        return None
    if (m := _ANYTHING.match(body)) is not None:
        else_ = " else" if m.group(1) else ""
        verb, rest = m.group(2).lower(), m.group(4)
        if verb in {"want", "need", "have"}:
            return _question(f"What{else_} do you {verb}{m.group(3) or ''} {rest}")
        return _question(f"What{else_} {verb} you {rest}")
    if (m := _WANT.match(body)) is not None and (action := verb_phrase_gerund(m.group(1))):
        return _question(f"How do you feel about {action}")
    if (m := _HAVE.match(body)) is not None:
        words = m.group(1).split()
        split_at = next((i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS), len(words))
        noun, tail = words[:split_at], words[split_at:]
        if 1 <= len(noun) <= 4 and not noun[0].lower().endswith("ing"):
            return _question(" ".join(["What", *noun, "do you have", *tail]))
    if (m := _THINK.match(body)) is not None:
        verb, clause = m.group(1).lower(), m.group(2)
        helps = re.match(r"^(?:it|that|this) would (.+)$", clause, re.IGNORECASE)
        if helps:
            return _question(f"What do you think would {helps.group(1)}")
        first, *others = clause.split()
        pronouns = _THIRD_SUBJECTS | {"he", "she", "they"}
        if (
            verb == "feel"
            and first.lower() not in _DETERMINERS | _NOT_ADJECTIVE | pronouns
            and first.islower()
        ):
            return _question(" ".join(["How", first, "do you feel", *others]))
        return _question(f"What's your own view on whether {clause}")
    if (m := _BE.match(body)) is not None and m.group(2).lower() != "there":
        be, subject, rest = m.group(1).lower(), m.group(2).lower(), m.group(3)
        first, *others = rest.split()
        if first.lower() in {"a", "an"} and others:
            cut = next((i for i, w in enumerate(others) if w.lower() in _PREPOSITIONS), len(others))
            noun, tail = " ".join(others[:cut]), " ".join(others[cut:])
            return _question(f"How much of a {noun} {be} {subject} {tail}")
        if first.lower() == "going" and others[:1] == ["to"] and len(others) >= 2:
            action = verb_phrase_gerund(" ".join(others[1:]))
            if action:
                return _question(f"What would {action} look like")
        if first.lower() not in _DETERMINERS | _NOT_ADJECTIVE and not first.lower().endswith(("ing", "ly")):
            return _question(" ".join(["How", first, be, subject, *others]))
        if subject not in {"it", "that", "this"}:
            return None  # a question of fact ("Are you on LinkedIn?") has no better open form without context
        return _question(f"What's your own view on whether {subject} {be} {rest}")
    if (m := _MODAL.match(body)) is not None and not re.match(r"^(?:tell|say|give|help)\b", m.group(1)):
        return _question(f"What would it take to {m.group(1)}")
    return None


def first_of_stack(text: str) -> str | None:
    """The first question of a stacked line, on its own: 'What would it sound like, and when ...?' ->
    'What would it sound like?'"""
    first = _JOINED.split(text.strip(), maxsplit=1)[0]
    body = core(first)
    return _question(body) if len(body.split()) >= 3 else None
