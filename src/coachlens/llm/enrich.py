"""The LLM pass over an offline assessment: judge, ground, merge, re-score, narrate, report.

`enrich_assessment` never loses the offline result: if the endpoint is down, refuses, times out or
answers nonsense, the assessment comes back with the offline findings for every marker the model did
not (validly) reach, and a note in `Assessment.notes` saying what happened. What the LLM did is
recorded under `llm` in the assessment JSON: model, prompt versions, token usage, grounding and merge
counts, and how much was redacted. The API key appears nowhere in it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from coachlens.analysis.scoring import competency_scores, overall_score, readiness
from coachlens.config import Settings
from coachlens.errors import LLMError
from coachlens.framework import load_rubric
from coachlens.framework.rubric import Rubric
from coachlens.llm.backend import LLMBackend
from coachlens.llm.cache import ResultCache
from coachlens.llm.consent import endpoint_key, is_loopback, needs_consent
from coachlens.llm.grounding import GroundingReport
from coachlens.llm.judge import JudgeOutcome, plan_judgement, run_judgement
from coachlens.llm.merge import MergeSummary, merge_findings
from coachlens.llm.narrative import Narrative, write_narrative
from coachlens.llm.prompts import JUDGE_PROMPT_VERSION, NARRATIVE_PROMPT_VERSION
from coachlens.llm.redaction import Redactor
from coachlens.llm.structured import StructuredCaller
from coachlens.models import Assessment, MarkerFinding
from coachlens.storage.db import Database
from coachlens.storage.migrate import upgrade_database

log = logging.getLogger(__name__)

LLM_ENGINE_SUFFIX = "+llm"


def llm_configured(settings: Settings) -> bool:
    """True when an endpoint and a model are set (the LLM is off otherwise)."""
    return bool(settings.llm_base_url and settings.llm_model)


def backend_from_settings(settings: Settings) -> LLMBackend:
    """The configured OpenAI-compatible backend (ConfigError if the endpoint or model is missing)."""
    # Imported here: the openai SDK is slow to import and only needed once an endpoint is configured.
    from coachlens.llm.openai_backend import OpenAICompatibleBackend

    return OpenAICompatibleBackend.from_settings(settings)


@dataclass(frozen=True)
class _Run:
    outcome: JudgeOutcome
    merge: MergeSummary
    narrative: Narrative | None
    narrative_error: str | None


def enrich_assessment(
    assessment: Assessment,
    *,
    settings: Settings,
    backend: LLMBackend | None = None,
    rubric: Rubric | None = None,
    redact: bool | None = None,
    narrative: bool | None = None,
    db: Database | None = None,
) -> Assessment:
    """The assessment with the model's checked judgement merged in (see `coachlens.llm.merge`).

    `redact` and `narrative` default to the settings. A non-loopback endpoint without a recorded
    consent is not contacted: the offline assessment comes back with a note. Only a missing
    configuration raises (ConfigError); endpoint trouble becomes notes.
    """
    backend = backend or backend_from_settings(settings)
    redact = settings.llm_redact if redact is None else redact
    narrative = settings.llm_narrative if narrative is None else narrative
    if not is_loopback(backend.endpoint):
        database = db or upgrade_database(settings)
        if needs_consent(database, backend.endpoint):
            note = (
                f"LLM review not run: sending transcripts to {endpoint_key(backend.endpoint)} has not been "
                "confirmed (run `coachlens llm confirm` or use the Settings page); offline findings shown."
            )
            return replace(assessment, notes=(*assessment.notes, note))
    rubric = rubric or load_rubric(assessment.rubric_id)
    redactor = Redactor.for_session(assessment.session, enabled=redact)
    cache = ResultCache.in_data_dir(settings.data_dir) if settings.llm_cache else None
    caller = StructuredCaller(backend, cache=cache)
    plan = plan_judgement(
        assessment.session, rubric, assessment.markers, redactor, chunk_chars=settings.llm_chunk_chars
    )
    outcome = run_judgement(plan, caller, assessment.session, rubric, redactor)
    merged_markers, summary = merge_findings(assessment.markers, outcome.findings)
    rescored = _rescore(assessment, merged_markers, rubric)
    story: Narrative | None = None
    story_error: str | None = None
    if narrative and outcome.stopped is None and outcome.requests_done:
        try:
            story = write_narrative(rescored, caller, redactor)
        except LLMError as exc:
            story_error = str(exc)
    run = _Run(outcome, summary, story, story_error)
    extra: dict[str, Any] = {
        **rescored.extra,
        "llm": _llm_record(backend, caller, redactor, run),
    }
    if story is not None:
        extra["narrative"] = story.to_dict()
    return replace(
        rescored,
        engine=assessment.engine + LLM_ENGINE_SUFFIX if outcome.requests_done else assessment.engine,
        notes=(*assessment.notes, *_notes(backend, run)),
        extra=extra,
    )


def _rescore(assessment: Assessment, markers: tuple[MarkerFinding, ...], rubric: Rubric) -> Assessment:
    """Competency scores, overall score and readiness recomputed from the merged markers.

    Metrics are not touched: they are the countable, deterministic part.
    """
    competencies = competency_scores(rubric, markers, assessment.metrics)
    overall, components = overall_score(markers, assessment.metrics)
    reading = readiness(overall, competencies, markers, assessment.metrics)
    extra = dict(assessment.extra)
    if "score_components" in extra:
        extra["score_components"] = components
    return replace(
        assessment,
        markers=markers,
        competencies=competencies,
        overall_score=overall,
        readiness=reading,
        extra=extra,
    )


def _llm_record(
    backend: LLMBackend, caller: StructuredCaller, redactor: Redactor, run: _Run
) -> dict[str, Any]:
    outcome = run.outcome
    return {
        "model": backend.model,
        "endpoint": endpoint_key(backend.endpoint),
        "prompt_versions": {"judge": JUDGE_PROMPT_VERSION, "narrative": NARRATIVE_PROMPT_VERSION},
        "complete": outcome.complete and run.narrative_error is None,
        "requests_planned": outcome.requests_planned,
        "requests_done": outcome.requests_done,
        "repairs": caller.repairs,
        "usage": caller.usage.to_dict(),
        "grounding": outcome.grounding.to_dict(),
        "merge": run.merge.to_dict(),
        "redaction": {"enabled": redactor.enabled, "replaced": redactor.counts()},
    }


def _notes(backend: LLMBackend, run: _Run) -> list[str]:
    outcome = run.outcome
    notes: list[str] = []
    if outcome.stopped is not None:
        if outcome.requests_done == 0:
            notes.append(f"LLM review not used ({outcome.stopped}); the findings are the offline engine's.")
        else:
            notes.append(
                f"LLM review incomplete ({outcome.stopped}); markers it did not reach keep the offline findings."
            )
    notes.extend(
        f"LLM review skipped {failure}; those markers keep the offline findings."
        for failure in outcome.failures
    )
    if outcome.requests_done:
        merge = run.merge
        notes.append(
            f"LLM review by {backend.model}: {merge.confirmed} marker(s) confirmed, {merge.upgraded} upgraded, "
            f"{merge.downgraded} downgraded; every change is backed by quotes checked against the transcript."
        )
    grounding: GroundingReport = outcome.grounding
    if grounding.findings_dropped or grounding.findings_downgraded:
        notes.append(
            f"LLM review: {grounding.findings_dropped} finding(s) dropped and {grounding.findings_downgraded} "
            f"weakened because {grounding.quotes_failed} quote(s) were not in the transcript."
        )
    if run.narrative_error is not None:
        notes.append(f"LLM narrative not written ({run.narrative_error}).")
    elif run.narrative is not None and run.narrative.claims_dropped:
        notes.append(
            f"LLM narrative: {run.narrative.claims_dropped} claim(s) removed because their quotes were not "
            "in the transcript."
        )
    return notes


def llm_pass_for_jobs(settings: Settings) -> Callable[[Assessment], Assessment]:
    """What background assessment jobs call after the offline engine.

    Reads the effective LLM settings (config file, Settings page, environment) at every job, so a
    change on the Settings page applies to the next assessment without a restart. Without an
    endpoint it returns the assessment unchanged; an unexpected error in the LLM pass is logged and
    becomes a note, so it can never cost the user the offline result.
    """
    opened: list[Database] = []
    lock = threading.Lock()  # in-process job queues run several workers on threads

    def run(assessment: Assessment) -> Assessment:
        from coachlens.llm.stored_settings import effective_settings

        with lock:
            if not opened:
                opened.append(Database.from_settings(settings))
            db = opened[0]
        current = effective_settings(settings, db)
        if not llm_configured(current):
            return assessment
        try:
            return enrich_assessment(assessment, settings=current, db=db)
        except Exception as exc:  # the offline result must survive any failure of the optional pass
            log.exception("the LLM pass failed")
            note = f"LLM review not used ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'no message'})."
            return replace(assessment, notes=(*assessment.notes, note))

    return run
