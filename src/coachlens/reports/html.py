"""The self-contained HTML report: one offline file with inline CSS and SVG charts, no script.

Sections: summary and readiness, charts (competencies, talk share, timeline), feedback, the markers
grouped by competency with evidence linked into the transcript, metrics, and the transcript itself
with evidence highlighted and linked back to its marker. Every piece of transcript text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from coachlens.llm.report_parts import narrative_html, source_label
from coachlens.models import Assessment
from coachlens.reports.common import (
    KNOCKOUT_LABELS,
    METRIC_LABELS,
    READINESS_LABELS,
    REWRITE_LABELS,
    STATUS_LABELS,
    as_list,
    as_map,
    assessment_document,
    clock,
    marker_name,
    marker_slug,
    metric_value,
    rubric_for,
    where,
)
from coachlens.reports.svg import competency_bars, session_timeline, talk_share_bar
from coachlens.reports.transcript_html import render_transcript

CSS = """
:root{--ink:#1f2a30;--muted:#5b6870;--line:#d8dfe3;--accent:#2f7d6d;--coach:#3b6ea5;--client:#b7791f}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);
margin:0;background:#fafbfb}main{max-width:980px;margin:0 auto;padding:24px}h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.05em}
.summary{display:flex;gap:24px;align-items:center;flex-wrap:wrap;background:#fff;border:1px solid var(--line);
border-radius:8px;padding:16px}.score{font-size:2.6em;font-weight:700;color:var(--accent)}.badge{display:inline-block;
padding:2px 10px;border-radius:12px;background:#e8f1ee;font-weight:600}.muted{color:var(--muted)}
.knockout{color:#9b2c2c;font-weight:600}figure{margin:12px 0;overflow-x:auto}svg text{font-family:inherit}
.cards li{margin:.5em 0}.item-title{font-weight:600}table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left}th{background:#f1f4f5}.marker-table{table-layout:fixed}
.status{font-weight:600;white-space:nowrap}.st-demonstrated{color:#276749}.st-partial{color:#975a16}
.st-missed{color:#9b2c2c}.st-not_assessable,.st-no_opportunity{color:var(--muted)}.marker{scroll-margin-top:12px}
.marker:target,.turn:target{outline:3px solid #f6c453}.evidence{margin:.3em 0 0;padding-left:1.2em}
.transcript .turn{background:#fff;border:1px solid var(--line);border-left:4px solid #aaa;border-radius:6px;
margin:8px 0;padding:6px 10px;scroll-margin-top:12px}.turn.coach{border-left-color:var(--coach)}
.turn.client{border-left-color:var(--client)}.turn header{font-size:.85em;color:var(--muted)}.speaker{font-weight:600;
color:var(--ink)}.acts{font-style:italic}.turn p{margin:.2em 0}mark{background:#fdf1c7;padding:0 1px}
mark.ev-demonstrated{background:#d9f0e3}mark.ev-missed{background:#fbe0e0}mark.ev-partial{background:#fdf1c7}
.ev-link{font-size:.7em;vertical-align:super;margin-left:2px;text-decoration:none}
a{color:var(--coach)}footer{margin:3em 0 1em;color:var(--muted);font-size:.85em}
@media print{.transcript .turn{break-inside:avoid}}
"""


def render_html(assessment: Assessment | Mapping[str, Any]) -> str:
    """The assessment as one self-contained HTML page."""
    doc = assessment_document(assessment)
    rubric = rubric_for(doc)
    session = as_map(doc.get("session"))
    title = str(session.get("title") or "Untitled session")
    metrics = as_map(doc.get("metrics"))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(title)}: coachlens review</title><style>{CSS}</style></head><body><main>",
        _summary(doc, title),
        _charts(doc, metrics),
        narrative_html(doc),  # the optional LLM review's summary (docs/llm.md)
        _feedback(as_map(doc.get("feedback"))),
        _markers(doc, rubric),
        _metrics(metrics),
        '<section class="transcript"><h2 id="transcript">Transcript</h2>',
        '<p class="muted">Highlighted lines are evidence; the small numbers link to the marker they support.</p>',
        render_transcript(as_list(doc.get("turns")), as_list(doc.get("markers"))),
        "</section>",
        _notes(doc),
        "<footer>Generated offline by coachlens. Readiness is an advisory reading of the evidence in this "
        "transcript, not an ICF assessment result.</footer>",
        "</main></body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _summary(doc: Mapping[str, Any], title: str) -> str:
    session = as_map(doc.get("session"))
    readiness = as_map(doc.get("readiness"))
    rubric = as_map(doc.get("rubric"))
    duration = clock(session.get("duration_s"))
    knockouts = as_list(readiness.get("knockouts"))
    facts = (
        [f"{session.get('turn_count', 0)} turns"]
        + ([duration] if duration else [])
        + [str(session.get("source_format", ""))]
    )
    labels = "; ".join(KNOCKOUT_LABELS.get(str(k), str(k)) for k in knockouts)
    knock = f'<p class="knockout">Knock-out: {escape(labels)}</p>' if knockouts else ""
    return (
        f"<h1>{escape(title)}</h1>"
        f'<p class="muted">{escape(" · ".join(f for f in facts if f))} · rubric {escape(str(rubric.get("id", "")))} '
        f"{escape(str(rubric.get('version', '')))}</p>"
        '<section class="summary">'
        f'<div><div class="score">{float(doc.get("overall_score", 0)):.0f}</div><div class="muted">overall score / 100</div></div>'
        f'<div><span class="badge">Readiness (advisory): {escape(READINESS_LABELS.get(str(readiness.get("level")), "?"))}</span>'
        f"<p>{escape(str(readiness.get('rationale', '')))}</p>{knock}</div></section>"
    )


def _charts(doc: Mapping[str, Any], metrics: Mapping[str, Any]) -> str:
    parts = ['<h2 id="charts">At a glance</h2>']
    competencies = as_list(doc.get("competencies"))
    if competencies:
        parts.append(f"<figure>{competency_bars(competencies)}</figure>")
    if isinstance(metrics.get("coach_talk_share"), int | float):
        parts.append(f"<figure>{talk_share_bar(float(metrics['coach_talk_share']))}</figure>")
    timeline = as_list(metrics.get("timeline"))
    if timeline:
        chart = session_timeline(timeline, estimated=bool(metrics.get("timeline_estimated")))
        parts.append(
            f'<figure>{chart}<figcaption class="muted">Minute by minute: who spoke, and where markers were shown.</figcaption></figure>'
        )
    return "\n".join(parts)


def _turn_link(turn: object, start_s: object) -> str:
    return f'<a href="#turn-{escape(str(turn))}">{escape(where(turn, start_s))}</a>'


def _feedback(feedback: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for key, heading in (("strengths", "Strengths"), ("growth_areas", "Growth areas")):
        items = as_list(feedback.get(key))
        if not items:
            continue
        tag = "ol" if key == "growth_areas" else "ul"
        rows = []
        for item in items:
            marker = item.get("marker")
            marker_link = (
                f' · <a href="#{marker_slug(str(marker))}">{escape(str(marker))}</a>' if marker else ""
            )
            rows.append(
                f'<li><span class="item-title">{escape(str(item.get("title", "")))}</span> '
                f'<span class="muted">({_turn_link(item.get("turn"), item.get("start_s"))}{marker_link})</span><br>'
                f"{escape(str(item.get('detail', '')))}</li>"
            )
        parts.append(f'<h2 id="{key}">{heading}</h2><{tag} class="cards">{"".join(rows)}</{tag}>')
    rewrites = as_list(feedback.get("rewrites"))
    if rewrites:
        rows = [
            f"<tr><td>{_turn_link(r.get('turn'), r.get('start_s'))}</td><td>{escape(str(r.get('original', '')))}</td>"
            f"<td><strong>{escape(str(r.get('suggestion', '')))}</strong></td>"
            f"<td>{escape(REWRITE_LABELS.get(str(r.get('kind')), str(r.get('kind', ''))))}: {escape(str(r.get('why', '')))}</td></tr>"
            for r in rewrites
        ]
        parts.append(
            '<h2 id="rewrites">Your own lines, rewritten</h2><table><tr><th>At</th><th>You said</th><th>Try</th>'
            f"<th>Why</th></tr>{''.join(rows)}</table>"
        )
    if feedback.get("next_step"):
        parts.append(f'<h2 id="next-step">Next practice step</h2><p>{escape(str(feedback["next_step"]))}</p>')
    tips = as_list(feedback.get("tips"))
    if tips:
        parts.append(
            '<h2 id="tips">Development tips</h2><ul>'
            + "".join(f"<li>{escape(str(t))}</li>" for t in tips)
            + "</ul>"
        )
    return "\n".join(parts)


def _markers(doc: Mapping[str, Any], rubric: Any) -> str:
    markers = as_list(doc.get("markers"))
    if not markers:
        return ""
    names = {c.get("id"): c.get("name") for c in as_list(doc.get("competencies"))}
    parts = ['<h2 id="markers">PCC markers</h2>']
    current = None
    for marker in markers:
        competency = marker.get("competency")
        if competency != current:
            if current is not None:
                parts.append("</table>")
            current = competency
            parts.append(
                f"<h3>{escape(str(competency))} {escape(str(names.get(competency, '')))}</h3>"
                '<table class="marker-table"><colgroup><col style="width:20%"><col style="width:48%">'
                '<col style="width:32%"></colgroup><tr><th>Marker</th><th>Finding</th><th>Evidence</th></tr>'
            )
        marker_id = str(marker.get("id"))
        status = str(marker.get("status"))
        source = f" · {escape(source_label(marker))}" if source_label(marker) else ""
        evidence = "".join(
            f"<li>{_turn_link(e.get('turn'), e.get('start_s'))}: \u201c{escape(str(e.get('quote', '')))}\u201d</li>"
            for e in as_list(marker.get("evidence"))
        )
        parts.append(
            f'<tr class="marker" id="{marker_slug(marker_id)}"><td><strong>{escape(marker_id)}</strong><br>'
            f"{escape(marker_name(rubric, marker_id))}</td>"
            f'<td><span class="status st-{escape(status)}">{escape(STATUS_LABELS.get(status, status))}</span> '
            f'<span class="muted">({float(marker.get("confidence", 0)):.2f})</span><br>{escape(str(marker.get("rationale", "")))}'
            f'<br><span class="muted">{escape(str(marker.get("detector", "")))}{source}</span></td>'
            f"<td>{'<ul class=evidence>' + evidence + '</ul>' if evidence else ''}</td></tr>"
        )
    parts.append("</table>")
    return "\n".join(parts)


def _metrics(metrics: Mapping[str, Any]) -> str:
    if not metrics:
        return ""
    rows = "".join(
        f"<tr><td>{escape(label)}</td><td>{escape(metric_value(metrics[key], kind))}</td></tr>"
        for key, label, kind in METRIC_LABELS
        if key in metrics
    )
    return f'<h2 id="metrics">Conversation metrics</h2><table><tr><th>Metric</th><th>Value</th></tr>{rows}</table>'


def _notes(doc: Mapping[str, Any]) -> str:
    notes = as_list(doc.get("notes"))
    if not notes:
        return ""
    return '<h2 id="notes">Notes</h2><ul>' + "".join(f"<li>{escape(str(n))}</li>" for n in notes) + "</ul>"
