"""From an uploaded file to a stored, queued session; and role corrections that re-queue it.

Parsing happens before anything is written, so a broken or unknown file raises its clear
TranscriptError and leaves no trace in the database. The caller (web route, CLI) enqueues the returned
session id with its job queue.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from coachlens.config import Settings
from coachlens.models import CoachingSession
from coachlens.storage.db import Database
from coachlens.storage.records import SessionKind, SessionRecord, SessionSummary
from coachlens.storage.sessions import (
    NewSession,
    add_session,
    get_session,
    mark_roles_confirmed,
    replace_transcript,
)

log = logging.getLogger(__name__)


def transcript_document(session: CoachingSession) -> dict[str, Any]:
    """The JSON stored for a session's transcript: `coachlens.transcript/1` plus role and parse notes."""
    document = session.to_transcript_dict()
    document["roles_inferred"] = session.roles_inferred
    document["role_confidence"] = session.role_confidence
    document["warnings"] = list(session.warnings)
    document["metadata"] = dict(session.metadata)
    return document


def load_coaching_session(record: SessionRecord) -> CoachingSession:
    """Rebuild the CoachingSession of a stored session from its transcript JSON."""
    from coachlens.transcripts import session_from_dict

    return session_from_dict(record.transcript or {})


def create_session_from_upload(
    db: Database,
    settings: Settings,
    *,
    content: bytes,
    filename: str,
    title: str | None = None,
    coach: str | None = None,
    client: str | None = None,
    kind: SessionKind = "real",
    client_pseudonym: str | None = None,
    tags: Sequence[str] = (),
    session_date: date | None = None,
    demo_id: str | None = None,
    accept_inferred_roles: bool = False,
) -> SessionRecord:
    """Parse an uploaded transcript and store it with its original, queued for assessment.

    `coach`/`client` name the speakers when the labels do not say who is who. When roles had to be
    guessed the session waits for the user to confirm them (`needs_role_confirmation`), unless
    `accept_inferred_roles` (the API: scripts cannot be asked). Raises the parser's
    TranscriptError/RoleError (nothing stored) for a file coachlens cannot read.
    """
    from coachlens.audio.ingest import is_audio
    from coachlens.transcripts import parse

    if is_audio(filename, content[:16]):
        # A recording is only checked here; the assessment job transcribes it (coachlens.audio.jobs).
        from coachlens.audio.jobs import pending_recording_session

        session = pending_recording_session(
            content, filename=filename, coach=coach or None, client=client or None, settings=settings
        )
    else:
        session = parse(
            content, filename=filename, coach=coach or None, client=client or None, settings=settings
        )
    explicit_roles = bool(coach or client)
    record = add_session(
        db,
        NewSession(
            title=(title or "").strip() or session.title or filename,
            filename=filename,
            content=content,
            source_format=session.source_format,
            transcript=transcript_document(session),
            roles_inferred=session.roles_inferred,
            roles_confirmed=explicit_roles or accept_inferred_roles or not session.roles_inferred,
            kind=kind,
            client_pseudonym=client_pseudonym,
            tags=tuple(tags),
            session_date=session_date or _date_from_metadata(session),
            demo_id=demo_id,
        ),
    )
    log.info("stored session %s (%s, %d turns)", record.id, record.source_format, record.turn_count)
    return record


def swap_session_roles(db: Database, session_id: str) -> SessionRecord:
    """Swap coach and client in a stored session and queue a fresh assessment (caller enqueues)."""
    from coachlens.transcripts import swap_roles

    swapped = swap_roles(load_coaching_session(get_session(db, session_id)))
    return replace_transcript(
        db, session_id, transcript_document(swapped), roles_inferred=False, roles_confirmed=True
    )


def set_session_roles(
    db: Database, session_id: str, *, coach: str | None = None, client: str | None = None
) -> SessionRecord:
    """Name the coach and/or client of a stored session and queue a fresh assessment (caller enqueues)."""
    from coachlens.transcripts import assign_roles

    decided = assign_roles(load_coaching_session(get_session(db, session_id)), coach=coach, client=client)
    return replace_transcript(
        db,
        session_id,
        transcript_document(decided),
        roles_inferred=decided.roles_inferred,
        roles_confirmed=True,
    )


def rename_session_speaker(db: Database, session_id: str, old: str, new: str) -> SessionRecord:
    """Rename a speaker everywhere in a stored session and queue a fresh assessment (caller enqueues)."""
    from coachlens.transcripts import rename_speaker

    record = get_session(db, session_id)
    renamed = rename_speaker(load_coaching_session(record), old, new)
    return replace_transcript(
        db,
        session_id,
        transcript_document(renamed),
        roles_inferred=record.roles_inferred,
        roles_confirmed=record.roles_confirmed,
    )


def confirm_session_roles(db: Database, session_id: str) -> SessionSummary:
    """The user looked at the inferred roles and they are right: stop asking (no re-assessment)."""
    return mark_roles_confirmed(db, session_id)


def _date_from_metadata(session: CoachingSession) -> date | None:
    raw = session.metadata.get("date") or session.metadata.get("session_date")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None
