"""Pydantic models of the JSON API (the edge): what the OpenAPI page documents and responses carry."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from coachlens.storage.records import JobStage, JobStatus, SessionKind, SessionRecord, SessionSummary


class ErrorOut(BaseModel):
    """Every error the API returns on purpose."""

    detail: str = Field(description="One line: what is wrong and what to do about it.")


class SessionCreated(BaseModel):
    id: str = Field(description="The new session's id; poll GET /api/sessions/{id} until status is done.")
    status: JobStatus


class SessionListItem(BaseModel):
    """A stored session without its transcript and assessment."""

    id: str
    title: str
    status: JobStatus
    stage: JobStage | None = Field(description="What the running job is doing now.")
    progress: int = Field(ge=0, le=100, description="Job progress in percent.")
    error: str | None = Field(description="Why the assessment failed (status failed).")
    created_at: datetime
    session_date: date | None
    kind: SessionKind
    client_pseudonym: str | None
    tags: list[str]
    source_filename: str
    source_format: str
    turn_count: int
    duration_s: float | None
    roles_inferred: bool
    roles_confirmed: bool
    overall_score: float | None
    readiness: str | None
    demo: bool = Field(description="True for the bundled demo sessions.")

    @classmethod
    def of(cls, summary: SessionSummary) -> SessionListItem:
        return cls(
            id=summary.id,
            title=summary.title,
            status=summary.status,
            stage=summary.stage,
            progress=summary.progress,
            error=summary.error,
            created_at=summary.created_at,
            session_date=summary.session_date,
            kind=summary.kind,
            client_pseudonym=summary.client_pseudonym,
            tags=list(summary.tags),
            source_filename=summary.source_filename,
            source_format=summary.source_format,
            turn_count=summary.turn_count,
            duration_s=summary.duration_s,
            roles_inferred=summary.roles_inferred,
            roles_confirmed=summary.roles_confirmed,
            overall_score=summary.overall_score,
            readiness=summary.readiness,
            demo=summary.demo_id is not None,
        )


class SessionOut(SessionListItem):
    """A stored session with its assessment (the `coachlens.assessment/1` JSON once status is done)."""

    assessment: dict[str, Any] | None = Field(description="coachlens.assessment/1, present once done.")

    @classmethod
    def of_record(cls, record: SessionRecord) -> SessionOut:
        item = SessionListItem.of(record)
        assessment = record.assessment if record.status == "done" else None
        return cls(**item.model_dump(), assessment=assessment)


class SessionUpdate(BaseModel):
    """Fields to change; leave a field out to keep it. `null` clears the pseudonym or the date."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=300)
    kind: SessionKind | None = None
    client_pseudonym: str | None = Field(default=None, max_length=120)
    tags: list[str] | None = Field(default=None, max_length=20)
    session_date: date | None = None


class SpeakerRename(BaseModel):
    model_config = ConfigDict(extra="forbid")

    old: str = Field(min_length=1, max_length=200, description="The speaker's current name.")
    new: str = Field(min_length=1, max_length=200, description="The name to use instead.")


class RoleAssignment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    coach: str | None = Field(default=None, max_length=200, description="Name of the speaker who coached.")
    client: str | None = Field(default=None, max_length=200, description="Name of the client.")


class HealthOut(BaseModel):
    status: str
    version: str
    job_backend: str
