"""Accurate word and turn edges, and the pauses and overlaps they show (markers 5.5 and 6.6).

Whisper's word times are good to about a tenth of a second inside speech but often stretch the
last word of a turn into the silence after it, which would shorten exactly the pauses 5.5 is about.
`trim_to_voice` moves each word's edges to where the track's own loudness says the voice starts
and stops. `timing_report` then lists, from the turns of a session:

* pauses: a silence of at least `min_pause_s` between two speakers' turns, with what came before
  it (a coach question, something the client said, a coach statement);
* overlaps: a turn that starts while the previous speaker is still talking, and who cut in.

The engine reads the same turn times (start_s/end_s) for 5.5 and 6.6; this report is what
`coachlens transcribe` shows and what docs/audio.md explains.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from coachlens.audio.features import HOP_S, FloatArray, frame_of, speech_threshold_db
from coachlens.audio.types import Word
from coachlens.models import CoachingSession, Turn

MIN_PAUSE_S = 2.0
MIN_OVERLAP_S = 0.3
EDGE_REACH_S = 0.3  # a word's edge may move outwards this far to take in voice Whisper cut off

PauseKind = Literal["after_coach_question", "after_coach", "after_client", "between_speakers"]
OverlapKind = Literal["coach_over_client", "client_over_coach", "between_speakers"]


def trim_to_voice(words: Sequence[Word], levels_db: FloatArray) -> list[Word]:
    """Words of one track with edges moved to the voiced frames; order and text unchanged.

    A word with no frame above the speech threshold keeps its times (a soft word is still a word).
    Edges only move outwards by up to EDGE_REACH_S and never past the neighbouring words.
    """
    if len(levels_db) == 0:
        return list(words)
    loud = levels_db >= speech_threshold_db(levels_db)
    result: list[Word] = []
    for index, word in enumerate(words):
        first, last = frame_of(word.start_s), min(len(loud), frame_of(word.end_s) + 1)
        voiced = np.flatnonzero(loud[first:last]) + first if last > first else np.zeros(0, dtype=int)
        if voiced.size == 0:
            result.append(word)
            continue
        lower = word.start_s - EDGE_REACH_S
        if result:
            lower = max(lower, result[-1].end_s)
        upper = word.end_s + EDGE_REACH_S
        if index + 1 < len(words):
            upper = min(upper, words[index + 1].start_s)
        start_frame, end_frame = int(voiced[0]), int(voiced[-1])
        while start_frame > 0 and loud[start_frame - 1] and (start_frame - 1) * HOP_S >= lower:
            start_frame -= 1
        while end_frame + 1 < len(loud) and loud[end_frame + 1] and (end_frame + 2) * HOP_S <= upper:
            end_frame += 1
        # Frame centres: a loud frame only says the voice was there somewhere within it.
        start = round(max(lower, (start_frame + 0.5) * HOP_S), 3)
        end = round(max(start + HOP_S, (end_frame + 0.5) * HOP_S), 3)
        result.append(replace(word, start_s=start, end_s=end))
    return result


@dataclass(frozen=True)
class Pause:
    """Silence between the end of turn `after_turn` and the start of turn `before_turn`."""

    after_turn: int
    before_turn: int
    start_s: float
    end_s: float
    kind: PauseKind

    @property
    def seconds(self) -> float:
        return round(self.end_s - self.start_s, 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "after_turn": self.after_turn,
            "before_turn": self.before_turn,
            "start_s": self.start_s,
            "end_s": self.end_s,
            "seconds": self.seconds,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Overlap:
    """Turn `turn` started at `start_s` while turn `over_turn` was still going until `end_s`."""

    turn: int
    over_turn: int
    start_s: float
    end_s: float
    kind: OverlapKind

    @property
    def seconds(self) -> float:
        return round(self.end_s - self.start_s, 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "over_turn": self.over_turn,
            "start_s": self.start_s,
            "end_s": self.end_s,
            "seconds": self.seconds,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class TimingReport:
    pauses: tuple[Pause, ...]
    overlaps: tuple[Overlap, ...]

    @property
    def interruptions(self) -> tuple[Overlap, ...]:
        """Overlaps where the coach started over the client (what marker 6.6 is about)."""
        return tuple(o for o in self.overlaps if o.kind == "coach_over_client")

    def to_dict(self) -> dict[str, Any]:
        return {
            "pauses": [p.to_dict() for p in self.pauses],
            "overlaps": [o.to_dict() for o in self.overlaps],
        }


def timing_report(
    session: CoachingSession, *, min_pause_s: float = MIN_PAUSE_S, min_overlap_s: float = MIN_OVERLAP_S
) -> TimingReport:
    """Pauses and overlaps between consecutive turns of different speakers (timed turns only)."""
    pauses: list[Pause] = []
    overlaps: list[Overlap] = []
    turns = session.turns
    for before, after in itertools.pairwise(turns):
        if before.speaker == after.speaker:
            continue
        if before.end_s is None or after.start_s is None:
            continue
        gap = after.start_s - before.end_s
        if gap >= min_pause_s:
            pauses.append(Pause(before.index, after.index, before.end_s, after.start_s, _pause_kind(before)))
            continue
        # Both talking: from the second start until the first of the two ends.
        end = before.end_s if after.end_s is None else min(before.end_s, after.end_s)
        if end - after.start_s >= min_overlap_s:
            overlaps.append(
                Overlap(after.index, before.index, after.start_s, end, _overlap_kind(before, after))
            )
    return TimingReport(tuple(pauses), tuple(overlaps))


def _pause_kind(before: Turn) -> PauseKind:
    if before.role == "coach":
        return "after_coach_question" if before.text.rstrip().endswith("?") else "after_coach"
    if before.role == "client":
        return "after_client"
    return "between_speakers"


def _overlap_kind(before: Turn, after: Turn) -> OverlapKind:
    if before.role == "client" and after.role == "coach":
        return "coach_over_client"
    if before.role == "coach" and after.role == "client":
        return "client_over_coach"
    return "between_speakers"
