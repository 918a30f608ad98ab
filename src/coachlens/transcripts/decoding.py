"""Turning transcript bytes into text: byte-order marks, UTF-16 without a BOM, Windows code pages.

Order of trust: a BOM, then UTF-8, then UTF-16 recognised by its zero bytes, then
charset-normalizer's guess (preferring cp1252 among look-alike Western code pages, since that is
what Windows subtitle tools write). Text that still contains control characters after decoding is
refused: it is binary data, not a transcript in some unusual encoding.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import CharsetMatch, CharsetMatches, from_bytes

from coachlens.errors import TranscriptError, UnsupportedFormatError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 and C1 control characters other than tab/newline/form feed, plus the non-characters that
# only appear when bytes were decoded with the wrong encoding.
_BINARY_CHAR_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Share of invalid bytes a mostly-UTF-8 file may have before we stop calling it UTF-8.
_MAX_BAD_UTF8_SHARE = 0.001
# Share of control characters that marks decoded "text" as binary data.
_MAX_CONTROL_SHARE = 0.001
_MAX_STRAY_CONTROLS = 3
_SAMPLE_CHARS = 200_000


@dataclass(frozen=True)
class DecodedText:
    """Decoded transcript text with newlines normalised to `\\n`."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_transcript_bytes(data: bytes, *, name: str) -> DecodedText:
    """Decode `data`, or raise a one-line TranscriptError naming `name` and what to do."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise TranscriptError(
                    f"{name} starts with a {encoding.upper()} byte-order mark but its text is not valid "
                    f"{encoding.upper()}; re-save it as UTF-8"
                ) from None
            return _checked(DecodedText(_normalise_newlines(text), f"{encoding} (BOM)"), name)
    if b"\x00" in data[:4096]:
        return _checked(_decode_utf16_without_bom(data, name), name)
    try:
        return _checked(DecodedText(_normalise_newlines(data.decode("utf-8")), "utf-8"), name)
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return _checked(mostly_utf8, name)
    return _checked(_guess_code_page(data, name), name)


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff")


def _decode_utf16_without_bom(data: bytes, name: str) -> DecodedText:
    # ASCII-heavy UTF-16 has a zero in every other byte: odd positions for little-endian.
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    if max(zeros_even, zeros_odd) < half * 0.3:
        raise UnsupportedFormatError(
            f"{name} is binary data, not a text transcript; export the transcript as .vtt, .srt, .txt or .docx"
        )
    encoding = "utf-16-le" if zeros_odd >= zeros_even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UnsupportedFormatError(
            f"{name} contains zero bytes but is not valid UTF-16 text; export the transcript as UTF-8 text"
        ) from None
    return DecodedText(_normalise_newlines(text), encoding)


def _mostly_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few stray bytes (text pasted from elsewhere): keep it, replacing the bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    has_real_multibyte = any(ord(ch) > 127 and ch != "\ufffd" for ch in text[:_SAMPLE_CHARS])
    if not has_real_multibyte or bad > max(1, int(len(data) * _MAX_BAD_UTF8_SHARE)):
        return None
    note = f"{bad} byte(s) were not valid UTF-8 and were replaced with \ufffd"
    return DecodedText(_normalise_newlines(text), "utf-8 (with replacements)", (note,))


def _guess_code_page(data: bytes, name: str) -> DecodedText:
    results = from_bytes(data)
    best = results.best()
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or _cp1252_is_as_good(results, best, western)):
        return DecodedText(_normalise_newlines(western), "cp1252")
    # Any single-byte code page "decodes" any bytes; a guess in which charset-normalizer recognises
    # no language at all is garbage, not text.
    if best is None or best.coherence <= 0:
        raise TranscriptError(
            f"{name} is not valid UTF-8 and not text in any code page coachlens recognises; open it in a "
            "text editor and save it as UTF-8"
        )
    return DecodedText(_normalise_newlines(str(best)), best.encoding)


def _cp1252_is_as_good(results: CharsetMatches, best: CharsetMatch, western: str) -> bool:
    """Prefer cp1252 unless another code page reads the bytes clearly better (short files tie a lot)."""
    if str(best) == western:
        return True
    for match in results:
        if match.encoding == "cp1252":
            return match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.05
    return False


def _checked(decoded: DecodedText, name: str) -> DecodedText:
    """Refuse "text" that is really binary; drop the odd stray control character from real text."""
    sample = decoded.text[:_SAMPLE_CHARS]
    suspicious = len(_BINARY_CHAR_RE.findall(sample))
    if suspicious == 0:
        return decoded
    if suspicious > max(_MAX_STRAY_CONTROLS, int(len(sample) * _MAX_CONTROL_SHARE)):
        raise UnsupportedFormatError(
            f"{name} contains binary data ({suspicious} control characters), not a readable transcript; "
            "export the transcript as .vtt, .srt, .txt or .docx"
        )
    text = _BINARY_CHAR_RE.sub("", decoded.text)
    note = f"removed {suspicious} stray control character(s) from the text"
    return DecodedText(text, decoded.encoding, (*decoded.warnings, note))
