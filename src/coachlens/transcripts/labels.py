"""Recognising speaker labels (`Maria Lopez:`, `COACH:`, `Tom (client):`) and telling them from prose.

A line such as `Monday: I finally spoke to my manager` looks like a label too. Two defences keep
such lines in the text: a label must look like a name (short, capitalised words, no sentence
punctuation), and in a long plain-text transcript a "name" that labels only one line is treated
as text. Both decisions are reported as warnings so a person can check them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from coachlens.models import Role

_ROLE_WORDS: dict[str, Role] = {"coach": "coach", "client": "client", "coachee": "client"}

# Words that end in a colon at the top of exported documents but never name a speaker.
_NOT_SPEAKERS = frozenset(
    {
        "action items",
        "agenda",
        "attendees",
        "date",
        "duration",
        "ending",
        "file",
        "http",
        "https",
        "location",
        "meeting",
        "meeting title",
        "next steps",
        "note",
        "notes",
        "participants",
        "ps",
        "re",
        "recorded",
        "recording",
        "session",
        "speakers",
        "subject",
        "summary",
        "time",
        "title",
        "topic",
        "transcript",
        "warning",
        "www",
    }
)

# Lower-case words that may sit inside a personal name ("Maria de la Cruz", "Jan van Dijk").
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "la", "le"}
    | {"st", "ten", "ter", "van", "von", "y", "zu"}
)

# Sentence punctuation. Commas and "@" stay allowed: meeting tools show "Lopez, Maria" and e-mail
# addresses as display names.
_FORBIDDEN_IN_LABEL = frozenset('?!;"“”…=<>{}|\\#*')
_ROLE_SUFFIX_RE = re.compile(
    r"^(?P<name>.+?)\s*(?:[(\[]\s*(?P<r1>[A-Za-z]+)\s*[)\]]|[-–—]\s*(?P<r2>[A-Za-z]+))$"
)
_SPACES_RE = re.compile(r"\s+")
MAX_LABEL_CHARS = 60
MAX_LABEL_WORDS = 6
# A plain-text transcript with at least this many labelled lines is long enough that a label used
# once is more likely a sentence ("Monday: ...") than a person.
RARE_LABEL_MIN_LINES = 20
# Labels in lower case ("maria: ...") are accepted only when they recur this often.
LOWERCASE_LABEL_MIN_COUNT = 3


@dataclass(frozen=True)
class Label:
    """A speaker label as written. `strict` means it looks like a name (capitalised words)."""

    name: str
    role_hint: Role | None
    strict: bool

    @property
    def key(self) -> str:
        return speaker_key(self.name)


@lru_cache(maxsize=4096)
def speaker_key(name: str) -> str:
    """The identity of a speaker name: case and spacing do not matter."""
    return _SPACES_RE.sub(" ", name).strip().casefold()


def role_from_name(name: str) -> Role | None:
    """The role a label states by its first word: `Coach`, `COACH Maria`, `Client`, `Coachee`."""
    words = name.strip().split(maxsplit=1)
    if not words:
        return None
    first = words[0].strip(".:-").casefold()
    return _ROLE_WORDS.get(first)


@lru_cache(maxsize=4096)  # transcripts repeat the same few labels thousands of times
def parse_label(raw: str) -> Label | None:
    """A Label for text that sits before a colon (or a time), or None when it is not a name."""
    name = _SPACES_RE.sub(" ", raw.replace("**", "").replace("__", "")).strip()
    if not name or len(name) > MAX_LABEL_CHARS:
        return None
    role_hint: Role | None = None
    suffix = _ROLE_SUFFIX_RE.match(name)
    if suffix:
        stated = _ROLE_WORDS.get((suffix.group("r1") or suffix.group("r2") or "").casefold())
        if stated is not None:
            name, role_hint = suffix.group("name").strip(), stated
    if not name or not name[0].isalpha() or "://" in name:
        return None
    if any(ch in _FORBIDDEN_IN_LABEL for ch in name):
        return None
    words = name.split()
    if len(words) > MAX_LABEL_WORDS or name.casefold() in _NOT_SPEAKERS:
        return None
    name_like = all(_looks_like_name_word(word) for word in words[1:])
    named_role = role_from_name(name)
    if named_role is not None and name_like:  # "Coach", "coach", "COACH Maria"; not "Client said"
        return Label(name, role_hint or named_role, True)
    return Label(name, role_hint, name_like and _looks_like_name_word(words[0]))


def _looks_like_name_word(word: str) -> bool:
    if not word[0].islower():  # capitalised, a digit ("Speaker 2"), or a script without case
        return True
    return any(ch.isupper() for ch in word) or word.casefold() in _NAME_PARTICLES


def split_label(line: str) -> tuple[Label, str] | None:
    """Split `Name: text` into its label and text; None when the line does not start with a label.

    The colon must be followed by a space or end the line, so `10:30` and `https://` never split.
    """
    colon = line.find(":")
    if colon <= 0 or colon > MAX_LABEL_CHARS + 8:
        return None
    rest = line[colon + 1 :]
    if rest and not rest[0].isspace():
        return None
    label = parse_label(line[:colon].lstrip("-–— \t"))
    if label is None:
        return None
    return label, rest.strip()


def accepted_label_keys(
    labels: Iterable[Label], *, min_strict_count: int, lenient_when_short: bool = True
) -> set[str]:
    """Keys of the labels to believe, given every label found in one file.

    Role labels always count. Name-like labels count when used `min_strict_count` times (or, with
    `lenient_when_short`, when the file has few labels at all); lower-case labels only when they recur.
    """
    found = list(labels)
    counts = Counter(label.key for label in found)
    first: dict[str, Label] = {}
    for label in found:
        first.setdefault(label.key, label)
    short_file = lenient_when_short and len(found) < RARE_LABEL_MIN_LINES
    accepted: set[str] = set()
    for key, count in counts.items():
        label = first[key]
        if label.role_hint is not None:
            accepted.add(key)
        elif label.strict:
            if count >= min_strict_count or short_file:
                accepted.add(key)
        elif count >= LOWERCASE_LABEL_MIN_COUNT:
            accepted.add(key)
    return accepted


class SpeakerNames:
    """Keeps the first spelling of each speaker so `MARIA` and `Maria` become one person."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def canonical(self, name: str) -> str:
        return self._names.setdefault(speaker_key(name), _SPACES_RE.sub(" ", name).strip())


def demoted_labels_warning(demoted: list[tuple[str, str]]) -> str | None:
    """One warning listing labels that were kept as text (name, where), or None when there were none."""
    if not demoted:
        return None
    shown = ", ".join(f"'{name}:' ({where})" for name, where in demoted[:3])
    more = f" and {len(demoted) - 3} more" if len(demoted) > 3 else ""
    return (
        f"kept {shown}{more} as part of the text, not as a speaker, because that label appears only once "
        "or does not look like a name"
    )
