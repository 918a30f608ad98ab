"""The Settings page: the optional LLM endpoint, its privacy switches and the confirmation flow.

Plain form POSTs with redirects (no JavaScript needed). The API key is write-only: the page says
whether one is set, never what it is. Saving a non-loopback endpoint leads straight to the
confirmation panel; nothing is sent there until the user has confirmed it, here or in the CLI.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from coachlens.config import Settings
from coachlens.errors import ConfigError
from coachlens.llm.cache import ResultCache
from coachlens.llm.check import CheckReport, check_endpoint
from coachlens.llm.consent import (
    CONSENT_KIND,
    consent_question,
    endpoint_key,
    is_loopback,
    needs_consent,
    record_consent,
    withdraw_consent,
)
from coachlens.llm.stored_settings import effective_settings, environment_fixed, save_llm_settings
from coachlens.storage.app_state import list_consents
from coachlens.storage.db import Database
from coachlens.web.deps import DatabaseDep, SettingsDep, TemplatesDep

router = APIRouter(include_in_schema=False)

SEE_OTHER = 303
# The check runs while the page waits: never longer than this, whatever llm_timeout_s says.
CHECK_TIMEOUT_S = 15.0

_MESSAGES = {
    "saved": "Settings saved.",
    "confirmed": "Confirmed: transcripts may now be sent to this endpoint.",
    "withdrawn": "Confirmation withdrawn: nothing will be sent to this endpoint until you confirm again.",
    "cleared": "The LLM cache was emptied.",
}


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, settings: SettingsDep, db: DatabaseDep, templates: TemplatesDep, done: str = ""
) -> Response:
    return _render(request, settings, db, templates, message=_MESSAGES.get(done, ""))


@router.post("/settings/llm")
def save_settings_action(
    request: Request,
    settings: SettingsDep,
    db: DatabaseDep,
    templates: TemplatesDep,
    llm_base_url: Annotated[str, Form(max_length=500)] = "",
    llm_model: Annotated[str, Form(max_length=200)] = "",
    llm_api_key: Annotated[str, Form(max_length=500)] = "",
    clear_key: Annotated[str, Form(max_length=5)] = "",
    llm_timeout_s: Annotated[str, Form(max_length=10)] = "120",
    llm_redact: Annotated[str, Form(max_length=5)] = "",
    llm_narrative: Annotated[str, Form(max_length=5)] = "",
    llm_practice_voice: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    """Store the form; a remote endpoint without a confirmation goes on to the confirmation panel."""
    values: dict[str, Any] = {
        "llm_base_url": llm_base_url,
        "llm_model": llm_model,
        "llm_timeout_s": llm_timeout_s,
        "llm_redact": bool(llm_redact),
        "llm_narrative": bool(llm_narrative),
        "llm_practice_voice": bool(llm_practice_voice),
    }
    fixed = environment_fixed()
    values = {name: value for name, value in values.items() if name not in fixed}
    if clear_key:
        values["llm_api_key"] = ""
    elif llm_api_key.strip():
        values["llm_api_key"] = llm_api_key.strip()
    keep_key = not clear_key and not llm_api_key.strip()
    try:
        current = save_llm_settings(db, settings, values, keep_key=keep_key)
    except ConfigError as exc:
        return _render(request, settings, db, templates, error=exc.message, status_code=400)
    if current.llm_base_url and needs_consent(db, current.llm_base_url):
        return RedirectResponse("/settings#consent", status_code=SEE_OTHER)
    return RedirectResponse("/settings?done=saved", status_code=SEE_OTHER)


@router.post("/settings/llm/confirm")
def confirm_action(
    request: Request,
    settings: SettingsDep,
    db: DatabaseDep,
    templates: TemplatesDep,
    agree: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    current = effective_settings(settings, db)
    if not current.llm_base_url:
        return _render(
            request, settings, db, templates, error="No LLM endpoint is set; save one first.", status_code=400
        )
    if agree != "yes":
        return _render(
            request,
            settings,
            db,
            templates,
            error="Tick the box to confirm, or leave the LLM off.",
            status_code=400,
        )
    record_consent(db, current.llm_base_url, via="web", model=current.llm_model, redact=current.llm_redact)
    return RedirectResponse("/settings?done=confirmed", status_code=SEE_OTHER)


@router.post("/settings/llm/forget")
def forget_action(settings: SettingsDep, db: DatabaseDep) -> Response:
    current = effective_settings(settings, db)
    if current.llm_base_url:
        withdraw_consent(db, current.llm_base_url)
    return RedirectResponse("/settings?done=withdrawn", status_code=SEE_OTHER)


@router.post("/settings/llm/check", response_class=HTMLResponse)
def check_action(
    request: Request, settings: SettingsDep, db: DatabaseDep, templates: TemplatesDep
) -> Response:
    """Test the connection now (no transcript is sent) and show the result on the page."""
    current = effective_settings(settings, db)
    if not (current.llm_base_url and current.llm_model):
        return _render(
            request, settings, db, templates, error="Set an endpoint and a model first.", status_code=400
        )
    quick = current.model_copy(
        update={"llm_timeout_s": min(current.llm_timeout_s, CHECK_TIMEOUT_S), "llm_max_retries": 0}
    )
    report = check_endpoint(quick)
    return _render(request, settings, db, templates, check=report)


@router.post("/settings/llm/clear-cache")
def clear_cache_action(settings: SettingsDep) -> Response:
    ResultCache.in_data_dir(settings.data_dir).clear()
    return RedirectResponse("/settings?done=cleared", status_code=SEE_OTHER)


def _render(
    request: Request,
    settings: Settings,
    db: Database,
    templates: Jinja2Templates,
    *,
    message: str = "",
    error: str = "",
    check: CheckReport | None = None,
    status_code: int = 200,
) -> Response:
    current = effective_settings(settings, db)
    base_url = current.llm_base_url
    endpoint = endpoint_key(base_url) if base_url else ""
    local = bool(base_url) and is_loopback(base_url or "")
    consent_needed = bool(base_url) and needs_consent(db, base_url or "")
    granted = next(
        (c for c in list_consents(db, CONSENT_KIND) if endpoint and c.subject == endpoint),
        None,
    )
    context = {
        "nav": "settings",
        "llm": current,
        "configured": bool(base_url and current.llm_model),
        "endpoint": endpoint,
        "local": local,
        "consent_needed": consent_needed,
        "consent_granted": granted,
        "consent_question": consent_question(base_url, redact=current.llm_redact) if base_url else "",
        "key_set": current.llm_api_key is not None and bool(current.llm_api_key.get_secret_value()),
        "fixed": environment_fixed(),
        "message": message,
        "error": error,
        "check": check,
    }
    return templates.TemplateResponse(request, "settings.html", context, status_code=status_code)
