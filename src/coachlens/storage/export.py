"""Export everything coachlens stores as one zip archive (the user's data, in open formats).

Layout of the archive:

    coachlens-export/manifest.json                  what, when, schema versions, session count
    coachlens-export/sessions/<id>/session.json     metadata, job state, tags
    coachlens-export/sessions/<id>/original/<file>  the uploaded file exactly as received
    coachlens-export/sessions/<id>/transcript.json  coachlens.transcript/1
    coachlens-export/sessions/<id>/assessment.json  coachlens.assessment/1 (when assessed)
    coachlens-export/sessions/<id>/annotations.json mentor notes on turns
    coachlens-export/mentoring_hours.json           logged mentoring time
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from coachlens import __version__
from coachlens.storage.convert import utc_now
from coachlens.storage.db import Database
from coachlens.storage.mentoring import list_annotations, list_mentoring_hours
from coachlens.storage.records import SessionRecord
from coachlens.storage.sessions import get_original, get_session, list_sessions

EXPORT_SCHEMA = "coachlens.export/1"
ROOT = "coachlens-export"


def export_all(db: Database) -> bytes:
    """Every stored session (original, transcript, assessment, notes) and the mentoring log, zipped."""
    buffer = io.BytesIO()
    write_archive(db, buffer)
    return buffer.getvalue()


def write_export(db: Database, path: Path) -> Path:
    """Write the archive to `path` atomically (a temp file renamed into place) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".coachlens-export-", suffix=".zip", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write_archive(db, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def write_archive(db: Database, out: BinaryIO) -> None:
    """Stream the archive into a binary file object."""
    summaries = list_sessions(db, sort="oldest")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for summary in summaries:
            record = get_session(db, summary.id)
            folder = f"{ROOT}/sessions/{record.id}"
            original = get_original(db, record.id)
            archive.writestr(f"{folder}/session.json", _json(_session_metadata(record)))
            archive.writestr(f"{folder}/original/{safe_filename(original.filename)}", original.content)
            archive.writestr(f"{folder}/transcript.json", _json(record.transcript or {}))
            if record.assessment is not None:
                archive.writestr(f"{folder}/assessment.json", _json(record.assessment))
            notes = [asdict(note) for note in list_annotations(db, record.id)]
            if notes:
                archive.writestr(f"{folder}/annotations.json", _json(notes))
        hours = [asdict(entry) for entry in list_mentoring_hours(db)]
        archive.writestr(f"{ROOT}/mentoring_hours.json", _json(hours))
        manifest = {
            "schema": EXPORT_SCHEMA,
            "coachlens_version": __version__,
            "exported_at": utc_now(),
            "session_count": len(summaries),
            "sessions": [{"id": s.id, "title": s.title, "status": s.status} for s in summaries],
        }
        archive.writestr(f"{ROOT}/manifest.json", _json(manifest))


def safe_filename(name: str) -> str:
    """The last path component of an uploaded name, without anything a zip tool could misuse."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    return cleaned or "original"


def _session_metadata(record: SessionRecord) -> dict[str, Any]:
    data = asdict(record)
    data.pop("transcript", None)
    data.pop("assessment", None)
    return data


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=_default) + "\n"


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot export {type(value).__name__}")
