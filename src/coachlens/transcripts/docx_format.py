"""Word (.docx) transcripts: speaker-labelled paragraphs, or a table with speaker/time/text columns.

A .docx file is a zip archive, so it is inspected before python-docx opens it: a damaged archive,
an archive that is not a Word document, and a zip bomb (parts that unpack to far more than any
transcript) are all refused with a clear message, without unpacking anything.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from coachlens.errors import TranscriptError, UnsupportedFormatError
from coachlens.models import Role
from coachlens.transcripts.cues import Cue, ParsedTranscript
from coachlens.transcripts.labels import parse_label, role_from_name, speaker_key
from coachlens.transcripts.plaintext import parse_lines
from coachlens.transcripts.source import human_size
from coachlens.transcripts.timecodes import is_clock, parse_clock

MAX_ZIP_ENTRIES = 1_000
# A Word document's XML compresses about 5-15 times; zip bombs compress hundreds to millions of times.
MAX_COMPRESSION_RATIO = 100
# Parts smaller than this are not checked for their ratio: tiny XML parts compress very well.
RATIO_CHECK_MIN_BYTES = 1_000_000
# The unpacked document may be this many times the transcript size limit (XML is verbose).
UNPACKED_LIMIT_FACTOR = 5

_HEADER_COLUMNS: dict[str, str] = {
    "speaker": "speaker",
    "name": "speaker",
    "who": "speaker",
    "participant": "speaker",
    "person": "speaker",
    "role": "speaker",
    "time": "time",
    "timestamp": "time",
    "start": "time",
    "start time": "time",
    "timecode": "time",
    "time code": "time",
    "text": "text",
    "transcript": "text",
    "dialogue": "text",
    "utterance": "text",
    "content": "text",
    "speech": "text",
    "words": "text",
    "message": "text",
    "what was said": "text",
}


def check_docx_archive(data: bytes, *, name: str, max_bytes: int) -> None:
    """Refuse damaged archives, non-Word zips and zip bombs, reading only the zip's directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise TranscriptError(
            f"{name} is a damaged zip/Word file ({str(exc)[:60] or type(exc).__name__}); open it in Word and "
            "save it again"
        ) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise TranscriptError(
            f"{name} holds {len(entries)} files, far more than a Word transcript; save the transcript "
            "as a new .docx or .txt"
        )
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise UnsupportedFormatError(
            f"{name} is a zip archive but not a Word document (.docx); upload the transcript itself"
        )
    unpacked = sum(entry.file_size for entry in entries)
    limit = max_bytes * UNPACKED_LIMIT_FACTOR
    if unpacked > limit:
        raise TranscriptError(
            f"{name} would unpack to {human_size(unpacked)}, over the {human_size(limit)} allowed for a "
            "Word transcript (a zip bomb?); save the transcript as plain text instead"
        )
    for entry in entries:
        if entry.file_size > RATIO_CHECK_MIN_BYTES and entry.file_size > MAX_COMPRESSION_RATIO * max(
            entry.compress_size, 1
        ):
            raise TranscriptError(
                f"{name} contains a part that unpacks {entry.file_size // max(entry.compress_size, 1)} times "
                "its size, the mark of a zip bomb; it was not opened. Save the transcript again from Word"
            )


