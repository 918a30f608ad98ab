"""Interfaces between the act classifier, the marker detectors and their callers.

The classifier labels every coach sentence with acts from `coachlens.models.ACTS` and rolls them up
to the turn; detectors read these, never the raw model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from coachlens.models import CoachingSession

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SentenceActs:
    """One coach sentence with its acts. `start`/`end` are character offsets into the turn text,
    so `turn.text[start:end] == text` and quotes built from it are verbatim."""

    turn: int
    start: int
    end: int
    text: str
    acts: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)
    flags: tuple[str, ...] = ()  # e.g. "why_question", "advice_as_question"


@dataclass(frozen=True)
class TurnActs:
    """Acts of one turn (empty for client turns) with the sentences they came from."""

    turn: int
    acts: tuple[str, ...]
    sentences: tuple[SentenceActs, ...] = ()
    flags: tuple[str, ...] = ()


class Embedder(Protocol):
    """Sentence embeddings (L2-normalised rows), e.g. all-MiniLM-L6-v2 through onnxruntime."""

    def embed(self, texts: Sequence[str]) -> FloatArray: ...


class ActClassifier(Protocol):
    """Labels the coach turns of a session; returns one TurnActs per turn, in turn order."""

    name: str

    def classify(self, session: CoachingSession) -> tuple[TurnActs, ...]: ...
