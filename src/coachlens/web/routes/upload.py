"""The HTML upload flow: pick or drop transcripts, confirm who is the coach, watch the assessment run.

Several files may go up at once. Each is parsed and stored on its own, so one broken file does not
stop the others, and a broken file is never stored. When the roles were guessed (no `Coach:`/`Client:`
labels) the session waits on the role-confirmation page and its assessment is queued only once the
user has confirmed, swapped or named the roles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from coachlens.errors import CoachlensError, RoleError
from coachlens.storage import (
    SessionRecord,
    confirm_session_roles,
    create_session_from_upload,
    get_session,
    rename_session_speaker,
    set_session_roles,
    swap_session_roles,
)
from coachlens.web.deps import DatabaseDep, JobsDep, SettingsDep, TemplatesDep
from coachlens.web.errors import status_for
from coachlens.web.uploads import MAX_FILES_PER_REQUEST, read_upload, upload_filename

router = APIRouter(include_in_schema=False)

SEE_OTHER = 303
ACCEPTED_EXTENSIONS = ".vtt,.srt,.txt,.docx,.json,.md,.m4a,.mp3,.wav,.mp4,.webm,.ogg,.flac"
SAMPLE_LINES = 2


@dataclass(frozen=True)
class UploadOutcome:
    """What happened to one uploaded file: stored as a session, or refused with a reason."""

    filename: str
    session: SessionRecord | None = None
    error: str | None = None
    status: int = 200


@dataclass(frozen=True)
class SpeakerView:
    name: str
    role: str
    turns: int
    words: int
    samples: tuple[str, ...]


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, settings: SettingsDep, templates: TemplatesDep) -> Response:
    return templates.TemplateResponse(request, "upload.html", _upload_context(settings, [], {}))


@router.post("/upload", response_class=HTMLResponse)
async def upload_action(
    request: Request,
    db: DatabaseDep,
    jobs: JobsDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    files: Annotated[list[UploadFile] | None, File()] = None,
    title: Annotated[str, Form(max_length=300)] = "",
    kind: Annotated[str, Form(max_length=20)] = "real",
    client_pseudonym: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    """Store every readable file; go straight on for one file, list the outcomes for several."""
    form = {"title": title, "kind": kind, "client_pseudonym": client_pseudonym}
    chosen = [f for f in files or [] if f.filename]
    if not chosen:
        outcome = UploadOutcome(
            filename="", error="choose at least one transcript file to upload", status=400
        )
        return _upload_error_page(request, templates, settings, [outcome], form)
    if len(chosen) > MAX_FILES_PER_REQUEST:
        outcome = UploadOutcome(
            filename="",
            error=f"{len(chosen)} files chosen; upload at most {MAX_FILES_PER_REQUEST} at a time",
            status=400,
        )
        return _upload_error_page(request, templates, settings, [outcome], form)
    outcomes: list[UploadOutcome] = []
    for upload in chosen:
        name = upload_filename(upload)
        try:
            content = await read_upload(upload, settings)
            record = await run_in_threadpool(
                create_session_from_upload,
                db,
                settings,
                content=content,
                filename=name,
                title=title if len(chosen) == 1 else None,
                kind="practice" if kind == "practice" else "real",
                client_pseudonym=client_pseudonym or None,
            )
        except CoachlensError as exc:
            outcomes.append(UploadOutcome(filename=name, error=exc.message, status=status_for(exc)))
            continue
        if not record.needs_role_confirmation:
            jobs.enqueue(record.id)
        outcomes.append(UploadOutcome(filename=name, session=record))
    stored = [o for o in outcomes if o.session is not None]
    if not stored:
        return _upload_error_page(request, templates, settings, outcomes, form)
    if len(outcomes) == 1 and stored[0].session is not None:
        return RedirectResponse(_next_step(stored[0].session), status_code=SEE_OTHER)
    return templates.TemplateResponse(
        request, "upload_results.html", {"nav": "upload", "outcomes": outcomes, "next_step": _next_step}
    )


@router.get("/sessions/{session_id}/roles", response_class=HTMLResponse)
def roles_page(session_id: str, request: Request, db: DatabaseDep, templates: TemplatesDep) -> Response:
    """Show who was taken for the coach and the client, with a few of their lines, and ask."""
    record = get_session(db, session_id)
    return _roles_response(request, templates, record, None, 200)


@router.post("/sessions/{session_id}/roles", response_class=HTMLResponse)
def roles_action(
    session_id: str,
    request: Request,
    db: DatabaseDep,
    jobs: JobsDep,
    templates: TemplatesDep,
    action: Annotated[str, Form(max_length=20)] = "confirm",
    coach: Annotated[str, Form(max_length=200)] = "",
    old: Annotated[str, Form(max_length=200)] = "",
    new: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Confirm the guess, swap the two roles, choose the coach, or rename a speaker."""
    record = get_session(db, session_id)
    try:
        if action == "swap":
            record = swap_session_roles(db, session_id)
        elif action == "assign":
            if not coach:
                raise RoleError("choose which speaker is the coach")
            record = set_session_roles(db, session_id, coach=coach)
        elif action == "rename":
            record = rename_session_speaker(db, session_id, old, new)
            if record.needs_role_confirmation:
                return RedirectResponse(f"/sessions/{session_id}/roles?renamed=1", status_code=SEE_OTHER)
        else:
            confirm_session_roles(db, session_id)
            if record.status not in ("queued", "running"):
                return RedirectResponse(f"/sessions/{session_id}", status_code=SEE_OTHER)
    except CoachlensError as exc:
        return _roles_response(request, templates, record, exc.message, status_for(exc))
    jobs.enqueue(session_id)
    return RedirectResponse(f"/sessions/{session_id}", status_code=SEE_OTHER)


