"""Background jobs run the LLM pass after the offline engine when (and only when) one is configured."""

from __future__ import annotations

import pytest

from coachlens.config import Settings
from coachlens.llm import enrich
from coachlens.llm.enrich import llm_pass_for_jobs
from coachlens.llm.stored_settings import save_llm_settings
from coachlens.models import Assessment
from coachlens.storage import upgrade_database
from llm_data import offline_assessment, smart_model
from llm_server import Reply, running_server


def test_without_an_endpoint_the_job_result_is_the_offline_one(settings: Settings) -> None:
    offline = offline_assessment()
    assert llm_pass_for_jobs(settings)(offline) is offline


def test_endpoint_saved_on_the_settings_page_is_used_by_the_next_job(settings: Settings) -> None:
    db = upgrade_database(settings)
    run = llm_pass_for_jobs(settings.model_copy(update={"llm_cache": False}))
    with running_server() as server:
        model = smart_model()
        server.default = lambda body: Reply(model(body))
        save_llm_settings(
            db, settings, {"llm_base_url": server.url, "llm_model": "test-model"}, keep_key=True
        )
        result = run(offline_assessment())
        assert server.chat_requests
    assert result.engine.endswith("+llm")
    assert next(m for m in result.markers if m.id == "4.1").source == "llm"


def test_a_crash_in_the_llm_pass_keeps_the_offline_result(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(assessment: Assessment, **_: object) -> Assessment:
        raise RuntimeError("bug in the LLM pass")

    monkeypatch.setattr(enrich, "enrich_assessment", broken)
    configured = settings.model_copy(update={"llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "m"})
    offline = offline_assessment()
    result = llm_pass_for_jobs(configured)(offline)
    assert result.markers == offline.markers
    assert result.notes[-1] == "LLM review not used (RuntimeError: bug in the LLM pass)."
