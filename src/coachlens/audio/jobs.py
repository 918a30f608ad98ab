"""Recordings uploaded to the web app: checked at upload, transcribed by the background job.

Transcribing takes minutes, so the upload only checks the recording (container, audio track,
length) and stores a *pending* transcript: no turns, `metadata.recording = "pending"`. The
assessment job (jobs/runner.py) sees that, transcribes the stored original with progress on the
job's bar, saves the transcript while it still owns the job, and assesses it as usual. A stop of
the job (deleted or re-queued session) stops the transcription within one chunk.

Imports stay light here: the runner imports this module in every job.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from coachlens.config import Settings, load_settings
from coachlens.models import CoachingSession

if TYPE_CHECKING:
    from coachlens.audio.types import Progress
    from coachlens.storage.db import Database
    from coachlens.storage.job_state import JobClaim
    from coachlens.storage.records import SessionRecord

logger = logging.getLogger(__name__)

PENDING = "pending"
# The job's progress bar: the transcription fills the "parsing" stage from 5 % to 19 %.
_FIRST_PERCENT = 5
_LAST_PERCENT = 19
_REPORT_EVERY_S = 2.0


def pending_recording_session(
    content: bytes,
    *,
    filename: str,
    coach: str | None = None,
    client: str | None = None,
    settings: Settings | None = None,
) -> CoachingSession:
    """Check an uploaded recording and return the placeholder session the job will transcribe.

    Raises AudioError (nothing is stored) for a damaged, unsupported or too long recording.
    """
    from coachlens.audio.decode import probe_audio

    settings = settings or load_settings()
    info = probe_audio(content, name=filename, max_seconds=settings.max_audio_seconds)
    metadata = {"filename": filename, "recording": PENDING, "container": info.container}
    if info.duration_s is not None:
        metadata["audio_duration_s"] = f"{info.duration_s:.1f}"
    if coach:
        metadata["coach"] = coach
    if client:
        metadata["client"] = client
    return CoachingSession(
        title=PurePath(filename).stem or "Recording", source_format="audio", turns=(), metadata=metadata
    )


def is_pending_recording(transcript: Mapping[str, Any] | None) -> bool:
    """True for a stored transcript that is a recording still waiting to be transcribed."""
    if not transcript or transcript.get("source_format") != "audio":
        return False
    metadata = transcript.get("metadata")
    return isinstance(metadata, Mapping) and metadata.get("recording") == PENDING


def transcribe_for_job(
    db: Database, claim: JobClaim, record: SessionRecord, *, settings: Settings | None = None
) -> CoachingSession:
    """Transcribe a pending recording inside its assessment job and store the transcript.

    Raises the runner's JobAbandonedError when the job stops being ours, AudioError when the
    recording cannot be transcribed (the job then fails with that one line).
    """
    from coachlens.audio.ingest import session_from_recording
    from coachlens.audio.types import TranscriptionStopped
    from coachlens.jobs.runner import JobAbandonedError
    from coachlens.storage.ingest import transcript_document
    from coachlens.storage.job_state import report_progress, save_job_transcript
    from coachlens.storage.sessions import get_original

    settings = settings or load_settings()
    metadata = (record.transcript or {}).get("metadata") or {}
    stop = threading.Event()
    last_report = 0.0

    def on_progress(update: Progress) -> None:
        nonlocal last_report
        now = time.monotonic()
        if now - last_report < _REPORT_EVERY_S:
            return
        last_report = now
        share = update.fraction or 0.0
        percent = _FIRST_PERCENT + round((_LAST_PERCENT - _FIRST_PERCENT) * share)
        if not report_progress(db, claim, "parsing", percent):
            stop.set()  # the session was deleted or re-queued: stop after this chunk

    original = get_original(db, record.id)
    try:
        session = session_from_recording(
            original.content,
            filename=original.filename or record.source_filename,
            coach=metadata.get("coach"),
            client=metadata.get("client"),
            settings=settings,
            progress=on_progress,
            stop=stop,
        )
    except TranscriptionStopped:
        raise JobAbandonedError from None
    if not save_job_transcript(
        db, claim, transcript_document(session), roles_inferred=session.roles_inferred
    ):
        raise JobAbandonedError
    logger.info("transcribed the recording of session %s (%d turns)", record.id, len(session.turns))
    return session
