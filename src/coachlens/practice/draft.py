"""The state of a practice simulator as JSON, exactly (no rounding), so a run can be stored mid-session
and continue after a restart as if nothing had happened.

`PracticeSimulator.state()` writes a `coachlens.practice-draft/1` document and
`PracticeSimulator.restore(...)` reads one; this module converts the records inside it with
pydantic type adapters over the records' own dataclasses, so a field added to a record is stored
without a second list of fields here. A document that does not fit raises `DraftError` (the
caller treats the run as no longer open).
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from pydantic import TypeAdapter, ValidationError

from coachlens.practice.moves import MOVES, Move
from coachlens.practice.record import BoundaryRecord, LayerEvent, PracticeTurn
from coachlens.practice.trust import TrustHistory

DRAFT_SCHEMA = "coachlens.practice-draft/1"

_T = TypeVar("_T")

_TURN = TypeAdapter(PracticeTurn)
_EVENT = TypeAdapter(LayerEvent)
_BOUNDARY = TypeAdapter(BoundaryRecord | None)
_HISTORY = TypeAdapter(TrustHistory)


class DraftError(ValueError):
    """A stored draft that cannot be restored (another schema, damaged, or an unknown persona)."""


def _dump(adapter: TypeAdapter[Any], value: object) -> Any:
    return adapter.dump_python(value, mode="json")


def _load(adapter: TypeAdapter[_T], data: Any, what: str) -> _T:
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "value"
        raise DraftError(f"the draft's {what} is damaged at {where}: {first['msg']}") from None


def turn_state(turn: PracticeTurn) -> dict[str, Any]:
    return cast(dict[str, Any], _dump(_TURN, turn))


def turn_from_state(data: dict[str, Any]) -> PracticeTurn:
    return _load(_TURN, data, "turn")


def event_state(event: LayerEvent) -> dict[str, Any]:
    return cast(dict[str, Any], _dump(_EVENT, event))


def event_from_state(data: dict[str, Any]) -> LayerEvent:
    return _load(_EVENT, data, "layer event")


def boundary_state(record: BoundaryRecord | None) -> dict[str, Any] | None:
    return cast(dict[str, Any] | None, _dump(_BOUNDARY, record))


def boundary_from_state(data: dict[str, Any] | None) -> BoundaryRecord | None:
    return _load(_BOUNDARY, data, "boundary record")


def history_state(history: TrustHistory) -> dict[str, Any]:
    return cast(dict[str, Any], _dump(_HISTORY, history))


def history_from_state(data: dict[str, Any]) -> TrustHistory:
    return _load(_HISTORY, data, "trust history")


def rng_state(state: tuple[Any, ...]) -> list[Any]:
    """`random.Random.getstate()` as JSON: [version, [625 ints], gauss_next]."""
    version, internal, gauss_next = state
    return [version, list(internal), gauss_next]


def rng_from_state(data: list[Any]) -> tuple[Any, ...]:
    version, internal, gauss_next = data
    return (int(version), tuple(int(x) for x in internal), None if gauss_next is None else float(gauss_next))


def move_from_state(value: Any) -> Move | None:
    if value is None:
        return None
    if value not in MOVES:
        raise DraftError(f"unknown client move {value!r}")
    return cast(Move, value)
