"""SubRip (.srt) subtitles, via the `srt` package; speakers come from `Name:` prefixes when present.

The `srt` package stops at the first unreadable block. We skip that block with a warning and
carry on, up to a limit: a file that is mostly unreadable is not treated as SRT at all.
"""

from __future__ import annotations

import srt

from coachlens.errors import TranscriptError
from coachlens.transcripts.cues import ParsedTranscript
from coachlens.transcripts.subtitles import TimedPiece, pieces_from_cue_text, resolve_pieces
from coachlens.transcripts.timecodes import format_clock

MAX_SKIPPED_BLOCKS = 50


def parse_srt(text: str, *, name: str) -> ParsedTranscript:
    """Cues from SRT text; raise TranscriptError when no subtitle can be read."""
    subtitles, skipped = _read_subtitles(text.removeprefix("\ufeff"), name)
    if not subtitles:
        raise TranscriptError(
            f"{name} has no readable subtitles; check the timing lines look like 00:00:01,000 --> 00:00:04,000"
        )
    timed: list[TimedPiece] = []
    for number, subtitle in enumerate(subtitles, start=1):
        start = subtitle.start.total_seconds()
        end = subtitle.end.total_seconds()
        location = (
            f"subtitle {subtitle.index if subtitle.index is not None else number} at {format_clock(start)}"
        )
        for piece in pieces_from_cue_text(subtitle.content):
            timed.append(TimedPiece(piece, start, end, location))
    cues, hints, label_warnings = resolve_pieces(timed)
    warnings = list(skipped) + label_warnings
    dialect = "name-prefix" if any(t.piece.label is not None for t in timed) else "unlabelled"
    return ParsedTranscript(cues=cues, dialect=dialect, warnings=warnings, role_hints=hints)


def _read_subtitles(text: str, name: str) -> tuple[list[srt.Subtitle], list[str]]:
    subtitles: list[srt.Subtitle] = []
    skipped: list[str] = []
    position = 0
    while True:
        try:
            for subtitle in srt.parse(text[position:]):
                subtitles.append(subtitle)
            break
        except srt.SRTParseError as exc:
            # Blocks before the bad one were already yielded; resume where the next block starts.
            line = text.count("\n", 0, position + exc.expected_start) + 1
            skipped.append(
                f"skipped unreadable subtitle text at line {line}: {exc.unmatched_content.strip()[:50]!r}"
            )
            if len(skipped) > MAX_SKIPPED_BLOCKS:
                raise TranscriptError(
                    f"{name} has more than {MAX_SKIPPED_BLOCKS} unreadable blocks; it does not look like an SRT file"
                ) from None
            if exc.actual_start <= 0:
                break  # no progress possible; keep what was read
            position += exc.actual_start
        except (srt.TimestampParseError, ValueError, OverflowError) as exc:
            detail = str(exc).split("\n", 1)[0][:60]
            raise TranscriptError(
                f"{name} has a subtitle time that cannot be read ({detail}); fix it or export again"
            ) from None
    return subtitles, skipped
