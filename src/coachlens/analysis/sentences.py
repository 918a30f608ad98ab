"""Sentence splitting of one turn, keeping character offsets into the turn text.

Transcripts are spoken language: punctuation comes from captioning software and is uneven. The
splitter therefore ends a sentence at `.`, `!`, `?` (or an ellipsis followed by a capital) when
whitespace follows, keeps common abbreviations ("Dr.", "e.g.") and decimals together, and treats a
blank line as a boundary. Every span is trimmed, so `text[span.start:span.end]` is the sentence
verbatim and quotes built from it are substrings of the turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a full stop without ending the sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "approx",
        "dept",
        "no",
        "fig",
        "mt",
        "ca",
        "cf",
    ]
)

# A run of terminal punctuation, optional closing quotes/brackets, then whitespace or the end.
_BOUNDARY = re.compile(r"(?:[.!?]+|…|\.\.\.+)[\"'”’)\]]*(?=\s|$)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence of a turn: `text == turn_text[start:end]`."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> tuple[SentenceSpan, ...]:
    """The sentences of `text` with verbatim offsets; fragments without letters or digits are
    dropped, a trailing fragment without final punctuation is a sentence too."""
    spans: list[SentenceSpan] = []
    for block_start, block_end in _blocks(text):
        cursor = block_start
        for match in _BOUNDARY.finditer(text, block_start, block_end):
            if not _is_real_boundary(text, match, block_end):
                continue
            _append(spans, text, cursor, match.end())
            cursor = match.end()
        _append(spans, text, cursor, block_end)
    return tuple(spans)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph blocks separated by blank lines (a sentence never crosses one)."""
    blocks: list[tuple[int, int]] = []
    cursor = 0
    for match in _BLANK_LINE.finditer(text):
        blocks.append((cursor, match.start()))
        cursor = match.end()
    blocks.append((cursor, len(text)))
    return blocks


def _is_real_boundary(text: str, match: re.Match[str], block_end: int) -> bool:
    mark = match.group()
    if mark.startswith(".") and not mark.startswith(".."):
        previous = _WORD_BEFORE.search(text, 0, match.start())
        if previous and previous.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            return False
        if previous and len(previous.group(1)) == 1 and previous.group(1).isupper():
            return False  # an initial, as in "J. Smith"
    if mark.startswith("…") or mark.startswith(".."):
        # A trailing-off "..." before a lower-case word continues the same sentence.
        following = text[match.end() : block_end].lstrip()
        if following and following[0].islower():
            return False
    return True


def _append(spans: list[SentenceSpan], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        spans.append(SentenceSpan(start, end, text[start:end]))
