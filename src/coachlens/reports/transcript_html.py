"""The transcript part of the HTML report: every turn, with each marker's evidence highlighted and
linked both ways (marker -> `#turn-N`, highlight -> `#marker-6-7`). All transcript text is escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from coachlens.reports.common import as_list, clock, marker_slug


def evidence_by_turn(markers: Sequence[Mapping[str, Any]]) -> dict[int, list[tuple[str, str, str]]]:
    """turn -> [(quote, marker id, status)] for every piece of evidence."""
    found: dict[int, list[tuple[str, str, str]]] = {}
    for marker in markers:
        for evidence in as_list(marker.get("evidence")):
            turn = evidence.get("turn")
            quote = evidence.get("quote")
            if isinstance(turn, int) and isinstance(quote, str) and quote:
                found.setdefault(turn, []).append((quote, str(marker.get("id")), str(marker.get("status"))))
    return found


def _spans(text: str, quotes: Sequence[tuple[str, str, str]]) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """Merged character spans of the quotes in `text`, each with the (marker, status) pairs it carries."""
    raw: list[tuple[int, int, str, str]] = []
    for quote, marker, status in quotes:
        start = text.find(quote)
        if start >= 0:
            raw.append((start, start + len(quote), marker, status))
    raw.sort()
    merged: list[tuple[int, int, list[tuple[str, str]]]] = []
    for start, end, marker, status in raw:
        if merged and start < merged[-1][1]:
            last_start, last_end, carried = merged[-1]
            if (marker, status) not in carried:
                carried.append((marker, status))
            merged[-1] = (last_start, max(last_end, end), carried)
        else:
            merged.append((start, end, [(marker, status)]))
    return merged


def render_turn_text(text: str, quotes: Sequence[tuple[str, str, str]]) -> str:
    """The turn's text, escaped, with evidence wrapped in <mark> and a link back to each marker."""
    out: list[str] = []
    cursor = 0
    for start, end, carried in _spans(text, quotes):
        out.append(escape(text[cursor:start]))
        statuses = " ".join(sorted({f"ev-{status}" for _, status in carried}))
        ids = ", ".join(marker for marker, _ in carried)
        links = "".join(
            f'<a class="ev-link" href="#{marker_slug(marker)}" title="marker {escape(marker)}">{escape(marker)}</a>'
            for marker, _ in carried
        )
        out.append(
            f'<mark class="{statuses}" title="evidence for {escape(ids)}">{escape(text[start:end])}</mark>{links}'
        )
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def render_transcript(turns: Sequence[Mapping[str, Any]], markers: Sequence[Mapping[str, Any]]) -> str:
    """All turns as a list of articles with ids `turn-N`."""
    evidence = evidence_by_turn(markers)
    rows: list[str] = []
    for turn in turns:
        index = turn.get("index")
        role = str(turn.get("role", "unknown"))
        text = str(turn.get("text", ""))
        at = clock(turn.get("start_s"))
        acts = ", ".join(str(a) for a in as_list(turn.get("acts")))
        acts_html = f'<span class="acts">{escape(acts)}</span>' if acts else ""
        body = render_turn_text(text, evidence.get(index, [])) if isinstance(index, int) else escape(text)
        rows.append(
            f'<article class="turn {escape(role)}" id="turn-{escape(str(index))}">'
            f'<header><a class="turn-no" href="#turn-{escape(str(index))}">#{escape(str(index))}</a> '
            f'<span class="speaker">{escape(str(turn.get("speaker", "")))}</span> '
            f'<span class="when">{escape(at)}</span> {acts_html}</header>'
            f"<p>{body}</p></article>"
        )
    return "\n".join(rows)
