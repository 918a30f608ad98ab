"""Bringing a database to the newest schema with the Alembic migrations shipped in this package.

The web app, `coachlens demo` and `coachlens worker` call `upgrade_database` on start, so a user never
runs a migration command by hand. Developers add a migration with
`alembic -c /dev/null` is not needed: use `new_revision_config(url)` with `alembic.command.revision`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from coachlens.config import Settings
from coachlens.errors import StorageError
from coachlens.storage.db import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        # ConfigParser treats % as interpolation; URLs may contain %-escaped passwords.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StorageError("coachlens ships no database migrations; reinstall coachlens")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision a database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_engine(engine: Engine) -> None:
    """Apply every missing migration to the database behind `engine`, in one transaction."""
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except (OperationalError, ProgrammingError) as exc:
        log.debug("migration failed", exc_info=True)
        first = str(getattr(exc, "orig", exc)).strip().splitlines()
        detail = first[0] if first else type(exc).__name__
        raise StorageError(f"could not bring the database up to date: {detail}") from None


def upgrade_database(settings: Settings) -> Database:
    """Open the configured database, migrate it to the newest schema and return it."""
    db = Database.from_settings(settings)
    upgrade_engine(db.engine)
    log.info("database %s is at revision %s", db.engine.url.render_as_string(), head_revision())
    return db
