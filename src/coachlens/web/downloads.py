"""Report downloads for the session page: the stored JSON, the Markdown write-up and the self-contained HTML.

The renderers are `coachlens.reports` (the same files `coachlens assess --format json|md|html`
writes); this module names the formats and the files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coachlens.errors import CoachlensError


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


def available_formats() -> tuple[DownloadFormat, ...]:
    """The formats the report page offers."""
    return FORMATS


def find_format(key: str) -> DownloadFormat:
    for known in FORMATS:
        if known.key == key:
            return known
    names = ", ".join(f.key for f in FORMATS)
    raise CoachlensError(f"cannot download a report as '{key[:20]}'; choose one of: {names}")


def render_download(assessment: Mapping[str, Any], key: str) -> str:
    """The report in the chosen format, as text."""
    from coachlens.reports import render

    return render(assessment, find_format(key).key)


def download_filename(title: str, extension: str) -> str:
    """A safe ASCII file name from the session title: `Week 3: Sam` -> `week-3-sam.coachlens.json`."""
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "session"
    return f"{stem}.coachlens.{extension}"
