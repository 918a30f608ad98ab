"""From cues to turns: fill in unlabelled cues, check the clock, merge one speaker's consecutive cues."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from coachlens.errors import TranscriptError
from coachlens.models import Turn
from coachlens.transcripts.cues import UNLABELLED_SPEAKER, Cue, clean_text
from coachlens.transcripts.labels import SpeakerNames, speaker_key
from coachlens.transcripts.timecodes import format_clock

# Meeting tools write overlapping speech with slightly out-of-order start times; only a jump back
# by more than this is treated as a broken file.
BACKWARDS_TOLERANCE_S = 2.0


@dataclass
class _OpenTurn:
    speaker: str
    start_s: float | None
    end_s: float | None
    parts: list[str] = field(default_factory=list)


def build_turns(cues: Sequence[Cue], *, name: str) -> tuple[tuple[Turn, ...], list[str]]:
    """Turns (role `unknown` for now) and warnings; raise when the timestamps run backwards."""
    warnings: list[str] = []
    labelled = any(cue.speaker is not None for cue in cues)
    names = SpeakerNames()
    turns: list[Turn] = []
    current: _OpenTurn | None = None
    previous_speaker: str | None = None
    previous_start: float | None = None
    ends_fixed = 0

    def close() -> None:
        nonlocal current
        if current is not None and current.parts:
            text = " ".join(current.parts)
            turns.append(Turn(len(turns), current.speaker, "unknown", current.start_s, current.end_s, text))
        current = None

    for cue in cues:
        text = clean_text(cue.text)
        if not text:
            continue
        start, end = cue.start_s, cue.end_s
        if start is not None:
            if previous_start is not None and start < previous_start - BACKWARDS_TOLERANCE_S:
                where = f" at {cue.location}" if cue.location else ""
                raise TranscriptError(
                    f"{name}: timestamps go backwards{where} ({format_clock(start)} after "
                    f"{format_clock(previous_start)}); the file may be two recordings joined or edited by "
                    "hand: fix the times or export it again"
                )
            previous_start = max(start, previous_start) if previous_start is not None else start
            if end is not None and end < start:
                end = start
                ends_fixed += 1
        if cue.speaker is not None:
            speaker = names.canonical(cue.speaker)
        elif labelled and previous_speaker is not None:
            speaker = previous_speaker  # an unlabelled cue continues whoever spoke last
        else:
            speaker = UNLABELLED_SPEAKER
        same_person = (
            current is not None
            and labelled
            and speaker != UNLABELLED_SPEAKER
            and speaker_key(speaker) == speaker_key(current.speaker)
        )
        if current is not None and same_person:
            current.parts.append(text)
            if end is not None:
                current.end_s = end
            if current.start_s is None:
                current.start_s = start
        else:
            close()
            current = _OpenTurn(speaker, start, end, [text])
        previous_speaker = speaker
    close()
    if ends_fixed:
        warnings.append(
            f"{ends_fixed} cue(s) ended before they started; their end time was set to their start"
        )
    return tuple(turns), warnings


# A first timestamp this late is a clock time of day (10:02:33), not time into the recording.
CLOCK_TIME_THRESHOLD_S = 3600.0


def rebase_clock_times(turns: tuple[Turn, ...]) -> tuple[tuple[Turn, ...], str | None]:
    """Make times relative to the first turn when they look like times of day; say so in a warning."""
    starts = [t.start_s for t in turns if t.start_s is not None]
    if not starts or starts[0] < CLOCK_TIME_THRESHOLD_S:
        return turns, None
    offset = starts[0]

    def shift(value: float | None) -> float | None:
        return None if value is None else round(max(0.0, value - offset), 3)

    shifted = tuple(replace(t, start_s=shift(t.start_s), end_s=shift(t.end_s)) for t in turns)
    note = (
        f"the first turn starts at {format_clock(offset)}, so the times look like times of day; they were "
        "made relative to the first turn"
    )
    return shifted, note
