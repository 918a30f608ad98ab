"""Consent: nothing goes to an LLM endpoint off this machine until the user has said yes to it once.

Loopback endpoints (localhost, 127.0.0.0/8, ::1) never need confirmation: the transcript stays on the
machine. Any other endpoint, including one on the local network, needs a recorded consent for its
exact base URL (scheme, host, port and path), given in the CLI (`coachlens llm confirm`, or the prompt
of `assess --llm`) or on the web settings page. Consents live in the database's consents table.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from coachlens.errors import ConfigError, LLMError
from coachlens.storage.app_state import grant_consent, has_consent, revoke_consent
from coachlens.storage.db import Database

CONSENT_KIND = "llm_endpoint"
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class LLMConsentRequiredError(LLMError):
    """The endpoint is off this machine and the user has not confirmed sending transcripts there."""


def endpoint_key(base_url: str) -> str:
    """The canonical form of a base URL that consents are recorded under (no query, no credentials)."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"llm_base_url '{base_url}' is not an http(s) URL: use something like http://127.0.0.1:11434/v1"
        )
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default_port = 443 if parts.scheme == "https" else 80
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    return f"{parts.scheme}://{host}{port}{parts.path.rstrip('/')}"


def is_loopback(base_url: str) -> bool:
    """True when the endpoint is on this machine, so no transcript text leaves it."""
    host = (urlsplit(base_url.strip()).hostname or "").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def needs_consent(db: Database, base_url: str) -> bool:
    """True when sending to `base_url` still needs the user's confirmation."""
    return not is_loopback(base_url) and not has_consent(db, CONSENT_KIND, endpoint_key(base_url))


def require_consent(db: Database, base_url: str) -> None:
    """Raise LLMConsentRequiredError unless the endpoint is loopback or confirmed."""
    if needs_consent(db, base_url):
        raise LLMConsentRequiredError(
            f"sending transcripts to {endpoint_key(base_url)} needs your confirmation first: run "
            "`coachlens llm confirm` or confirm it on the web Settings page"
        )


def record_consent(
    db: Database, base_url: str, *, via: str, model: str | None = None, redact: bool = True
) -> str:
    """Record the user's yes for this endpoint; returns the endpoint key it was recorded under."""
    key = endpoint_key(base_url)
    grant_consent(db, CONSENT_KIND, key, {"via": via, "model": model or "", "redact": redact})
    return key


def withdraw_consent(db: Database, base_url: str) -> bool:
    """Forget the consent for this endpoint; False if there was none."""
    return revoke_consent(db, CONSENT_KIND, endpoint_key(base_url))


def consent_question(base_url: str, *, redact: bool) -> str:
    """The question the CLI and the web page ask, so both say the same thing."""
    what = (
        "session transcripts (names, emails, phone numbers, addresses and URLs replaced with placeholders)"
        if redact
        else "session transcripts UNREDACTED (names and contact details included)"
    )
    return (
        f"coachlens will send {what} to {endpoint_key(base_url)}, which is not on this machine. Allow this?"
    )
