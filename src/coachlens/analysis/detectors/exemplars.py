"""Similarity of coach sentences to the framework's marker exemplars.

The rubric's demonstrating and contrast examples are embedded once per (rubric content, embedding
model) and cached on disk under `<data_dir>/cache/`, so an assessment only embeds its own coach
sentences (and those usually come from the embedder's cache, filled by the act classifier).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coachlens.analysis.detectors.context import ExemplarScores
from coachlens.analysis.types import Embedder, FloatArray
from coachlens.config import Settings
from coachlens.framework.rubric import Rubric

log = logging.getLogger(__name__)

CACHE_VERSION = 1


@dataclass(frozen=True)
class ExemplarBank:
    """Embedded exemplars: rows of `positive`/`contrast` belong to the marker at the same position
    in `positive_owner`/`contrast_owner` (indexes into `marker_ids`)."""

    marker_ids: tuple[str, ...]
    positive: FloatArray
    positive_owner: np.ndarray
    contrast: FloatArray
    contrast_owner: np.ndarray

    def score(self, vectors: FloatArray | None) -> ExemplarScores:
        """Each sentence's best similarity to each marker's positive and contrast examples."""
        if vectors is None or len(vectors) == 0:
            return ExemplarScores()
        pos_sim = vectors @ self.positive.T
        neg_sim = vectors @ self.contrast.T
        positive: dict[str, FloatArray] = {}
        contrast: dict[str, FloatArray] = {}
        for index, marker_id in enumerate(self.marker_ids):
            pos_cols = self.positive_owner == index
            neg_cols = self.contrast_owner == index
            if pos_cols.any():
                positive[marker_id] = np.asarray(pos_sim[:, pos_cols].max(axis=1), dtype=np.float32)
            if neg_cols.any():
                contrast[marker_id] = np.asarray(neg_sim[:, neg_cols].max(axis=1), dtype=np.float32)
        return ExemplarScores(positive=positive, contrast=contrast)


def _texts(rubric: Rubric) -> tuple[list[str], list[int], list[str], list[int], tuple[str, ...]]:
    ids = tuple(m.id for m in rubric.markers)
    pos, pos_owner, neg, neg_owner = [], [], [], []
    for index, marker in enumerate(rubric.markers):
        for line in marker.demonstrating_examples:
            pos.append(line)
            pos_owner.append(index)
        for line in marker.contrast_examples:
            neg.append(line)
            neg_owner.append(index)
    return pos, pos_owner, neg, neg_owner, ids


def _model_id(embedder: Embedder) -> str:
    path = getattr(embedder, "model_path", None)
    if isinstance(path, Path) and path.is_file():
        return f"{path.name}:{path.stat().st_size}"
    return type(embedder).__name__


def cache_key(rubric: Rubric, embedder: Embedder) -> str:
    """Hash of the exemplar texts, the rubric id/version and the embedding model."""
    pos, _, neg, _, ids = _texts(rubric)
    payload = json.dumps(
        {
            "v": CACHE_VERSION,
            "rubric": [rubric.id, rubric.version],
            "ids": ids,
            "pos": pos,
            "neg": neg,
            "model": _model_id(embedder),
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


_memory: dict[str, ExemplarBank] = {}
_lock = threading.Lock()


def exemplar_bank(rubric: Rubric, embedder: Embedder, settings: Settings | None = None) -> ExemplarBank:
    """The embedded exemplars for this rubric and model: from memory, the disk cache, or computed."""
    key = cache_key(rubric, embedder)
    with _lock:
        if key in _memory:
            return _memory[key]
    pos, pos_owner, neg, neg_owner, ids = _texts(rubric)
    path = settings.data_dir / "cache" / f"exemplars-{key}.npz" if settings is not None else None
    bank = _read_cache(path, ids) if path is not None else None
    if bank is None:
        vectors = embedder.embed(pos + neg)
        bank = ExemplarBank(
            marker_ids=ids,
            positive=np.asarray(vectors[: len(pos)], dtype=np.float32),
            positive_owner=np.asarray(pos_owner, dtype=np.int32),
            contrast=np.asarray(vectors[len(pos) :], dtype=np.float32),
            contrast_owner=np.asarray(neg_owner, dtype=np.int32),
        )
        if path is not None:
            _write_cache(path, bank)
    with _lock:
        _memory[key] = bank
    return bank


def _read_cache(path: Path, ids: tuple[str, ...]) -> ExemplarBank | None:
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if tuple(str(x) for x in data["marker_ids"]) != ids:
                return None
            return ExemplarBank(
                marker_ids=ids,
                positive=np.asarray(data["positive"], dtype=np.float32),
                positive_owner=np.asarray(data["positive_owner"], dtype=np.int32),
                contrast=np.asarray(data["contrast"], dtype=np.float32),
                contrast_owner=np.asarray(data["contrast_owner"], dtype=np.int32),
            )
    except (OSError, KeyError, ValueError) as exc:
        log.debug("ignoring unreadable exemplar cache %s: %s", path, exc)
        return None


def _write_cache(path: Path, bank: ExemplarBank) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(
            tmp,
            marker_ids=np.asarray(bank.marker_ids),
            positive=bank.positive,
            positive_owner=bank.positive_owner,
            contrast=bank.contrast,
            contrast_owner=bank.contrast_owner,
        )
        tmp.replace(path)
    except OSError as exc:  # a read-only data dir only costs a recomputation next time
        log.debug("could not write exemplar cache %s: %s", path, exc)
