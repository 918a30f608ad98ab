"""The `Rubric`: one validated rubric version with lookups by competency, marker and sub-point id.

A `Rubric` is built only by the loader, after every file has passed the schema and the cross-file
checks, so the lookups here can trust that ids are unique and references resolve.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from coachlens.errors import FrameworkError
from coachlens.framework.schema import (
    Competency,
    CompetencyGroup,
    Marker,
    PracticeQuestion,
    RubricMeta,
    SubPoint,
)

_MARKER_ID = re.compile(r"^\d+\.\d+$")
_SUBPOINT_ID = re.compile(r"^\d+\.[a-z]$")


@dataclass(frozen=True)
class Rubric:
    """A rubric version: its metadata and its competencies in id order (frozen; share it freely)."""

    meta: RubricMeta
    competencies: tuple[Competency, ...]
    _by_competency: Mapping[int, Competency] = field(init=False, repr=False, compare=False)
    _by_marker: Mapping[str, Marker] = field(init=False, repr=False, compare=False)
    _by_subpoint: Mapping[str, SubPoint] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.competencies, key=lambda c: c.id))
        object.__setattr__(self, "competencies", ordered)
        object.__setattr__(self, "_by_competency", MappingProxyType({c.id: c for c in ordered}))
        markers = {m.id: m for c in ordered for m in c.markers}
        object.__setattr__(self, "_by_marker", MappingProxyType(markers))
        subpoints = {s.id: s for c in ordered for s in c.subpoints}
        object.__setattr__(self, "_by_subpoint", MappingProxyType(subpoints))

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def markers(self) -> tuple[Marker, ...]:
        """Every marker of the rubric, in competency then marker order (37 for the ICF 2020 markers)."""
        return tuple(self._by_marker.values())

    @property
    def practice_questions(self) -> tuple[PracticeQuestion, ...]:
        """Every practice question, in competency order."""
        return tuple(q for c in self.competencies for q in c.practice_questions)

    @property
    def groups(self) -> tuple[tuple[CompetencyGroup, tuple[Competency, ...]], ...]:
        """The competencies grouped as ICF groups them, groups in the order they first appear."""
        order: dict[CompetencyGroup, list[Competency]] = {}
        for competency in self.competencies:
            order.setdefault(competency.group, []).append(competency)
        return tuple((group, tuple(members)) for group, members in order.items())

    def to_dict(self) -> dict[str, Any]:
        """The whole rubric as JSON-ready data: `{"rubric": meta, "competencies": [...]}`."""
        return {
            "rubric": self.meta.model_dump(mode="json"),
            "competencies": [c.model_dump(mode="json") for c in self.competencies],
        }

    def competency(self, ref: int | str) -> Competency:
        """The competency with id `ref` (an int or its digits as text); FrameworkError if none."""
        number = self._competency_number(ref)
        return self._by_competency[number]

    def markers_for(self, ref: int | str) -> tuple[Marker, ...]:
        """The PCC markers listed under a competency (empty for competencies 1 and 2)."""
        return tuple(self.competency(ref).markers)

    def evidencing_markers(self, ref: int | str) -> tuple[Marker, ...]:
        """The markers that give evidence of a competency.

        For a competency without markers of its own this is its `evidenced_by_markers` list (the mindset
        competency is evidenced by eleven markers of other competencies; ethics by none, because it
        shows through the whole session). For every other competency it is its own markers.
        """
        competency = self.competency(ref)
        if competency.markers:
            return tuple(competency.markers)
        return tuple(self._by_marker[marker_id] for marker_id in competency.evidenced_by_markers)

    def marker(self, marker_id: str) -> Marker:
        """The PCC marker with this id (e.g. "4.2"); FrameworkError with a suggestion if none."""
        key = marker_id.strip()
        found = self._by_marker.get(key)
        if found is not None:
            return found
        raise FrameworkError(self._unknown_marker_message(key))

    def subpoint(self, subpoint_id: str) -> SubPoint:
        """The competency sub-point with this id (e.g. "4.c"); FrameworkError if none."""
        key = subpoint_id.strip().lower()
        found = self._by_subpoint.get(key)
        if found is not None:
            return found
        if _MARKER_ID.match(key):
            raise FrameworkError(
                f"'{subpoint_id}' is a PCC marker id, not a sub-point; sub-points use letters, such as "
                f"{key.split('.')[0]}.a"
            )
        known = ", ".join(self._by_subpoint) or "none"
        raise FrameworkError(f"unknown sub-point '{subpoint_id}' in rubric {self.id}: known ids are {known}")

    def has_marker(self, marker_id: str) -> bool:
        return marker_id in self._by_marker

    def _competency_number(self, ref: int | str) -> int:
        text = str(ref).strip()
        ids = sorted(self._by_competency)
        span = f"{ids[0]}-{ids[-1]}" if ids else "none"
        if text.isdigit() and int(text) in self._by_competency:
            return int(text)
        if _MARKER_ID.match(text):
            hint = f"'{text}' is a PCC marker id, not a competency; competencies are numbered {span}"
            raise FrameworkError(hint)
        if _SUBPOINT_ID.match(text.lower()):
            hint = (
                f"'{text}' is a competency sub-point id, not a competency; competencies are numbered {span}"
            )
            raise FrameworkError(hint)
        raise FrameworkError(
            f"unknown competency '{text}' in rubric {self.id}: competencies are numbered {span}"
        )

    def _unknown_marker_message(self, key: str) -> str:
        if _SUBPOINT_ID.match(key.lower()):
            return (
                f"'{key}' is a competency sub-point id, not a PCC marker; markers use numbers, "
                f"such as {key.split('.')[0]}.1 (see `coachlens markers`)"
            )
        head, _, tail = key.partition(".")
        siblings = [m.id for m in self.markers if m.id.split(".")[0] == head]
        if siblings and tail.isdigit():
            nearest = min(siblings, key=lambda s: abs(int(s.split(".")[1]) - int(tail)))
            return (
                f"unknown PCC marker '{key}': competency {head} has markers {siblings[0]}-{siblings[-1]}; "
                f"did you mean {nearest}?"
            )
        owner = self._by_competency.get(int(head)) if head.isdigit() else None
        if owner is not None and not owner.markers:
            evidence = ", ".join(owner.evidenced_by_markers) or "the whole session"
            return (
                f"unknown PCC marker '{key}': competency {owner.id} has no markers of its own "
                f"(it is evidenced by {evidence})"
            )
        close = difflib.get_close_matches(key, list(self._by_marker), n=1, cutoff=0.6)
        suggestion = f"; did you mean {close[0]}?" if close else ""
        first, last = (self.markers[0].id, self.markers[-1].id) if self._by_marker else ("none", "none")
        return (
            f"unknown PCC marker '{key}' in rubric {self.id}: markers run from {first} to {last}{suggestion}"
        )
