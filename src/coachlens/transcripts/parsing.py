"""`parse`: any supported transcript in, a CoachingSession with turns and roles out.

Steps: read the bytes (size checked first) -> recognise binary files -> decode -> detect the
format from content -> the format's reader gives cues -> cues become turns -> roles.
Every failure is a one-line coachlens error; doubtful-but-readable input gives warnings on the
session instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from coachlens.config import Settings, load_settings
from coachlens.errors import RoleError, TranscriptError, UnsupportedFormatError
from coachlens.models import CoachingSession, Turn
from coachlens.transcripts.cues import UNLABELLED_SPEAKER, ParsedTranscript
from coachlens.transcripts.decoding import decode_transcript_bytes
from coachlens.transcripts.detect import (
    detect_text_format,
    format_from_extension,
    normalise_format_name,
    sniff_binary,
)
from coachlens.transcripts.docx_format import parse_docx
from coachlens.transcripts.json_format import load_json_transcript
from coachlens.transcripts.plaintext import parse_plain_text
from coachlens.transcripts.roles import apply_roles, assign_roles, decide_roles, speakers_of
from coachlens.transcripts.source import TranscriptSource, load_source
from coachlens.transcripts.srt_format import parse_srt
from coachlens.transcripts.turns import build_turns, rebase_clock_times
from coachlens.transcripts.vtt import parse_vtt

logger = logging.getLogger(__name__)

FORMAT_DESCRIPTIONS = {
    "vtt": "WebVTT subtitles",
    "srt": "SRT subtitles",
    "text": "plain text",
    "docx": "a Word document",
    "json": "coachlens transcript JSON",
}
DEFAULT_TITLE = "Untitled transcript"


def parse(
    source: Path | str | bytes,
    *,
    filename: str | None = None,
    format: str | None = None,
    coach: str | None = None,
    client: str | None = None,
    settings: Settings | None = None,
    allow_single_speaker: bool = False,
) -> CoachingSession:
    """Read a transcript file (a Path or path string) or its bytes into a CoachingSession.

    `filename` names bytes (or renames a path) for messages, the title and as a tie-breaker for
    detection; `format` (vtt, srt, text, docx, json) skips detection for text formats.
    `coach`/`client` name speakers whose role is then fixed. A transcript with a single named
    speaker raises RoleError unless `allow_single_speaker` is True.
    Raises a coachlens.errors.CoachlensError subclass with a one-line message on bad input.
    """
    settings = settings or load_settings()
    loaded = load_source(source, filename=filename, max_bytes=settings.max_transcript_bytes)
    name = loaded.display_name
    if not loaded.data.strip():
        raise TranscriptError(f"{name} is empty; export the transcript again or pick another file")
    requested = normalise_format_name(format) if format else None
    reading = _read(loaded, requested, settings.max_transcript_bytes)
    if isinstance(reading.content, CoachingSession):
        return _finish_json(reading.content, name, coach, client, allow_single_speaker, reading.warnings)
    parsed = reading.content

    turns, turn_warnings = build_turns(parsed.cues, name=name)
    if not turns:
        raise TranscriptError(f"{name} has no spoken text in it; export the transcript again")
    turns, rebase_note = rebase_clock_times(turns)
    _check_speaker_count(turns, name, allow_single_speaker)
    decision = decide_roles(turns, parsed.role_hints, coach=coach, client=client)
    warnings = [*reading.warnings, *parsed.warnings, *turn_warnings]
    if rebase_note:
        warnings.append(rebase_note)
    if all(turn.speaker == UNLABELLED_SPEAKER for turn in turns):
        warnings.append(
            f"{name} names no speakers, so each cue is a turn with role unknown and coach and client cannot be "
            "told apart; export the transcript with speaker names (meeting tools' transcript downloads have them)"
        )
    if decision.note:
        warnings.append(decision.note)
    for warning in warnings:
        logger.info("%s", warning)
    return CoachingSession(
        title=_title(parsed, loaded.filename),
        source_format=reading.source_format,
        turns=apply_roles(turns, decision.roles),
        roles_inferred=decision.inferred,
        role_confidence=decision.confidence,
        warnings=tuple(warnings),
        metadata={**reading.metadata, "dialect": parsed.dialect},
    )


@dataclass
class _Reading:
    """What a format reader produced: cues to turn into a session, or (JSON) a finished session."""

    content: ParsedTranscript | CoachingSession
    source_format: str
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def _read(loaded: TranscriptSource, requested: str | None, max_bytes: int) -> _Reading:
    """Recognise the format (binary first, then text by content) and run its reader."""
    name = loaded.display_name
    metadata = {"filename": loaded.filename} if loaded.filename else {}
    if sniff_binary(loaded.data, name=name) == "docx" or requested == "docx":
        return _Reading(_read_docx(loaded, requested, max_bytes), "docx", [], metadata)
    decoded = decode_transcript_bytes(loaded.data, name=name)
    if not decoded.text.strip():
        raise TranscriptError(f"{name} is empty; export the transcript again or pick another file")
    warnings = list(decoded.warnings)
    metadata["encoding"] = decoded.encoding
    detected = detect_text_format(decoded.text, loaded.filename)
    by_name = format_from_extension(loaded.filename)
    if requested is None and by_name is not None and by_name != detected:
        warnings.append(
            f"{name} is named like {by_name} but holds {FORMAT_DESCRIPTIONS[detected]}; read it as such"
        )
    source_format = requested or detected
    if source_format == "json":
        return _Reading(load_json_transcript(decoded.text, name=name), "json", warnings, metadata)
    reader = {"vtt": parse_vtt, "srt": parse_srt, "text": parse_plain_text}[source_format]
    return _Reading(reader(decoded.text, name=name), source_format, warnings, metadata)


def _read_docx(loaded: TranscriptSource, requested: str | None, max_bytes: int) -> ParsedTranscript:
    name = loaded.display_name
    is_zip = sniff_binary(loaded.data, name=name) == "docx"
    if requested not in (None, "docx"):
        raise UnsupportedFormatError(
            f"{name} is a zip/Word file, not {FORMAT_DESCRIPTIONS[requested]}; leave the format out to detect it"
        )
    if not is_zip:
        raise UnsupportedFormatError(
            f"{name} is not a Word (.docx) file (it is not a zip archive); leave the format out to detect it"
        )
    return parse_docx(loaded.data, name=name, max_bytes=max_bytes)


def _finish_json(
    session: CoachingSession,
    name: str,
    coach: str | None,
    client: str | None,
    allow_single_speaker: bool,
    warnings: list[str],
) -> CoachingSession:
    _check_speaker_count(session.turns, name, allow_single_speaker)
    if (
        coach
        or client
        or (all(turn.role == "unknown" for turn in session.turns) and len(speakers_of(session.turns)) > 1)
    ):
        session = assign_roles(session, coach=coach, client=client)
    if warnings:
        session = replace(session, warnings=(*warnings, *session.warnings))
    return session


def _check_speaker_count(turns: tuple[Turn, ...], name: str, allow_single_speaker: bool) -> None:
    named = speakers_of(turns)
    if len(named) == 1 and not allow_single_speaker:
        raise RoleError(
            f"{name} has only one speaker ({named[0][:60]!r}); a coaching session needs the coach's and the "
            "client's turns, so export the transcript with both people's names"
        )


def _title(parsed: ParsedTranscript, filename: str | None) -> str:
    if parsed.title:
        return parsed.title
    if filename:
        stem = PurePath(filename).stem.strip()
        if stem:
            return stem
    return DEFAULT_TITLE
