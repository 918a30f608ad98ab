"""Reading and writing the clock times transcripts use (`1:02`, `00:01:02`, `00:01:02.500`, `00:01:02,5`)."""

from __future__ import annotations

import re

# One pattern for every clock a transcript tool writes: [h:]m:ss with an optional fraction after
# `.` or `,`. Hours may be long (a subtitle file may run past 99 hours in theory); minutes and
# seconds are checked for range in `parse_clock`.
CLOCK_PATTERN = r"(?:\d{1,6}:)?\d{1,2}:\d{2}(?:[.,]\d{1,9})?"
_CLOCK_RE = re.compile(rf"^{CLOCK_PATTERN}$")


def is_clock(value: str) -> bool:
    """True when the whole of `value` is a clock time such as `0:01` or `00:01:02.500`."""
    return bool(_CLOCK_RE.match(value.strip()))


def parse_clock(value: str) -> float | None:
    """Seconds for a clock time, or None when `value` is not one (or minutes/seconds are out of range)."""
    text = value.strip()
    if not _CLOCK_RE.match(text):
        return None
    text = text.replace(",", ".")
    whole, _, fraction = text.partition(".")
    fields = [int(part) for part in whole.split(":")]
    if len(fields) == 2:
        hours, minutes, seconds = 0, fields[0], fields[1]
        # `75:30` from a long Otter export means 75 minutes; only the seconds need checking.
        if seconds > 59:
            return None
    else:
        hours, minutes, seconds = fields
        if minutes > 59 or seconds > 59:
            return None
    total = float(hours * 3600 + minutes * 60 + seconds)
    if fraction:
        total += int(fraction) / (10 ** len(fraction))
    return round(total, 3)


def format_clock(seconds: float) -> str:
    """`HH:MM:SS`, with `.mmm` only when the time has a fraction of a second."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, fraction = divmod(rest, 1000)
    clock = f"{hours:02d}:{minutes:02d}:{whole:02d}"
    return f"{clock}.{fraction:03d}" if fraction else clock
