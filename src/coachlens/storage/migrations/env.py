"""Alembic environment for coachlens' own migrations (run programmatically, no alembic.ini).

`coachlens.storage.migrate.upgrade_database` passes an open connection in `config.attributes`; the
`alembic` command line can still be used by developers with `-x url=<database url>`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from coachlens.storage.tables import Base

# Any fixed number: PostgreSQL advisory lock that keeps two processes (web server and RQ workers
# starting together) from running the same migration at once.
MIGRATION_LOCK_KEY = 7_245_118_093

target_metadata = Base.metadata


def _inside_alembic() -> bool:
    # Importing this module outside Alembic (a tool walking every module) must do nothing.
    try:
        context.config  # noqa: B018
    except NameError:
        return False
    return True


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("pass the database with -x url=<sqlalchemy url>")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if _inside_alembic():
    if context.is_offline_mode():
        raise SystemExit("coachlens migrations run online only; pass -x url=<sqlalchemy url>")
    run_migrations_online()
