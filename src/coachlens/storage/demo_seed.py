"""Putting the bundled demo sessions into the database, so a fresh install opens on full reports.

Seeding happens once per database (recorded in app state), so a user who deletes the demo sessions
does not get them back on the next start; `coachlens demo` adds any missing ones on purpose.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from coachlens.config import Settings
from coachlens.demo_data import DEMO_SESSIONS, demo_path
from coachlens.storage.app_state import get_app_state, set_app_state
from coachlens.storage.convert import utc_now
from coachlens.storage.db import Database
from coachlens.storage.ingest import create_session_from_upload
from coachlens.storage.records import SessionRecord
from coachlens.storage.sessions import count_sessions, get_session, list_sessions

log = logging.getLogger(__name__)

DEMO_SEEDED_KEY = "demo_seeded"
DEMO_TAG = "demo"


def demo_seeding_due(db: Database, settings: Settings) -> bool:
    """True on the first start of an empty database (and seeding is not switched off)."""
    return (
        settings.seed_demo_sessions and get_app_state(db, DEMO_SEEDED_KEY) is None and count_sessions(db) == 0
    )


def seed_demo_sessions(db: Database, settings: Settings) -> list[SessionRecord]:
    """Store every bundled demo session not yet in the database (queued); return all demo sessions."""
    present = {s.demo_id: s.id for s in list_sessions(db) if s.demo_id}
    for demo in DEMO_SESSIONS:
        if demo.id in present:
            continue
        try:
            record = create_session_from_upload(
                db,
                settings,
                content=demo_path(demo.id).read_bytes(),
                filename=demo.filename,
                title=demo.title,
                coach=demo.coach_name,
                client=demo.client_name,
                kind="practice",
                tags=(DEMO_TAG,),
                demo_id=demo.id,
            )
        except IntegrityError:
            # Another process (a second server or worker starting at the same moment) was quicker.
            log.debug("demo session %s was seeded concurrently", demo.id)
            continue
        present[demo.id] = record.id
    set_app_state(db, DEMO_SEEDED_KEY, {"at": utc_now().isoformat(), "ids": sorted(present)})
    return [get_session(db, present[demo.id]) for demo in DEMO_SESSIONS if demo.id in present]
