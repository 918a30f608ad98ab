"""The Jinja2 environment every page renders with.

Autoescaping is on for every template, whatever its name: transcript text, titles and file names are
escaped wherever they appear, so a transcript line `<script>` shows as text. Never mark user text
`|safe`; build markup in the template instead. Undefined variables raise, so a page that forgets one
fails its route test rather than rendering a blank.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.templating import Jinja2Templates

from coachlens import __version__

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


def format_clock(seconds: float | None) -> str:
    """`754.2` -> `12:34`; `3725` -> `1:02:05`; None -> empty string (untimed transcripts)."""
    if seconds is None:
        return ""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def make_environment() -> Environment:
    """A Jinja2 environment with autoescaping forced on and the shared filters and globals."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clock"] = format_clock
    env.globals["coachlens_version"] = __version__
    # Filters and globals of the HTML pages (dates, scores, marker links): see web/page_helpers.py.
    from coachlens.web.page_helpers import install_page_helpers

    install_page_helpers(env)
    return env


def make_templates() -> Jinja2Templates:
    """Starlette's template renderer over our environment (use `templates.TemplateResponse`)."""
    return Jinja2Templates(env=make_environment())
