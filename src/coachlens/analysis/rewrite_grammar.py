"""Word-level grammar shared by every rewrite: cleaning a line down to its core, verb forms, word classes.

Kept apart from the transforms themselves because each kind of rewrite (questions, advice, leading and
"why") needs the same small English toolkit, and none of it is about coaching.
"""

from __future__ import annotations

import re

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
_PARTICIPLE_IRREGULAR = {
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
    # Simple pasts ("What if you told her?") share the table: the base form is all a rewrite needs.
    "went": "go",
    "spoke": "speak",
    "wrote": "write",
    "took": "take",
    "gave": "give",
    "said": "say",
    "saw": "see",
    "brought": "bring",
    "left": "leave",
    "kept": "keep",
    "met": "meet",
    "did": "do",
    "came": "come",
    "found": "find",
    "began": "begin",
    "chose": "choose",
    "thought": "think",
    "felt": "feel",
}
DETERMINERS = frozenset(
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
# Words that can follow "is that ..." without being the adjective a "How ...?" question could ask about.
NOT_ADJECTIVE = frozenset(
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
PREPOSITIONS = frozenset(["on", "in", "for", "with", "at", "about", "from", "to", "into", "over", "by", "of"])
# Subjects that name no third party ("you", "it", "there" ...): a clause about them is not about what
# someone else would want.
PLAIN_SUBJECTS = frozenset(["you", "it", "that", "this", "there", "i", "we"])
# "that" is only the conjunction when a subject follows it: "you think that he ..." but "you think that would".
OPTIONAL_THAT = r"(?:that\s+(?=(?:he|she|they|it|you|we|I|the|your|my|his|her|their|there)\b))?"
ADJECTIVE_NOUNS = {
    "guilty": "guilt",
    "worried": "worry",
    "worry": "worry",
    "dreading": "dread",
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


def base_of_participle(participle: str) -> str:
    """asked -> ask, done -> do, spoken -> speak (enough for "Why haven't you ...?")."""
    word = participle.lower()
    if word in _PARTICIPLE_IRREGULAR:
        return _PARTICIPLE_IRREGULAR[word]
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        return stem + "e" if stem.endswith(("at", "is", "iz", "ag", "ar", "ur", "ir")) else stem
    return word


def core(text: str) -> str:
    """A line without lead-ins ("And so, ..."), tags, a trailing vocative or the question mark."""
    body = LEAD_IN.sub("", text.strip())
    body = body.rstrip(" ?.!")
    body = _VOCATIVE.sub("", body)
    body = TRAILING.sub("", body)
    return body.strip(" ,")


def as_question(text: str) -> str:
    """The rewritten wording as a finished question: single spaces, a capital, a question mark."""
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
