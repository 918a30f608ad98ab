"""How fast is `coachlens.analysis.pipeline.assess` on a 60-minute session, next to the embedding model?

Builds a session of about 9,500 words and 72 minutes by joining the two timed demo sessions, loads
the models once (and the exemplar cache), then times over several runs, with the embedder's
in-memory cache cleared before each run so every run pays for its embeddings:

- embedding alone: one batched `embed` call over the session's coach sentences;
- the full assessment (classification, exemplar similarity, 37 detectors, metrics, feedback);
- the engine's own share (detectors, metrics and feedback on an already classified session).

The issue's targets: the full assessment under 2 s on 2 cores with the models loaded, and within 1.5x
of the embedding time alone.

    .venv/bin/python benchmarks/bench_assess.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.detectors.context import build_view, coach_sentence_texts
from coachlens.analysis.feedback import build_feedback
from coachlens.analysis.metrics import compute_metrics
from coachlens.analysis.pipeline import assess, run_detectors
from coachlens.config import Settings
from coachlens.demo_data import demo_path, get_demo
from coachlens.framework import load_rubric
from coachlens.models import CoachingSession
from coachlens.transcripts import parse


def long_session(settings: Settings) -> CoachingSession:
    parts = []
    for demo_id in ("strong-pcc", "mid-level"):
        demo = get_demo(demo_id)
        parts.append(
            parse(demo_path(demo_id), coach=demo.coach_name, client=demo.client_name, settings=settings)
        )
    first, second = parts
    offset = (first.turns[-1].end_s or 0.0) + 5.0
    turns = list(first.turns) + [
        replace(
            t, index=len(first.turns) + i, start_s=(t.start_s or 0) + offset, end_s=(t.end_s or 0) + offset
        )
        for i, t in enumerate(second.turns)
    ]
    return CoachingSession("60-minute benchmark", "vtt", tuple(turns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        session = long_session(settings)
        classifier = load_default_classifier(settings)
        embedder = getattr(classifier, "embedder", None)
        rubric = load_rubric(settings.rubric)
        assess(session, settings=settings, classifier=classifier)  # load models, fill the exemplar cache
        words = sum(len(t.text.split()) for t in session.turns)
        turn_acts = classifier.classify(session)
        texts = coach_sentence_texts(session, turn_acts)
        embed_s, full_s, engine_s = [], [], []
        for _ in range(args.runs):
            if embedder is not None:
                embedder._cache.clear()  # benchmark only: make every run embed from scratch
                started = time.perf_counter()
                embedder.embed(texts)
                embed_s.append(time.perf_counter() - started)
                embedder._cache.clear()
            started = time.perf_counter()
            assess(session, settings=settings, classifier=classifier)
            full_s.append(time.perf_counter() - started)
            view = build_view(session, turn_acts, rubric)
            started = time.perf_counter()
            findings, _ = run_detectors(view)
            metrics = compute_metrics(view, findings)
            build_feedback(view, findings, metrics)
            engine_s.append(time.perf_counter() - started)
        embed = statistics.median(embed_s) if embed_s else float("nan")
        full = statistics.median(full_s)
        print(
            f"session: {words} words, {len(session.turns)} turns, {len(texts)} coach sentences, "
            f"{(session.duration_s or 0) / 60:.0f} minutes"
        )
        print(f"embedding alone     median {embed:.2f} s over {args.runs} runs")
        print(f"full assessment     median {full:.2f} s  ({full / embed:.2f}x the embedding time)")
        print(f"detectors+metrics+feedback median {statistics.median(engine_s):.2f} s")


if __name__ == "__main__":
    main()
