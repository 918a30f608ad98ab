"""Opening the database: one engine per URL, SQLite tuned for a desktop app, one transaction per change.

SQLite (the default, a file in data_dir) runs in WAL mode so the web server can read while the job
worker writes, with foreign keys enforced so deleting a session removes everything derived from it.
Any other SQLAlchemy URL works the same way (PostgreSQL for coach-training schools).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coachlens.config import Settings
from coachlens.errors import StorageError

log = logging.getLogger(__name__)

# How long a SQLite writer waits for another writer before giving up (seconds).
SQLITE_BUSY_TIMEOUT_S = 30


def create_db_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL, foreign keys and a busy timeout on every connection."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(
            f"database URL '{url}' is not a valid SQLAlchemy URL; fix COACHLENS_DATABASE_URL"
        ) from None
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite:
        # The pool hands each connection to one thread at a time, so sharing across threads is safe.
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError:
        raise StorageError(
            f"no database driver for '{parsed.drivername}'; install it (for PostgreSQL: "
            "pip install 'coachlens[postgres]' and use postgresql+psycopg://...)"
        ) from None
    except ImportError as exc:
        raise StorageError(f"the database driver for '{parsed.drivername}' is not installed: {exc}") from None
    if is_sqlite:
        event.listen(engine, "connect", _tune_sqlite_connection)
    return engine


def _tune_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL + NORMAL is still crash-safe for the database; only the last commit may be lost on power loss.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    finally:
        cursor.close()


@dataclass(frozen=True)
class Database:
    """An open database: the engine plus a session factory. Share one per process.

    Repository functions take a `Database` and open one short transaction per logical change.
    """

    engine: Engine
    session_factory: sessionmaker[Session]

    @classmethod
    def from_url(cls, url: str) -> Database:
        engine = create_db_engine(url)
        return cls(engine=engine, session_factory=sessionmaker(engine, expire_on_commit=False))

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        """Open the database named by settings (default: the SQLite file in data_dir)."""
        if not settings.database_url:
            settings.ensure_data_dir()
        return cls.from_url(settings.resolved_database_url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error."""
        try:
            with self.session_factory() as session, session.begin():
                yield session
        except OperationalError as exc:
            log.debug("database error", exc_info=True)
            raise StorageError(f"the database could not be used: {_first_line(exc)}") from None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only (nothing it does is committed)."""
        try:
            with self.session_factory() as session:
                yield session
        except OperationalError as exc:
            log.debug("database error", exc_info=True)
            raise StorageError(f"the database could not be read: {_first_line(exc)}") from None

    def dispose(self) -> None:
        """Close every pooled connection (at shutdown, and in tests)."""
        self.engine.dispose()


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
