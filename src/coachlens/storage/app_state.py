"""Small installation-wide records: key/value app state and the user's explicit consents.

Consents record what the user agreed to, such as sending transcripts to one named LLM endpoint; the
LLM layer asks `has_consent("llm_endpoint", url)` before any request leaves the machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from coachlens.storage.convert import as_utc, utc_now
from coachlens.storage.db import Database
from coachlens.storage.tables import AppStateRow, ConsentRow


@dataclass(frozen=True)
class Consent:
    kind: str
    subject: str
    granted_at: datetime
    detail: dict[str, Any]


def get_app_state(db: Database, key: str) -> dict[str, Any] | None:
    """The value stored under `key`, or None."""
    with db.reading() as s:
        row = s.get(AppStateRow, key)
        return dict(row.value) if row is not None else None


def set_app_state(db: Database, key: str, value: dict[str, Any]) -> None:
    """Store `value` under `key`, replacing what was there."""
    with db.transaction() as s:
        row = s.get(AppStateRow, key)
        if row is None:
            s.add(AppStateRow(key=key, value=value, updated_at=utc_now()))
        else:
            row.value = value
            row.updated_at = utc_now()


def grant_consent(db: Database, kind: str, subject: str, detail: dict[str, Any] | None = None) -> Consent:
    """Record that the user agreed to `kind` for `subject` (e.g. "llm_endpoint", a base URL)."""
    now = utc_now()
    with db.transaction() as s:
        row = s.get(ConsentRow, (kind, subject))
        if row is None:
            row = ConsentRow(kind=kind, subject=subject, granted_at=now, detail=detail or {})
            s.add(row)
        else:
            row.granted_at = now
            row.detail = detail or {}
        return Consent(kind=kind, subject=subject, granted_at=now, detail=dict(row.detail))


def has_consent(db: Database, kind: str, subject: str) -> bool:
    with db.reading() as s:
        return s.get(ConsentRow, (kind, subject)) is not None


def revoke_consent(db: Database, kind: str, subject: str) -> bool:
    """Withdraw a consent; False if there was none."""
    with db.transaction() as s:
        row = s.get(ConsentRow, (kind, subject))
        if row is None:
            return False
        s.delete(row)
        return True


def list_consents(db: Database, kind: str | None = None) -> list[Consent]:
    query = select(ConsentRow).order_by(ConsentRow.kind, ConsentRow.subject)
    if kind is not None:
        query = query.where(ConsentRow.kind == kind)
    with db.reading() as s:
        return [
            Consent(kind=r.kind, subject=r.subject, granted_at=as_utc(r.granted_at), detail=dict(r.detail))
            for r in s.scalars(query).all()
        ]
