"""How errors reach the user: JSON `{"detail": ...}` for the API, a plain error page for browsers.

A `CoachlensError` raised anywhere below a route (bad transcript, unknown id, ...) becomes the same
one-line message the CLI prints, with a fitting status code. Unexpected exceptions are logged and
answered with a 500 that tells the user what to do, never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
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
    if exc.status_code == 405:
        allowed = allowed_methods(request)
        if allowed:
            kept = {k: v for k, v in (exc.headers or {}).items() if k.lower() != "allow"}
            exc.headers = {**kept, "Allow": ", ".join(allowed)}
    if wants_html(request) and exc.status_code >= 400:
        message = exc.detail if isinstance(exc.detail, str) else "the request could not be handled"
        response = render_error(request, exc.status_code, message)
        response.headers.update(exc.headers or {})
        return response
    return await http_exception_handler(request, exc)


def allowed_methods(request: Request) -> list[str]:
    """Every documented method for this path (Starlette's own 405 names only the first route's)."""
    wanted = request.url.path.rstrip("/").split("/")
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        parts = template.rstrip("/").split("/")
        if len(parts) == len(wanted) and all(
            part == seg or (part.startswith("{") and part.endswith("}") and seg)
            for part, seg in zip(parts, wanted, strict=True)
        ):
            methods.update(method.upper() for method in operations)
    return sorted(methods)


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    """Invalid parameters or body: the first problem as one line, like every other error."""
    assert isinstance(exc, RequestValidationError)
    return render_error(request, 422, validation_message(exc.errors()))


# What to say when a required field is missing altogether.
MISSING_FIELD_HINTS = {
    "file": "no file uploaded: send the transcript in the multipart form field 'file'",
}


def validation_message(errors: Any) -> str:
    """The first validation problem as one line (FastAPI's own detail is a list of dicts)."""
    problems = list(errors)
    if not problems:
        return "invalid request"
    first = problems[0]
    where = ".".join(
        str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path", "form")
    )
    if first.get("type") == "missing" and where in MISSING_FIELD_HINTS:
        return MISSING_FIELD_HINTS[where]
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    if where:
        return f"invalid request: {where}: {message}{more}"
    return f"invalid request body: {message}{more}"


def document_one_line_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Make the OpenAPI schema say what 422 responses really hold: `{"detail": "<one line>"}`."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if "HTTPValidationError" in components:
        components["HTTPValidationError"] = {
            "title": "HTTPValidationError",
            "type": "object",
            "required": ["detail"],
            "properties": {
                "detail": {
                    "type": "string",
                    "title": "Detail",
                    "description": "What is wrong with the request.",
                }
            },
        }
        components.pop("ValidationError", None)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if "requestBody" in operation:
                # An unreadable body (broken JSON or multipart) is refused before validation.
                operation.setdefault("responses", {}).setdefault(
                    "400",
                    {
                        "description": "The request body could not be read.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/HTTPValidationError"}
                            }
                        },
                    },
                )
    return schema


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
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected)
