"""WebVTT: Zoom (`Name: text` cues), Microsoft Teams (`<v Name>` voice tags), Google Meet and captions.

webvtt-py does the block parsing (cue identifiers, multi-line cues, NOTE/STYLE/REGION blocks).
It silently drops malformed cues; we count them and warn, so nothing disappears unnoticed.
A file without the `WEBVTT` header line is read anyway, with a warning.
"""

from __future__ import annotations

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from coachlens.errors import TranscriptError
from coachlens.transcripts.cues import ParsedTranscript
from coachlens.transcripts.subtitles import TimedPiece, pieces_from_cue_text, resolve_pieces
from coachlens.transcripts.timecodes import format_clock, parse_clock


def parse_vtt(text: str, *, name: str) -> ParsedTranscript:
    """Cues from WebVTT text; raise TranscriptError when there is nothing readable in it."""
    warnings: list[str] = []
    body = text.lstrip("\ufeff \t\n")
    if not body.startswith("WEBVTT"):
        warnings.append(f"{name} has no WEBVTT header line; it was read as WebVTT anyway")
        body = "WEBVTT\n\n" + body
    try:
        document = webvtt.from_string(body)
    except (MalformedFileError, MalformedCaptionError, ValueError, OverflowError) as exc:
        detail = str(exc).split("\n", 1)[0][:80]
        raise TranscriptError(f"{name} is not a readable WebVTT file ({detail}); export it again") from None

    timed: list[TimedPiece] = []
    for number, caption in enumerate(document.captions, start=1):
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        location = f"cue {number} at {format_clock(start)}"
        for piece in pieces_from_cue_text(caption.raw_text):
            timed.append(TimedPiece(piece, start, end, location))

    timing_lines = [(n, line) for n, line in enumerate(text.split("\n"), start=1) if "-->" in line]
    skipped = len(timing_lines) - len(document.captions)
    if not document.captions:
        if timing_lines:
            raise TranscriptError(
                f"{name}: none of its {len(timing_lines)} cues could be read ({_first_bad_timing(timing_lines)}); "
                "check the timing lines look like 00:00:01.000 --> 00:00:04.000"
            )
        raise TranscriptError(f"{name} has no cues, so there is no speech in it; export the transcript again")
    if skipped > 0:
        warnings.append(f"skipped {skipped} malformed cue(s) ({_first_bad_timing(timing_lines)})")

    cues, hints, label_warnings = resolve_pieces(timed)
    header = document.header_text.strip(" \t-–—:")
    return ParsedTranscript(
        cues=cues,
        dialect=_dialect(timed),
        title=header or None,
        warnings=warnings + label_warnings,
        role_hints=hints,
    )


def _dialect(timed: list[TimedPiece]) -> str:
    if any(t.piece.structural for t in timed):
        return "voice-tags"
    if any(t.piece.label is not None for t in timed):
        return "name-prefix"
    return "unlabelled"


def _first_bad_timing(timing_lines: list[tuple[int, str]]) -> str:
    """Describe the first timing line whose times cannot be read, for the warning or error."""
    for number, line in timing_lines:
        left, _, right = line.partition("-->")
        right_time = right.strip().split(" ", 1)[0] if right.strip() else ""
        if parse_clock(left) is None or parse_clock(right_time) is None:
            return f"first at line {number}: {line.strip()[:60]!r}"
    return "cue blocks that are not laid out as WebVTT cues"
