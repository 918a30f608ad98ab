"""Every setting must be documented in docs/configuration.md, with its environment variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.config import Settings, load_settings
from coachlens.errors import ConfigError

DOC = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_is_documented(name: str) -> None:
    assert f"`{name}`" in DOC, f"setting {name} is missing from docs/configuration.md"
    assert f"`COACHLENS_{name.upper()}`" in DOC, f"COACHLENS_{name.upper()} is missing from the docs"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_has_help_text(name: str) -> None:
    assert Settings.model_fields[name].description, f"setting {name} has no description"


def test_layering_environment_over_file_and_flags_over_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('rubric = "from-file"\nmax_transcript_bytes = 5000\n', encoding="utf-8")
    monkeypatch.setenv("COACHLENS_CONFIG_FILE", str(config))
    assert load_settings().rubric == "from-file"
    monkeypatch.setenv("COACHLENS_RUBRIC", "from-env")
    loaded = load_settings()
    assert loaded.rubric == "from-env"
    assert loaded.max_transcript_bytes == 5000
    assert load_settings(rubric="from-flag").rubric == "from-flag"


def test_invalid_setting_is_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLENS_MAX_TRANSCRIPT_BYTES", "lots")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "max_transcript_bytes" in str(info.value)
    assert "\n" not in str(info.value)
