"""Which format a transcript is in, decided from its content; the file name is only a tie-breaker.

Binary files are recognised by their first bytes (a renamed image or recording gets a message
that says what it really is). Text is recognised by its shape: a `WEBVTT` header, a JSON object,
subtitle timing lines (`00:00:01,000 --> ...`), otherwise plain text with speaker labels.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from coachlens.errors import UnsupportedFormatError

FORMATS = ("vtt", "srt", "text", "docx", "json")
_FORMAT_ALIASES = {
    "vtt": "vtt",
    "webvtt": "vtt",
    "srt": "srt",
    "subrip": "srt",
    "text": "text",
    "txt": "text",
    "plain": "text",
    "plaintext": "text",
    "docx": "docx",
    "word": "docx",
    "json": "json",
}
_EXTENSIONS = {
    ".vtt": "vtt",
    ".srt": "srt",
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".json": "json",
}

# (magic bytes at offset 0, what the file really is, what to do instead)
_BINARY_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "upload the transcript file, not a screenshot"),
    (b"\xff\xd8\xff", "a JPEG image", "upload the transcript file, not a photo or screenshot"),
    (b"GIF87a", "a GIF image", "upload the transcript file, not an image"),
    (b"GIF89a", "a GIF image", "upload the transcript file, not an image"),
    (b"BM", "a BMP image", "upload the transcript file, not an image"),
    (b"II*\x00", "a TIFF image", "upload the transcript file, not an image"),
    (b"MM\x00*", "a TIFF image", "upload the transcript file, not an image"),
    (b"%PDF", "a PDF document", "export the transcript as .docx or .txt instead"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) file", "save it as .docx in Word first"),
    (b"{\\rtf", "an RTF document", "save it as .docx or .txt first"),
    (b"\x1f\x8b", "a gzip-compressed file", "decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract the transcript first"),
    (b"Rar!", "a RAR archive", "extract the transcript first"),
    (b"ID3", "an MP3 recording", "transcribe the recording first, or export its transcript"),
    (b"OggS", "an Ogg recording", "transcribe the recording first, or export its transcript"),
    (b"fLaC", "a FLAC recording", "transcribe the recording first, or export its transcript"),
    (b"\x1aE\xdf\xa3", "a WebM/Matroska video", "transcribe the recording first, or export its transcript"),
    (b"\x7fELF", "a program", "upload a transcript file"),
    (b"MZ", "a Windows program", "upload a transcript file"),
)
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_RECORDING_HINT = "transcribe the recording first, or export its transcript"
_TIMING_LINE_RE = re.compile(
    r"^[ \t]*(?:\d+:)?\d{1,2}:\d{1,2}(?P<sep>[.,:])\d{1,3}[ \t]*-->[ \t]*(?:\d+:)?\d{1,2}:\d{1,2}[.,:]\d{1,3}",
    re.MULTILINE,
)
_SNIFF_CHARS = 65_536


def normalise_format_name(name: str) -> str:
    """The canonical format for a user-given name (`webvtt`, `txt`, `word`...), or a one-line error."""
    canonical = _FORMAT_ALIASES.get(name.strip().casefold().lstrip("."))
    if canonical is None:
        raise UnsupportedFormatError(f"unknown transcript format {name!r}; use one of: {', '.join(FORMATS)}")
    return canonical


def format_from_extension(filename: str | None) -> str | None:
    """The format a file name suggests, if any."""
    if not filename:
        return None
    return _EXTENSIONS.get(PurePath(filename).suffix.casefold())


def sniff_binary(data: bytes, *, name: str) -> str | None:
    """`docx` for a zip archive, None for anything that may be text; raise for other binary files."""
    if data.startswith(_ZIP_SIGNATURES):
        return "docx"
    has_zero = b"\x00" in data[:64]
    for magic, what, advice in _BINARY_SIGNATURES:
        # Two-byte signatures ("BM", "MZ") could begin a text line; binary headers hold zero bytes.
        if data.startswith(magic) and (len(magic) > 2 or has_zero):
            raise UnsupportedFormatError(f"{name} is {what}, not a transcript; {advice}")
    head = data[:16]
    if head[4:8] == b"ftyp":
        raise UnsupportedFormatError(f"{name} is an MP4/M4A recording, not a transcript; {_RECORDING_HINT}")
    if head.startswith(b"RIFF") and head[8:12] in (b"WAVE", b"AVI "):
        raise UnsupportedFormatError(f"{name} is a WAV/AVI recording, not a transcript; {_RECORDING_HINT}")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise UnsupportedFormatError(f"{name} is a WebP image, not a transcript; upload the transcript file")
    return None


def detect_text_format(text: str, filename: str | None) -> str:
    """`vtt`, `srt`, `json` or `text` for decoded transcript text."""
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("{") or (head.startswith("[") and head[1:].lstrip().startswith(("{", "]"))):
        return "json"
    timing = _TIMING_LINE_RE.search(head)
    if timing is None:
        return "text"
    by_name = format_from_extension(filename)
    if by_name in ("vtt", "srt"):
        return by_name
    # SubRip writes `00:00:01,000`; WebVTT `00:00:01.000`. A headerless file with dots is a VTT
    # that lost its header line (the reader warns about it).
    return "srt" if timing.group("sep") == "," else "vtt"
