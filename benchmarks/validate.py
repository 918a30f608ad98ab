"""Validate the act classifier and the engine against human labels (figures for docs/validation.md).

Usage: `.venv/bin/python benchmarks/validate.py [--folds 5] [--skip-epitome] [--skip-pac]`
Writes `benchmarks/out/validation.json` and prints Markdown tables.

1. AnnoMI dev, transcript-grouped k-fold CV: each fold retrains every head (and its thresholds,
   by inner CV) with `scripts/train_acts.py`'s code on the other transcripts only, then labels
   the held-out transcripts. Turn-level figures: question (vs `question_exists`), open vs closed
   on true questions the classifier also calls questions (a turn is judged by its last question;
   "any open question makes it open" is reported too), reflection incl. summary (vs main behaviour = reflection, and vs `reflection_exists`),
   advice and information (vs `therapist_input_subtype`); confusion matrices. Session level:
   `pipeline.assess(session, classifier=fold_classifier)` on every held-out transcript, ROC-AUC
   of `overall_score` for high vs low `mi_quality`, plus checks that control for length.
2. Physical-activity dialogues, leave-one-source-out: trained on AnnoMI only, scored on PAC.
3. EPITOME dev half (never trained on): the shipped weights; level >= 1 is positive.
4. The human yardstick for open vs closed: how often AnnoMI's annotators agree with each other on
   the utterances several of them labelled (`annotator_agreement.py`, no model involved).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import train_acts as training  # noqa: E402
from acts_data import LabelledSession, epitome_session, load_annomi, load_epitome, load_pac  # noqa: E402
from annotator_agreement import annotator_agreement  # noqa: E402

from coachlens.analysis.act_model import ActModel, load_packaged_model  # noqa: E402
from coachlens.analysis.acts import EmbeddingActClassifier, question_kind  # noqa: E402
from coachlens.analysis.types import TurnActs  # noqa: E402

OUT = REPO / "benchmarks" / "out"
QUESTION = {"question.open", "question.closed"}
REFLECTION = {"reflection", "summary"}


def f1_report(pairs: Sequence[tuple[bool, bool]]) -> dict[str, float]:
    """Precision, recall, F1 and support of (predicted, gold) pairs."""
    tp = sum(p and g for p, g in pairs)
    fp = sum(p and not g for p, g in pairs)
    fn = sum(g and not p for p, g in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {
        "f1": round(f1, 3),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "support": tp + fn,
    }


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    positives = [s for s, y in zip(scores, labels, strict=True) if y]
    negatives = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return round(wins / (len(positives) * len(negatives)), 3)


def predicted_main(acts: set[str]) -> str:
    if acts & QUESTION:
        return "question"
    if acts & REFLECTION:
        return "reflection"
    if acts & {"advice", "information"}:
        return "therapist_input"
    return "other"


def session_folds(sessions: Sequence[LabelledSession], folds: int, seed: int = 0) -> list[set[str]]:
    ids = sorted({s.id for s in sessions})
    random.Random(seed).shuffle(ids)
    return [set(ids[k::folds]) for k in range(folds)]


def turn_records(labelled: LabelledSession, turn_acts: Sequence[TurnActs]) -> list[dict[str, Any]]:
    return [
        {
            "acts": set(acts.acts),
            "last_question": last_question_kind(acts),
            "labels": labelled.labels[acts.turn],
            "session": labelled.id,
        }
        for acts in turn_acts
        if acts.turn in labelled.labels
    ]


def last_question_kind(acts: TurnActs) -> str | None:
    """Open or closed for a turn with questions: its last question's kind. AnnoMI gives a turn one
    question subtype; the last question is the one the client answers, and on the dev split it
    matches the annotators more often than "any open question makes the turn open" (both figures
    are reported)."""
    kinds = [kind for s in acts.sentences if (kind := question_kind(s.acts)) is not None]
    return kinds[-1] if kinds else None


def annomi_figures(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Turn-level figures and confusion matrices from held-out predictions."""
    figures: dict[str, Any] = {
        "question": f1_report([(bool(r["acts"] & QUESTION), r["labels"]["question"]) for r in records]),
        "question_vs_main": f1_report(
            [(bool(r["acts"] & QUESTION), r["labels"]["main"] == "question") for r in records]
        ),
        "reflection": f1_report(
            [(bool(r["acts"] & REFLECTION), r["labels"]["main"] == "reflection") for r in records]
        ),
        "reflection_exists": f1_report(
            [(bool(r["acts"] & REFLECTION), r["labels"]["reflection"]) for r in records]
        ),
        "advice": f1_report([("advice" in r["acts"], r["labels"]["advice"]) for r in records]),
        "information": f1_report([("information" in r["acts"], r["labels"]["information"]) for r in records]),
        # Telling as a whole (advice or information) against therapist input that tells the client
        # something (advice, information or options): what the consulting knock-out reads.
        "telling": f1_report(
            [
                (
                    bool(r["acts"] & {"advice", "information"}),
                    r["labels"]["therapist_input_subtype"] in ("advice", "information", "options"),
                )
                for r in records
            ]
        ),
    }
    open_closed: Counter[tuple[str, str]] = Counter()
    open_closed_clean: Counter[tuple[str, str]] = Counter()
    open_closed_any: Counter[tuple[str, str]] = Counter()
    for r in records:
        subtype = r["labels"]["question_subtype"]
        if r["labels"]["question"] and subtype and r["acts"] & QUESTION:
            predicted = r["last_question"] or ("open" if "question.open" in r["acts"] else "closed")
            open_closed[(subtype, predicted)] += 1
            open_closed_any[(subtype, "open" if "question.open" in r["acts"] else "closed")] += 1
            if r["labels"].get("annotators") != list(training.OPEN_CLOSED_EXCLUDED_ANNOTATORS):
                open_closed_clean[(subtype, predicted)] += 1
    for name, counts in (
        ("open_closed", open_closed),
        ("open_closed_without_annotator_3", open_closed_clean),
        ("open_closed_any_open_question", open_closed_any),
    ):
        total = sum(counts.values())
        figures[name] = {
            "accuracy": round((counts[("open", "open")] + counts[("closed", "closed")]) / max(total, 1), 3),
            "n": total,
            "confusion": {
                gold: {pred: counts[(gold, pred)] for pred in ("open", "closed")}
                for gold in ("open", "closed")
            },
        }
    mains = ("question", "reflection", "therapist_input", "other")
    confusion: Counter[tuple[str, str]] = Counter(
        (r["labels"]["main"], predicted_main(r["acts"])) for r in records
    )
    figures["main_behaviour_confusion"] = {g: {p: confusion[(g, p)] for p in mains} for g in mains}
    return figures


