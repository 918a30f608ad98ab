"""Export: one zip with every session's original, transcript, assessment and notes; atomic file write."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

from coachlens.storage import (
    Database,
    NewSession,
    add_annotation,
    add_session,
    delete_session,
    export_all,
    log_mentoring_hours,
    save_assessment,
    write_export,
)
from coachlens.storage.export import safe_filename

TRANSCRIPT = {
    "schema": "coachlens.transcript/1",
    "title": "t",
    "source_format": "text",
    "turns": [
        {"index": 0, "speaker": "Coach", "role": "coach", "start_s": None, "end_s": None, "text": "Hi"}
    ],
}


def stored(db: Database, title: str, filename: str, content: bytes) -> str:
    new = NewSession(
        title=title, filename=filename, content=content, source_format="text", transcript=TRANSCRIPT
    )
    return add_session(db, new).id


def names(archive: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(archive)).namelist())


def test_export_holds_everything_stored(db: Database) -> None:
    assessed = stored(db, "Assessed", "zoom.vtt", b"WEBVTT\n\noriginal bytes")
    pending = stored(db, "Pending", "notes.txt", b"Coach: hi")
    save_assessment(db, assessed, {"schema": "coachlens.assessment/1", "overall_score": 70.0})
    add_annotation(db, assessed, turn_index=0, author="Mentor", body="Strong opening.")
    log_mentoring_hours(db, mentee="Sam", mentor="Ada", held_on=date(2024, 2, 1), minutes=45)

    archive = zipfile.ZipFile(io.BytesIO(export_all(db)))
    root = "coachlens-export"
    assert archive.read(f"{root}/sessions/{assessed}/original/zoom.vtt") == b"WEBVTT\n\noriginal bytes"
    assert json.loads(archive.read(f"{root}/sessions/{assessed}/assessment.json"))["overall_score"] == 70.0
    assert json.loads(archive.read(f"{root}/sessions/{assessed}/transcript.json")) == TRANSCRIPT
    notes = json.loads(archive.read(f"{root}/sessions/{assessed}/annotations.json"))
    assert notes[0]["body"] == "Strong opening."
    meta = json.loads(archive.read(f"{root}/sessions/{pending}/session.json"))
    assert meta["title"] == "Pending" and meta["status"] == "queued"
    assert f"{root}/sessions/{pending}/assessment.json" not in archive.namelist()
    manifest = json.loads(archive.read(f"{root}/manifest.json"))
    assert manifest["schema"] == "coachlens.export/1" and manifest["session_count"] == 2
    assert json.loads(archive.read(f"{root}/mentoring_hours.json"))[0]["minutes"] == 45


def test_deleted_sessions_are_not_exported(db: Database) -> None:
    gone = stored(db, "Gone", "gone.txt", b"secret")
    delete_session(db, gone)
    assert not any(gone in name for name in names(export_all(db)))


def test_uploaded_names_cannot_escape_the_session_folder(db: Database) -> None:
    session_id = stored(db, "Sneaky", "../../etc/passwd", b"x")
    listed = names(export_all(db))
    assert f"coachlens-export/sessions/{session_id}/original/passwd" in listed
    assert all(".." not in name for name in listed)
    assert safe_filename("C:\\Users\\me\\session.vtt") == "session.vtt"
    assert safe_filename("..") == "original"


def test_write_export_replaces_the_file_atomically(db: Database, tmp_path: Path) -> None:
    stored(db, "One", "one.txt", b"1")
    target = tmp_path / "out" / "export.zip"
    target.parent.mkdir()
    target.write_bytes(b"old export")
    write_export(db, target)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in target.parent.iterdir()] == ["export.zip"]  # no temp file left behind
