"""Request safety for a local web app that other browser tabs can still reach.

One ASGI middleware does four things before any route runs:

1. **Host check** (DNS rebinding): only `Host` names in `settings.allowed_hosts` are served. A hostile
   page that makes its own domain resolve to 127.0.0.1 is refused, so it cannot read sessions.
2. **Cross-site refusal** (CSRF) for state-changing methods (POST, PUT, PATCH, DELETE). Browsers
   label every request: `Sec-Fetch-Site` (all current browsers) and `Origin` (on every cross-origin
   POST). A request is refused with 403 when `Sec-Fetch-Site` is anything but `same-origin`/`none`,
   or when `Origin` does not match the `Host` it was sent to. Requests carrying neither header are
   not from a web page (curl, Python scripts, a school's integration) and pass, so the JSON API
   works for scripts without tokens or cookies. A web page cannot strip these headers.
3. **Body size limit**: a request whose body is over the limit gets 413 before it is read (from
   `Content-Length`) or as soon as the limit is crossed (chunked uploads). Routes also check each
   uploaded file against `max_upload_bytes` (see `coachlens.web.uploads`).
4. **Security headers** on every response: a Content-Security-Policy that only allows this app's
   own scripts, styles, images and connections (so no page can reach the network even by mistake),
   plus nosniff, a same-origin referrer policy, and no framing by other sites.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SAME_ORIGIN_FETCH_SITES = frozenset({"same-origin", "none"})

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        # Inline style attributes (bar widths, SVG charts) are allowed; inline scripts are not.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    # Not "no-referrer": under that policy browsers send `Origin: null` even on same-origin form posts.
    # "same-origin" still never tells another site which session page a link came from.
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class RequestTooLargeError(HTTPException):
    """Raised mid-upload when the body crosses the limit (FastAPI passes HTTPExceptions through)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))


def too_large_message(limit: int, what: str = "the request") -> str:
    """The one-line 413 message: what was too big, the limit, and the setting that raises it."""
    return (
        f"{what} is larger than the {limit / 1_000_000:.1f} MB upload limit; upload fewer or smaller files, "
        "or raise max_upload_bytes (COACHLENS_MAX_UPLOAD_BYTES)"
    )


def host_name(host_header: str) -> str:
    """`127.0.0.1:8000` -> `127.0.0.1`; `[::1]:8000` -> `::1`; lower-cased."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def host_allowed(host_header: str | None, allowed_hosts: Sequence[str]) -> bool:
    if "*" in allowed_hosts:
        return True
    if not host_header:
        return False
    name = host_name(host_header)
    return any(name == host_name(allowed) for allowed in allowed_hosts)


def cross_site_reason(method: str, headers: Headers) -> str | None:
    """Why a state-changing browser request must be refused, or None when it may proceed."""
    if method.upper() in SAFE_METHODS:
        return None
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in SAME_ORIGIN_FETCH_SITES:
        return f"the browser marked it as {fetch_site}"
    origin = headers.get("origin")
    if origin is not None:
        if origin.strip().lower() == "null":
            # A page whose referrer policy is no-referrer posts its forms with `Origin: null`; then
            # `Sec-Fetch-Site: same-origin` (which no page can forge) vouches for our own pages.
            if fetch_site is not None and fetch_site.lower() == "same-origin":
                return None
            return "it came from an opaque origin"
        origin_host = urlsplit(origin.strip()).netloc.lower()
        if origin_host != (headers.get("host") or "").strip().lower():
            return f"it came from {origin_host or 'another origin'}"
    return None


class SecurityMiddleware:
    """Host check, cross-site refusal, body size limit and security headers (see module docstring)."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Sequence[str], max_body_bytes: int) -> None:
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not host_allowed(headers.get("host"), self.allowed_hosts):
            await _refuse(
                send,
                400,
                f"this coachlens server does not answer to host '{headers.get('host', '')}'; open it at "
                "http://127.0.0.1 (or add the name to allowed_hosts)",
            )
            return
        reason = cross_site_reason(scope["method"], headers)
        if reason is not None:
            await _refuse(
                send,
                403,
                f"cross-site request refused ({reason}); use coachlens from its own pages, or call the API "
                "from a script without a browser",
            )
            return
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _refuse(send, 413, too_large_message(self.max_body_bytes))
            return
        await self.app(scope, self._limited(receive), _with_security_headers(send))

    def _limited(self, receive: Receive) -> Receive:
        received = 0
        limit = self.max_body_bytes

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise RequestTooLargeError(limit)
            return message

        return limited_receive


def _with_security_headers(send: Send) -> Send:
    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
            # A route may set its own, stricter or looser, policy (the API docs page does).
            headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
        await send(message)

    return send_with_headers


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                *((name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
