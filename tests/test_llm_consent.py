"""Consent: a non-loopback endpoint gets no transcript until the user has confirmed it once."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import ConfigError
from coachlens.llm.consent import (
    LLMConsentRequiredError,
    endpoint_key,
    is_loopback,
    needs_consent,
    record_consent,
    require_consent,
    withdraw_consent,
)
from coachlens.llm.enrich import enrich_assessment
from coachlens.llm.fake import FakeBackend
from coachlens.storage import Database, upgrade_database
from llm_data import offline_assessment, smart_model


@pytest.fixture
def db(settings: Settings) -> Database:
    return upgrade_database(settings)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:11434/v1", True),
        ("http://localhost:8080/v1", True),
        ("http://127.8.0.3/v1", True),
        ("http://[::1]:8000/v1", True),
        ("http://ollama.localhost/v1", True),
        ("http://192.168.1.20:11434/v1", False),
        ("http://10.0.0.5/v1", False),
        ("https://api.openai.com/v1", False),
        ("http://localhost.evil.example/v1", False),
    ],
)
def test_only_loopback_counts_as_local(url: str, local: bool) -> None:
    assert is_loopback(url) is local


def test_endpoint_key_is_canonical() -> None:
    assert endpoint_key("HTTPS://API.Example.com:443/v1/") == "https://api.example.com/v1"
    assert endpoint_key("http://[::1]:8000/v1") == "http://[::1]:8000/v1"
    with pytest.raises(ConfigError, match="not an http"):
        endpoint_key("ftp://example.com")


def test_consent_is_per_endpoint_and_can_be_withdrawn(db: Database) -> None:
    remote = "https://llm.example.com/v1"
    assert needs_consent(db, remote)
    with pytest.raises(LLMConsentRequiredError, match="needs your confirmation"):
        require_consent(db, remote)
    record_consent(db, remote + "/", via="test")
    assert not needs_consent(db, remote)
    assert needs_consent(db, "https://other.example.com/v1")
    assert withdraw_consent(db, remote)
    assert needs_consent(db, remote)
    assert not needs_consent(db, "http://127.0.0.1:11434/v1")


def test_unconfirmed_remote_endpoint_is_never_contacted(settings: Settings, db: Database) -> None:
    backend = FakeBackend(endpoint_url="https://llm.example.com/v1", default=lambda r: "{}")
    offline = offline_assessment()
    result = enrich_assessment(offline, settings=settings, backend=backend, db=db)
    assert backend.requests == []
    assert result.markers == offline.markers
    assert any("has not been confirmed" in note for note in result.notes)


def test_confirmed_remote_endpoint_is_used(settings: Settings, db: Database) -> None:
    model = smart_model()
    backend = FakeBackend(
        endpoint_url="https://llm.example.com/v1",
        default=lambda r: model({"messages": [m.to_dict() for m in r.messages]}),
    )
    record_consent(db, backend.endpoint, via="test")
    result = enrich_assessment(offline_assessment(), settings=settings, backend=backend, db=db)
    assert backend.requests
    assert next(m for m in result.markers if m.id == "4.1").source == "llm"


def test_consent_check_opens_the_configured_database_when_none_is_given(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    backend = FakeBackend(endpoint_url="https://llm.example.com/v1")
    result = enrich_assessment(offline_assessment(), settings=settings, backend=backend)
    assert backend.requests == []
    assert any("has not been confirmed" in note for note in result.notes)
