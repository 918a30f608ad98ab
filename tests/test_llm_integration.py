"""Against a real local model server, when one is configured (skipped otherwise).

    COACHLENS_TEST_LLM_BASE_URL=http://127.0.0.1:11434/v1 COACHLENS_TEST_LLM_MODEL=llama3.1:8b \
        .venv/bin/pytest -q tests/test_llm_integration.py

Only loopback servers are used here: a test never sends anything off the machine.
"""

from __future__ import annotations

import os

import pytest

from coachlens.config import Settings
from coachlens.llm.check import check_endpoint
from coachlens.llm.consent import is_loopback
from coachlens.llm.enrich import enrich_assessment
from coachlens.llm.openai_backend import OpenAICompatibleBackend
from coachlens.llm.practice_voice import LLMResponder
from coachlens.practice import VoiceRequest, get_persona
from llm_data import offline_assessment

BASE_URL = os.environ.get("COACHLENS_TEST_LLM_BASE_URL", "")
MODEL = os.environ.get("COACHLENS_TEST_LLM_MODEL", "")

pytestmark = [
    pytest.mark.skipif(
        not (BASE_URL and MODEL),
        reason="set COACHLENS_TEST_LLM_BASE_URL and COACHLENS_TEST_LLM_MODEL to test against a real local model server",
    ),
    pytest.mark.skipif(
        bool(BASE_URL) and not is_loopback(BASE_URL),
        reason="the integration test only talks to loopback servers (nothing leaves the machine)",
    ),
]


@pytest.fixture
def real_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"llm_base_url": BASE_URL, "llm_model": MODEL, "llm_timeout_s": 300.0, "llm_cache": False}
    )


def test_check_passes(real_settings: Settings) -> None:
    report = check_endpoint(real_settings)
    assert report.ok, [step.message for step in report.steps]


def test_enrichment_stays_grounded(real_settings: Settings) -> None:
    result = enrich_assessment(offline_assessment(), settings=real_settings)
    data = result.to_dict()
    for marker in data["markers"]:
        for evidence in marker["evidence"]:
            assert evidence["quote"] in data["turns"][evidence["turn"]]["text"]
    for claim in data.get("narrative", {}).get("claims", []):
        assert claim["quote"] in data["turns"][claim["turn"]]["text"]
    assert data["llm"]["requests_done"] > 0, data["notes"]


def test_practice_voice_answers_in_role_or_falls_back() -> None:
    persona = get_persona("mei-new-manager")
    coach = "What would you like to focus on today?"
    request = VoiceRequest(
        persona, "answer", 1, 40.0, coach, ("question.open",), (("coach", coach),), frozenset(), 1
    )
    responder = LLMResponder(OpenAICompatibleBackend(BASE_URL, MODEL, timeout_s=120.0, max_retries=0))
    reply = responder.voice(request)
    assert reply.text
    assert reply.voice in ("llm", "offline")
