"""Small word-level helpers the simulator uses to read coach and client lines.

Deliberately simple and deterministic (no model): the act classifier does the heavy reading; these
answer narrower questions such as "does this reflection reuse the client's own words?" or "did the
client name a feeling?".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

_WORD = re.compile(r"[a-zà-ÿ']+")
LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@functools.lru_cache(maxsize=32)
def lexicon(name: str) -> tuple[str, ...]:
    """The words or phrases in `lexicon/<name>.txt`, one per line (`#` comments and blanks skipped)."""
    text = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOPWORDS = frozenset(lexicon("stopwords"))

# Words that name a feeling; used for hints ("the client named a feeling") and for echoing.
FEELING_WORDS = frozenset(lexicon("feelings"))

_BELIEF_PATTERNS = re.compile(
    r"\b(i should|i have to|i must|i'm supposed to|you're supposed to|i believe|always|never|"
    r"a good (?:father|mother|daughter|son|leader|manager|boss)|worth|deserve|allowed|the rule|"
    r"a man provides|you don't fall apart|nobody respects|rest when)\b"
)


def words(text: str) -> list[str]:
    """Lowercase word tokens (apostrophes kept, punctuation dropped)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A crude suffix stripper, enough to match 'overwhelming' with 'overwhelmed'."""
    for suffix in ("ingly", "ing", "edly", "ed", "ies", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (stopwords and very short words removed)."""
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2}


def echo_score(coach_text: str, client_text: str) -> float:
    """How much of the coach's turn reuses the client's last words (0-1): a proxy for an accurate
    reflection. Measured against the shorter of the two so a short, precise reflection scores high."""
    coach = content_stems(coach_text)
    client = content_stems(client_text)
    if not coach or not client:
        return 0.0
    shared = coach & client
    return round(len(shared) / min(len(coach), len(client), 8), 3)


def overlap(text_a: str, text_b: str) -> float:
    """Jaccard overlap of content stems: 1.0 means the same words (used to spot a formula repeated)."""
    a, b = content_stems(text_a), content_stems(text_b)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def feeling_words(text: str) -> list[str]:
    """The feeling words in `text`, in order of appearance, without repeats."""
    found: dict[str, None] = {}
    for word in words(text):
        if word in FEELING_WORDS:
            found.setdefault(word, None)
    return list(found)


def states_belief(text: str) -> bool:
    """True when the line carries a rule, value or belief ('I should...', 'a good father...')."""
    return _BELIEF_PATTERNS.search(text.lower()) is not None


def contains_any(text: str, phrases: Iterable[str]) -> str | None:
    """The first phrase found in `text` at a word start (case-insensitive), else None."""
    lowered = " " + " ".join(words(text)) + " "
    for phrase in phrases:
        needle = " " + " ".join(words(phrase))
        if needle.strip() and needle in lowered:
            return phrase
    return None


def first_sentence(text: str, limit: int = 140) -> str:
    """The first sentence of `text` (verbatim), shortened at a word boundary to `limit` characters."""
    match = re.search(r"[.!?](\s|$)", text)
    sentence = text[: match.end()].strip() if match else text.strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut


def excerpt(text: str, limit: int = 160) -> str:
    """`text` itself when short, else its start cut at a word boundary (still a verbatim substring)."""
    stripped = text.strip()
    if len(stripped) <= limit:
        return stripped
    return stripped[:limit].rsplit(" ", 1)[0]