def speakers_of(transcript: dict[str, Any] | None) -> tuple[SpeakerView, ...]:
    """Each speaker with their role, how much they said and their first lines (to recognise them)."""
    turns = [t for t in (transcript or {}).get("turns") or [] if isinstance(t, dict)]
    order: dict[str, None] = {}
    roles: dict[str, Counter[str]] = {}
    words: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    samples: dict[str, list[str]] = {}
    for turn in turns:
        name = str(turn.get("speaker") or "?")
        order.setdefault(name, None)
        roles.setdefault(name, Counter())[str(turn.get("role") or "unknown")] += 1
        text = str(turn.get("text") or "")
        words[name] += len(text.split())
        counts[name] += 1
        lines = samples.setdefault(name, [])
        if len(lines) < SAMPLE_LINES and len(text.split()) >= 4:
            lines.append(text if len(text) <= 220 else text[:219].rstrip() + "…")
    return tuple(
        SpeakerView(
            name=name,
            role=roles[name].most_common(1)[0][0],
            turns=counts[name],
            words=words[name],
            samples=tuple(samples.get(name, ())),
        )
        for name in order
    )


def _next_step(record: SessionRecord) -> str:
    if record.needs_role_confirmation:
        return f"/sessions/{record.id}/roles"
    return f"/sessions/{record.id}"


def _roles_response(
    request: Request, templates: Any, record: SessionRecord, error: str | None, status: int
) -> Response:
    transcript = record.transcript or {}
    confidence = transcript.get("role_confidence")
    response: Response = templates.TemplateResponse(
        request,
        "roles.html",
        {
            "nav": "upload",
            "session": record,
            "speakers": speakers_of(transcript),
            "confidence": confidence if isinstance(confidence, int | float) else None,
            "error": error,
            "renamed": request.query_params.get("renamed") == "1",
        },
        status_code=status,
    )
    return response


def _upload_context(settings: Any, outcomes: list[UploadOutcome], form: dict[str, str]) -> dict[str, Any]:
    return {
        "nav": "upload",
        "accept": ACCEPTED_EXTENSIONS,
        "max_files": MAX_FILES_PER_REQUEST,
        "max_mb": settings.max_upload_bytes / 1_000_000,
        "max_bytes": settings.max_upload_bytes,
        "errors": [o for o in outcomes if o.error],
        "form": {"title": "", "kind": "real", "client_pseudonym": "", **form},
    }


def _upload_error_page(
    request: Request, templates: Any, settings: Any, outcomes: list[UploadOutcome], form: dict[str, str]
) -> Response:
    status = max((o.status for o in outcomes if o.error), default=400)
    response: Response = templates.TemplateResponse(
        request, "upload.html", _upload_context(settings, outcomes, form), status_code=status
    )
    return response
