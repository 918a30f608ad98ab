"""Pydantic models of what the model must answer: the edge where untrusted JSON becomes typed data.

Each model's JSON schema is sent as the `response_format` (structured output) where the endpoint
supports it; the same model validates the reply in every mode, so a JSON-mode or plain-text reply is
held to the same shape.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

JudgedStatus = Literal["demonstrated", "partial", "missed", "no_opportunity"]


class _Reply(BaseModel):
    # Models add stray keys now and then; ignoring them beats failing a whole competency.
    model_config = ConfigDict(extra="ignore")


class QuoteItem(_Reply):
    turn: int = Field(ge=0, description="The [turn N] number the quote comes from.")
    quote: str = Field(min_length=1, max_length=1200, description="Words copied exactly from that turn.")


class JudgedMarker(_Reply):
    marker: str = Field(pattern=r"^\d+\.\d+$", description="PCC marker id, e.g. 4.2.")
    status: JudgedStatus
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[QuoteItem] = Field(default_factory=list, max_length=6)
    rationale: str = Field(min_length=1, max_length=1500)


class MarkerJudgement(_Reply):
    """The reply to one marker-judgement request (one competency, one part of the transcript)."""

    findings: list[JudgedMarker] = Field(max_length=20)


class NarrativeClaim(_Reply):
    text: str = Field(min_length=5, max_length=800, description="One sentence of feedback.")
    turn: int = Field(ge=0)
    quote: str = Field(min_length=1, max_length=600)
    marker: str | None = Field(default=None, pattern=r"^\d+\.\d+$")


class NarrativeReply(_Reply):
    """The mentor-style summary: an opening line plus claims, each tied to one turn."""

    opening: str = Field(min_length=5, max_length=600)
    claims: list[NarrativeClaim] = Field(min_length=1, max_length=12)
    next_step: str = Field(min_length=5, max_length=600)


def response_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema sent as structured output for `model`."""
    return model.model_json_schema()
