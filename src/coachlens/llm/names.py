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

_NAMES_FILE = Path(__file__).resolve().parent / "data" / "first_names.txt"

# A word: letters, optionally joined by an apostrophe or hyphen (O'Brien, Mary-Jane); no digits.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TITLE_BEFORE_DOT = re.compile(r"(?:^|\W)(?:Dr|Mr|Mrs|Ms|Mx|Prof|St)\.$")
_OPENERS = frozenset('"“‘(–—-')
_POSSESSIVE = re.compile(r"['’]s$")
# What may sit between two parts of one name ("Sam Patel"); a line break ends a name.
_NAME_GAP = re.compile(r"[ \t]+")

# Names that are also everyday words: only the capitals rule (mid-sentence) can flag them.
AMBIGUOUS_NAMES = frozenset(
    {
        "Will",
        "May",
        "Mark",
        "Grace",
        "Hope",
        "Faith",
        "Joy",
        "Rose",
        "Bill",
        "Art",
        "Sue",
        "Pat",
        "June",
        "April",
        "Summer",
        "Dawn",
        "Amber",
        "Ray",
        "Frank",
        "Rich",
        "Jack",
        "Sunny",
        "Hunter",
        "Page",
        "Bond",
        "Love",
        "Dean",
        "Carol",
        "Crystal",
        "Ivy",
        "Penny",
        "Sky",
        "Star",
        "Victory",
    }
)

# Role words and titles in speaker labels ("Coach", "Speaker 2", "Dr") that are not names.
_LABEL_WORDS = frozenset(
    {
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
    }
)

# Capitalised words that appear mid-sentence without being anyone's name.
_NOT_NAMES = frozenset(
    {
        "I",
        "I'm",
        "I'll",
        "I've",
        "I'd",
        "I’m",
        "I’ll",
        "I’ve",
        "I’d",
        "OK",
        "Okay",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Mx",
        "Prof",
        "Sir",
        "Madam",
        "Mum",
        "Mom",
        "Dad",
        "Mummy",
        "Daddy",
        "Grandma",
        "Grandpa",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Christmas",
        "Easter",
        "Ramadan",
        "Eid",
        "Diwali",
        "New",
        "Year",
        "God",
        "English",
        "British",
        "American",
        "Chinese",
        "Mandarin",
        "Spanish",
        "French",
        "German",
        "Indian",
        "Hindi",
        "Japanese",
        "Korean",
        "Arabic",
        "European",
        "African",
        "Asian",
        "Internet",
        "Zoom",
        "Teams",
        "Slack",
        "Excel",
        "PowerPoint",
        "Outlook",
        "Google",
        "Microsoft",
        "LinkedIn",
        "WhatsApp",
        "Facebook",
        "Instagram",
        "iPhone",
        "Coach",
        "Client",
        "Coaching",
        "ICF",
        "PCC",
        "ACC",
        "MCC",
        "Yes",
        "No",
        "Yeah",
        "Oh",
        "Um",
        "Uh",
        "Hmm",
        "Mm",
        "Wow",
        "Thanks",
        "Thank",
        "Please",
        "Sorry",
        "Hi",
        "Hello",
        "Hey",
        "Bye",
        "Goodbye",
        "Well",
        "So",
        "And",
        "But",
    }
)


# Everyday words that a transcript capitalises mid-line (after a quote mark, a dash, an ASR cue break).
_COMMON_WORDS = frozenset(
    [
        "cause",
        "cos",
        "huh",
        "hmm",
        "mm",
        "uh",
        "um",
        "a",
        "about",
        "after",
        "again",
        "all",
        "also",
        "always",
        "am",
        "an",
        "and",
        "any",
        "anyone",
        "anything",
        "are",
        "as",
        "at",
        "away",
        "back",
        "be",
        "because",
        "been",
        "before",
        "being",
        "both",
        "but",
        "by",
        "can",
        "can't",
        "could",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "doing",
        "don't",
        "down",
        "each",
        "even",
        "ever",
        "every",
        "everyone",
        "everybody",
        "everything",
        "few",
        "first",
        "for",
        "from",
        "get",
        "go",
        "going",
        "good",
        "got",
        "had",
        "has",
        "hasn't",
        "have",
        "haven't",
        "having",
        "he",
        "he'd",
        "he'll",
        "he's",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "itself",
        "just",
        "last",
        "least",
        "less",
        "let",
        "let's",
        "like",
        "little",
        "look",
        "made",
        "make",
        "many",
        "may",
        "maybe",
        "me",
        "might",
        "mine",
        "more",
        "most",
        "much",
        "must",
        "my",
        "myself",
        "never",
        "new",
        "next",
        "no",
        "nobody",
        "none",
        "nor",
        "not",
        "nothing",
        "now",
        "of",
        "off",
        "often",
        "oh",
        "ok",
        "okay",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "perhaps",
        "please",
        "probably",
        "quite",
        "rather",
        "really",
        "right",
        "said",
        "same",
        "say",
        "says",
        "see",
        "she",
        "she'd",
        "she'll",
        "she's",
        "should",
        "shouldn't",
        "so",
        "some",
        "somebody",
        "someone",
        "something",
        "sometimes",
        "still",
        "such",
        "sure",
        "than",
        "thank",
        "thanks",
        "that",
        "that's",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "thing",
        "things",
        "think",
        "this",
        "those",
        "though",
        "through",
        "to",
        "today",
        "together",
        "tomorrow",
        "too",
        "totally",
        "um",
        "under",
        "until",
        "up",
        "us",
        "very",
        "was",
        "wasn't",
        "we",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "well",
        "were",
        "weren't",
        "what",
        "what's",
        "whatever",
        "when",
        "where",
        "which",
        "while",
        "who",
        "who's",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "won't",
        "would",
        "wouldn't",
        "yeah",
        "yes",
        "yesterday",
        "yet",
        "you",
        "you'd",
        "you'll",
        "you're",
        "you've",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The shipped first-name list (comments and blank lines skipped)."""
    lines = _NAMES_FILE.read_text(encoding="utf-8").splitlines()
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
    return {name for name in found if name not in _NOT_NAMES}


def _looks_like_name(word: str, at_sentence_start: bool, known: frozenset[str]) -> bool:
    if word in known:
        return True
    if word in _NOT_NAMES or word.removesuffix("s") in _NOT_NAMES:
        return False  # "Tuesdays" as much as "Tuesday"
    if all(_is_common(part) for part in word.split("-")):
        return False  # also stutters and fillers: "I'm-I'm", "Mm-hmm"
    if word.isupper() or (len(word) <= 4 and sum(ch.isupper() for ch in word) > 1):
        return False  # acronyms and abbreviations: HR, CEO, MSc, PhD
    return not at_sentence_start


def _is_common(part: str) -> bool:
    return part.replace("’", "'").lower() in _COMMON_WORDS or part in _NOT_NAMES


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
