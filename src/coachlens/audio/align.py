"""Putting a labelled transcript on the recording's clock: word alignment by text similarity.

The coach often has both a recording and a transcript with speaker names (a Zoom VTT, an Otter
export, a hand-corrected document) whose times are coarse or missing. The transcript's words and
speakers are trusted; the recording supplies the timing. Both word sequences are normalised
(lower case, no punctuation) and aligned with difflib's matcher; every transcript turn takes its
start and end from the recognised words matched to it. Turns with no match at all are placed
between their neighbours and reported.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from coachlens.audio.types import Word
from coachlens.errors import AudioError
from coachlens.models import CoachingSession, Turn

MIN_MATCH_SHARE = 0.35
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# difflib is quadratic in the worst case; aligning in blocks of this many tokens keeps an hour's
# transcript (9,000 words) to a second or two.
_BLOCK_TOKENS = 400


@dataclass(frozen=True)
class Alignment:
    """Which transcript turn each recognised word belongs to (None: unmatched), and how well it matched."""

    word_turns: tuple[int | None, ...]
    match_share: float


def tokens(text: str) -> list[str]:
    """Lower-case word tokens without punctuation ("Don't!" -> ["don't"])."""
    return _TOKEN_RE.findall(text.lower().replace("’", "'"))


def align_words(turns: Sequence[Turn], words: Sequence[Word], *, name: str = "the recording") -> Alignment:
    """Match recognised words to transcript turns; AudioError when the two do not belong together."""
    script: list[tuple[str, int]] = [(token, turn.index) for turn in turns for token in tokens(turn.text)]
    heard: list[tuple[str, int]] = []
    for position, word in enumerate(words):
        heard.extend((token, position) for token in tokens(word.text))
    if not script:
        raise AudioError("the transcript has no words to align with the recording; check the transcript file")
    word_turns: list[int | None] = [None] * len(words)
    matched = 0
    script_at, heard_at = 0, 0
    while script_at < len(script) and heard_at < len(heard):
        script_block = script[script_at : script_at + _BLOCK_TOKENS]
        # The recording may run a little ahead or behind the transcript: give it some slack.
        heard_block = heard[heard_at : heard_at + _BLOCK_TOKENS + _BLOCK_TOKENS // 4]
        matcher = difflib.SequenceMatcher(
            None, [t for t, _ in script_block], [t for t, _ in heard_block], autojunk=False
        )
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        last_script, last_heard = 0, 0
        for block in blocks:
            for offset in range(block.size):
                turn = script_block[block.a + offset][1]
                word_turns[heard_block[block.b + offset][1]] = turn
            matched += block.size
            last_script, last_heard = block.a + block.size, block.b + block.size
        at_end = script_at + len(script_block) >= len(script)
        if at_end or not blocks:
            script_at += len(script_block)
            heard_at += len(heard_block) if not blocks else last_heard
        else:
            # Continue right after the last match so the next block starts in step.
            script_at += max(1, last_script)
            heard_at += last_heard
    share = matched / len(script)
    if share < MIN_MATCH_SHARE:
        raise AudioError(
            f"only {share:.0%} of the transcript's words were heard in {name}; check that the transcript "
            "belongs to this recording"
        )
    return Alignment(tuple(word_turns), round(share, 3))


def fill_unmatched(word_turns: Sequence[int | None]) -> list[int | None]:
    """Unmatched words take the turn of the matched word before them (or after, at the start)."""
    filled = list(word_turns)
    previous: int | None = None
    for index, turn in enumerate(filled):
        if turn is None:
            filled[index] = previous
        else:
            previous = turn
    following: int | None = None
    for index in range(len(filled) - 1, -1, -1):
        if filled[index] is None:
            filled[index] = following
        else:
            following = filled[index]
    return filled


def retime_session(
    session: CoachingSession, words: Sequence[Word], word_turns: Sequence[int | None]
) -> tuple[CoachingSession, int]:
    """The session with each turn's start/end taken from its matched words; also how many turns had none."""
    spans: dict[int, tuple[float, float]] = {}
    for word, turn_index in zip(words, word_turns, strict=True):
        if turn_index is None:
            continue
        start, end = spans.get(turn_index, (word.start_s, word.end_s))
        spans[turn_index] = (min(start, word.start_s), max(end, word.end_s))
    turns = list(session.turns)
    unplaced = 0
    for position, turn in enumerate(turns):
        if turn.index in spans:
            start, end = spans[turn.index]
            turns[position] = replace(turn, start_s=round(start, 3), end_s=round(end, 3))
    for position, turn in enumerate(turns):
        if turn.index in spans:
            continue
        unplaced += 1
        before = next(
            (t.end_s for t in reversed(turns[:position]) if t.index in spans and t.end_s is not None), 0.0
        )
        after = next((t.start_s for t in turns[position + 1 :] if t.index in spans), None)
        end = before if after is None else max(before, after)
        turns[position] = replace(turn, start_s=before, end_s=end)
    return replace(session, turns=tuple(turns)), unplaced
