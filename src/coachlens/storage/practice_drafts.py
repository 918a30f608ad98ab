"""Practice sessions in progress, kept in the local database so they survive a server restart.

A draft is the whole state of one practice simulator after its latest exchange (a JSON document the
practice package writes and reads; storage does not look inside it). It lives only in this database:
it is not exported and is deleted when the session ends (the ended session is stored like any other)
or when it sits idle too long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from coachlens.storage.convert import as_utc, utc_now
from coachlens.storage.db import Database
from coachlens.storage.tables import PracticeDraftRow


@dataclass(frozen=True)
class PracticeDraft:
    run_id: str
    persona_id: str
    state: dict[str, Any]
    created_at: datetime
    last_used_at: datetime


def save_practice_draft(
    db: Database, run_id: str, persona_id: str, state: dict[str, Any], *, last_used_at: datetime
) -> None:
    """Store the draft of run `run_id`, replacing an earlier one."""
    with db.transaction() as s:
        row = s.get(PracticeDraftRow, run_id)
        if row is None:
            s.add(
                PracticeDraftRow(
                    run_id=run_id,
                    persona_id=persona_id,
                    state=state,
                    created_at=utc_now(),
                    last_used_at=last_used_at,
                )
            )
        else:
            row.persona_id = persona_id
            row.state = state
            row.last_used_at = last_used_at


def get_practice_draft(db: Database, run_id: str) -> PracticeDraft | None:
    """The stored draft of run `run_id`, or None."""
    with db.reading() as s:
        row = s.get(PracticeDraftRow, run_id)
        if row is None:
            return None
        return PracticeDraft(
            run_id=row.run_id,
            persona_id=row.persona_id,
            state=dict(row.state),
            created_at=as_utc(row.created_at),
            last_used_at=as_utc(row.last_used_at),
        )


def delete_practice_draft(db: Database, run_id: str) -> bool:
    """Remove the draft of run `run_id`; False if there was none."""
    with db.transaction() as s:
        row = s.get(PracticeDraftRow, run_id)
        if row is None:
            return False
        s.delete(row)
        return True


def list_practice_draft_ids(db: Database) -> list[str]:
    """Ids of the stored drafts, most recently used first."""
    query = select(PracticeDraftRow.run_id).order_by(
        PracticeDraftRow.last_used_at.desc(), PracticeDraftRow.run_id
    )
    with db.reading() as s:
        return list(s.scalars(query).all())


def prune_practice_drafts(db: Database, *, idle_before: datetime, keep: int) -> list[str]:
    """Delete drafts last used before `idle_before`, then all but the `keep` most recently used.
    Returns the ids deleted."""
    with db.transaction() as s:
        idle = list(
            s.scalars(select(PracticeDraftRow.run_id).where(PracticeDraftRow.last_used_at < idle_before))
        )
        recent = s.scalars(
            select(PracticeDraftRow.run_id)
            .where(PracticeDraftRow.last_used_at >= idle_before)
            .order_by(PracticeDraftRow.last_used_at.desc(), PracticeDraftRow.run_id)
        ).all()
        gone = idle + list(recent[max(keep, 0) :])
        if gone:
            s.execute(delete(PracticeDraftRow).where(PracticeDraftRow.run_id.in_(gone)))
        return gone
