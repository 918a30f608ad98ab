"""The LLM pass end to end against a loopback server speaking the chat-completions wire format.

The official `openai` SDK talks to `tests/llm_server.py` over real HTTP on 127.0.0.1; each test scripts
what the "model" answers (valid findings, malformed JSON, invented quotes, 429, a hang, a dropped
connection) and checks both the assessment that comes back and what the server received.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.llm.enrich import enrich_assessment
from coachlens.llm.openai_backend import OpenAICompatibleBackend
from coachlens.models import Assessment
from llm_data import LINES, PERSONAL_DETAILS, make_session, offline_assessment, smart_model, user_message
from llm_server import Drop, Hang, Reply, ScriptedLLMServer, Status, running_server


@pytest.fixture
def server() -> Iterator[ScriptedLLMServer]:
    with running_server() as srv:
        model = smart_model()
        srv.default = lambda body: Reply(model(body))
        yield srv


@pytest.fixture
def llm_settings(tmp_path: Path, server: ScriptedLLMServer) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        llm_base_url=server.url,
        llm_model="test-model",
        llm_timeout_s=2.0,
        llm_max_retries=2,
        llm_cache=False,
    )


def _backend(
    server: ScriptedLLMServer, waits: list[float] | None = None, timeout_s: float = 2.0
) -> OpenAICompatibleBackend:
    record = waits if waits is not None else []
    return OpenAICompatibleBackend(
        server.url, "test-model", timeout_s=timeout_s, max_retries=2, backoff_s=0.01, sleep=record.append
    )


def _marker(assessment: Assessment, marker_id: str) -> dict[str, object]:
    return next(m for m in assessment.to_dict()["markers"] if m["id"] == marker_id)


def test_valid_findings_are_grounded_merged_and_sourced(
    server: ScriptedLLMServer, llm_settings: Settings
) -> None:
    offline = offline_assessment()
    result = enrich_assessment(offline, settings=llm_settings)
    data = result.to_dict()

    upgraded = _marker(result, "4.1")
    assert upgraded["status"] == "demonstrated" and upgraded["source"] == "llm"
    assert upgraded["evidence"] == [
        {"turn": 4, "quote": "You went back to Sam a second time", "start_s": 40.0}
    ]
    assert _marker(result, "4.2")["source"] == "merged"
    assert _marker(result, "6.1")["source"] == "offline"
    assert _marker(result, "5.5")["status"] == "not_assessable"
    for marker in data["markers"]:  # the DESIGN.md contract: every quote is in its turn
        for ev in marker["evidence"]:
            assert ev["quote"] in data["turns"][ev["turn"]]["text"]

    assert result.overall_score > offline.overall_score
    assert data["engine"].endswith("+llm")
    assert data["llm"]["merge"]["upgraded"] == 1 and data["llm"]["merge"]["confirmed"] == 1
    assert data["llm"]["usage"]["requests"] == len(server.chat_requests)
    assert data["llm"]["usage"]["total_tokens"] == 120 * len(server.chat_requests)
    assert data["narrative"]["claims"][0]["quote"] == "You went back to Sam a"
    assert data["narrative"]["claims_dropped"] == 1
    assert any("1 claim(s) removed" in note for note in data["notes"])
    assert "api_key" not in json.dumps(data)


def test_redaction_keeps_personal_details_off_the_wire(
    server: ScriptedLLMServer, llm_settings: Settings
) -> None:
    enrich_assessment(offline_assessment(), settings=llm_settings)
    assert server.chat_requests
    for request in server.chat_requests:
        for detail in PERSONAL_DETAILS:
            assert detail not in request.text, f"{detail!r} was sent to the LLM"
        assert "[NAME_" in request.text or "[turn" not in request.text


def test_no_redact_sends_the_transcript_as_is(server: ScriptedLLMServer, llm_settings: Settings) -> None:
    result = enrich_assessment(offline_assessment(), settings=llm_settings, redact=False, narrative=False)
    assert any("Sam Patel" in r.text and "mei.tan@example.com" in r.text for r in server.chat_requests)
    assert result.to_dict()["llm"]["redaction"] == {"enabled": False, "replaced": {}}


def test_malformed_json_gets_one_repair_request(server: ScriptedLLMServer, llm_settings: Settings) -> None:
    server.script = [Reply("Sure! Here are the findings: {not json at all")]
    result = enrich_assessment(offline_assessment(), settings=llm_settings, narrative=False)
    first, repair = server.chat_requests[0], server.chat_requests[1]
    assert first.body["messages"][-1]["role"] == "user"
    assert repair.body["messages"][-2] == {
        "role": "assistant",
        "content": "Sure! Here are the findings: {not json at all",
    }
    assert "could not be used" in repair.body["messages"][-1]["content"]
    assert result.to_dict()["llm"]["repairs"] == 1
    assert _marker(result, "4.1")["status"] == "demonstrated"


def test_reply_still_broken_after_repair_costs_only_that_competency(
    server: ScriptedLLMServer, llm_settings: Settings
) -> None:
    server.script = [Reply("{broken"), Reply('{"findings": "still wrong"}')]
    result = enrich_assessment(offline_assessment(), settings=llm_settings, narrative=False)
    notes = " ".join(result.notes)
    assert "LLM review skipped competency 4" in notes
    assert _marker(result, "4.1")["source"] == "offline"
    assert result.to_dict()["llm"]["requests_done"] == result.to_dict()["llm"]["requests_planned"] - 1


def test_invented_quotes_are_dropped_and_counted(server: ScriptedLLMServer, llm_settings: Settings) -> None:
    invented = smart_model(
        {
            "4.1": {
                "status": "demonstrated",
                "quote": {"turn": 4, "quote": "You are the bravest person I know."},
            },
            "4.3": {"status": "demonstrated", "quote": {"turn": 3, "quote": "I feel heard and safe now."}},
        }
    )
    server.default = lambda body: Reply(invented(body))
    result = enrich_assessment(offline_assessment(), settings=llm_settings, narrative=False)
    grounding = result.to_dict()["llm"]["grounding"]
    assert grounding["findings_dropped"] == 2 and grounding["quotes_failed"] == 2
    assert _marker(result, "4.1")["status"] == "missed" and _marker(result, "4.1")["source"] == "offline"
    assert any("2 finding(s) dropped" in note for note in result.notes)


def test_429_with_retry_after_is_honoured(server: ScriptedLLMServer) -> None:
    server.script = [Status(429, {"Retry-After": "0.05"}), Status(503)]
    waits: list[float] = []
    backend = _backend(server, waits)
    settings = Settings(llm_cache=False)
    result = enrich_assessment(offline_assessment(), settings=settings, backend=backend, narrative=False)
    assert waits[0] == 0.05  # the server's Retry-After, not our own backoff
    assert len(waits) == 2
    assert _marker(result, "4.1")["status"] == "demonstrated"
    assert not any("not used" in note for note in result.notes)


def test_persistent_5xx_gives_the_offline_result_with_a_note(server: ScriptedLLMServer) -> None:
    server.default = lambda body: Status(500)
    offline = offline_assessment()
    result = enrich_assessment(offline, settings=Settings(llm_cache=False), backend=_backend(server))
    assert result.markers == offline.markers
    assert len(server.chat_requests) == 3  # one try plus two retries, then the run stops
    assert any("LLM review not used" in note and "HTTP 500" in note for note in result.notes)
    assert result.engine == offline.engine


def test_a_hang_past_the_timeout_falls_back_to_offline(server: ScriptedLLMServer) -> None:
    server.script = [Hang(1.5)]
    offline = offline_assessment()
    backend = _backend(server, timeout_s=0.3)
    result = enrich_assessment(offline, settings=Settings(llm_cache=False), backend=backend)
    assert result.markers == offline.markers
    assert len(server.chat_requests) == 1  # a timeout is not retried
    assert any("did not answer within 0.3 s" in note for note in result.notes)


def test_a_dropped_connection_is_retried(server: ScriptedLLMServer) -> None:
    server.script = [Drop()]
    waits: list[float] = []
    result = enrich_assessment(
        offline_assessment(),
        settings=Settings(llm_cache=False),
        backend=_backend(server, waits),
        narrative=False,
    )
    assert len(waits) == 1
    assert _marker(result, "4.1")["status"] == "demonstrated"


def test_connection_dropped_every_time_gives_a_clear_note(server: ScriptedLLMServer) -> None:
    server.default = lambda body: Drop()
    result = enrich_assessment(
        offline_assessment(), settings=Settings(llm_cache=False), backend=_backend(server)
    )
    assert any("could not reach the LLM endpoint" in note for note in result.notes)


def test_endpoint_without_json_schema_support_falls_back_to_json_mode(server: ScriptedLLMServer) -> None:
    model = smart_model()

    def picky(body: dict[str, object]) -> Reply | Status:
        response_format = body.get("response_format") or {}
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            return Status(400, message="response_format json_schema is not supported")
        return Reply(model(body))

    server.default = picky
    result = enrich_assessment(
        offline_assessment(), settings=Settings(llm_cache=False), backend=_backend(server)
    )
    formats = [r.body.get("response_format", {}).get("type") for r in server.chat_requests]
    assert formats[0] == "json_schema"
    assert formats[1:] == ["json_object"] * (len(formats) - 1)  # remembered after the first refusal
    assert _marker(result, "4.1")["status"] == "demonstrated"


def test_bad_key_stops_the_run_with_a_clear_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # the SDK's and httpx's debug logging too
    with running_server(api_key="right-key") as srv:
        backend = OpenAICompatibleBackend(srv.url, "test-model", "wrong-key", timeout_s=2.0, max_retries=0)
        result = enrich_assessment(offline_assessment(), settings=Settings(llm_cache=False), backend=backend)
        assert len(srv.chat_requests) == 1
        assert srv.chat_requests[0].headers["authorization"] == "Bearer wrong-key"
    assert any("refused the API key" in note for note in result.notes)
    assert "wrong-key" not in json.dumps(result.to_dict())
    assert "wrong-key" not in caplog.text and "right-key" not in caplog.text


def test_long_sessions_are_judged_in_parts_and_combined(
    server: ScriptedLLMServer, llm_settings: Settings
) -> None:
    filler = (
        ("client", "There is a lot more going on with the reporting cycle and the quarterly planning work."),
        ("coach", "Tell me more about what the quarterly planning asks of you at the moment."),
    ) * 8
    session = make_session(LINES + filler)
    small = llm_settings.model_copy(update={"llm_chunk_chars": 1000})
    result = enrich_assessment(offline_assessment(session), settings=small, narrative=False)
    judged = [r for r in server.chat_requests if "Reply with one finding" in user_message(r.body)]
    parts = [r for r in judged if "Competency 4:" in user_message(r.body)]
    assert len(parts) >= 2
    assert all("part " in user_message(r.body) for r in parts)
    assert _marker(result, "4.1")["status"] == "demonstrated"
