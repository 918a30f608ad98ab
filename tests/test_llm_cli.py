"""`coachlens llm check / dry-run / confirm / forget`, through the real CLI entry point in-process."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import Cli
from coachlens.models import Assessment
from llm_data import PERSONAL_DETAILS, offline_assessment, smart_model
from llm_server import Reply, ScriptedLLMServer, Status, running_server


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedLLMServer]:
    with running_server(api_key="sk-test-secret-123") as srv:
        monkeypatch.setenv("COACHLENS_LLM_BASE_URL", srv.url)
        monkeypatch.setenv("COACHLENS_LLM_MODEL", "test-model")
        monkeypatch.setenv("COACHLENS_LLM_API_KEY", "sk-test-secret-123")
        monkeypatch.setenv("COACHLENS_LLM_TIMEOUT_S", "2")
        yield srv


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch) -> Assessment:
    """Skip the offline engine (slow, tested elsewhere): the dry run gets a hand-built assessment."""
    assessment = offline_assessment()
    monkeypatch.setattr("coachlens.analysis.pipeline.assess_path", lambda *a, **k: assessment)
    return assessment


def test_check_passes_against_a_working_endpoint(cli: Cli, server: ScriptedLLMServer) -> None:
    result = cli("llm", "check")
    assert result.code == 0, result.err
    assert "(local (loopback))" in result.out
    assert "ok: reachable; model 'test-model' is available" in result.out
    assert "ok: the model answered" in result.out
    assert "api key: set" in result.out
    assert "sk-test-secret-123" not in result.out + result.err
    assert server.chat_requests[0].body["max_tokens"] == 5


def test_check_names_an_unknown_model(cli: Cli, server: ScriptedLLMServer) -> None:
    result = cli("llm", "check", "--model", "llama-nope")
    assert result.code == 1
    assert "FAILED: unknown model: 'llama-nope' is not served here; available: test-model" in result.out
    assert not server.chat_requests


def test_check_names_a_bad_key(cli: Cli, server: ScriptedLLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLENS_LLM_API_KEY", "sk-wrong")
    result = cli("llm", "check")
    assert result.code == 1
    assert "FAILED: bad key" in result.out
    assert "sk-wrong" not in result.out + result.err


def test_check_names_an_unreachable_endpoint(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("COACHLENS_LLM_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("COACHLENS_LLM_MODEL", "m")
    result = cli("llm", "check")
    assert result.code == 1
    assert f"FAILED: unreachable: nothing answers at http://127.0.0.1:{port}/v1" in result.out


def test_check_without_configuration_is_a_one_line_error(cli: Cli) -> None:
    result = cli("llm", "check")
    assert result.code == 1
    assert result.err.startswith("error: no LLM configured")
    assert result.err.count("\n") == 1


def test_dry_run_shows_the_redacted_requests_and_sends_nothing(
    cli: Cli, server: ScriptedLLMServer, no_engine: Assessment, tmp_path: Path
) -> None:
    transcript = tmp_path / "s.txt"
    transcript.write_text("Coach: hi\nClient: hello\n", encoding="utf-8")
    result = cli("llm", "dry-run", str(transcript))
    assert result.code == 0, result.err
    assert result.out.startswith("DRY RUN: nothing was sent.")
    assert "=== request 1 of" in result.out and "--- system ---" in result.out
    assert "[turn 4] Coach (00:40): You went back to [NAME_" in result.out
    for detail in PERSONAL_DETAILS:
        assert detail not in result.out.split("redaction:")[1], detail
    assert server.received == []


def test_dry_run_without_redaction_shows_the_names(cli: Cli, no_engine: Assessment, tmp_path: Path) -> None:
    transcript = tmp_path / "s.txt"
    transcript.write_text("Coach: hi\nClient: hello\n", encoding="utf-8")
    result = cli("llm", "dry-run", str(transcript), "--no-redact", "--json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert payload["redaction"] is False and payload["model"] == "(not configured)"
    sent = json.dumps(payload["requests"])
    assert "Sam Patel" in sent and "mei.tan@example.com" in sent
    assert payload["requests"][0]["response_format"]["type"] == "json_schema"


def test_confirm_records_and_forget_withdraws_a_remote_endpoint(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHLENS_LLM_BASE_URL", "https://llm.example.com/v1")
    monkeypatch.setenv("COACHLENS_LLM_MODEL", "m")
    refused = cli("llm", "confirm")  # stdin is not a terminal: nobody can be asked
    assert refused.code == 1
    assert "needs your confirmation first" in refused.err
    confirmed = cli("llm", "confirm", "--yes")
    assert confirmed.code == 0, confirmed.err
    assert "recorded: transcripts may be sent to https://llm.example.com/v1" in confirmed.err
    assert cli("llm", "confirm").code == 0  # already confirmed: nothing to ask
    assert cli("llm", "forget").out.strip() == "confirmation withdrawn"
    assert cli("llm", "forget").out.strip() == "there was no confirmation for this endpoint"


def test_loopback_needs_no_confirmation(cli: Cli, server: ScriptedLLMServer) -> None:
    result = cli("llm", "confirm")
    assert result.code == 0
    assert "on this machine: no confirmation needed" in result.out


@pytest.fixture
def transcript(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A transcript file; the offline engine is replaced by the hand-built assessment (fast)."""
    monkeypatch.setattr("coachlens.commands.assess.assess_file", lambda *a, **k: offline_assessment())
    monkeypatch.setattr("coachlens.analysis.acts.load_default_classifier", lambda settings=None: None)
    path = tmp_path / "session.txt"
    path.write_text("Coach: hi\nClient: hello\n", encoding="utf-8")
    return path


