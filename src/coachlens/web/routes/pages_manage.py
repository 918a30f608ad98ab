"""Session management from the HTML pages: rename, re-file (kind, pseudonym, tags, date), delete, retry,
report downloads and the export of everything.

Every change is a plain form POST followed by a redirect (works without JavaScript); the security
middleware refuses such POSTs when another site sends them. Bad values come back as the same
one-line messages the API and CLI give, shown on the error page.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from coachlens.errors import StorageError
from coachlens.storage import (
    delete_session,
    export_all,
    get_session,
    list_annotations,
    rename_session,
    retry_job,
    tag_session,
)
from coachlens.web.deps import DatabaseDep, JobsDep, TemplatesDep
from coachlens.web.downloads import download_filename, find_format, render_download
from coachlens.web.mentoring_view import note_document, notes_markdown, turn_starts

router = APIRouter(include_in_schema=False)

SEE_OTHER = 303


@router.post("/sessions/{session_id}/rename")
def rename_page_action(
    session_id: str, db: DatabaseDep, title: Annotated[str, Form(max_length=300)] = ""
) -> Response:
    rename_session(db, session_id, title)
    return RedirectResponse(f"/sessions/{session_id}?saved=1#details", status_code=SEE_OTHER)


@router.post("/sessions/{session_id}/tag")
def tag_page_action(
    session_id: str,
    db: DatabaseDep,
    kind: Annotated[str, Form(max_length=20)] = "real",
    client_pseudonym: Annotated[str, Form(max_length=120)] = "",
    tags: Annotated[str, Form(max_length=1000)] = "",
    session_date: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """File a session: real client or practice, the client's pseudonym, free tags, the session date."""
    tag_session(
        db,
        session_id,
        kind="practice" if kind == "practice" else "real",
        client_pseudonym=client_pseudonym or None,
        tags=[t for t in tags.split(",") if t.strip()],
        session_date=_parse_date(session_date),
    )
    return RedirectResponse(f"/sessions/{session_id}?saved=1#details", status_code=SEE_OTHER)


@router.get("/sessions/{session_id}/delete", response_class=HTMLResponse)
def delete_confirmation_page(
    session_id: str, request: Request, db: DatabaseDep, templates: TemplatesDep
) -> Response:
    """Ask before deleting: say exactly what goes."""
    record = get_session(db, session_id)
    return templates.TemplateResponse(request, "session_delete.html", {"nav": "sessions", "session": record})


@router.post("/sessions/{session_id}/delete")
def delete_page_action(session_id: str, db: DatabaseDep) -> Response:
    record = get_session(db, session_id)
    delete_session(db, session_id)
    return RedirectResponse(f"/sessions?deleted={quote(record.title)}", status_code=SEE_OTHER)


@router.post("/sessions/{session_id}/retry")
def retry_page_action(session_id: str, db: DatabaseDep, jobs: JobsDep) -> Response:
    """Queue the assessment again (after a failure, or to re-run with a newer engine)."""
    summary = retry_job(db, session_id)
    jobs.enqueue(summary.id)
    return RedirectResponse(f"/sessions/{session_id}", status_code=SEE_OTHER)


@router.get("/sessions/{session_id}/download/{fmt}")
def download_report(session_id: str, fmt: str, db: DatabaseDep) -> Response:
    """The report as a file: JSON, Markdown or the self-contained HTML (always an attachment)."""
    chosen = find_format(fmt)
    record = get_session(db, session_id)
    if record.assessment is None:
        raise StorageError("this session has no assessment yet; wait for it to finish, then download")
    # The stored document carries the title the transcript had; the file gets the one the user chose.
    session = record.assessment.get("session")
    document = {
        **record.assessment,
        "session": {**(session if isinstance(session, dict) else {}), "title": record.title},
    }
    notes = list_annotations(db, session_id)
    if notes:
        # An added field, as the contract allows; the assessment's own fields stay as they are.
        document["mentor_notes"] = [note_document(n) for n in notes]
    body = render_download(document, chosen.key)
    if chosen.key == "md":
        body += notes_markdown(notes, turn_starts(record.assessment))
    return Response(
        content=body.encode("utf-8"),
        media_type=chosen.media_type,
        headers={
            "content-disposition": f'attachment; filename="{download_filename(record.title, chosen.extension)}"'
        },
    )


@router.get("/sessions-export")
def export_page_action(db: DatabaseDep) -> Response:
    """Every stored session (original, transcript, assessment, notes) as one zip archive."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Response(
        content=export_all(db),
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="coachlens-export-{stamp}.zip"'},
    )


def _parse_date(text: str) -> date | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise StorageError(f"'{cleaned[:20]}' is not a date; use the form YYYY-MM-DD") from None
