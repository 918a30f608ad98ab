"""Small text helpers shared by the detectors: words, content words, sentence spans, n-grams.

Everything works on character offsets into the original turn text, so any quote cut with these
spans is a verbatim substring of the turn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
# A sentence ends at . ! ? (and a closing quote right after), followed by space; a trailing
# fragment without punctuation is a sentence too.
_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+[\"'”’)]*|$)")

_STOPWORDS_TEXT = """
    a about above after again against all almost also am an and any anyway are aren't around as at
    back be because been before being below between both but by can can't cannot could couldn't did
    didn't do does doesn't doing don't done down during each else even ever every few for from
    further get gets getting go goes going gone got gotta had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if
    in into is isn't it it's its itself just kind kinda know let let's like lot lots maybe me might
    mine more most much must my myself no nor not now of off oh ok okay on once one only or other
    ought our ours ourselves out over own quite rather really right said same say says see she she'd
    she'll she's should shouldn't so some something sort still such sure than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've thing things
    think this those though through to too um uh under until up upon us very was wasn't way we we'd
    we'll we're we've well were weren't what what's when when's where where's whether which while
    who who's whom why why's will with won't would wouldn't yeah yes yet you you'd you'll you're
    you've your yours yourself yourselves mm hmm gonna wanna actually bit little bit mean want
    wanted need needed thing feel feels felt today time
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_TEXT.split())


def normalise_word(word: str) -> str:
    """Lower-case a token and unify apostrophes, so "don’t" and "don't" compare equal."""
    return word.lower().replace("’", "'")


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased."""
    return list(_tokens(text))


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    # Cached: the same client turn is compared with many coach sentences.
    return tuple(normalise_word(m.group()) for m in _WORD.finditer(text))


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """(lower-cased word, start, end) for every word in `text`."""
    return [(normalise_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=16384)
def word_count(text: str) -> int:
    """How many words `text` has."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, enough to match 'guilt'/'guilty', 'abandon'/'abandoned', 'plans'/'plan'."""
    for suffix in ("ingly", "edly", "ness", "ing", "ied", "ies", "ed", "ly", "es", "s", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def is_content_word(word: str) -> bool:
    """True for a word that carries meaning (not a stopword, at least three letters)."""
    return len(word) >= 3 and word not in STOPWORDS and not word.isdigit()


def content_words(text: str) -> list[str]:
    """The content words of `text` (no stopwords, at least three letters), lower-cased."""
    return [w for w in words(text) if is_content_word(w)]


def content_stems(text: str) -> set[str]:
    """The stems of the content words of `text`."""
    return {stem(w) for w in content_words(text)}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of `text`, whitespace trimmed; never empty spans."""
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            spans.append((start, end))
    return spans


def ngrams(tokens: list[str], n: int) -> Iterator[tuple[str, ...]]:
    """Every run of `n` consecutive tokens."""
    for i in range(len(tokens) - n + 1):
        yield tuple(tokens[i : i + n])


_FLIP = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "am": "are",
}


def shared_phrase(coach_text: str, client_texts: Iterable[str], *, min_len: int = 2) -> str | None:
    """The longest run of words (at least `min_len`, holding a content word) that the coach text
    repeats from any of the client texts, in the coach's own spelling; None if there is none."""
    coach_spans = word_spans(coach_text)
    coach_tokens = [w for w, _, _ in coach_spans]
    longest = min(8, len(coach_tokens))
    client_grams: set[tuple[str, ...]] = set()
    for client in client_texts:
        client_grams |= _client_grams(client, min_len)
    for n in range(longest, min_len - 1, -1):
        for i, gram in enumerate(ngrams(coach_tokens, n)):
            if gram in client_grams and any(is_content_word(w) for w in gram):
                return coach_text[coach_spans[i][1] : coach_spans[i + n - 1][2]]
    return None


@lru_cache(maxsize=4096)
def _client_grams(text: str, min_len: int) -> frozenset[tuple[str, ...]]:
    """Every run of `min_len`-8 words of a client turn, with "I/my" turned into "you/your": the coach says
    back "you lose your nerve" for the client's "I lose my nerve"."""
    tokens = [_FLIP.get(w, w) for w in _tokens(text)]
    grams: set[tuple[str, ...]] = set()
    for n in range(min_len, 9):
        grams.update(ngrams(tokens, n))
    return frozenset(grams)


def format_clock(seconds: float | None) -> str | None:
    """'03:12' or '1:02:03' for a time in seconds; None when there is no time."""
    if seconds is None:
        return None
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def shorten(text: str, limit: int = 160) -> str:
    """`text` cut at a word boundary to about `limit` characters, with an ellipsis when cut."""
    clean = " ".join(text.split())
    if len(clean) <= limit:
        return clean
    cut = clean[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern in which a plain apostrophe also matches a curly one
    (inside a character class the curly one is added to the class)."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == "'":
            out.append("'’" if in_class else "['’]")
        else:
            out.append(char)
    return re.compile("".join(out), re.IGNORECASE)
