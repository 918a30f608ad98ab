"""Assessment reports: the JSON contract, a Markdown write-up and a self-contained HTML page.

Every renderer takes an `Assessment` or its `coachlens.assessment/1` document (a mapping), so the
CLI renders fresh assessments and the web app renders stored ones with the same code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from coachlens.errors import CoachlensError
from coachlens.models import Assessment
from coachlens.reports.common import assessment_document
from coachlens.reports.html import render_html
from coachlens.reports.markdown import render_markdown

FORMATS: dict[str, str] = {"json": "json", "md": "md", "html": "html"}


def render_json(assessment: Assessment | Mapping[str, Any]) -> str:
    """The `coachlens.assessment/1` JSON document, pretty-printed."""
    return json.dumps(assessment_document(assessment), indent=2, ensure_ascii=False) + "\n"


def render(assessment: Assessment | Mapping[str, Any], fmt: str) -> str:
    """Render in `fmt` (json, md or html); CoachlensError for another format."""
    renderers = {"json": render_json, "md": render_markdown, "html": render_html}
    try:
        return renderers[fmt](assessment)
    except KeyError:
        raise CoachlensError(f"unknown report format '{fmt}'; choose json, md or html") from None


__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown"]
