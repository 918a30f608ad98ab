"""`coachlens serve`, `coachlens demo` and a real server on loopback."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
from typer.testing import CliRunner

import coachlens.jobs
from coachlens.commands import demo as demo_command
from coachlens.commands import serve as serve_command
from coachlens.commands.serve import check_port_free, is_loopback, server_url
from coachlens.config import Settings
from coachlens.errors import ConfigError
from coachlens.jobs import pipeline_assessor, run_assessment_job
from coachlens.storage import create_session_from_upload, get_session, list_sessions, upgrade_database


@pytest.fixture
def cli_app() -> typer.Typer:
    app = typer.Typer()
    serve_command.register(app)
    demo_command.register(app)
    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_addresses() -> None:
    assert server_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert server_url("0.0.0.0", 8080) == "http://127.0.0.1:8080/"
    assert server_url("::1", 8000) == "http://[::1]:8000/"
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert Settings().host == "127.0.0.1"


def test_a_taken_port_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match="--port"):
            check_port_free("127.0.0.1", port)


def test_serve_get_prints_one_response(cli_app: typer.Typer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLENS_SEED_DEMO_SESSIONS", "false")
    result = CliRunner().invoke(cli_app, ["serve", "--get", "/api/health"])
    assert result.exit_code == 0, result.output
    assert '"status":"ok"' in result.output
    missing = CliRunner().invoke(cli_app, ["serve", "--get", "/api/sessions/nope"])
    assert missing.exit_code == 1
    assert "no stored session" in missing.output


def test_demo_assesses_the_demo_sessions_once(
    cli_app: typer.Typer, monkeypatch: pytest.MonkeyPatch, fake_assessor: Any, tmp_path: Path
) -> None:
    calls: list[str] = []

    def counting(session: Any, progress: Any) -> Any:
        calls.append(session.title)
        return fake_assessor(session, progress)

    # The demo command imports the job layer when it runs, so patch it where it is looked up.
    monkeypatch.setattr(coachlens.jobs, "pipeline_assessor", lambda settings: counting)
    monkeypatch.setenv("COACHLENS_DATA_DIR", str(tmp_path / "demo"))
    first = CliRunner().invoke(cli_app, ["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    for title in (
        "Making room to lead",
        "Back from leave, four days or five",
        "Growing the landscaping business",
    ):
        assert title in first.output
    assert "advisory" in first.output and "markers demonstrated" in first.output
    assert len(calls) == 3

    again = CliRunner().invoke(cli_app, ["demo", "--no-serve"])
    assert again.exit_code == 0 and len(calls) == 3  # already assessed: nothing re-run
    db = upgrade_database(Settings(data_dir=tmp_path / "demo"))
    assert sorted(s.status for s in list_sessions(db)) == ["done", "done", "done"]
    db.dispose()

    # An upgraded engine (another fingerprint) assesses the demos again, once.
    monkeypatch.setattr(demo_command, "engine_build", lambda: "a-newer-engine")
    upgraded = CliRunner().invoke(cli_app, ["demo", "--no-serve"])
    assert upgraded.exit_code == 0 and len(calls) == 6, upgraded.output
    CliRunner().invoke(cli_app, ["demo", "--no-serve"])
    assert len(calls) == 6


def test_the_real_engine_assesses_an_upload(tmp_path: Path, tiny_transcript: bytes) -> None:
    settings = Settings(data_dir=tmp_path / "real")
    db = upgrade_database(settings)
    record = create_session_from_upload(db, settings, content=tiny_transcript, filename="tiny.txt")
    assert run_assessment_job(db, record.id, pipeline_assessor(settings)) == "done"
    done = get_session(db, record.id)
    assert done.assessment is not None
    assert done.assessment["schema"] == "coachlens.assessment/1"
    assert len(done.assessment["turns"]) == 4
    assert done.overall_score is not None and 0 <= done.overall_score <= 100
    db.dispose()


def test_serve_runs_a_real_server_on_loopback(tmp_path: Path, tiny_transcript: bytes) -> None:
    port = free_port()
    env = {
        **os.environ,
        "COACHLENS_DATA_DIR": str(tmp_path / "served"),
        "COACHLENS_CONFIG_FILE": str(tmp_path / "none.toml"),
        "COACHLENS_SEED_DEMO_SESSIONS": "false",
        "CI": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "coachlens.cli", "serve", "--port", str(port), "--no-browser"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 60)  # bounded wait for the first line
        first_line = server.stdout.readline() if ready else ""
        assert first_line.startswith(f"coachlens is running at http://127.0.0.1:{port}/"), first_line
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):  # bounded: up to ~15 s for the app to start
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer on loopback")
        created = httpx.post(
            f"{base}/api/sessions", files={"file": ("tiny.txt", tiny_transcript)}, timeout=10
        )
        assert created.status_code == 201
        cross_site = httpx.post(
            f"{base}/api/sessions",
            files={"file": ("tiny.txt", tiny_transcript)},
            headers={"Origin": "http://evil.example"},
            timeout=10,
        )
        assert cross_site.status_code == 403
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
