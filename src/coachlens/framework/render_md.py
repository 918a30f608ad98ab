"""Markdown study-guide pages for the competency library (used by the CLI, reusable by the web app).

Pure functions from rubric data to Markdown text; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable

from coachlens.framework.rubric import Rubric
from coachlens.framework.schema import Competency, Marker, PracticeQuestion, Resource

OBSERVABILITY_LABELS = {
    "text": "yes, from the words of a transcript",
    "timestamps": "only with timestamps (a timed VTT/SRT transcript or the recording)",
    "audio_only": "only partly: some of it is audible only on the recording",
}

RESOURCE_LABELS = {"icf": "ICF", "book": "Book", "article": "Article"}


def render_rubric(rubric: Rubric) -> str:
    """The whole library: rubric overview, contents by group, then every competency page."""
    parts = [render_overview(rubric)]
    parts.extend(render_competency(rubric, competency, heading_level=2) for competency in rubric.competencies)
    return "\n\n".join(part.rstrip() for part in parts) + "\n"


def render_overview(rubric: Rubric) -> str:
    """Title, description, sources and a contents list grouped as ICF groups the competencies."""
    meta = rubric.meta
    lines = [f"# {meta.title}", "", f"Rubric `{meta.id}`, version {meta.version}.", "", meta.description, ""]
    lines.append("Sources:")
    for source in meta.sources:
        note = f": {source.note}" if source.note else ""
        lines.append(f"- {source.title} ({source.publisher}, {source.date}){note}")
    lines.append("")
    for group, members in rubric.groups:
        lines.append(f"**{group}**")
        lines.append("")
        for competency in members:
            markers = _marker_span(competency.markers) or "no markers of its own"
            lines.append(f"- {competency.id}. {competency.name} ({markers})")
        lines.append("")
    return "\n".join(lines)


def render_competency(rubric: Rubric, competency: Competency, heading_level: int = 1) -> str:
    """A complete study-guide page for one competency."""
    h1 = "#" * heading_level
    h2 = "#" * (heading_level + 1)
    h3 = "#" * (heading_level + 2)
    lines = [
        f"{h1} {competency.id}. {competency.name}",
        "",
        f"*{competency.group}* · rubric `{rubric.id}`",
        "",
        f"> {competency.definition}",
        "",
        f"{h2} What it means",
        "",
        competency.description,
        "",
        f"{h2} Sub-points of the competency",
        "",
        "The competency model's own list, lettered; these are not the PCC markers.",
        "",
    ]
    lines.extend(f"- **{sub.id}** {sub.text}" for sub in competency.subpoints)
    lines.append("")
    lines.extend(_evidence_section(rubric, competency, h2))
    if competency.markers:
        lines.extend([f"{h2} PCC markers", ""])
        for marker in competency.markers:
            lines.extend(render_marker(marker, h3))
    lines.extend([f"{h2} ACC, PCC and MCC", ""])
    for label, text in (
        ("ACC", competency.levels.acc),
        ("PCC", competency.levels.pcc),
        ("MCC", competency.levels.mcc),
    ):
        lines.extend([f"- **{label}:** {text}"])
    lines.extend(["", f"{h2} Development tips", ""])
    lines.extend(_numbered(competency.development_tips))
    lines.extend(["", f"{h2} Common mistakes", ""])
    lines.extend(f"- {mistake}" for mistake in competency.common_mistakes)
    lines.extend(["", f"{h2} Related competencies", ""])
    for related in competency.related:
        other = rubric.competency(related.competency)
        lines.append(f"- **{other.id}. {other.name}:** {related.how}")
    lines.extend(["", f"{h2} Practice questions", ""])
    lines.extend(_practice_section(competency.practice_questions, h3))
    lines.extend([f"{h2} Resources", ""])
    lines.extend(_resource_line(resource) for resource in competency.resources)
    return "\n".join(lines).rstrip() + "\n"


def render_marker(marker: Marker, heading: str = "###") -> list[str]:
    """The lines of one marker's section: statement, what assessors listen for, examples, rewrite."""
    observable = OBSERVABILITY_LABELS[marker.observable_in]
    note = f" {marker.observability_note}" if marker.observability_note else ""
    lines = [
        f"{heading} {marker.id} {marker.short_name}",
        "",
        marker.statement,
        "",
        f"**What assessors listen for:** {marker.listens_for}",
        "",
        f"**Can a transcript show it?** {observable.capitalize()}.{note}",
        "",
        "**Sounds like:**",
        "",
    ]
    lines.extend(f'- "{line}"' for line in marker.demonstrating_examples)
    lines.extend(["", "**Close, but not it:**", ""])
    lines.extend(f'- "{line}"' for line in marker.contrast_examples)
    lines.extend(["", "**Common mistakes:**", ""])
    lines.extend(f"- {mistake}" for mistake in marker.common_mistakes)
    lines.extend(
        [
            "",
            f"**Development tip:** {marker.development_tip}",
            "",
            "**Rewrite:**",
            "",
            f'- Weaker: "{marker.rewrite.weak}"',
            f'- Stronger: "{marker.rewrite.stronger}"',
            f"- Why: {marker.rewrite.why}",
            "",
        ]
    )
    return lines


