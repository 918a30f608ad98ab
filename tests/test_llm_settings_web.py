"""The web Settings page: LLM endpoint, write-only key, confirmation flow, connection test."""

from __future__ import annotations

from typing import Any

import pytest

from coachlens.config import Settings
from coachlens.llm.consent import CONSENT_KIND
from coachlens.llm.stored_settings import effective_settings
from coachlens.storage import Database, list_consents
from llm_server import running_server

SECRET = "sk-live-very-secret-4242"


def _form(**values: str) -> dict[str, str]:
    base = {
        "llm_base_url": "",
        "llm_model": "",
        "llm_timeout_s": "60",
        "llm_redact": "yes",
        "llm_narrative": "yes",
    }
    return {**base, **values}


def _db(web_client: Any) -> Database:
    db: Database = web_client.app.state.context.db
    return db


def test_page_says_the_llm_is_off_by_default(web_client: Any) -> None:
    page = web_client.get("/settings")
    assert page.status_code == 200
    assert "The LLM is <strong>off</strong>" in page.text
    assert 'href="/settings" aria-current="page"' in page.text  # in the main navigation


def test_saving_a_local_endpoint_needs_no_confirmation_and_never_shows_the_key(
    web_client: Any, web_settings: Settings
) -> None:
    saved = web_client.post(
        "/settings/llm",
        data=_form(llm_base_url="http://127.0.0.1:11434/v1", llm_model="llama3.1:8b", llm_api_key=SECRET),
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/settings?done=saved"
    page = web_client.get("/settings?done=saved")
    assert "Settings saved." in page.text
    assert "(on this computer)" in page.text and "set (hidden)" in page.text
    assert SECRET not in page.text
    current = effective_settings(web_settings, _db(web_client))
    assert current.llm_model == "llama3.1:8b"
    assert current.llm_api_key is not None and current.llm_api_key.get_secret_value() == SECRET
    assert current.llm_practice_voice is False  # unticked box


def test_empty_key_field_keeps_the_key_and_the_box_removes_it(
    web_client: Any, web_settings: Settings
) -> None:
    form = _form(llm_base_url="http://127.0.0.1:11434/v1", llm_model="m")
    web_client.post("/settings/llm", data={**form, "llm_api_key": SECRET})
    web_client.post("/settings/llm", data=form)
    key = effective_settings(web_settings, _db(web_client)).llm_api_key
    assert key is not None and key.get_secret_value() == SECRET
    web_client.post("/settings/llm", data={**form, "clear_key": "yes"})
    assert effective_settings(web_settings, _db(web_client)).llm_api_key is None


def test_remote_endpoint_goes_through_the_confirmation_flow(web_client: Any) -> None:
    remote = _form(llm_base_url="https://llm.example.com/v1", llm_model="gpt-4o-mini")
    saved = web_client.post("/settings/llm", data=remote, follow_redirects=False)
    assert saved.headers["location"] == "/settings#consent"
    page = web_client.get("/settings")
    assert "waiting for your confirmation" in page.text
    assert "which is not on this machine. Allow this?" in page.text

    refused = web_client.post("/settings/llm/confirm", data={})
    assert refused.status_code == 400 and "Tick the box" in refused.text
    assert list_consents(_db(web_client), CONSENT_KIND) == []

    confirmed = web_client.post("/settings/llm/confirm", data={"agree": "yes"})
    assert "Confirmed: transcripts may now be sent" in confirmed.text
    consents = list_consents(_db(web_client), CONSENT_KIND)
    assert [c.subject for c in consents] == ["https://llm.example.com/v1"]
    assert consents[0].detail["via"] == "web"

    withdrawn = web_client.post("/settings/llm/forget")
    assert "Confirmation withdrawn" in withdrawn.text
    assert list_consents(_db(web_client), CONSENT_KIND) == []


def test_invalid_values_are_refused_with_one_line(web_client: Any) -> None:
    bad_timeout = web_client.post(
        "/settings/llm", data=_form(llm_base_url="http://127.0.0.1:1/v1", llm_timeout_s="-3")
    )
    assert bad_timeout.status_code == 400
    assert "invalid LLM setting llm_timeout_s" in bad_timeout.text
    bad_url = web_client.post("/settings/llm", data=_form(llm_base_url="ftp://example.com", llm_model="m"))
    assert bad_url.status_code == 400 and "is not an http(s) URL" in bad_url.text


def test_connection_test_reports_on_the_page(web_client: Any) -> None:
    with running_server(api_key=SECRET) as server:
        web_client.post(
            "/settings/llm", data=_form(llm_base_url=server.url, llm_model="test-model", llm_api_key=SECRET)
        )
        works = web_client.post("/settings/llm/check")
        assert "The endpoint works" in works.text
        web_client.post("/settings/llm", data=_form(llm_base_url=server.url, llm_model="nope"))
        broken = web_client.post("/settings/llm/check")
    assert "does not work yet" in broken.text and "unknown model: &#39;nope&#39;" in broken.text
    assert SECRET not in works.text + broken.text


def test_environment_fixes_a_field(
    web_client: Any, web_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHLENS_LLM_MODEL", "from-env")
    web_client.post(
        "/settings/llm", data=_form(llm_base_url="http://127.0.0.1:11434/v1", llm_model="from-page")
    )
    page = web_client.get("/settings")
    assert "Set by <code>COACHLENS_LLM_MODEL</code>" in page.text
    assert (
        effective_settings(
            web_settings.model_copy(update={"llm_model": "from-env"}), _db(web_client)
        ).llm_model
        == "from-env"
    )