def parse_docx(data: bytes, *, name: str, max_bytes: int) -> ParsedTranscript:
    """Cues from a .docx file (table or paragraphs)."""
    check_docx_archive(data, name=name, max_bytes=max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
        core_title = (document.core_properties.title or "").strip()
    except Exception as exc:  # python-docx raises many types on malformed packages; all mean "unreadable"
        raise TranscriptError(
            f"{name} could not be read as a Word document ({type(exc).__name__}); open it in Word and save it again"
        ) from None
    table_cues: list[Cue] = []
    hints: dict[str, Role] = {}
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            cues = _cues_from_table(block, len(table_cues), hints)
            if cues is not None:
                table_cues.extend(cues)
                continue
            lines.extend(_table_lines(block))
        elif isinstance(block, Paragraph):
            lines.extend(block.text.split("\n"))
    if table_cues:
        title = core_title or next((line.strip() for line in lines if line.strip()), None)
        return ParsedTranscript(table_cues, "table", title or None, [], hints)
    parsed = parse_lines(lines, name=name, unit="line")
    if core_title:
        parsed.title = core_title
    return parsed


def _table_lines(table: Table) -> list[str]:
    """A layout table (not a transcript table): read its cells as paragraphs in reading order."""
    lines: list[str] = []
    for row in table.rows:
        for cell in _unique_cells(row.cells):
            lines.extend(cell.text.split("\n"))
    return lines


def _unique_cells(cells: Sequence[docx.table._Cell]) -> list[docx.table._Cell]:
    # python-docx repeats a merged cell once per grid column it spans.
    seen: list[docx.table._Cell] = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def _cues_from_table(table: Table, offset: int, hints: dict[str, Role]) -> list[Cue] | None:
    # A cell's paragraphs are paragraphs of the turn, so they are kept apart by a blank line.
    rows = [
        [cell.text.strip().replace("\n", "\n\n") for cell in _unique_cells(row.cells)] for row in table.rows
    ]
    rows = [row for row in rows if any(row)]
    if len(rows) < 2:
        return None
    columns = _columns_from_header(rows[0])
    body = rows[1:]
    if columns is None:
        columns, body = _columns_from_content(rows), rows
    if columns is None:
        return None
    speaker_col, time_col, text_col = columns
    cues: list[Cue] = []
    for number, row in enumerate(body, start=1):
        text = _cell(row, text_col)
        if not text:
            continue
        raw_speaker = " ".join(_cell(row, speaker_col).split())
        speaker: str | None = None
        if raw_speaker:
            label = parse_label(raw_speaker)
            speaker = label.name if label is not None else raw_speaker
            stated = label.role_hint if label is not None else role_from_name(raw_speaker)
            if stated is not None:
                hints.setdefault(speaker_key(speaker), stated)
        start = parse_clock(_cell(row, time_col)) if time_col is not None else None
        cues.append(Cue(speaker, text, start, None, f"table row {offset + number}"))
    return cues if any(cue.speaker for cue in cues) else None


def _cell(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column]


def _columns_from_header(header: list[str]) -> tuple[int, int | None, int] | None:
    roles: dict[str, int] = {}
    for index, heading in enumerate(header):
        kind = _HEADER_COLUMNS.get(" ".join(heading.casefold().split()).strip(":"))
        if kind is not None:
            roles.setdefault(kind, index)
    if "speaker" in roles and "text" in roles:
        return roles["speaker"], roles.get("time"), roles["text"]
    return None


def _columns_from_content(rows: list[list[str]]) -> tuple[int, int | None, int] | None:
    """Guess the columns of a headerless table: times, short name-like cells, long text cells."""
    width = max(len(row) for row in rows)
    if width < 2:
        return None
    time_col: int | None = None
    candidates: list[int] = []
    for column in range(width):
        cells = [row[column] for row in rows if column < len(row) and row[column]]
        if not cells:
            continue
        if time_col is None and sum(is_clock(cell) for cell in cells) >= 0.8 * len(cells):
            time_col = column
        else:
            candidates.append(column)
    if len(candidates) < 2:
        return None

    def average_length(column: int) -> float:
        cells = [row[column] for row in rows if column < len(row) and row[column]]
        return sum(map(len, cells)) / max(1, len(cells))

    def name_share(column: int) -> float:
        cells = [row[column] for row in rows if column < len(row) and row[column]]
        return sum(parse_label(cell) is not None for cell in cells) / max(1, len(cells))

    speaker_col = next((c for c in candidates if name_share(c) >= 0.8 and average_length(c) <= 40), None)
    if speaker_col is None:
        return None
    text_col = max((c for c in candidates if c != speaker_col), key=average_length)
    return speaker_col, time_col, text_col
