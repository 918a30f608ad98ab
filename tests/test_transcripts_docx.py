"""DOCX ingestion: labelled paragraphs, transcript tables, and hostile zip files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from coachlens.config import Settings
from coachlens.errors import TranscriptError, UnsupportedFormatError
from coachlens.transcripts import parse


def word_file(
    path: Path, paragraphs: list[str], *, title: str = "", table: list[list[str]] | None = None
) -> Path:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table is not None:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row_cells, row in zip(grid.rows, table, strict=True):
            for cell, value in zip(row_cells.cells, row, strict=True):
                cell.text = value
    document.save(str(path))
    return path


def test_labelled_paragraphs_become_turns(tmp_path: Path, settings: Settings) -> None:
    path = word_file(
        tmp_path / "session.docx",
        [
            "Coaching session with Ruth",
            "Coach: What would you like to explore today?",
            "Client: How to hand over my projects before leave.",
            "I have six weeks and far too much in my head.",
            "Coach: What would a good handover feel like?",
        ],
    )

    session = parse(path, settings=settings)

    assert session.source_format == "docx"
    assert [t.role for t in session.turns] == ["coach", "client", "coach"]
    assert session.turns[1].text == (
        "How to hand over my projects before leave. I have six weeks and far too much in my head."
    )
    assert session.title == "Coaching session with Ruth"


def test_the_documents_title_property_wins(tmp_path: Path, settings: Settings) -> None:
    path = word_file(
        tmp_path / "x.docx",
        ["Ana Silva: Hello there?", "Ben Ode: Hello."],
        title="Session 4 - Ben",
    )

    assert parse(path, settings=settings).title == "Session 4 - Ben"


def test_teams_style_docx_with_name_and_time_lines(tmp_path: Path, settings: Settings) -> None:
    path = word_file(
        tmp_path / "teams.docx",
        [
            "Helena Brandt   0:03",
            "Where would you like to start today?",
            "Marcus Lee   0:09",
            "With the sales team requests.",
        ],
    )

    session = parse(path, settings=settings)

    assert [(t.speaker, t.start_s, t.text) for t in session.turns] == [
        ("Helena Brandt", 3.0, "Where would you like to start today?"),
        ("Marcus Lee", 9.0, "With the sales team requests."),
    ]


def test_table_with_speaker_time_and_text_headers(tmp_path: Path, settings: Settings) -> None:
    path = word_file(
        tmp_path / "table.docx",
        ["Transcript, 3 May"],
        table=[
            ["Time", "Speaker", "Text"],
            ["00:00:02", "Coach", "What's on your mind?"],
            ["00:00:06", "Client", "The reorganisation."],
            ["00:00:09", "", "And what it means for my team."],
            ["00:00:15", "Coach", "What does it mean for you?"],
        ],
    )

    session = parse(path, settings=settings)

    assert session.metadata["dialect"] == "table"
    assert [(t.speaker, t.role, t.start_s) for t in session.turns] == [
        ("Coach", "coach", 2.0),
        ("Client", "client", 6.0),
        ("Coach", "coach", 15.0),
    ]
    assert session.turns[1].text == "The reorganisation. And what it means for my team."
    assert session.title == "Transcript, 3 May"


def test_headerless_table_columns_are_worked_out_from_content(tmp_path: Path, settings: Settings) -> None:
    path = word_file(
        tmp_path / "grid.docx",
        [],
        table=[
            ["Ana Silva", "0:01", "What would make today worthwhile for you?"],
            ["Ben Ode", "0:05", "Leaving with a first step on the career question."],
            ["Ana Silva", "0:11", "What might that first step be?"],
        ],
    )

    session = parse(path, settings=settings)

    assert [(t.speaker, t.start_s) for t in session.turns] == [
        ("Ana Silva", 1.0),
        ("Ben Ode", 5.0),
        ("Ana Silva", 11.0),
    ]


def test_zip_bomb_is_refused_before_python_docx_opens_it(tmp_path: Path, settings: Settings) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 3_000_000)  # ~3 KB packed, 3 MB unpacked
    path = tmp_path / "innocent.docx"
    path.write_bytes(bomb.getvalue())

    with pytest.raises(TranscriptError) as caught:
        parse(path, settings=settings)

    assert "zip bomb" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_docx_that_unpacks_beyond_the_size_limit_is_refused(tmp_path: Path) -> None:
    strict = Settings(data_dir=tmp_path / "data", max_transcript_bytes=50_000)
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:t>abc</w:t>" * 30_000)  # 420 KB > 5 x 50 KB
    with pytest.raises(TranscriptError, match=r"would unpack to 420\.0 KB, over the 250\.0 KB allowed"):
        parse(big.getvalue(), filename="big.docx", settings=strict)


def test_corrupt_zip_is_a_clear_error(tmp_path: Path, settings: Settings) -> None:
    good = word_file(tmp_path / "good.docx", ["Ana Silva: Hi?", "Ben Ode: Hi."]).read_bytes()

    with pytest.raises(TranscriptError, match="damaged zip/Word file") as caught:
        parse(good[: len(good) // 2], filename="broken.docx", settings=settings)
    assert "\n" not in str(caught.value)


def test_zip_with_a_corrupted_document_part_is_a_clear_error(tmp_path: Path, settings: Settings) -> None:
    good = word_file(tmp_path / "good.docx", ["Ana Silva: Hi?", "Ben Ode: Hi."]).read_bytes()
    # Flip bytes in the middle of the archive: the directory survives, the packed data does not.
    middle = len(good) // 3
    damaged = good[:middle] + bytes(b ^ 0xFF for b in good[middle : middle + 200]) + good[middle + 200 :]

    with pytest.raises(TranscriptError, match="could not be read as a Word document") as caught:
        parse(damaged, filename="damaged.docx", settings=settings)
    assert "\n" not in str(caught.value)


def test_a_zip_that_is_not_a_word_document(settings: Settings) -> None:
    archive_bytes = io.BytesIO()
    with zipfile.ZipFile(archive_bytes, "w") as archive:
        archive.writestr("notes.txt", "Coach: hello")

    with pytest.raises(UnsupportedFormatError, match="zip archive but not a Word document"):
        parse(archive_bytes.getvalue(), filename="notes.docx", settings=settings)


def test_plain_text_named_docx_is_read_as_text(settings: Settings) -> None:
    session = parse(b"Coach: Hello?\nClient: Hi.\n", filename="export.docx", settings=settings)

    assert session.source_format == "text"
    assert any("named like docx but holds plain text" in w for w in session.warnings)


def test_asking_for_docx_when_the_file_is_text_is_an_error(settings: Settings) -> None:
    with pytest.raises(UnsupportedFormatError, match="not a Word"):
        parse(b"Coach: Hello?\nClient: Hi.\n", filename="x.txt", format="docx", settings=settings)
