"""Registry of versioned marker detectors (`coachlens.marker.6_1.v1`).

A detector is a small function over a `SessionView` that judges the markers it declares and says
what it needs (acts, timestamps, exemplar similarity). Each MarkerFinding records the detector's
name, so a report always says which version of which rule produced it. Changing what a detector
decides means registering a new version, not editing the old one's meaning silently.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coachlens.errors import AnalysisError

if TYPE_CHECKING:
    from coachlens.analysis.detectors.context import SessionView
    from coachlens.models import MarkerFinding

Need = Literal["acts", "client_words", "emotion", "position", "timestamps", "exemplars", "metrics"]
DetectorFn = Callable[["SessionView"], "MarkerFinding"]

_NAME = re.compile(r"^coachlens\.marker\.(\d)_(\d)\.v(\d+)$")
_REGISTRY: dict[str, Detector] = {}
_DETECTOR_MODULES = (
    "agreements",
    "trust",
    "presence",
    "listening",
    "awareness",
    "growth",
)


@dataclass(frozen=True)
class Detector:
    """A registered detector: its versioned name, the marker it judges and what it reads."""

    name: str
    marker: str
    version: int
    needs: frozenset[Need]
    run: DetectorFn
    summary: str

    def __call__(self, view: SessionView) -> MarkerFinding:
        found = self.run(view)
        if found.id != self.marker or found.detector != self.name:
            raise AnalysisError(f"detector {self.name} returned a finding for {found.id} by {found.detector}")
        return found


def register(
    name: str, *, needs: Sequence[Need] = ("acts",), summary: str = ""
) -> Callable[[DetectorFn], DetectorFn]:
    """Decorator: register `fn` under `name` (coachlens.marker.<c>_<m>.v<n>); the marker id comes
    from the name. Registering the same name twice is an error."""
    match = _NAME.match(name)
    if match is None:
        raise ValueError(f"detector name {name!r} must look like coachlens.marker.6_1.v1")
    marker = f"{match.group(1)}.{match.group(2)}"

    def wrap(fn: DetectorFn) -> DetectorFn:
        if name in _REGISTRY:
            raise ValueError(f"detector {name} is registered twice")
        doc = (fn.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = Detector(
            name=name,
            marker=marker,
            version=int(match.group(3)),
            needs=frozenset(needs),
            run=fn,
            summary=summary or (doc[0] if doc else ""),
        )
        return fn

    return wrap


def _load_builtin() -> None:
    for module in _DETECTOR_MODULES:
        importlib.import_module(f"coachlens.analysis.detectors.{module}")


def all_detectors() -> tuple[Detector, ...]:
    """Every registered detector, the newest version per marker, in marker order."""
    _load_builtin()
    newest: dict[str, Detector] = {}
    for detector in _REGISTRY.values():
        current = newest.get(detector.marker)
        if current is None or detector.version > current.version:
            newest[detector.marker] = detector
    return tuple(newest[m] for m in sorted(newest, key=_marker_key))


def detector_for(marker_id: str) -> Detector:
    """The newest detector judging `marker_id`; AnalysisError if none is registered."""
    for detector in all_detectors():
        if detector.marker == marker_id:
            return detector
    raise AnalysisError(f"no detector is registered for marker {marker_id}")


def get_detector(name: str) -> Detector:
    """A detector by its full versioned name."""
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise AnalysisError(
            f"unknown detector {name!r}; see coachlens.analysis.registry.all_detectors()"
        ) from None


def _marker_key(marker_id: str) -> tuple[int, int]:
    head, _, tail = marker_id.partition(".")
    return int(head), int(tail)
