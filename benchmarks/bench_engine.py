"""Speed and memory of the offline engine (figures for docs/validation.md).

Usage: `.venv/bin/python benchmarks/bench_engine.py [--sessions 100] [--repeats 3]`

Builds two 60-minute sessions of about 9,000 words, re-timed evenly over an hour: the two timed
demo coaching sessions joined (the coach speaks about a quarter of the words, as in coaching), and
AnnoMI counselling transcripts joined (from `../shared/eval-data`; the therapist speaks about 60%
of the words, a worst case for the embedding cost). For each it measures, with the model loaded: embedding time alone for the coach
sentences (cache cleared first), classifier time, full `pipeline.assess` time, then the cold
`coachlens assess FILE` time in a fresh process, peak RSS, and how a batch of sessions scales.
Timings are the median of `--repeats` runs; the machine's load is printed alongside because the
2 cores may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from coachlens.analysis.acts import load_default_classifier  # noqa: E402
from coachlens.analysis.embeddings import OnnxEmbedder, load_default_embedder  # noqa: E402
from coachlens.analysis.sentences import split_sentences  # noqa: E402
from coachlens.models import CoachingSession, Turn  # noqa: E402

TARGET_WORDS = 9_000
SESSION_SECONDS = 3_600.0


def annomi_sessions() -> list[CoachingSession]:
    """High-quality AnnoMI transcripts (therapists speak about 60% of the words), or [] without them."""
    from acts_data import ANNOMI_CSV, load_annomi

    if not ANNOMI_CSV.is_file():
        return []
    return [s.session for s in load_annomi() if s.meta["mi_quality"] == "high"]


def demo_sessions() -> list[CoachingSession]:
    """The two timed demo coaching sessions (the coach speaks about a quarter of the words)."""
    from coachlens.demo_data import demo_path
    from coachlens.transcripts import parse

    return [parse(demo_path(name)) for name in ("strong-pcc", "mid-level")]


def hour_session(
    sources: list[CoachingSession], offset: int = 0, words: int = TARGET_WORDS
) -> CoachingSession:
    """Consecutive turns from the sources until `words`, re-timed evenly over an hour."""
    texts: list[tuple[str, str]] = []
    count = 0
    index = offset
    while count < words:
        for turn in sources[index % len(sources)].turns:
            texts.append((turn.role, turn.text))
            count += len(turn.text.split())
            if count >= words:
                break
        index += 1
    per_word = SESSION_SECONDS / count
    turns, clock = [], 0.0
    for i, (role, text) in enumerate(texts):
        length = len(text.split()) * per_word
        speaker = "Coach" if role == "coach" else "Client"
        turns.append(Turn(i, speaker, role, round(clock, 2), round(clock + length, 2), text))  # type: ignore[arg-type]
        clock += length
    return CoachingSession(title="benchmark hour", source_format="plain", turns=tuple(turns))


def as_plain_text(session: CoachingSession) -> str:
    lines = []
    for turn in session.turns:
        start = int(turn.start_s or 0)
        lines.append(
            f"[{start // 3600:02d}:{start % 3600 // 60:02d}:{start % 60:02d}] {turn.speaker}: {turn.text}"
        )
    return "\n".join(lines) + "\n"


def median_time(action: Callable[[], Any], repeats: int, before: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(repeats):
        if before:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def coach_sentences(session: CoachingSession) -> list[str]:
    return [s.text for t in session.turns if t.role == "coach" for s in split_sentences(t.text)]


def cold_cli(session: CoachingSession, repeats: int) -> dict[str, float]:
    """Wall time and peak RSS of `coachlens assess FILE --format json` in a fresh process."""
    executable = Path(sys.executable).with_name("coachlens")
    with tempfile.TemporaryDirectory() as folder:
        transcript = Path(folder) / "hour.txt"
        transcript.write_text(as_plain_text(session), encoding="utf-8")
        times, rss = [], []
        for _ in range(repeats):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            started = time.perf_counter()
            subprocess.run(
                [
                    str(executable),
                    "assess",
                    str(transcript),
                    "--format",
                    "json",
                    "--output",
                    str(Path(folder) / "out.json"),
                ],
                check=True,
                capture_output=True,
                env={**os.environ, "COACHLENS_DATA_DIR": folder},
            )
            times.append(time.perf_counter() - started)
            rss.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    return {
        "cold_cli_s": round(statistics.median(times), 3),
        "cold_cli_peak_rss_mb": round(max(rss) / 1024, 1),
    }


def batch_scaling(sources: list[CoachingSession], embedder: OnnxEmbedder, sizes: list[int]) -> dict[str, Any]:
    """Assess n sessions one after another (distinct text, cache cleared per session)."""
    from coachlens.analysis.pipeline import assess

    sessions = [hour_session(sources, offset=i, words=1_500) for i in range(max(sizes))]
    out = {}
    for n in sizes:
        started = time.perf_counter()
        for session in sessions[:n]:
            embedder.clear_cache()
            assess(session)
        elapsed = time.perf_counter() - started
        out[str(n)] = {"seconds": round(elapsed, 2), "per_session_s": round(elapsed / n, 3)}
    return out


def hour_figures(session: CoachingSession, repeats: int) -> dict[str, Any]:
    """Embedding alone, classifier and full assessment times for one session, models loaded."""
    from coachlens.analysis.pipeline import assess

    embedder = load_default_embedder()
    classifier = load_default_classifier()
    sentences = coach_sentences(session)
    figures: dict[str, Any] = {
        "words": sum(len(t.text.split()) for t in session.turns),
        "coach_words": sum(len(t.text.split()) for t in session.turns if t.role == "coach"),
        "turns": len(session.turns),
        "coach_sentences": len(sentences),
    }
    assess(session)  # warm-up: first-call costs (rubric, exemplar bank)
    figures["embedding_only_s"] = median_time(
        lambda: embedder.embed(sentences), repeats, embedder.clear_cache
    )
    figures["classifier_s"] = median_time(lambda: classifier.classify(session), repeats, embedder.clear_cache)
    figures["assess_s"] = median_time(lambda: assess(session), repeats, embedder.clear_cache)
    figures["assess_over_embedding"] = round(figures["assess_s"] / figures["embedding_only_s"], 2)
    return figures | cold_cli(session, repeats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speed and memory of the offline engine.")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=100, help="largest batch for the scaling check")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "bench_engine.json")
    args = parser.parse_args(argv)
    load_started = time.perf_counter()
    embedder = load_default_embedder()
    load_default_classifier()
    results: dict[str, Any] = {"model_load_s": round(time.perf_counter() - load_started, 3)}
    annomi = annomi_sessions()
    sources = {"coaching_demo_hour": demo_sessions(), "annomi_hour": annomi}
    for name, sessions in sources.items():
        if sessions:
            results[name] = hour_figures(hour_session(sessions), args.repeats)
    results["in_process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    sizes = sorted({s for s in (10, 50, args.sessions) if s <= args.sessions})
    results["batch"] = batch_scaling(annomi or demo_sessions(), embedder, sizes)
    results["load_average"] = os.getloadavg()
    results["cpu_count"] = os.cpu_count()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
