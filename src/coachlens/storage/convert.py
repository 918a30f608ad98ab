"""Turning ORM rows into the frozen records of `coachlens.storage.records`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from coachlens.storage.records import (
    Annotation,
    JobStage,
    JobStatus,
    MentoringHours,
    SessionKind,
    SessionRecord,
    SessionSummary,
)
from coachlens.storage.tables import AnnotationRow, MentoringHoursRow, SessionRow


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands datetimes back without a zone; everything coachlens stores is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _summary_fields(row: SessionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "created_at": as_utc(row.created_at),
        "updated_at": as_utc(row.updated_at),
        "session_date": row.session_date,
        "kind": cast(SessionKind, row.kind),
        "client_pseudonym": row.client_pseudonym,
        "tags": tuple(row.tags or ()),
        "demo_id": row.demo_id,
        "source_filename": row.source_filename,
        "source_format": row.source_format,
        "source_size": row.source_size,
        "turn_count": row.turn_count,
        "duration_s": row.duration_s,
        "roles_inferred": row.roles_inferred,
        "roles_confirmed": row.roles_confirmed,
        "status": cast(JobStatus, row.status),
        "stage": cast(JobStage | None, row.stage),
        "progress": row.progress,
        "error": row.error,
        "attempts": row.attempts,
        "overall_score": row.overall_score,
        "readiness": row.readiness,
        "assessed_at": as_utc(row.assessed_at) if row.assessed_at else None,
    }


def to_summary(row: SessionRow) -> SessionSummary:
    return SessionSummary(**_summary_fields(row))


def to_record(row: SessionRow) -> SessionRecord:
    assessment = row.assessment.document if row.assessment is not None else None
    return SessionRecord(
        **_summary_fields(row),
        source_sha256=row.source_sha256,
        transcript=row.transcript,
        assessment=assessment,
    )


def to_annotation(row: AnnotationRow) -> Annotation:
    return Annotation(
        id=row.id,
        session_id=row.session_id,
        turn_index=row.turn_index,
        author=row.author,
        body=row.body,
        marker_id=row.marker_id,
        created_at=as_utc(row.created_at),
    )


def to_mentoring_hours(row: MentoringHoursRow) -> MentoringHours:
    return MentoringHours(
        id=row.id,
        session_id=row.session_id,
        mentee=row.mentee,
        mentor=row.mentor,
        held_on=row.held_on,
        minutes=row.minutes,
        group_session=row.group_session,
        note=row.note,
        created_at=as_utc(row.created_at),
    )