def length_controlled(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Session AUC checks that control for length (low-quality AnnoMI role-plays are shorter)."""
    scores = [r["overall_score"] for r in rows]
    labels = [r["high"] for r in rows]
    words = [math.log(max(r["words"], 1)) for r in rows]
    # Residual of the score after a least-squares fit on log length.
    slope, intercept = np.polyfit(words, scores, 1)
    residual = [s - (slope * w + intercept) for s, w in zip(scores, words, strict=True)]
    # Pairs of one high and one low session whose lengths differ by at most 1.5x.
    highs = [r for r in rows if r["high"]]
    lows = [r for r in rows if not r["high"]]
    matched = [
        (h["overall_score"] > low["overall_score"]) + 0.5 * (h["overall_score"] == low["overall_score"])
        for h in highs
        for low in lows
        if max(h["words"], low["words"]) <= 1.5 * min(h["words"], low["words"])
    ]
    return {
        "auc_of_length_alone": roc_auc(words, labels),
        "auc_of_score_residual_after_log_length": roc_auc(residual, labels),
        "auc_within_length_matched_pairs": round(sum(matched) / len(matched), 3) if matched else None,
        "length_matched_pairs": len(matched),
    }


def run_annomi_cv(folds: int, embedder: training.CachedEmbedder) -> dict[str, Any]:
    from coachlens.analysis.pipeline import assess

    annomi = load_annomi()
    data = training.TrainingSet.build(annomi + load_pac(), embedder)
    records: list[dict[str, Any]] = []
    sessions_out: list[dict[str, Any]] = []
    thresholds = []
    for k, held in enumerate(session_folds(annomi, folds)):
        started = time.perf_counter()
        held_keys = {f"annomi:{i}" for i in held}
        model = training.fit_model(data, data.corpus & ~data.mask_sessions(held_keys))
        thresholds.append(model.thresholds)
        classifier = EmbeddingActClassifier(embedder, model)
        for labelled in (s for s in annomi if s.id in held):
            records.extend(turn_records(labelled, classifier.classify(labelled.session)))
            assessment = assess(labelled.session, classifier=classifier)
            sessions_out.append(
                {
                    "id": labelled.id,
                    "high": labelled.meta["mi_quality"] == "high",
                    "overall_score": assessment.overall_score,
                    "words": sum(len(t.text.split()) for t in labelled.session.turns),
                    "coach_turns": sum(t.role == "coach" for t in labelled.session.turns),
                }
            )
        embedder.save()
        print(f"fold {k + 1}/{folds}: {time.perf_counter() - started:.0f}s", file=sys.stderr)
    figures = annomi_figures(records)
    figures["session_auc"] = roc_auc(
        [r["overall_score"] for r in sessions_out], [r["high"] for r in sessions_out]
    )
    figures["session_length_checks"] = length_controlled(sessions_out)
    figures["sessions"] = {
        "high": sum(r["high"] for r in sessions_out),
        "low": sum(not r["high"] for r in sessions_out),
    }
    figures["fold_thresholds"] = thresholds
    figures["turns"] = len(records)
    return figures


def run_pac_held_out(embedder: training.CachedEmbedder) -> dict[str, Any]:
    """Trained on AnnoMI alone, scored on the physical-activity dialogues."""
    annomi, pac = load_annomi(), load_pac()
    data = training.TrainingSet.build(annomi + pac, embedder)
    trained_on = data.corpus & np.array([r.source == "annomi" for r in data.rows])
    classifier = EmbeddingActClassifier(embedder, training.fit_model(data, trained_on))
    pairs: dict[str, list[tuple[bool, bool]]] = {
        "question": [],
        "information": [],
        "telling": [],
        "affirmation": [],
    }
    for labelled in pac:
        for acts in classifier.classify(labelled.session):
            labels = labelled.labels.get(acts.turn)
            if labels is None:
                continue
            found = set(acts.acts)
            pairs["question"].append((bool(found & QUESTION), labels["question"]))
            pairs["information"].append(("information" in found, labels["information"]))
            # Give-GenInfo also holds the counsellors' tips ("Try fitting in small amounts"),
            # which the engine calls advice: telling as a whole is the fair comparison.
            pairs["telling"].append((bool(found & {"advice", "information"}), labels["information"]))
            pairs["affirmation"].append((bool(found & {"acknowledgment", "celebration"}), labels["affirm"]))
    return {name: f1_report(p) for name, p in pairs.items()} | {"turns": len(pairs["question"])}


EPITOME_CHECKS: dict[str, tuple[str, set[str], tuple[str, ...]]] = {
    "emotional-reactions": ("empathy", {"empathy"}, ("empathy",)),
    "explorations": ("question", QUESTION, ("question",)),
    "interpretations": (
        "reflection or empathy",
        {"reflection", "summary", "empathy"},
        ("reflection", "empathy"),
    ),
}


def run_epitome(model: ActModel, embedder: training.CachedEmbedder) -> dict[str, Any]:
    """The shipped classifier on EPITOME (evaluation only): F1 and AUC with level >= 1 positive."""
    classifier = EmbeddingActClassifier(embedder, model)
    results: dict[str, Any] = {}
    for mechanism, (act_name, acts, heads) in EPITOME_CHECKS.items():
        pairs, scores, labels = [], [], []
        for pair in load_epitome(mechanism):
            turn = classifier.classify(epitome_session(pair))[1]
            predicted = bool(set(turn.acts) & acts)
            pairs.append((predicted, pair.level >= 1))
            labels.append(pair.level >= 1)
            scores.append(_continuous_score(turn, acts, heads))
        results[mechanism] = {"act": act_name, **f1_report(pairs), "auc": roc_auc(scores, labels)}
        embedder.save()
    return results


def _continuous_score(turn: TurnActs, acts: set[str], heads: tuple[str, ...]) -> float:
    """Max over sentences of 1 when the act was assigned, else the best relevant head score."""
    best = 0.0
    for sentence in turn.sentences:
        if set(sentence.acts) & acts:
            return 1.0
        best = max([best, *(sentence.scores.get(h, 0.0) for h in heads)])
    return best


def markdown(results: dict[str, Any]) -> str:
    lines = []
    cv = results.get("annomi_cv")
    if cv:
        lines += [
            "| figure (AnnoMI dev, grouped CV) | F1 | precision | recall | support |",
            "|---|---|---|---|---|",
        ]
        for key in (
            "question",
            "question_vs_main",
            "reflection",
            "reflection_exists",
            "advice",
            "information",
            "telling",
        ):
            r = cv[key]
            lines.append(f"| {key} | {r['f1']} | {r['precision']} | {r['recall']} | {r['support']} |")
        oc = cv["open_closed"]
        lines += [
            "",
            f"open vs closed accuracy: {oc['accuracy']} (n={oc['n']}); without annotator 3: "
            f"{cv['open_closed_without_annotator_3']['accuracy']}; any open question makes the turn "
            f"open: {cv['open_closed_any_open_question']['accuracy']}",
            f"session AUC: {cv['session_auc']}",
            f"length checks: {cv['session_length_checks']}",
        ]
    for name in ("pac_held_out", "epitome", "annotator_agreement"):
        if name in results:
            lines += ["", f"{name}: {json.dumps(results[name])}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the act classifier and the engine.")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--skip-pac", action="store_true")
    parser.add_argument("--skip-epitome", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT / "validation.json")
    args = parser.parse_args(argv)
    embedder = training.CachedEmbedder()
    # Skipped steps keep their figures from the previous run.
    results: dict[str, Any] = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    steps: list[tuple[str, bool, Callable[[], dict[str, Any]]]] = [
        ("annomi_cv", args.skip_cv, lambda: run_annomi_cv(args.folds, embedder)),
        ("pac_held_out", args.skip_pac, lambda: run_pac_held_out(embedder)),
        ("epitome", args.skip_epitome, lambda: run_epitome(_shipped_model(), embedder)),
        ("annotator_agreement", False, annotator_agreement),
    ]
    for name, skip, step in steps:
        if not skip:
            started = time.perf_counter()
            results[name] = step()
            results[name]["seconds"] = round(time.perf_counter() - started, 1)
            embedder.save()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(markdown(results))
    return 0


def _shipped_model() -> ActModel:
    model = load_packaged_model()
    if model is None:
        raise SystemExit("no shipped weights: run scripts/train_acts.py first")
    return model


if __name__ == "__main__":
    raise SystemExit(main())
