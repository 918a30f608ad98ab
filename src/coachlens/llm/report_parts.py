"""The LLM's parts of a report: where each finding came from, and the narrative.

Kept here so the Markdown and HTML reports only call these functions: they work on the
`coachlens.assessment/1` document and return nothing for an offline-only assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

SOURCE_LABELS = {"merged": "offline + LLM", "llm": "LLM"}
NARRATIVE_TITLE = "Mentor's summary (written by the LLM; every quote checked against the transcript)"
SOURCES_NOTE = (
    "Findings marked LLM were changed by the LLM review on checked quotes; offline + LLM means both "
    "agreed; unmarked findings are the offline engine's."
)


def source_label(marker: Mapping[str, Any]) -> str:
    """ "LLM" or "offline + LLM" for findings the LLM review touched; "" for offline findings."""
    return SOURCE_LABELS.get(str(marker.get("source", "offline")), "")


def _where(turn: object, start_s: object) -> str:
    if isinstance(start_s, int | float):
        whole = int(start_s)
        return f"turn {turn}, {whole // 60:02d}:{whole % 60:02d}"
    return f"turn {turn}"


def narrative_markdown(doc: Mapping[str, Any], md: Any) -> list[str]:
    """Markdown lines of the narrative (empty without one); `md` escapes inline text."""
    narrative = doc.get("narrative")
    lines: list[str] = []
    if isinstance(narrative, Mapping):
        lines += [f"## {NARRATIVE_TITLE}", "", md(narrative.get("opening", "")), ""]
        for claim in narrative.get("claims") or []:
            lines.append(
                f"- {md(claim.get('text', ''))} ({_where(claim.get('turn'), claim.get('start_s'))}: "
                f"\u201c{md(claim.get('quote', ''))}\u201d)"
            )
        if narrative.get("next_step"):
            lines += ["", f"**Next step:** {md(narrative['next_step'])}"]
        lines.append("")
    if "llm" in doc:
        lines += [f"*{SOURCES_NOTE}*", ""]
    return lines


def narrative_html(doc: Mapping[str, Any]) -> str:
    """The narrative as an HTML section (empty without one); every text escaped."""
    narrative = doc.get("narrative")
    parts: list[str] = []
    if isinstance(narrative, Mapping):
        claims = "".join(
            f'<li>{escape(str(c.get("text", "")))} <span class="muted">({escape(_where(c.get("turn"), c.get("start_s")))}: '
            f"\u201c{escape(str(c.get('quote', '')))}\u201d)</span></li>"
            for c in narrative.get("claims") or []
        )
        parts += [
            f'<section class="narrative"><h2 id="narrative">{escape(NARRATIVE_TITLE)}</h2>',
            f"<p>{escape(str(narrative.get('opening', '')))}</p>",
            f"<ul>{claims}</ul>" if claims else "",
            f"<p><strong>Next step:</strong> {escape(str(narrative.get('next_step', '')))}</p>"
            if narrative.get("next_step")
            else "",
            "</section>",
        ]
    if "llm" in doc:
        parts.append(f'<p class="muted">{escape(SOURCES_NOTE)}</p>')
    return "".join(parts)
