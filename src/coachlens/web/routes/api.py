"""The JSON API for integrations (coach-training schools, scripts); documented at /docs.

    curl -F file=@session.vtt -F title="Week 3" http://127.0.0.1:8000/api/sessions
    curl http://127.0.0.1:8000/api/sessions/<id>      # until "status" is "done"

Scripts need no token: the cross-site protection only refuses requests that a browser marks as
coming from another site (see coachlens.web.security).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Path, Query, Response, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from coachlens import __version__
from coachlens.storage import (
    KEEP,
    SessionKind,
    SessionRecord,
    confirm_session_roles,
    create_session_from_upload,
    delete_session,
    export_all,
    get_original,
    get_session,
    list_sessions,
    rename_session,
    rename_session_speaker,
    retry_job,
    set_session_roles,
    swap_session_roles,
    tag_session,
)
from coachlens.storage.export import safe_filename
from coachlens.storage.records import JobStatus, SessionSort
from coachlens.web.deps import DatabaseDep, JobsDep, SettingsDep
from coachlens.web.schemas import (
    ErrorOut,
    HealthOut,
    RoleAssignment,
    SessionCreated,
    SessionListItem,
    SessionOut,
    SessionUpdate,
    SpeakerRename,
)
from coachlens.web.uploads import read_upload, upload_filename

router = APIRouter(prefix="/api", tags=["api"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "No such session."}}
BAD_UPLOAD: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The multipart body could not be read."},
    413: {"model": ErrorOut, "description": "The file is over the upload limit."},
    415: {"model": ErrorOut, "description": "Not a transcript format coachlens reads."},
    422: {"model": ErrorOut, "description": "The file is broken, empty, or its roles cannot be decided."},
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "The assessment is already queued or running."}
}
ROLE_PROBLEM: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "The speakers named do not fit this transcript."}
}
SessionId = Annotated[str, Path(description="The session id returned by POST /api/sessions.")]


@router.get("/health", response_model=HealthOut, summary="Is the server up")
def health(settings: SettingsDep) -> HealthOut:
    return HealthOut(status="ok", version=__version__, job_backend=settings.job_backend)


@router.post(
    "/sessions",
    status_code=status.HTTP_201_CREATED,
    response_model=SessionCreated,
    responses=BAD_UPLOAD,
    summary="Upload a transcript and queue its assessment",
)
async def upload_session(
    db: DatabaseDep,
    jobs: JobsDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="The transcript: VTT, SRT, TXT, DOCX or coachlens JSON.")],
    title: Annotated[str | None, Form(max_length=300)] = None,
    coach: Annotated[str | None, Form(max_length=200, description="Speaker name of the coach.")] = None,
    client: Annotated[str | None, Form(max_length=200, description="Speaker name of the client.")] = None,
    kind: Annotated[SessionKind, Form(description="real (a client session) or practice.")] = "real",
) -> SessionCreated:
    content = await read_upload(file, settings)
    record = await run_in_threadpool(
        create_session_from_upload,
        db,
        settings,
        content=content,
        filename=upload_filename(file),
        title=title,
        coach=coach,
        client=client,
        kind=kind,
        # A script cannot be asked to confirm guessed roles: assess now; fix them later via /roles.
        accept_inferred_roles=True,
    )
    jobs.enqueue(record.id)
    return SessionCreated(id=record.id, status=record.status)


@router.get("/sessions", response_model=list[SessionListItem], summary="List stored sessions")
def list_stored_sessions(
    db: DatabaseDep,
    search: Annotated[str | None, Query(max_length=200)] = None,
    sort: SessionSort = "newest",
    kind: SessionKind | None = None,
    status_filter: Annotated[JobStatus | None, Query(alias="status")] = None,
) -> list[SessionListItem]:
    summaries = list_sessions(db, search=search, sort=sort, kind=kind, status=status_filter)
    return [SessionListItem.of(summary) for summary in summaries]


@router.get(
    "/sessions/{session_id}",
    response_model=SessionOut,
    responses=NOT_FOUND,
    summary="A session and its assessment",
)
def read_session(session_id: SessionId, db: DatabaseDep) -> SessionOut:
    return SessionOut.of_record(get_session(db, session_id))


@router.patch(
    "/sessions/{session_id}",
    response_model=SessionListItem,
    responses={**NOT_FOUND, 400: {"model": ErrorOut, "description": "A value is not acceptable."}},
    summary="Rename or re-file a session",
)
def update_session(session_id: SessionId, update: SessionUpdate, db: DatabaseDep) -> SessionListItem:
    given = update.model_fields_set
    if update.title is not None:
        rename_session(db, session_id, update.title)
    summary = tag_session(
        db,
        session_id,
        kind=update.kind if "kind" in given and update.kind is not None else KEEP,
        client_pseudonym=update.client_pseudonym if "client_pseudonym" in given else KEEP,
        tags=update.tags if "tags" in given and update.tags is not None else KEEP,
        session_date=update.session_date if "session_date" in given else KEEP,
    )
    return SessionListItem.of(summary)


@router.delete(
    "/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NOT_FOUND,
    summary="Delete a session and everything derived from it",
)
def remove_session(session_id: SessionId, db: DatabaseDep) -> Response:
    delete_session(db, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/sessions/{session_id}/retry",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SessionCreated,
    responses={**NOT_FOUND, **CONFLICT},
    summary="Run a failed (or finished) assessment again",
)
def retry_session(session_id: SessionId, db: DatabaseDep, jobs: JobsDep) -> Response | SessionCreated:
    current = get_session(db, session_id)
    if current.status in ("queued", "running"):
        return _conflict("this session's assessment is already queued or running; wait for it to finish")
    summary = retry_job(db, session_id)
    jobs.enqueue(summary.id)
    return SessionCreated(id=summary.id, status=summary.status)


@router.post(
    "/sessions/{session_id}/roles",
    response_model=SessionListItem,
    responses={**NOT_FOUND, **ROLE_PROBLEM},
    summary="Name the coach and/or client, then re-assess",
)
def assign_session_roles(
    session_id: SessionId, roles: RoleAssignment, db: DatabaseDep, jobs: JobsDep
) -> SessionListItem:
    return _requeued(set_session_roles(db, session_id, coach=roles.coach, client=roles.client), jobs)


@router.post(
    "/sessions/{session_id}/roles/swap",
    response_model=SessionListItem,
    responses={**NOT_FOUND, **ROLE_PROBLEM},
    summary="Swap coach and client, then re-assess",
)
def swap_roles(session_id: SessionId, db: DatabaseDep, jobs: JobsDep) -> SessionListItem:
    return _requeued(swap_session_roles(db, session_id), jobs)


@router.post(
    "/sessions/{session_id}/roles/confirm",
    response_model=SessionListItem,
    responses=NOT_FOUND,
    summary="Confirm the inferred roles are right",
)
def confirm_roles(session_id: SessionId, db: DatabaseDep) -> SessionListItem:
    return SessionListItem.of(confirm_session_roles(db, session_id))


@router.post(
    "/sessions/{session_id}/speakers/rename",
    response_model=SessionListItem,
    responses={**NOT_FOUND, **ROLE_PROBLEM},
    summary="Rename a speaker, then re-assess",
)
def rename_speaker(
    session_id: SessionId, rename: SpeakerRename, db: DatabaseDep, jobs: JobsDep
) -> SessionListItem:
    return _requeued(rename_session_speaker(db, session_id, rename.old, rename.new), jobs)


@router.get(
    "/sessions/{session_id}/original",
    response_class=Response,
    responses={**NOT_FOUND, 200: {"content": {"application/octet-stream": {}}, "description": "The file."}},
    summary="Download the uploaded file as received",
)
def download_original(session_id: SessionId, db: DatabaseDep) -> Response:
    original = get_original(db, session_id)
    # Always a download, never rendered: an uploaded .html file must not run in this origin.
    return Response(
        content=original.content,
        media_type="application/octet-stream",
        headers={"content-disposition": _attachment(safe_filename(original.filename))},
    )


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "Every stored session, zipped."}},
    summary="Export all data as one zip archive",
)
def export_everything(db: DatabaseDep) -> Response:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Response(
        content=export_all(db),
        media_type="application/zip",
        headers={"content-disposition": _attachment(f"coachlens-export-{stamp}.zip")},
    )


@router.get("/rubrics", response_model=list[str], summary="Ids of the installed rubric versions")
def list_rubrics() -> list[str]:
    from coachlens.framework import available_rubrics

    return available_rubrics()


@router.get(
    "/rubrics/{rubric_id}",
    response_model=dict[str, Any],
    responses={404: {"model": ErrorOut, "description": "No rubric with this id."}},
    summary="A rubric: competencies, sub-points, PCC markers, practice questions",
)
def read_rubric(rubric_id: str) -> Response | dict[str, Any]:
    from coachlens.framework import available_rubrics, load_rubric

    if rubric_id not in available_rubrics():
        known = ", ".join(available_rubrics()) or "none"
        return _error(404, f"unknown rubric '{rubric_id[:80]}': installed rubrics are {known}")
    rubric = load_rubric(rubric_id)
    return {
        "id": rubric.id,
        "version": rubric.version,
        "meta": rubric.meta.model_dump(mode="json"),
        "competencies": [c.model_dump(mode="json") for c in rubric.competencies],
    }


def _requeued(record: SessionRecord, jobs: JobsDep) -> SessionListItem:
    jobs.enqueue(record.id)
    return SessionListItem.of(record)


def _conflict(message: str) -> Response:
    return _error(status.HTTP_409_CONFLICT, message)


def _error(code: int, message: str) -> Response:
    return JSONResponse({"detail": message}, status_code=code)


def _attachment(filename: str) -> str:
    """A download header: an ASCII fallback name, plus the exact name (RFC 6266) when it is not ASCII."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace('"', "'").replace("?", "_")
    if ascii_name == filename:
        return f'attachment; filename="{ascii_name}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
