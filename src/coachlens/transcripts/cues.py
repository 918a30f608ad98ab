"""What every format reader hands on: speaker-attributed cues before they are merged into turns."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from coachlens.models import Role

# The speaker name given to cues that carry no speaker label at all (plain subtitles).
UNLABELLED_SPEAKER = "Unknown speaker"

_WHITESPACE_RE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_NEEDS_CLEANING_RE = re.compile(r"[\n\t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]|  ")


@dataclass(frozen=True)
class Cue:
    """One timed (or untimed) piece of speech as a format presents it.

    `speaker` is None when the cue has no label; `location` says where it came from in the file
    ("line 12", "cue 40") so warnings and errors can point at it. In `text`, a single newline is a
    wrapped line (joined with a space) and a blank line separates paragraphs (kept as one newline).
    """

    speaker: str | None
    text: str
    start_s: float | None = None
    end_s: float | None = None
    location: str = ""


@dataclass
class ParsedTranscript:
    """The output of one format reader: cues plus what it learnt about the file on the way."""

    cues: list[Cue]
    dialect: str
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Roles the file itself states (`Maria Lopez (coach):`), keyed by `labels.speaker_key`.
    role_hints: dict[str, Role] = field(default_factory=dict)


def clean_text(text: str) -> str:
    """Collapse runs of spaces inside each line and drop blank edges; keep paragraph breaks."""
    if not _NEEDS_CLEANING_RE.search(text):
        return text.strip()  # the common case: one line with single spaces
    lines = [_WHITESPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def strip_markup(text: str) -> str:
    """Remove cue tags (`<i>`, `<c.x>`, `<00:01.000>`, `<font ...>`) and decode HTML entities.

    Scans once from left to right so a stray `<` without `>` costs nothing extra (no regex
    backtracking on hostile input).
    """
    if "<" in text:
        pieces: list[str] = []
        position = 0
        while True:
            start = text.find("<", position)
            if start < 0:
                break
            end = text.find(">", start + 1)
            if end < 0:
                break
            pieces.append(text[position:start])
            position = end + 1
        pieces.append(text[position:])
        text = "".join(pieces)
    if "&" in text:
        text = html.unescape(text)
    return text
