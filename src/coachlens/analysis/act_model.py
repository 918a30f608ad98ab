"""The shipped linear act heads: loading `weights/acts-v1.npz` + `acts-v1.json` and scoring.

Each head is a logistic model over [sentence embedding, standardised hand features]; the
metadata names the heads, the feature list they were trained on, the decision thresholds and
the data versions. Numpy only: no sklearn at run time.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from coachlens.analysis.act_features import FEATURE_NAMES, SentenceContext, feature_matrix
from coachlens.analysis.types import FloatArray
from coachlens.errors import ModelNotFoundError

log = logging.getLogger(__name__)

WEIGHTS_NAME = "acts-v1"


@dataclass(frozen=True)
class ActModel:
    """Linear heads: `coef[h] @ x + intercept[h]` through a sigmoid gives head h's probability."""

    heads: tuple[str, ...]
    coef: FloatArray
    intercept: FloatArray
    feature_mean: FloatArray
    feature_scale: FloatArray
    thresholds: dict[str, float]
    metadata: dict[str, Any] = field(default_factory=dict)

    def threshold(self, head: str) -> float:
        return self.thresholds.get(head, 0.5)

    def design_matrix(self, contexts: list[SentenceContext], vectors: FloatArray) -> FloatArray:
        """[embedding, standardised hand features] per sentence, the heads' input."""
        hand = (feature_matrix(contexts) - self.feature_mean) / self.feature_scale
        return np.hstack([vectors.astype(np.float32), hand.astype(np.float32)])

    def probabilities(self, design: FloatArray) -> FloatArray:
        logits = design @ self.coef.T + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))), dtype=np.float32)

    def score(self, contexts: list[SentenceContext], vectors: FloatArray) -> list[dict[str, float]]:
        """Head probabilities per sentence."""
        if not contexts:
            return []
        probs = self.probabilities(self.design_matrix(contexts, vectors))
        return [dict(zip(self.heads, map(float, row), strict=True)) for row in probs]


def load_model(npz_path: Path, json_path: Path) -> ActModel:
    """Read weights and metadata; raises ModelNotFoundError when they are missing or do not fit."""
    try:
        metadata = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path) as data:
            arrays = {k: np.asarray(data[k], dtype=np.float32) for k in data.files}
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"act classifier weights {npz_path} could not be read: {exc}") from None
    hand = tuple(metadata.get("features", {}).get("hand", ()))
    if hand != FEATURE_NAMES:
        raise ModelNotFoundError(
            f"act classifier weights {npz_path} were trained on other features; retrain with scripts/train_acts.py"
        )
    return ActModel(
        heads=tuple(metadata["heads"]),
        coef=arrays["coef"],
        intercept=arrays["intercept"],
        feature_mean=arrays["feature_mean"],
        feature_scale=arrays["feature_scale"],
        thresholds={k: float(v) for k, v in metadata.get("thresholds", {}).items()},
        metadata=metadata,
    )


def packaged_weight_paths() -> tuple[Path, Path]:
    folder = Path(str(resources.files("coachlens.analysis").joinpath("weights")))
    return folder / f"{WEIGHTS_NAME}.npz", folder / f"{WEIGHTS_NAME}.json"


def load_packaged_model() -> ActModel | None:
    """The weights shipped in the package, or None (rules only) when none are shipped."""
    npz_path, json_path = packaged_weight_paths()
    if not npz_path.is_file() or not json_path.is_file():
        log.warning("no act classifier weights at %s; classifying with rules only", npz_path)
        return None
    return load_model(npz_path, json_path)
