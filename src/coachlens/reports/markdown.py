"""The Markdown report: what a mentor would write up, with every claim pointing at a turn."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coachlens.llm.report_parts import narrative_markdown, source_label
from coachlens.models import Assessment
from coachlens.reports.common import (
    METRIC_LABELS,
    READINESS_LABELS,
    REWRITE_LABELS,
    STATUS_LABELS,
    as_list,
    as_map,
    assessment_document,
    clock,
    marker_name,
    metric_value,
    rubric_for,
    where,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: object) -> str:
    """Inline Markdown-safe text: special characters escaped, line breaks flattened."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(assessment: Assessment | Mapping[str, Any]) -> str:
    """The assessment as a Markdown document."""
    doc = assessment_document(assessment)
    rubric = rubric_for(doc)
    session = as_map(doc.get("session"))
    readiness = as_map(doc.get("readiness"))
    feedback = as_map(doc.get("feedback"))
    lines: list[str] = [f"# Coaching session review: {md(session.get('title', 'Untitled'))}", ""]
    duration = clock(session.get("duration_s"))
    facts = [f"{session.get('turn_count', 0)} turns"] + ([f"{duration} long"] if duration else [])
    rubric_info = as_map(doc.get("rubric"))
    lines += [
        f"**Overall score:** {float(doc.get('overall_score', 0)):.0f}/100 · "
        f"**Readiness (advisory):** {READINESS_LABELS.get(str(readiness.get('level')), '?')} · {', '.join(facts)}",
        "",
        f"> {md(readiness.get('rationale', ''))}",
        "",
        f"*Rubric {md(rubric_info.get('id', '?'))} {md(rubric_info.get('version', ''))}; engine "
        f"{md(doc.get('engine', 'coachlens'))}. Readiness is advisory, not an ICF result.*",
        "",
    ]
    lines += narrative_markdown(doc, md)  # the optional LLM review's summary (docs/llm.md)
    lines += _feedback(feedback)
    lines += _competencies(doc)
    lines += _metrics(as_map(doc.get("metrics")))
    lines += _markers(doc, rubric)
    notes = as_list(doc.get("notes"))
    if notes:
        lines += ["## Notes", "", *[f"- {md(n)}" for n in notes], ""]
    return "\n".join(lines).rstrip() + "\n"


def _feedback(feedback: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    strengths = as_list(feedback.get("strengths"))
    if strengths:
        lines += ["## Strengths", ""]
        for item in strengths:
            lines.append(
                f"- **{md(item.get('title', ''))}** ({where(item.get('turn'), item.get('start_s'))}): {md(item.get('detail', ''))}"
            )
        lines.append("")
    growth = as_list(feedback.get("growth_areas"))
    if growth:
        lines += ["## Growth areas", ""]
        for number, item in enumerate(growth, 1):
            marker = f", marker {item['marker']}" if item.get("marker") else ""
            lines.append(
                f"{number}. **{md(item.get('title', ''))}** ({where(item.get('turn'), item.get('start_s'))}{marker}): "
                f"{md(item.get('detail', ''))}"
            )
        lines.append("")
    rewrites = as_list(feedback.get("rewrites"))
    if rewrites:
        lines += ["## Your own lines, rewritten", "", "| At | You said | Try | Why |", "|---|---|---|---|"]
        for item in rewrites:
            kind = REWRITE_LABELS.get(str(item.get("kind")), str(item.get("kind", "")))
            lines.append(
                f"| {where(item.get('turn'), item.get('start_s'))} | {md(item.get('original', ''))} | "
                f"{md(item.get('suggestion', ''))} | {md(kind)}: {md(item.get('why', ''))} |"
            )
        lines.append("")
    if feedback.get("next_step"):
        lines += ["## Next practice step", "", md(feedback["next_step"]), ""]
    tips = as_list(feedback.get("tips"))
    if tips:
        lines += ["## Development tips", "", *[f"- {md(t)}" for t in tips], ""]
    return lines


def _competencies(doc: Mapping[str, Any]) -> list[str]:
    rows = as_list(doc.get("competencies"))
    if not rows:
        return []
    lines = ["## Competencies", "", "| # | Competency | Score | Markers demonstrated |", "|---|---|---|---|"]
    for row in rows:
        shown = (
            f"{row.get('markers_demonstrated', 0)} of {row.get('markers_total', 0)}"
            if row.get("markers_total")
            else "whole-session signals"
        )
        lines.append(
            f"| {row.get('id')} | {md(row.get('name', ''))} | {float(row.get('score', 0)):.0f} | {shown} |"
        )
    return [*lines, ""]


def _metrics(metrics: Mapping[str, Any]) -> list[str]:
    if not metrics:
        return []
    lines = ["## Conversation metrics", "", "| Metric | Value |", "|---|---|"]
    for key, label, kind in METRIC_LABELS:
        if key in metrics:
            lines.append(f"| {label} | {metric_value(metrics[key], kind)} |")
    return [*lines, ""]


def _markers(doc: Mapping[str, Any], rubric: Any) -> list[str]:
    markers = as_list(doc.get("markers"))
    if not markers:
        return []
    names = {c.get("id"): c.get("name") for c in as_list(doc.get("competencies"))}
    lines = ["## PCC markers", ""]
    current = None
    for marker in markers:
        competency = marker.get("competency")
        if competency != current:
            current = competency
            lines += [f"### {competency} {md(names.get(competency, ''))}", ""]
        status = STATUS_LABELS.get(str(marker.get("status")), str(marker.get("status")))
        name = marker_name(rubric, str(marker.get("id")))
        source = f" [{source_label(marker)}]" if source_label(marker) else ""
        lines.append(
            f"- **{marker.get('id')}** {md(name)}: *{status}* ({float(marker.get('confidence', 0)):.2f}){source}. "
            f"{md(marker.get('rationale', ''))}"
        )
        for evidence in as_list(marker.get("evidence")):
            lines.append(
                f"  - {where(evidence.get('turn'), evidence.get('start_s'))}: \u201c{md(evidence.get('quote', ''))}\u201d"
            )
    return [*lines, ""]