def test_assess_with_llm_merges_checked_findings(
    cli: Cli, server: ScriptedLLMServer, transcript: Path
) -> None:
    model = smart_model()
    server.default = lambda body: Reply(model(body))
    result = cli("assess", str(transcript), "--llm")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["engine"].endswith("+llm")
    assert next(m for m in data["markers"] if m["id"] == "4.1")["source"] == "llm"
    assert data["llm"]["usage"]["requests"] == len(server.chat_requests)
    assert "note: LLM review by test-model" in result.err
    assert "sk-test-secret-123" not in result.out + result.err


def test_assess_dry_run_prints_the_requests_instead_of_a_report(
    cli: Cli, server: ScriptedLLMServer, transcript: Path
) -> None:
    result = cli("assess", str(transcript), "--llm", "--dry-run")
    assert result.code == 0, result.err
    assert result.out.startswith("DRY RUN: nothing was sent.")
    assert server.received == []


def test_assess_llm_options_need_llm_and_a_configuration(cli: Cli, transcript: Path) -> None:
    orphan = cli("assess", str(transcript), "--dry-run")
    assert orphan.code == 1 and "add --llm" in orphan.err
    unconfigured = cli("assess", str(transcript), "--llm")
    assert unconfigured.code == 1 and unconfigured.err.startswith("error: no LLM configured")


def test_assess_llm_with_an_unconfirmed_remote_endpoint_sends_nothing(
    cli: Cli, transcript: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHLENS_LLM_BASE_URL", "https://llm.example.com/v1")
    monkeypatch.setenv("COACHLENS_LLM_MODEL", "m")
    result = cli("assess", str(transcript), "--llm")
    assert result.code == 1
    assert "needs your confirmation first" in result.err
    assert result.out == ""


def test_assess_llm_with_the_endpoint_down_still_writes_the_offline_report(
    cli: Cli, server: ScriptedLLMServer, transcript: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHLENS_LLM_MAX_RETRIES", "0")
    server.default = lambda body: Status(503)
    result = cli("assess", str(transcript), "--llm")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["engine"] == "coachlens-offline"
    assert all(m["source"] == "offline" for m in data["markers"])
    assert "note: LLM review not used" in result.err


def test_assess_folder_with_llm_enriches_every_report(
    cli: Cli, server: ScriptedLLMServer, transcript: Path, tmp_path: Path
) -> None:
    (transcript.parent / "second.txt").write_text("Coach: hi\nClient: hello\n", encoding="utf-8")
    model = smart_model()
    server.default = lambda body: Reply(model(body))
    out = tmp_path / "reports"
    result = cli("assess", str(transcript.parent), "--llm", "--output", str(out))
    assert result.code == 0, result.err
    reports = sorted(out.glob("*.json"))
    assert len(reports) == 2
    assert all("llm" in json.loads(p.read_text(encoding="utf-8")) for p in reports)
