"""Every kind of bad input gets one clear line from a coachlens error, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import CoachlensError, FileTooLargeError, TranscriptError, UnsupportedFormatError
from coachlens.transcripts import parse

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def error_for(source: Path | bytes, settings: Settings, **kwargs: str) -> CoachlensError:
    with pytest.raises(CoachlensError) as caught:
        parse(source, settings=settings, **kwargs)
    message = str(caught.value)
    assert message and "\n" not in message and "Traceback" not in message
    return caught.value


@pytest.mark.parametrize("content", [b"", b"   \n\n\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\xff\xfe \x00\n\x00"])
def test_empty_files(tmp_path: Path, settings: Settings, content: bytes) -> None:
    path = tmp_path / "empty.vtt"
    path.write_bytes(content)

    error = error_for(path, settings)

    assert isinstance(error, TranscriptError)
    assert str(error) == "empty.vtt is empty; export the transcript again or pick another file"


def test_an_image_renamed_to_vtt(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "session.vtt"
    path.write_bytes(PNG_HEADER + os.urandom(2000))

    error = error_for(path, settings)

    assert isinstance(error, UnsupportedFormatError)
    assert (
        str(error)
        == "session.vtt is a PNG image, not a transcript; upload the transcript file, not a screenshot"
    )


@pytest.mark.parametrize(
    ("magic", "what"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"ID3\x04\x00\x00\x00", "an MP3 recording"),
        (b"\x00\x00\x00\x20ftypM4A ", "an MP4/M4A recording"),
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "a WAV/AVI recording"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) file"),
    ],
)
def test_other_binary_files_say_what_they_are(settings: Settings, magic: bytes, what: str) -> None:
    error = error_for(magic + bytes(500), settings, filename="call.vtt")

    assert f"call.vtt is {what}, not a transcript" in str(error)


def test_unrecognised_binary_data(settings: Settings) -> None:
    blob = bytes((i * 37 + 11) % 256 for i in range(4000))  # binary noise with zero bytes

    error = error_for(blob, settings, filename="data.vtt")

    assert isinstance(error, UnsupportedFormatError)
    assert "binary data" in str(error)


def test_undecodable_bytes(settings: Settings) -> None:
    # ASCII with a run of bytes that are undefined in cp1252 and invalid in UTF-8.
    data = b"Coach: How are you?\nClient: \x81\x8d\x8f\x90\x9d\x81\x8d fine\n"

    error = error_for(data, settings, filename="odd.txt")

    assert isinstance(error, TranscriptError)
    assert str(error) == (
        "odd.txt is not valid UTF-8 and not text in any code page coachlens recognises; open it in a text "
        "editor and save it as UTF-8"
    )


def test_a_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.vtt"
    with path.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: 200 MB on paper, nothing on disk

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although it is over the limit")

    monkeypatch.setattr(Path, "open", no_reading)

    error = error_for(path, settings)

    assert isinstance(error, FileTooLargeError)
    assert "huge.vtt is 200.0 MB, over the 20.0 MB limit for transcripts;" in str(error)
    assert "COACHLENS_MAX_TRANSCRIPT_BYTES" in str(error)


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    small = Settings(data_dir=tmp_path / "data", max_transcript_bytes=1_000)
    data = b"Coach: Hello?\nClient: Hi.\n" * 100

    error = error_for(data, small, filename="long.txt")

    assert isinstance(error, FileTooLargeError)
    assert str(error).startswith("long.txt is 2.6 KB, over the 1.0 KB limit for transcripts;")


def test_missing_file_and_folder(tmp_path: Path, settings: Settings) -> None:
    missing = error_for(tmp_path / "nope.vtt", settings)
    folder = error_for(tmp_path, settings)

    assert str(missing).endswith("nope.vtt: no such file; check the path")
    assert "is a folder, not a transcript file" in str(folder)


def test_text_passed_where_a_path_is_expected(settings: Settings) -> None:
    error = error_for("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: hi", settings)  # type: ignore[arg-type]

    assert "string with line breaks, not a file path" in str(error)


def test_unknown_format_name(settings: Settings) -> None:
    error = error_for(b"Coach: Hi?\nClient: Hi.", settings, format="pdf")

    assert str(error) == "unknown transcript format 'pdf'; use one of: vtt, srt, text, docx, json"


def test_an_explicit_format_overrides_detection(settings: Settings) -> None:
    session = parse(b"Coach: Hi?\nClient: Hi.\n", filename="x.vtt", format="txt", settings=settings)

    assert session.source_format == "text"
