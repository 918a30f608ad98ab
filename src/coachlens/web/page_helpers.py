"""Jinja filters and globals the HTML pages share (formatting dates, durations, scores and labels).

`install_page_helpers(env)` is called by `coachlens.web.templating.make_environment`. Every helper
returns plain text; autoescaping still applies to what they return.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from markupsafe import Markup, escape
from starlette.requests import Request

from coachlens.web.report_view import READINESS_LABELS, STATUS_LABELS
from coachlens.web.transcript_view import marker_slug

ROLE_LABELS = {"coach": "Coach", "client": "Client", "unknown": "Unknown role"}
STAGE_LABELS = {
    None: "Waiting to start",
    "parsing": "Reading the transcript",
    "classifying": "Reading each coach turn",
    "detecting": "Looking for the PCC markers",
    "reporting": "Writing the report",
}
KIND_LABELS = {"real": "Client session", "practice": "Practice"}


def nice_date(value: date | datetime | None) -> str:
    """`2026-11-03` -> `3 Nov 2026`; empty for None."""
    if value is None:
        return ""
    return f"{value.day} {value.strftime('%b %Y')}"


def nice_duration(seconds: float | None) -> str:
    """A session length for humans: `2220` -> `37 min`, `4000` -> `1 h 7 min`; `untimed` for None."""
    if seconds is None:
        return "untimed"
    minutes = round(seconds / 60)
    if minutes < 1:
        return f"{round(seconds)} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def score_text(value: float | None) -> str:
    """`72.46` -> `72`; an em dash when there is no score yet."""
    return "—" if value is None else str(round(value))


def percent(value: float | None) -> str:
    """A 0-1 share as a whole percentage; an em dash for None."""
    return "—" if value is None else f"{round(100 * value)}%"


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " "))


def readiness_label(level: str | None) -> str:
    return "—" if not level else READINESS_LABELS.get(level, level)


def stage_label(stage: str | None) -> str:
    return STAGE_LABELS.get(stage, str(stage))


def marker_href(marker_id: str) -> str:
    """The library page of a PCC marker."""
    return f"/library/markers/{marker_id}"


def competency_href(competency_id: int | str) -> str:
    return f"/library/competencies/{competency_id}"


def with_query(base: str, **params: Any) -> str:
    """`base` with the non-empty `params` as a query string (for sort and filter links)."""
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{base}?{urlencode(clean)}" if clean else base


# Main navigation: (key, label, path). Optional pages appear once a router serves their path.
NAV_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("sessions", "Sessions", "/sessions"),
    ("upload", "Upload", "/upload"),
    ("dashboard", "Progress", "/dashboard"),
    ("library", "Library", "/library"),
)
OPTIONAL_NAV_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("practice", "Practice", "/practice"),
    ("mentoring", "Mentoring", "/mentoring"),
    ("settings", "Settings", "/settings"),
)
# A PCC marker id in running text: "4.2" but not "14.2", "4.25" or a version number like "1.4.2".
_MARKER_IN_TEXT = re.compile(r"(?<![\d.])([3-8]\.[1-9])(?![\d]|\.\d)")


def nav_items(request: Request) -> list[tuple[str, str, str]]:
    """The main navigation; the Practice, Mentoring and Settings slots show once their pages exist."""
    paths = _route_paths(request.app.routes)
    optional = [item for item in OPTIONAL_NAV_ITEMS if item[2] in paths]
    return [*NAV_ITEMS, *optional]


def _route_paths(routes: Any) -> set[str]:
    """Every route path, looking inside included routers (newer FastAPI wraps each included router)."""
    paths: set[str] = set()
    for route in routes:
        path = getattr(route, "path", None)
        if isinstance(path, str):
            paths.add(path)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            paths |= _route_paths(getattr(inner, "routes", ()))
    return paths


def link_markers(text: str) -> Markup:
    """Escape `text`, then turn every PCC marker id in it into a link to the marker's library page."""
    from coachlens.framework import load_rubric

    rubric = load_rubric()

    def link(match: re.Match[str]) -> str:
        marker_id = match.group(1)
        if not rubric.has_marker(marker_id):
            return marker_id
        return f'<a class="marker-id" href="/library/markers/{marker_id}">{marker_id}</a>'

    return Markup(_MARKER_IN_TEXT.sub(link, str(escape(text))))


def install_page_helpers(env: Environment) -> None:
    """Register the page filters and globals on a Jinja environment."""
    env.filters.update(
        {
            "nice_date": nice_date,
            "nice_duration": nice_duration,
            "score": score_text,
            "percent": percent,
            "status_label": status_label,
            "readiness_label": readiness_label,
            "stage_label": stage_label,
            "slug": marker_slug,
            "role_label": lambda role: ROLE_LABELS.get(role, role),
            "kind_label": lambda kind: KIND_LABELS.get(kind, kind),
            "link_markers": link_markers,
        }
    )
    env.globals.update(
        {
            "marker_href": marker_href,
            "competency_href": competency_href,
            "with_query": with_query,
            "nav_items": nav_items,
        }
    )
