"""coachlens' own transcript JSON (`coachlens.transcript/1`): validated with pydantic at this edge.

`session_from_dict(session.to_transcript_dict())` gives back an equal session (title, source
format, turns with speakers, roles, times and text). Optional extra keys written by other parts
of coachlens (`roles_inferred`, `role_confidence`, `warnings`, `metadata`) are read when present.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coachlens.errors import TranscriptError, UnsupportedFormatError
from coachlens.models import TRANSCRIPT_SCHEMA, CoachingSession, Role, Turn


class _TurnIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    index: int | None = None
    speaker: str = Field(min_length=1, max_length=200)
    role: Role = "unknown"
    start_s: float | None = Field(default=None, ge=0)
    end_s: float | None = Field(default=None, ge=0)
    text: str

    @field_validator("speaker")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("start_s", "end_s")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number of seconds")
        return value


class _TranscriptIn(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    schema_id: Literal["coachlens.transcript/1"] = Field(alias="schema")
    title: str = ""
    source_format: str = "json"
    turns: list[_TurnIn] = Field(min_length=1)
    roles_inferred: bool = False
    role_confidence: float | None = Field(default=None, ge=0, le=1)
    warnings: list[str] = Field(default_factory=list)
    metadata: dict[str, str] = Field(default_factory=dict)


def session_from_dict(data: Any) -> CoachingSession:
    """A CoachingSession from a `coachlens.transcript/1` dict; TranscriptError when it does not fit."""
    if not isinstance(data, dict):
        raise UnsupportedFormatError(f"expected a {TRANSCRIPT_SCHEMA} JSON object, got {type(data).__name__}")
    if data.get("schema") != TRANSCRIPT_SCHEMA:
        found = data.get("schema")
        what = f"schema {found!r}" if isinstance(found, str) else "no schema field"
        raise UnsupportedFormatError(
            f"this JSON has {what[:80]}, not {TRANSCRIPT_SCHEMA}; coachlens reads only its own transcript JSON "
            "(or export the transcript as .vtt, .srt, .txt or .docx)"
        )
    try:
        parsed = _TranscriptIn.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "document"
        raise TranscriptError(
            f"not a valid {TRANSCRIPT_SCHEMA} file: {where}: {first.get('msg', 'invalid')}"
        ) from None
    turns = tuple(
        Turn(
            index=position,
            speaker=turn.speaker,
            role=turn.role,
            start_s=turn.start_s,
            end_s=turn.end_s,
            text=turn.text,
        )
        for position, turn in enumerate(parsed.turns)
    )
    return CoachingSession(
        title=parsed.title,
        source_format=parsed.source_format,
        turns=turns,
        roles_inferred=parsed.roles_inferred,
        role_confidence=parsed.role_confidence,
        warnings=tuple(parsed.warnings),
        metadata=dict(parsed.metadata),
    )


def load_json_transcript(text: str, *, name: str) -> CoachingSession:
    """Parse JSON text into a session; one-line errors for broken JSON or a different schema."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            f"{name} looks like JSON but is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise TranscriptError(f"{name} is JSON nested too deeply to be a transcript") from None
    try:
        return session_from_dict(data)
    except TranscriptError as exc:
        raise type(exc)(f"{name}: {exc.message}") from None
