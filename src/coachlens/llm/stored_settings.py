"""LLM settings saved from the web Settings page, kept in the database so every worker sees them.

Layering for these fields: defaults -> config file -> values saved on the Settings page -> `COACHLENS_*`
environment -> command-line flags. A field set in the environment is shown as fixed on the page and
the saved value is ignored for it. The API key is stored like the config file would hold it (in the
database, which stays on this machine) and is never sent back to a browser.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel, SecretStr, ValidationError, create_model

from coachlens.config import Settings
from coachlens.errors import ConfigError, StorageError
from coachlens.storage.app_state import get_app_state, set_app_state
from coachlens.storage.db import Database

APP_STATE_KEY = "llm_settings"
# The fields the Settings page may change (the rest stay with the config file and environment).
WEB_FIELDS: tuple[str, ...] = (
    "llm_base_url",
    "llm_model",
    "llm_api_key",
    "llm_timeout_s",
    "llm_redact",
    "llm_narrative",
    "llm_practice_voice",
)

# The same types and limits as in Settings, to validate page values before they are stored.
_WebFields: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "_WebFields",
    **{name: (Settings.model_fields[name].annotation, Settings.model_fields[name]) for name in WEB_FIELDS},
)


def environment_fixed() -> frozenset[str]:
    """The web fields that a `COACHLENS_*` environment variable sets (the page cannot change them)."""
    return frozenset(name for name in WEB_FIELDS if os.environ.get(f"COACHLENS_{name.upper()}"))


def saved_llm_settings(db: Database) -> dict[str, Any]:
    """What the Settings page saved (empty if nothing, or if the database cannot be read yet)."""
    try:
        stored = get_app_state(db, APP_STATE_KEY) or {}
    except StorageError:
        return {}
    return {name: value for name, value in stored.items() if name in WEB_FIELDS}


def effective_settings(settings: Settings, db: Database) -> Settings:
    """`settings` with the saved page values laid over the config file (the environment still wins)."""
    saved = saved_llm_settings(db)
    fixed = environment_fixed()
    update = {name: value for name, value in saved.items() if name not in fixed}
    if "llm_api_key" in update:
        key = update["llm_api_key"]
        update["llm_api_key"] = SecretStr(key) if key else None
    for name in ("llm_base_url", "llm_model"):
        if name in update and not update[name]:
            update[name] = None
    return settings.model_copy(update=update) if update else settings


def save_llm_settings(
    db: Database, settings: Settings, values: dict[str, Any], *, keep_key: bool
) -> Settings:
    """Validate and store page values; returns the effective settings after saving.

    `keep_key` keeps the stored key when the form left the key field empty (it is never shown back).
    Raises ConfigError with a one-line message for an invalid value.
    """
    current = saved_llm_settings(db)
    merged = {**current, **{k: v for k, v in values.items() if k in WEB_FIELDS}}
    if keep_key:
        merged["llm_api_key"] = current.get("llm_api_key", "")
    try:
        candidate = _WebFields.model_validate(_plain(merged)).model_dump()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "value"
        raise ConfigError(f"invalid LLM setting {where}: {first.get('msg', 'invalid value')}") from None
    if candidate.get("llm_base_url"):
        from coachlens.llm.consent import endpoint_key

        endpoint_key(str(candidate["llm_base_url"]))  # refuses anything that is not an http(s) URL
    # Store the validated values (numbers as numbers); the key as typed, since SecretStr hides it.
    stored = {name: value for name, value in candidate.items() if name in merged}
    if "llm_api_key" in stored:
        stored["llm_api_key"] = _plain(merged)["llm_api_key"]
    set_app_state(db, APP_STATE_KEY, stored)
    return effective_settings(settings, db)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    plain = dict(values)
    for name in ("llm_base_url", "llm_model", "llm_api_key"):
        if name in plain:
            text = str(plain[name] or "").strip()
            plain[name] = text or None
    return plain
