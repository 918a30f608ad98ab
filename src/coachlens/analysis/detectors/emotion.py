"""A small hand-written lexicon of feeling words, and finders for feelings in client and coach text.

Used by 6.3 (does the coach explore emotion?), 4.2/4.3 (does the coach meet and support what the
client expresses?) and to decide when the client never gave an emotional opening (`no_opportunity`).
Words are matched on whole words after lower-casing; a few are only feelings after "I feel"/"I'm".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Feelings that signal difficulty or distress: an opening for empathy (4.2) and exploration (6.3).
_DIFFICULT_FEELINGS_TEXT = """
    afraid agitated alone anger cried crying cry tears invisible angry anguish annoyed annoying anxious anxiety apprehensive ashamed
    awful betrayed bitter burnt burned burnout crushed defeated dejected depressed desperate despair
    devastated disappointed disappointing discouraged disgusted dismayed distraught distressed dread
    dreading drained drowning embarrassed embarrassing envious exhausted exhausting fear fearful
    fears frightened frustrated frustrating frustration furious gutted guilt guilty heartbroken
    helpless hopeless horrible hurt hurting inadequate insecure irritated isolated jealous knackered
    lonely miserable nervous numb overwhelmed overwhelming panic panicked panicky paralysed
    paralyzed petrified powerless rejected resentful resentment sad sadness scared shame ashamed
    shaken shaking shocked snappy sorrow stressed stressful stress stuck terrified tense tired
    trapped troubled uncomfortable uneasy unhappy upset upsetting useless vulnerable weary wobbly
    worried worry worrying worthless wretched
    scares scary scaring terrifies terrifying frightens frightening worries upsets hurts stresses
    overwhelms bothers bothered daunting intimidating intimidated dreads freaked freaks
    heavy freeze freezing froze spiral spiralling spiraling fraud impostor imposter
    humiliated humiliating insulted insulting guarded
"""
DIFFICULT_FEELINGS: frozenset[str] = frozenset(_DIFFICULT_FEELINGS_TEXT.split())

# Feelings of ease, hope or pride: still emotion a coach can explore, but no call for empathy.
_POSITIVE_FEELINGS_TEXT = """
    alive calm calmer confident delighted eager elated energised energized excited
    excitement fulfilled glad grateful happy hopeful inspired joy joyful lighter motivated
    optimistic peaceful pleased proud relaxed relief relieved satisfied thrilled
"""
POSITIVE_FEELINGS: frozenset[str] = frozenset(_POSITIVE_FEELINGS_TEXT.split())

FEELING_WORDS: frozenset[str] = DIFFICULT_FEELINGS | POSITIVE_FEELINGS

# "I feel ...", "I felt like ...", "it feels like ...", "I'm feeling ..." mark a feeling even when
# the word itself is not in the lexicon ("I felt like I'd been found out").
_FEELING_FRAME = re.compile(
    r"\b(?:I\s+(?:(?:just|really|still|sometimes|kind\s+of|sort\s+of|often|always)\s+)?(?:feel|felt)|"
    r"I'?m\s+feeling|I\s+was\s+feeling|it\s+feels|it\s+felt|makes\s+me\s+feel)\b",
    re.IGNORECASE,
)
# Distress said in an idiom rather than a feeling word ("I'm out of my depth", "I can't cope").
_DIFFICULT_PHRASE = re.compile(
    r"\b(?:out\s+of\s+my\s+depth|(?:can'?t|cannot|couldn'?t|not)\s+cop(?:e|ing)|(?:lie|lying|lay)\s+awake|"
    r"falling\s+apart|end\s+of\s+my\s+tether|on\s+edge|in\s+tears|at\s+breaking\s+point|"
    r"(?:can'?t|cannot)\s+(?:sleep|breathe|switch\s+off))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")

# Coach language that asks about feelings: the core of exploring emotion (6.3).
FEELING_QUESTION = re.compile(
    r"\b(?:how\s+(?:do|did|does|are|were|would|might)\s+(?:you|that|it)\s+(?:feel|feeling)"
    r"|how\s+(?:are|were)\s+you\s+feeling|what\s+(?:are|were)\s+you\s+feeling"
    r"|what\s+(?:do|did|does|would)\s+(?:you|it|that)\s+feel"
    r"|what'?s\s+(?:it|that)\s+(?:like|been\s+like)|what\s+(?:is|was)\s+(?:it|that)\s+like"
    r"|what\s+would\s+it\s+feel\s+like|where\s+(?:in\s+your\s+body|do\s+you\s+(?:feel|notice))"
    r"|what'?s\s+(?:under|underneath|beneath|behind)\s+(?:the|that|your)"
    r"|what\s+(?:comes|came)\s+up\s+for\s+you|what\s+(?:happened|happens|was\s+happening)\s+for\s+you"
    r"|what'?s\s+happening\s+for\s+you|feeling\s+about"
    # Asking into the feeling the client has just named: "What's that feeling like?"
    r"|what(?:'?s|\s+is|\s+was)\s+(?:that|the|this)\s+(?:feeling|fear|worry|guilt|anger|sadness)\s+like"
    r"|(?:tell\s+me|say)\s+more\s+about\s+(?:that|the|this)\s+feeling)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FeelingHit:
    """A feeling found in a text: the word (or frame) and its character span."""

    word: str
    start: int
    end: int
    difficult: bool


_NEGATED = re.compile(
    r"\b(?:not|never|no longer|n't|isn't|wasn't|don't|doesn't|didn't)(?: (?!so\b|this\b|more\b|as\b)\w+){0,2} $",
    re.IGNORECASE,
)


def find_feelings(text: str) -> list[FeelingHit]:
    """Every feeling word or feeling frame in `text`, in order of appearance."""
    return list(_feelings(text))


@lru_cache(maxsize=8192)
def _feelings(text: str) -> tuple[FeelingHit, ...]:
    hits: list[FeelingHit] = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word in FEELING_WORDS:
            # "It does not feel heavy" names a feeling only to say it is not there.
            difficult = word in DIFFICULT_FEELINGS and not _NEGATED.search(
                text[max(0, match.start() - 30) : match.start()]
            )
            hits.append(FeelingHit(word, match.start(), match.end(), difficult))
    for match in _DIFFICULT_PHRASE.finditer(text):
        if not any(h.start <= match.start() < h.end or match.start() <= h.start < match.end() for h in hits):
            hits.append(FeelingHit(match.group().lower(), match.start(), match.end(), True))
    for match in _FEELING_FRAME.finditer(text):
        if not any(h.start >= match.start() and h.start <= match.end() + 40 for h in hits):
            hits.append(FeelingHit(match.group().lower(), match.start(), match.end(), False))
    return tuple(sorted(hits, key=lambda h: h.start))


def has_difficult_feeling(text: str) -> bool:
    """True when the text voices a difficult feeling."""
    return any(h.difficult for h in find_feelings(text))


def names_feeling(text: str) -> bool:
    """True when the text names a feeling word from the lexicon (not just a frame)."""
    return any(h.word in FEELING_WORDS for h in find_feelings(text))
