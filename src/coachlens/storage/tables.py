"""The database tables (SQLAlchemy 2 typed ORM). Alembic migrations in `migrations/` create them.

Only the repository modules of this package use these classes; the rest of coachlens sees the frozen
records of `coachlens.storage.records`. Heavy columns (the uploaded original, the assessment JSON) live
in their own tables so that listing sessions never loads them, and they go with the session on delete
(`ON DELETE CASCADE`).

Changing a table here needs a new migration in `migrations/versions/` (a test compares the two).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 32


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class SessionRow(Base):
    """One uploaded (or practice) coaching session, its transcript and the state of its assessment job."""

    __tablename__ = "coaching_sessions"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    session_date: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16), default="real")
    client_pseudonym: Mapped[str | None] = mapped_column(String(120))
    tags: Mapped[list[str]] = mapped_column(default=list)
    demo_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    source_filename: Mapped[str] = mapped_column(String(300))
    source_format: Mapped[str] = mapped_column(String(40))
    source_size: Mapped[int] = mapped_column(Integer)
    source_sha256: Mapped[str] = mapped_column(String(64))

    transcript: Mapped[dict[str, Any]]
    turn_count: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    roles_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    roles_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)

    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    stage: Mapped[str | None] = mapped_column(String(32))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    job_token: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    heartbeat_at: Mapped[datetime | None]

    overall_score: Mapped[float | None] = mapped_column(Float)
    readiness: Mapped[str | None] = mapped_column(String(16))
    assessed_at: Mapped[datetime | None]

    original: Mapped[OriginalRow] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )
    assessment: Mapped[AssessmentRow | None] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )
    annotations: Mapped[list[AnnotationRow]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (Index("ix_coaching_sessions_created_at", "created_at"),)


class OriginalRow(Base):
    """The uploaded file exactly as received (kept so a session can be re-parsed and exported)."""

    __tablename__ = "session_originals"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)
    session: Mapped[SessionRow] = relationship(back_populates="original")


class AssessmentRow(Base):
    """The latest `coachlens.assessment/1` JSON of a session."""

    __tablename__ = "session_assessments"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    session: Mapped[SessionRow] = relationship(back_populates="assessment")


class AnnotationRow(Base):
    """A mentor coach's note on one turn of a session."""

    __tablename__ = "annotations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="CASCADE"), index=True
    )
    turn_index: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    marker_id: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]
    session: Mapped[SessionRow] = relationship(back_populates="annotations")


class MentoringHoursRow(Base):
    """Mentoring time logged by a mentor coach (ICF credentialing asks for mentoring hours)."""

    __tablename__ = "mentoring_hours"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("coaching_sessions.id", ondelete="SET NULL"), index=True
    )
    mentee: Mapped[str] = mapped_column(String(120))
    mentor: Mapped[str] = mapped_column(String(120))
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    group_session: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class ConsentRow(Base):
    """Something the user explicitly agreed to, e.g. sending transcripts to a named LLM endpoint."""

    __tablename__ = "consents"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    subject: Mapped[str] = mapped_column(String(500), primary_key=True)
    granted_at: Mapped[datetime]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AppStateRow(Base):
    """Small key/value facts about this installation (e.g. whether the demo sessions were seeded)."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class PracticeDraftRow(Base):
    """A practice session still in progress: the simulator's whole state after its latest exchange, so
    the conversation survives a restart of the web server. Deleted when the session ends (it is then
    stored as a session of kind `practice`) or sits idle too long. Never exported."""

    __tablename__ = "practice_drafts"

    run_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    persona_id: Mapped[str] = mapped_column(String(60))
    state: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime] = mapped_column(index=True)
