"""The offline assessment engine: session in, `Assessment` out.

classify coach sentences into acts -> embed the coach sentences once (shared with the classifier
through the embedder's cache) -> score them against the marker exemplars -> run every registered
detector -> metrics -> competency and overall scores -> readiness -> feedback. No network, no LLM.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from coachlens.analysis.detectors.context import ExemplarScores, SessionView, build_view, coach_sentence_texts
from coachlens.analysis.detectors.evidence import finding
from coachlens.analysis.detectors.exemplars import exemplar_bank
from coachlens.analysis.detectors.text import format_clock, shorten
from coachlens.analysis.feedback import build_feedback
from coachlens.analysis.metrics import REFERRAL, compute_metrics
from coachlens.analysis.registry import all_detectors
from coachlens.analysis.scoring import competency_scores, overall_score, readiness
from coachlens.analysis.types import ActClassifier, Embedder, FloatArray
from coachlens.config import Settings, load_settings
from coachlens.errors import AnalysisError
from coachlens.framework import load_rubric
from coachlens.framework.rubric import Rubric
from coachlens.models import Assessment, CoachingSession, MarkerFinding

log = logging.getLogger(__name__)

ENGINE_NAME = "coachlens-offline"


def assess(
    session: CoachingSession,
    *,
    settings: Settings | None = None,
    classifier: ActClassifier | None = None,
    rubric: Rubric | None = None,
    embedder: Embedder | None = None,
) -> Assessment:
    """Assess one session against every PCC marker of the rubric.

    `classifier` defaults to the shipped act classifier; `embedder` defaults to the classifier's own
    embedder (so sentence embeddings are computed once). A classifier without an embedder and no
    `embedder` argument runs without exemplar similarity. Raises AnalysisError when the session has
    no coach turns or a model is missing.
    """
    started = time.perf_counter()
    settings = settings or load_settings()
    rubric = rubric or load_rubric(settings.rubric)
    if classifier is None:
        from coachlens.analysis.acts import load_default_classifier

        classifier = load_default_classifier(settings)
    if not session.turns:
        raise AnalysisError("the session has no turns to assess; check that the transcript is not empty")
    turn_acts = classifier.classify(session)
    if embedder is None:
        embedder = getattr(classifier, "embedder", None)
    vectors, exemplars = _exemplar_scores(session, turn_acts, rubric, embedder, settings)
    view = build_view(session, turn_acts, rubric, vectors=vectors, exemplars=exemplars)
    findings, notes = run_detectors(view)
    metrics = compute_metrics(view, findings)
    competencies = competency_scores(rubric, findings, metrics)
    overall, components = overall_score(findings, metrics)
    reading = readiness(overall, competencies, findings, metrics)
    feedback = build_feedback(view, findings, metrics)
    notes.extend(referral_notes(view))
    if session.roles_inferred and (session.role_confidence or 0.0) < 0.7:
        notes.append(
            "Coach and client roles were guessed from the transcript; if they are the wrong way round, "
            "re-run with --coach NAME."
        )
    extra: dict[str, Any] = {
        "score_components": components,
        "classifier": getattr(classifier, "name", type(classifier).__name__),
        "exemplar_similarity": exemplars is not None,
        "elapsed_s": round(time.perf_counter() - started, 3),
    }
    return Assessment(
        session=session,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        turn_acts=tuple(tuple(t.acts) for t in turn_acts),
        markers=findings,
        competencies=competencies,
        metrics=metrics,
        readiness=reading,
        feedback=feedback,
        overall_score=overall,
        engine=ENGINE_NAME,
        notes=tuple(notes),
        extra=extra,
    )


def assess_path(
    path: Path | str,
    *,
    coach: str | None = None,
    client: str | None = None,
    settings: Settings | None = None,
    classifier: ActClassifier | None = None,
    rubric: Rubric | None = None,
    embedder: Embedder | None = None,
) -> Assessment:
    """Parse a transcript file (any supported format) and assess it."""
    from coachlens.transcripts import parse

    settings = settings or load_settings()
    session = parse(Path(path), coach=coach, client=client, settings=settings)
    return assess(session, settings=settings, classifier=classifier, rubric=rubric, embedder=embedder)


def referral_notes(view: SessionView) -> list[str]:
    """A note when the coach pointed the client to other professional support: part of ethical practice
    (competency 1), which the report should name rather than count as advice."""
    for sentence in view.sentences:
        if REFERRAL.search(sentence.text):
            clock = format_clock(view.turn(sentence.turn).start_s)
            where = f"at {clock}" if clock else f"in turn {sentence.turn}"
            return [
                f"The coach suggested other professional support {where} (\u201c{shorten(sentence.text, 120)}\u201d): "
                "referring when a client's needs go beyond coaching is part of ethical practice (competency 1), so "
                "it is not counted as advice."
            ]
    return []


def run_detectors(view: SessionView) -> tuple[tuple[MarkerFinding, ...], list[str]]:
    """Run the newest detector of every rubric marker; a marker without a working detector is
    reported as not assessable (with a note) rather than failing the whole assessment."""
    detectors = {d.marker: d for d in all_detectors()}
    findings: list[MarkerFinding] = []
    notes: list[str] = []
    for marker in view.rubric.markers:
        detector = detectors.get(marker.id)
        if detector is None:
            findings.append(
                finding(
                    marker.id,
                    "not_assessable",
                    0.5,
                    [],
                    "No offline detector judges this marker yet.",
                    "none",
                )
            )
            continue
        try:
            findings.append(detector(view))
        except Exception:  # one broken rule must not cost the coach the other 36 markers
            log.exception("detector %s failed", detector.name)
            notes.append(f"Marker {marker.id} could not be judged (detector {detector.name} failed).")
            findings.append(
                finding(
                    marker.id,
                    "not_assessable",
                    0.3,
                    [],
                    "The detector for this marker failed on this session.",
                    detector.name,
                )
            )
    return tuple(findings), notes


def _exemplar_scores(
    session: CoachingSession,
    turn_acts: Any,
    rubric: Rubric,
    embedder: Embedder | None,
    settings: Settings,
) -> tuple[FloatArray | None, ExemplarScores | None]:
    if embedder is None:
        return None, None
    texts = coach_sentence_texts(session, turn_acts)
    if not texts:
        return None, None
    # The act classifier embedded these very sentences a moment ago; the embedder's cache returns
    # them without running the model again.
    vectors = embedder.embed(texts)
    bank = exemplar_bank(rubric, embedder, settings)
    return vectors, bank.score(vectors)
