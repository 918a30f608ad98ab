"""Getting a transcript's bytes: from a path (size checked with stat before reading) or from memory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coachlens.errors import FileTooLargeError, TranscriptError


@dataclass(frozen=True)
class TranscriptSource:
    """Raw bytes plus the name used in messages and for the title."""

    data: bytes
    filename: str | None

    @property
    def display_name(self) -> str:
        return describe(self.filename) if self.filename else "the transcript"


def describe(filename: str) -> str:
    """A file name made safe for a one-line message."""
    name = " ".join(filename.split())
    return name if len(name) <= 120 else "..." + name[-117:]


def human_size(size: int) -> str:
    """`200.0 MB`, `2.6 KB` or `512 bytes`."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} KB"
    return f"{size} bytes"


def _too_large(name: str, size: int | None, limit: int) -> FileTooLargeError:
    how_big = f"is {human_size(size)}, over" if size is not None else "is over"
    return FileTooLargeError(
        f"{name} {how_big} the {human_size(limit)} limit for transcripts; split it, or raise "
        "max_transcript_bytes (COACHLENS_MAX_TRANSCRIPT_BYTES) if it really is one session"
    )


def load_source(source: Path | str | bytes, *, filename: str | None, max_bytes: int) -> TranscriptSource:
    """Read `source` (a path, a path string, or bytes), refusing anything over `max_bytes`."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = filename
        if len(data) > max_bytes:
            raise _too_large(describe(name) if name else "the transcript", len(data), max_bytes)
        return TranscriptSource(data, name)
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        raise TranscriptError(
            "parse() got a string with line breaks, not a file path; pass the transcript text as bytes "
            "(text.encode()) or pass a Path"
        )
    path = Path(source)
    shown = describe(str(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        raise TranscriptError(f"{shown}: no such file; check the path") from None
    except OSError as exc:
        raise TranscriptError(f"{shown}: cannot read it ({exc.strerror or type(exc).__name__})") from None
    if path.is_dir():
        raise TranscriptError(f"{shown} is a folder, not a transcript file; give the path of one file")
    # Checked before reading so a 200 MB file is never loaded into memory.
    if info.st_size > max_bytes:
        raise _too_large(shown, info.st_size, max_bytes)
    try:
        with path.open("rb") as handle:
            # Read at most one byte over the limit: stat can be 0 for pipes and special files.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise TranscriptError(f"{shown}: cannot read it ({exc.strerror or type(exc).__name__})") from None
    if len(data) > max_bytes:
        raise _too_large(shown, None, max_bytes)
    return TranscriptSource(data, filename or os.fspath(path.name))
