"""Training rows for the act heads: coach sentences with their turn labels or weak labels, their
embeddings (cached on disk under `benchmarks/out/`, git-ignored) and hand features."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from acts_data import REPO, LabelledSession, exemplar_lines

from coachlens.analysis.act_features import SentenceContext, build_contexts, feature_matrix, turn_contexts
from coachlens.analysis.embeddings import load_default_embedder
from coachlens.analysis.types import FloatArray

CACHE = REPO / "benchmarks" / "out" / "emb-cache.npz"

# The act a marker's demonstrating examples show, and whether it sits in their question sentences.
MARKER_ACTS: dict[str, tuple[str, bool]] = {
    "4.1": ("acknowledgment", False),
    "4.2": ("empathy", False),
    "4.4": ("invitation", True),
    "7.5": ("observation", False),
    "8.8": ("celebration", False),
}


@dataclass
class Row:
    """One coach sentence with its session, turn and the turn's gold labels (or a weak act)."""

    context: SentenceContext
    session: str
    turn_key: str
    source: str
    labels: dict[str, Any]
    weak_act: str | None = None


class CachedEmbedder:
    """The packaged ONNX embedder with a disk cache, so retraining and validation do not re-embed."""

    def __init__(self, path: Path = CACHE) -> None:
        self.path = path
        self.vectors: dict[str, FloatArray] = {}
        if path.is_file():
            with np.load(path, allow_pickle=True) as data:
                self.vectors = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
        self._dirty = False

    def embed(self, texts: Sequence[str]) -> FloatArray:
        missing = sorted({t for t in texts if t not in self.vectors})
        if missing:
            fresh = load_default_embedder().embed(missing)
            self.vectors.update(zip(missing, fresh, strict=True))
            self._dirty = True
        return np.asarray([self.vectors[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)

    def save(self) -> None:
        if self._dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            texts = list(self.vectors)
            vectors = np.stack([self.vectors[t] for t in texts])
            np.savez(self.path, texts=np.array(texts, dtype=object), vectors=vectors)
            self._dirty = False


def corpus_rows(sessions: Sequence[LabelledSession]) -> list[Row]:
    rows = []
    for labelled in sessions:
        key = f"{labelled.source}:{labelled.id}"
        for context in build_contexts(labelled.session):
            labels = labelled.labels.get(context.turn)
            if labels is not None:
                rows.append(Row(context, key, f"{key}:{context.turn}", labelled.source, labels))
    return rows


def exemplar_rows() -> list[Row]:
    """Weak-label rows: marker exemplars (acts per MARKER_ACTS) and the project's own act lines."""
    from coachlens.framework import load_rubric

    rows: list[Row] = []
    for marker in load_rubric().markers:
        act, on_questions = MARKER_ACTS.get(marker.id, (None, False))
        examples = list(marker.demonstrating_examples) + list(marker.contrast_examples)
        for n, example in enumerate(examples):
            demonstrating = n < len(marker.demonstrating_examples)
            for context in turn_contexts(0, example, "", ""):
                weak = act if demonstrating and act and context.facts.is_question == on_questions else None
                key = f"exemplar:{marker.id}:{n}"
                rows.append(Row(context, key, key, "exemplar", {}, weak))
    for n, (line, act) in enumerate(exemplar_lines()):
        for context in turn_contexts(0, line, "", ""):
            rows.append(Row(context, f"own:{n}", f"own:{n}", "own", {}, act))
    return rows


@dataclass
class TrainingSet:
    """Rows with their embeddings and hand features, computed once and sliced per fold."""

    rows: list[Row]
    vectors: FloatArray
    hand: FloatArray

    @classmethod
    def build(cls, sessions: Sequence[LabelledSession], embedder: CachedEmbedder) -> TrainingSet:
        rows = corpus_rows(sessions) + exemplar_rows()
        contexts = [r.context for r in rows]
        return cls(rows, embedder.embed([c.text for c in contexts]), feature_matrix(contexts))

    @property
    def corpus(self) -> np.ndarray:
        return np.array([r.source in ("annomi", "pac") for r in self.rows])

    def mask_sessions(self, sessions: set[str]) -> np.ndarray:
        return np.array([r.session in sessions for r in self.rows])
