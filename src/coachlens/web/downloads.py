"""Report downloads for the session page: JSON (the stored contract) and the engine's Markdown/HTML.

The Markdown and self-contained HTML renderers belong to `coachlens.reports` (the same files
`coachlens assess --format md|html` writes); this module only finds them and names the files.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from coachlens.errors import CoachlensError

Renderer = Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True)
class DownloadFormat:
    key: str
    label: str
    extension: str
    media_type: str


FORMATS: tuple[DownloadFormat, ...] = (
    DownloadFormat("json", "JSON (coachlens.assessment/1)", "json", "application/json"),
    DownloadFormat("md", "Markdown", "md", "text/markdown; charset=utf-8"),
    DownloadFormat("html", "Self-contained HTML", "html", "text/html; charset=utf-8"),
)
# Names the reports package may use for its document renderers, most specific first.
_RENDERER_NAMES: dict[str, tuple[str, ...]] = {
    "md": ("render_markdown_document", "render_markdown"),
    "html": ("render_html_document", "render_html"),
}


def _renderer(key: str) -> Renderer | None:
    try:
        reports = importlib.import_module("coachlens.reports")
    except ImportError:
        return None
    for name in _RENDERER_NAMES.get(key, ()):
        found = getattr(reports, name, None)
        if callable(found):
            renderer: Renderer = found
            return renderer
    return None


def available_formats() -> tuple[DownloadFormat, ...]:
    """The formats this installation can produce (JSON always; Markdown/HTML once reports ship)."""
    return tuple(f for f in FORMATS if f.key == "json" or _renderer(f.key) is not None)


def find_format(key: str) -> DownloadFormat:
    for known in available_formats():
        if known.key == key:
            return known
    names = ", ".join(f.key for f in available_formats())
    raise CoachlensError(f"cannot download a report as '{key[:20]}'; choose one of: {names}")


def render_download(assessment: Mapping[str, Any], key: str) -> str:
    """The report in the chosen format, as text."""
    if key == "json":
        return json.dumps(assessment, indent=2, ensure_ascii=False) + "\n"
    renderer = _renderer(key)
    if renderer is None:
        raise CoachlensError(f"this installation has no {key} report renderer; download the JSON instead")
    return renderer(assessment)


def download_filename(title: str, extension: str) -> str:
    """A safe ASCII file name from the session title: `Week 3: Sam` -> `week-3-sam.coachlens.json`."""
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "session"
    return f"{stem}.coachlens.{extension}"