def render_markers(rubric: Rubric, competency: Competency | None = None) -> str:
    """A compact marker list: one table per competency with id, name, statement and observability.

    For a competency without markers of its own, the table lists the markers that evidence it.
    """
    lines = [f"# PCC markers ({rubric.id})", ""]
    if competency is not None and not competency.markers:
        evidencing = rubric.evidencing_markers(competency.id)
        lines.extend([f"Competency {competency.id} ({competency.name}) has no PCC markers of its own.", ""])
        if evidencing:
            lines.extend([f"## Markers that evidence competency {competency.id}", ""])
            lines.extend(_marker_table(evidencing))
        else:
            lines.append(competency.evidence_note)
        return "\n".join(lines).rstrip() + "\n"
    chosen = [competency] if competency is not None else [c for c in rubric.competencies if c.markers]
    for item in chosen:
        lines.extend([f"## {item.id}. {item.name}", ""])
        lines.extend(_marker_table(item.markers))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _marker_table(markers: Iterable[Marker]) -> list[str]:
    lines = ["| id | marker | in a transcript |", "|---|---|---|"]
    for marker in markers:
        statement = _cell(f"**{marker.short_name}.** {marker.statement}")
        lines.append(f"| {marker.id} | {statement} | {marker.observable_in} |")
    return lines


def _evidence_section(rubric: Rubric, competency: Competency, h2: str) -> list[str]:
    if not competency.evidence_note and competency.markers:
        return []
    lines = [f"{h2} How it shows in a session", ""]
    if competency.evidence_note:
        lines.extend([competency.evidence_note, ""])
    if not competency.markers:
        evidencing = rubric.evidencing_markers(competency.id)
        if evidencing:
            lines.extend(["Evidenced by these PCC markers:", ""])
            lines.extend(f"- **{m.id}** {m.short_name}" for m in evidencing)
            lines.append("")
        else:
            lines.extend(["It has no PCC markers: it is judged across the whole session.", ""])
    return lines


def _practice_section(questions: Iterable[PracticeQuestion], h3: str) -> list[str]:
    questions = list(questions)
    lines = ["Pick the best and the worst response, then check the answers below.", ""]
    for question in questions:
        lines.extend([f"{h3} {question.id}", "", question.scenario, ""])
        lines.extend(f"{number}. {option}" for number, option in enumerate(question.options, start=1))
        lines.append("")
    lines.extend([f"{h3} Answers", ""])
    for question in questions:
        tested = f" (markers {', '.join(question.markers)})" if question.markers else ""
        lines.append(
            f"- **{question.id}**{tested}: best is {question.best}. {question.best_explanation} "
            f"Worst is {question.worst}. {question.worst_explanation}"
        )
    lines.append("")
    return lines


def _resource_line(resource: Resource) -> str:
    label = RESOURCE_LABELS[resource.kind]
    title = f"*{resource.title}*" if resource.kind == "book" else resource.title
    author = f", {resource.author}" if resource.author else ""
    note = f": {resource.note}" if resource.note else ""
    return f"- {label}: {title}{author}{note}"


def _numbered(items: Iterable[str]) -> list[str]:
    return [f"{number}. {item}" for number, item in enumerate(items, start=1)]


def _marker_span(markers: list[Marker]) -> str:
    if not markers:
        return ""
    if len(markers) == 1:
        return f"marker {markers[0].id}"
    return f"markers {markers[0].id}-{markers[-1].id}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
