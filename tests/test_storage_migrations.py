"""Migrations: an empty database reaches head, the migrations match the ORM, re-running is harmless."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from coachlens.config import Settings
from coachlens.errors import StorageError
from coachlens.storage import Database, upgrade_database, upgrade_engine
from coachlens.storage.migrate import current_revision, head_revision
from coachlens.storage.tables import Base

EXPECTED_TABLES = {
    "coaching_sessions",
    "session_originals",
    "session_assessments",
    "annotations",
    "mentoring_hours",
    "consents",
    "app_state",
}


def test_upgrade_on_empty_database_creates_every_table(database_url: str) -> None:
    database = Database.from_url(database_url)
    assert current_revision(database.engine) is None
    upgrade_engine(database.engine)
    tables = set(inspect(database.engine).get_table_names())
    assert tables >= EXPECTED_TABLES | {"alembic_version"}
    assert current_revision(database.engine) == head_revision()
    database.dispose()


def test_migrations_match_the_orm_models(db: Database) -> None:
    """Autogenerate against a migrated database finds nothing to do: tables.py and migrations agree."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff: list[Any] = compare_metadata(context, Base.metadata)
    assert diff == []


def test_upgrading_twice_changes_nothing(db: Database) -> None:
    before = current_revision(db.engine)
    upgrade_engine(db.engine)
    assert current_revision(db.engine) == before == head_revision()


def test_upgrade_database_uses_the_settings_url(tmp_path: Any) -> None:
    settings = Settings(data_dir=tmp_path / "fresh" / "nested")
    database = upgrade_database(settings)
    try:
        assert (tmp_path / "fresh" / "nested" / "coachlens.db").is_file()
        assert current_revision(database.engine) == head_revision()
    finally:
        database.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Any) -> None:
    database = Database.from_url(f"sqlite:///{tmp_path / 'pragma.db'}")
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    database.dispose()


def test_unusable_database_url_is_one_line_storage_error() -> None:
    with pytest.raises(StorageError) as info:
        Database.from_url("not a url at all")
    assert "COACHLENS_DATABASE_URL" in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_driver_says_what_to_install() -> None:
    with pytest.raises(StorageError) as info:
        Database.from_url("nosuchdb://user@localhost/x")
    assert "driver" in str(info.value)
