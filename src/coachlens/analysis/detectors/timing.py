"""Pauses and interruptions from turn timings (markers 5.5 and 6.6, and the metrics).

With start and end times the gap between two speakers is measured. With start times only (Otter and
similar exports) the end of a turn is estimated from its length, deliberately on the safe side: a
pause is only counted when it survives a slow speaking rate, an interruption only when the client
could not have finished even at a fast rate. Without times nothing is claimed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from coachlens.analysis.detectors.text import word_count
from coachlens.models import CoachingSession, Turn

SLOW_WORDS_PER_S = 2.0  # 120 words a minute: an unhurried speaker
FAST_WORDS_PER_S = 3.4  # about 200 words a minute: a fast speaker
PAUSE_S = 3.0  # a silence assessors notice
INTERRUPT_OVERLAP_S = 0.4  # overlap longer than ordinary turn-taking
_CUT_OFF = re.compile(r"(?:—|--|–|-|…|\.\.\.)\s*$")
_STATED_PURPOSE = re.compile(
    r"\b(?:can I (?:interrupt|jump in|stop you)|sorry to (?:interrupt|cut (?:in|you off))|let me (?:jump|cut) in|"
    r"I'?m going to (?:interrupt|stop you)|before you go on)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Gap:
    """Silence or overlap between the end of turn `before` and the start of turn `after`."""

    before: int
    after: int
    seconds: float
    estimated: bool


def _end(turn: Turn, words_per_s: float) -> tuple[float | None, bool]:
    if turn.end_s is not None:
        return turn.end_s, False
    if turn.start_s is None:
        return None, False
    return turn.start_s + word_count(turn.text) / words_per_s, True


def _pairs(session: CoachingSession) -> list[tuple[Turn, Turn]]:
    turns = session.turns
    return [
        (a, b)
        for a, b in itertools.pairwise(turns)
        if {a.role, b.role} == {"coach", "client"} and b.start_s is not None
    ]


def pauses(session: CoachingSession, min_s: float = PAUSE_S) -> list[Gap]:
    """Silences of at least `min_s` between a coach turn and a client turn (either order)."""
    found: list[Gap] = []
    for a, b in _pairs(session):
        end, estimated = _end(a, SLOW_WORDS_PER_S)
        if end is None or b.start_s is None:
            continue
        gap = b.start_s - end
        # Turn times from captions or speech recognition are good to about a tenth of a second, so a
        # measured 2.98 s is a 3-second silence.
        if round(gap, 1) >= min_s:
            found.append(Gap(a.index, b.index, round(gap, 2), estimated))
    return found


def interruptions(session: CoachingSession) -> list[Gap]:
    """Coach turns that start while the client is still talking (and give no reason for cutting in).

    Measured overlap with end times; with start times only, a coach start before the client could have
    finished at a fast pace, or a client turn that breaks off mid-word/with a dash right before the coach.
    """
    found: list[Gap] = []
    for a, b in _pairs(session):
        if a.role != "client" or b.role != "coach" or b.start_s is None:
            continue
        if _STATED_PURPOSE.search(b.text[:120]):
            continue
        end, estimated = _end(a, FAST_WORDS_PER_S)
        if end is None:
            continue
        overlap = end - b.start_s
        if overlap >= INTERRUPT_OVERLAP_S:
            found.append(Gap(a.index, b.index, round(overlap, 2), estimated))
        elif _CUT_OFF.search(a.text):
            found.append(Gap(a.index, b.index, 0.0, True))
    return found


def exchanges(session: CoachingSession) -> int:
    """Timed coach/client hand-overs: how many chances there were to pause or interrupt."""
    return len(_pairs(session))
