"""Shared fixtures. Every test gets its own data dir so nothing touches the user's real data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
