"""Does the simulated client open up with good coaching and close down with poor coaching? And how fast?

1. Speed: time per coach turn (classifier + trust + move + voice + hints) and for a debrief.
2. Scripted coaches (tests/data/practice): layer reached, turn of each opening, final trust, per persona.
3. Real conversations: the first 20 therapist turns of each AnnoMI transcript (human-rated high- or
   low-quality motivational interviewing, ../shared/eval-data) played as coach lines to every persona.
   The topics do not match the personas, so this measures reactions to behaviour (reflections,
   questions, advice), not content. Figures: mean final trust and layers opened per quality, and the
   ROC-AUC of a transcript's mean final trust for telling high from low quality.

    .venv/bin/python benchmarks/bench_practice.py
"""

from __future__ import annotations

import csv
import statistics
import time
from collections import defaultdict
from pathlib import Path

from coachlens.analysis.acts import load_default_classifier
from coachlens.practice import PracticeSimulator, load_personas
from coachlens.practice.debrief import build_debrief

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "tests" / "data" / "practice"
ANNOMI = ROOT.parent / "shared" / "eval-data" / "annomi" / "AnnoMI-simple.csv"
TURNS_PER_TRANSCRIPT = 20


def script(name: str) -> list[str]:
    return [line for line in (SCRIPTS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def annomi_scripts() -> dict[str, tuple[str, list[str]]]:
    rows: dict[str, list[tuple[int, str]]] = defaultdict(list)
    quality: dict[str, str] = {}
    with ANNOMI.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["interlocutor"] != "therapist":
                continue
            quality[row["transcript_id"]] = row["mi_quality"]
            rows[row["transcript_id"]].append((int(row["utterance_id"]), row["utterance_text"].strip()))
    return {
        tid: (quality[tid], [text for _, text in sorted(turns)][:TURNS_PER_TRANSCRIPT])
        for tid, turns in rows.items()
        if len(turns) >= 8
    }


def main() -> None:
    classifier = load_default_classifier()
    personas = load_personas()

    print("## Scripted coaches (seed 0)")
    print("| persona | empathic: layer, openings at coach turn, final trust | advising: layer, final trust |")
    print("|---|---|---|")
    timings: list[float] = []
    for persona in personas:
        results = []
        for name in ("empathic_coach.txt", "advising_coach.txt"):
            simulator = PracticeSimulator(persona, classifier, seed=0)
            for line in script(name):
                started = time.perf_counter()
                simulator.respond(line)
                timings.append(time.perf_counter() - started)
            results.append(simulator.snapshot())
        good, bad = results
        openings = ", ".join(str(e.coach_turn // 2 + 1) for e in good.layer_events)
        print(
            f"| {persona.id} | {good.layer_reached}/{good.deepest_layer}, [{openings}], {good.final_trust:.0f} "
            f"(from {good.starting_trust:.0f}) | {bad.layer_reached}, {bad.final_trust:.0f} |"
        )
    timings.sort()
    print(
        f"\nPer coach turn: median {1000 * statistics.median(timings):.1f} ms, "
        f"p95 {1000 * timings[int(0.95 * len(timings))]:.1f} ms over {len(timings)} turns."
    )

    persona = personas[0]
    simulator = PracticeSimulator(persona, classifier, seed=0)
    for line in script("empathic_coach.txt"):
        simulator.respond(line)
    run = simulator.end()
    build_debrief(run, persona)  # warm the engine (exemplar bank) once
    started = time.perf_counter()
    build_debrief(run, persona)
    print(f"Debrief of a 40-turn practice session (engine warm): {time.perf_counter() - started:.2f} s.")

    if not ANNOMI.exists():
        print(f"\n{ANNOMI} not found: skipping the AnnoMI check.")
        return
    print(f"\n## AnnoMI therapist turns as coach lines (first {TURNS_PER_TRANSCRIPT} per transcript)")
    by_quality: dict[str, list[float]] = defaultdict(list)
    layers: dict[str, list[float]] = defaultdict(list)
    for quality, lines in annomi_scripts().values():
        trusts, opened = [], []
        for persona in personas:
            simulator = PracticeSimulator(persona, classifier, seed=0, hints=False)
            for line in lines:
                simulator.respond(line[:1900])
            snapshot = simulator.snapshot()
            trusts.append(snapshot.final_trust - snapshot.starting_trust)
            opened.append(snapshot.layer_reached - 1)
        by_quality[quality].append(statistics.mean(trusts))
        layers[quality].append(statistics.mean(opened))
    for quality in ("high", "low"):
        values = by_quality[quality]
        print(
            f"{quality}-quality transcripts: {len(values)}, mean trust change {statistics.mean(values):+.1f}, "
            f"mean hidden layers opened {statistics.mean(layers[quality]):.2f}"
        )
    print(
        f"ROC-AUC (mean trust change, high vs low quality): {auc(by_quality['high'], by_quality['low']):.2f}"
    )


if __name__ == "__main__":
    main()
