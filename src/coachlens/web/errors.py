"""How errors reach the user: JSON `{"detail": ...}` for the API, a plain error page for browsers.

A `CoachlensError` raised anywhere below a route (bad transcript, unknown id, ...) becomes the same
one-line message the CLI prints, with a fitting status code. Unexpected exceptions are logged and
answered with a 500 that tells the user what to do, never a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from coachlens.errors import (
    AnalysisError,
    CoachlensError,
    ConfigError,
    FileTooLargeError,
    NotFoundError,
    RoleError,
    TranscriptError,
    UnsupportedFormatError,
)
from coachlens.web.deps import get_context

log = logging.getLogger(__name__)

# Most specific first: the first matching class decides the status.
STATUS_BY_ERROR: tuple[tuple[type[CoachlensError], int], ...] = (
    (NotFoundError, 404),
    (FileTooLargeError, 413),
    (UnsupportedFormatError, 415),
    (TranscriptError, 422),
    (RoleError, 422),
    (AnalysisError, 500),
    (ConfigError, 500),
)


def status_for(exc: CoachlensError) -> int:
    for error_type, status in STATUS_BY_ERROR:
        if isinstance(exc, error_type):
            return status
    return 400


def wants_html(request: Request) -> bool:
    """Browsers asking for a page get HTML errors; the API and scripts get JSON."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def render_error(request: Request, status: int, message: str) -> Response:
    """The response for an error: an HTML page for browsers, `{"detail": message}` otherwise."""
    if wants_html(request):
        templates = get_context(request).templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )
    return JSONResponse({"detail": message}, status_code=status)


async def handle_coachlens_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CoachlensError)
    status = status_for(exc)
    if status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, exc.message)
    return render_error(request, status, exc.message)


async def handle_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if wants_html(request) and exc.status_code >= 400:
        message = exc.detail if isinstance(exc.detail, str) else "the request could not be handled"
        return render_error(request, exc.status_code, message)
    return await http_exception_handler(request, exc)


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error in %s %s", request.method, request.url.path)
    return render_error(
        request,
        500,
        f"unexpected {type(exc).__name__} in coachlens; the server log has the details (please report this)",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CoachlensError, handle_coachlens_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(Exception, handle_unexpected)
