"""Shared fixtures. Every test gets its own data dir so nothing touches the user's real data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_support import Cli, make_cli
from coachlens.config import Settings


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COACHLENS_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("COACHLENS_CONFIG_FILE", str(home / "config.toml"))
    for name in (
        "COACHLENS_DATABASE_URL",
        "COACHLENS_LLM_BASE_URL",
        "COACHLENS_LLM_API_KEY",
        "COACHLENS_LLM_MODEL",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


# ---------------------------------------------------------------------------------------------------
# Storage and web fixtures (storage tests run on SQLite always, on PostgreSQL when
# COACHLENS_TEST_POSTGRES_URL names a server where the test user may create databases).

TINY_TRANSCRIPT = (
    b"Coach: What would you like to focus on today?\n"
    b"Client: I keep saying yes to every request at work and I am exhausted.\n"
    b"Coach: So the cost of all those yeses is your energy. What makes saying no hard?\n"
    b"Client: I worry my manager will think I am not committed.\n"
)


def _fresh_postgres_database(admin_url: str) -> Iterator[str]:
    """Create a throwaway database for one test (parallel workers never share one) and drop it after."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"coachlens_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL database."""
    import os

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin_url = os.environ.get("COACHLENS_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("COACHLENS_TEST_POSTGRES_URL is not set (.ci/run sets it)")
    yield from _fresh_postgres_database(admin_url)


@pytest.fixture
def db(database_url: str) -> Iterator[Any]:
    """A migrated, empty coachlens database (`coachlens.storage.Database`)."""
    from coachlens.storage import Database, upgrade_engine

    database = Database.from_url(database_url)
    upgrade_engine(database.engine)
    yield database
    database.dispose()


def build_fake_assessment(session: Any) -> dict[str, Any]:
    """A small but schema-shaped `coachlens.assessment/1` dict, so web and job tests need no engine."""
    coach_turns = [t for t in session.turns if t.role == "coach"]
    first = coach_turns[0] if coach_turns else session.turns[0]
    quote = first.text[: min(len(first.text), 40)]
    return {
        "schema": "coachlens.assessment/1",
        "session": {
            "title": session.title,
            "source_format": session.source_format,
            "duration_s": session.duration_s,
            "turn_count": len(session.turns),
        },
        "rubric": {"id": "icf-2019-pcc-2020", "version": "test"},
        "turns": [
            {**t.to_dict(), "acts": ["question.open"] if t.role == "coach" else []} for t in session.turns
        ],
        "markers": [
            {
                "id": "6.1",
                "competency": 6,
                "status": "demonstrated",
                "confidence": 0.9,
                "evidence": [{"turn": first.index, "quote": quote, "start_s": first.start_s}],
                "rationale": "test finding",
                "detector": "test.fake.v1",
            }
        ],
        "competencies": [
            {
                "id": 6,
                "name": "Listens Actively",
                "score": 70.0,
                "markers_demonstrated": 1,
                "markers_total": 6,
            }
        ],
        "metrics": {"coach_talk_share": 0.4, "questions_open": 2, "questions_closed": 0, "reflections": 1},
        "readiness": {"level": "acc", "advisory": True, "rationale": "test", "knockouts": []},
        "feedback": {"strengths": [], "growth_areas": [], "rewrites": [], "tips": [], "next_step": ""},
        "overall_score": float(50 + len(session.turns)),
    }


@pytest.fixture
def fake_assessor() -> Any:
    """An assessor (`coachlens.jobs.Assessor`) that walks the progress stages and returns a fake result."""

    def assess(session: Any, progress: Any) -> dict[str, Any]:
        for stage in ("classifying", "detecting", "reporting"):
            progress(stage)
        return build_fake_assessment(session)

    return assess


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    """Settings for an app under test: its own data dir, no demo seeding, a small upload limit."""
    return Settings(data_dir=tmp_path / "web-data", seed_demo_sessions=False, max_upload_bytes=200_000)


@pytest.fixture
def web_app(web_settings: Settings, fake_assessor: Any) -> Any:
    """`create_app` with the fake assessor (the in-process job queue runs it on a thread)."""
    from coachlens.web import create_app

    return create_app(web_settings, assessor=fake_assessor)


@pytest.fixture
def web_client(web_app: Any) -> Iterator[Any]:
    """A TestClient with the lifespan running (migrations, jobs); requests go to http://127.0.0.1."""
    from fastapi.testclient import TestClient

    with TestClient(web_app, base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture
def tiny_transcript() -> bytes:
    """Four labelled turns (Coach/Client), plain text: the smallest upload that assesses."""
    return TINY_TRANSCRIPT


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `coachlens ARGS` in-process; returns the exit code, stdout and stderr."""
    return make_cli(capsys, monkeypatch)
