"""Running one assessment job: claim the session, assess its transcript with visible progress, save.

The same function runs in an in-process thread and inside an RQ worker. A failure stores a one-line
reason on the session (the user sees it and can retry); nothing is half-saved because the result is
written in one transaction and only while this worker still owns the job (see storage.job_state).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping
from typing import Any, Literal

from coachlens.audio.jobs import is_pending_recording, transcribe_for_job
from coachlens.config import Settings
from coachlens.errors import CoachlensError, NotFoundError
from coachlens.models import ASSESSMENT_SCHEMA, CoachingSession
from coachlens.storage.db import Database
from coachlens.storage.ingest import load_coaching_session
from coachlens.storage.job_state import JobClaim, claim_job, complete_job, fail_job, one_line, report_progress
from coachlens.storage.records import JOB_STAGES, JobStage
from coachlens.storage.sessions import get_session

log = logging.getLogger(__name__)

ProgressCallback = Callable[[JobStage], None]
"""Called by an assessor when it enters a stage ("classifying", "detecting", "reporting")."""

Assessor = Callable[[CoachingSession, ProgressCallback], Mapping[str, Any]]
"""Assesses a session and returns the `coachlens.assessment/1` JSON."""

JobOutcome = Literal["done", "failed", "skipped", "abandoned"]


class JobAbandonedError(Exception):
    """The session was deleted, edited or re-queued while its job ran: stop quietly, save nothing."""


def pipeline_assessor(settings: Settings) -> Assessor:
    """The real assessor: the offline engine (`coachlens.analysis.pipeline.assess`), then the optional
    LLM pass (`coachlens.llm.enrich.llm_pass_for_jobs`) when an endpoint is configured."""
    from coachlens.llm.enrich import llm_pass_for_jobs

    llm_pass = llm_pass_for_jobs(settings)

    def assess_with_pipeline(session: CoachingSession, progress: ProgressCallback) -> Mapping[str, Any]:
        from coachlens.analysis.pipeline import assess

        progress("classifying")
        kwargs: dict[str, Any] = {}
        if "progress" in inspect.signature(assess).parameters:
            # The pipeline names its stages; only the ones the progress bar knows are passed on.
            def on_stage(stage: str, *_details: object) -> None:
                for known in JOB_STAGES:
                    if stage == known:
                        progress(known)

            kwargs["progress"] = on_stage
        assessment = assess(session, settings=settings, **kwargs)
        assessment = llm_pass(assessment)  # unchanged unless an LLM endpoint is configured
        progress("reporting")
        return assessment.to_dict()

    return assess_with_pipeline


def run_assessment_job(db: Database, session_id: str, assessor: Assessor) -> JobOutcome:
    """Run the queued assessment of one session to the end; never raises for a failed assessment.

    Returns "skipped" when the session is not queued (another worker took it, or it is done),
    "abandoned" when it changed under us, "failed" with the reason stored, or "done".
    """
    claim = claim_job(db, session_id)
    if claim is None:
        log.debug("session %s is not queued; nothing to do", session_id)
        return "skipped"
    try:
        record = get_session(db, session_id)
        if is_pending_recording(record.transcript):
            # An uploaded recording: transcribe it first (progress on the "parsing" stage), then assess.
            session = transcribe_for_job(db, claim, record)
        else:
            session = load_coaching_session(record)
        assessment = dict(assessor(session, _progress_reporter(db, claim)))
        _check_assessment(assessment)
        if not complete_job(db, claim, assessment):
            raise JobAbandonedError
    except (JobAbandonedError, NotFoundError):
        log.info("the assessment of session %s was abandoned (session changed or deleted)", session_id)
        return "abandoned"
    except CoachlensError as exc:
        log.info("assessment of session %s failed: %s", session_id, exc.message)
        fail_job(db, claim, exc.message)
        return "failed"
    except Exception as exc:  # a bug in the engine must not kill the worker; the user sees why
        log.exception("assessment of session %s crashed", session_id)
        what = one_line(str(exc))[:200] if str(exc).strip() else "no message"
        fail_job(
            db,
            claim,
            f"the assessment crashed ({type(exc).__name__}: {what}); retry, and report it if it repeats",
        )
        return "failed"
    log.info("assessed session %s", session_id)
    return "done"


def _progress_reporter(db: Database, claim: JobClaim) -> ProgressCallback:
    def progress(stage: JobStage) -> None:
        if not report_progress(db, claim, stage):
            raise JobAbandonedError

    return progress


def _check_assessment(assessment: dict[str, Any]) -> None:
    if assessment.get("schema") != ASSESSMENT_SCHEMA:
        raise CoachlensError(
            f"the engine returned something that is not a {ASSESSMENT_SCHEMA} assessment; "
            "reinstall coachlens or report this"
        )
