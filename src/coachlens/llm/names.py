"""An offline personal-name detector, good enough to keep names out of LLM requests.

Three signals, no model: the session's speaker labels (minus role words like "Coach"), a list of
common first names (`data/first_names.txt`), and capitalised words that are not at the start of a
sentence (mid-sentence capitals in English are mostly names). It errs towards redacting: a place or a
company caught by the capitals rule is confidential detail too. Runs of capitalised words
("Sam Patel") are kept together so the full name and each part can be replaced.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"

# A word: letters, optionally joined by an apostrophe or hyphen (O'Brien, Mary-Jane); no digits.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TITLE_BEFORE_DOT = re.compile(r"(?:^|\W)(?:Dr|Mr|Mrs|Ms|Mx|Prof|St)\.$")
_OPENERS = frozenset('"“‘(–—-')
_POSSESSIVE = re.compile(r"['’]s$")
# What may sit between two parts of one name ("Sam Patel"); a line break ends a name.
_NAME_GAP = re.compile(r"[ \t]+")


# Role words and titles in speaker labels ("Coach", "Speaker 2", "Dr") that are not names.
_LABEL_WORDS = frozenset(
    [
        "coach",
        "client",
        "speaker",
        "interviewer",
        "interviewee",
        "unknown",
        "participant",
        "mentor",
        "mentee",
        "host",
        "guest",
        "user",
        "me",
        "you",
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "the",
        "and",
    ]
)


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The shipped first-name list (names redacted even at the start of a sentence)."""
    return _word_list("first_names.txt")


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return _word_list("not_names.txt")


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return _word_list("common_words.txt")


def _word_list(name: str) -> frozenset[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def speaker_name_parts(speaker: str) -> list[str]:
    """The name forms in a speaker label: the full name and each part, minus role words and numbers.

    "Mei Lin Tan" -> ["Mei Lin Tan", "Mei", "Lin", "Tan"]; "Coach" -> []; "Dr Sam Patel (she/her)" ->
    ["Sam Patel", "Sam", "Patel"].
    """
    words = [w for w in _WORD.findall(speaker) if w.lower() not in _LABEL_WORDS and len(w) >= 2]
    words = [w for w in words if w[0].isupper()] or [w for w in words if len(w) >= 3]
    if not words:
        return []
    forms = [" ".join(words)] if len(words) > 1 else []
    return forms + words


def detect_names(texts: Iterable[str], speakers: Iterable[str] = ()) -> set[str]:
    """Surface forms of personal names found in `texts` plus the speaker names; each part included."""
    found: set[str] = set()
    for speaker in speakers:
        found.update(speaker_name_parts(speaker))
    known = first_names()
    for text in texts:
        for run in _capitalised_runs(text):
            flags = [_looks_like_name(word, at_start, known) for word, at_start in run]
            while flags and not flags[0]:
                run, flags = run[1:], flags[1:]
            named = [word for (word, _), flag in zip(run, flags, strict=True) if flag]
            # A run like "Sam Patel" names one person: keep the whole run as well as its parts.
            if len(run) > 1 and all(flags):
                found.add(" ".join(word for word, _ in run))
            found.update(named)
    return {name for name in found if name not in _not_names()}


def _looks_like_name(word: str, at_sentence_start: bool, known: frozenset[str]) -> bool:
    if word in known:
        return True
    if word in _not_names() or word.removesuffix("s") in _not_names():
        return False  # "Tuesdays" as much as "Tuesday"
    if all(_is_common(part) for part in word.split("-")):
        return False  # also stutters and fillers: "I'm-I'm", "Mm-hmm"
    if word.isupper() or (len(word) <= 4 and sum(ch.isupper() for ch in word) > 1):
        return False  # acronyms and abbreviations: HR, CEO, MSc, PhD
    return not at_sentence_start


def _is_common(part: str) -> bool:
    return part.replace("’", "'").lower() in _common_words() or part in _not_names()


def _capitalised_runs(text: str) -> list[list[tuple[str, bool]]]:
    """Runs of adjacent capitalised words, each word with whether it starts a sentence."""
    runs: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group(0))
        gap = text[previous_end : match.start()]
        previous_end = match.end()
        if not word[:1].isupper():
            if current:
                runs.append(current)
                current = []
            continue
        at_start = _starts_sentence(text, match.start())
        if current and (not _NAME_GAP.fullmatch(gap) or at_start):
            runs.append(current)
            current = []
        current.append((word, at_start))
    if current:
        runs.append(current)
    return runs


def _starts_sentence(text: str, position: int) -> bool:
    """True if only punctuation that ends or opens a sentence stands between the last word and here."""
    stripped = text[:position].rstrip(" \t")
    if stripped[-1:] in _OPENERS:
        return True  # a quotation or an aside starts a new sentence: He said, "You know..."
    before = stripped.rstrip("*")
    if before.endswith(".") and _TITLE_BEFORE_DOT.search(before):
        return False  # "Dr. Okafor": the full stop belongs to the title
    return before == "" or before[-1] in ".!?:;\n…" or before.endswith("...")
