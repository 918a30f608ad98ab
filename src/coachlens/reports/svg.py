"""Server-side SVG charts for the HTML report: competency bars, talk share, a minute-by-minute timeline.

Plain strings of inline `<svg>`, no script and no external resource; every piece of text is escaped.
Each chart carries a `<title>` and a `<desc>` so a screen reader gets the numbers too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

COACH_COLOUR = "#3b6ea5"
CLIENT_COLOUR = "#e3a33b"
BAR_COLOUR = "#2f7d6d"
TRACK_COLOUR = "#e6ece9"
MARKER_COLOUR = "#7a3b69"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, title: str, desc: str, body: Sequence[str], css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{''.join(body)}</svg>"
    )


def competency_bars(rows: Sequence[Mapping[str, Any]]) -> str:
    """One horizontal bar per competency (0-100), labelled with its number, name and score."""
    label_w, bar_w, row_h = 300, 300, 26
    body: list[str] = []
    described: list[str] = []
    for index, row in enumerate(rows):
        y = 8 + index * row_h
        score = max(0.0, min(100.0, float(row.get("score", 0) or 0)))
        name = f"{row.get('id')} {row.get('name', '')}"
        shown = (
            f"{row.get('markers_demonstrated', 0)}/{row.get('markers_total', 0)}"
            if row.get("markers_total")
            else ""
        )
        described.append(f"{name}: {score:.0f}")
        body += [
            f'<text x="0" y="{y + 14}" font-size="13">{escape(name)}</text>',
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w}" height="16" rx="3" fill="{TRACK_COLOUR}"/>',
            f'<rect x="{label_w}" y="{y + 2}" width="{_n(bar_w * score / 100)}" height="16" rx="3" fill="{BAR_COLOUR}">'
            f"<title>{escape(name)}: {score:.0f}</title></rect>",
            f'<text x="{label_w + bar_w + 8}" y="{y + 14}" font-size="13">{score:.0f}'
            + (f' <tspan fill="#667">({escape(shown)} shown)</tspan>' if shown else "")
            + "</text>",
        ]
    height = 16 + row_h * len(rows)
    return _svg(
        label_w + bar_w + 120, height, "Competency scores", "; ".join(described), body, "competency-bars"
    )


def talk_share_bar(coach_share: float, label: str = "Share of the words spoken") -> str:
    """A single stacked bar: coach part and client part of the conversation."""
    share = max(0.0, min(1.0, coach_share))
    width = 600
    coach_w = width * share
    body = [
        f'<rect x="0" y="4" width="{_n(coach_w)}" height="22" fill="{COACH_COLOUR}"><title>Coach {share:.0%}</title></rect>',
        f'<rect x="{_n(coach_w)}" y="4" width="{_n(width - coach_w)}" height="22" fill="{CLIENT_COLOUR}">'
        f"<title>Client {1 - share:.0%}</title></rect>",
        f'<text x="4" y="44" font-size="13" fill="{COACH_COLOUR}">Coach {share:.0%}</text>',
        f'<text x="{width - 4}" y="44" font-size="13" text-anchor="end" fill="#8a5a12">Client {1 - share:.0%}</text>',
    ]
    return _svg(width, 52, label, f"Coach {share:.0%}, client {1 - share:.0%}", body, "talk-share")


def session_timeline(minutes: Sequence[Mapping[str, Any]], *, estimated: bool) -> str:
    """Per minute: how long each side spoke (stacked columns) and the markers shown in that minute."""
    if not minutes:
        return ""
    column, gap, plot_h, top, left = 9, 2, 90, 26, 34
    width = left + len(minutes) * (column + gap) + 10
    body: list[str] = [
        f'<line x1="{left - 2}" y1="{top + plot_h}" x2="{width - 6}" y2="{top + plot_h}" stroke="#999"/>',
        f'<text x="0" y="{top + 10}" font-size="11" fill="#555">60 s</text>',
        f'<text x="0" y="{top + plot_h}" font-size="11" fill="#555">0</text>',
    ]
    for index, minute in enumerate(minutes):
        x = left + index * (column + gap)
        coach = float(minute.get("coach_s", 0) or 0)
        client = float(minute.get("client_s", 0) or 0)
        coach_h = plot_h * min(coach, 60.0) / 60.0
        client_h = plot_h * min(client, 60.0 - min(coach, 60.0)) / 60.0
        label = f"minute {minute.get('minute', index)}: coach {coach:.0f} s, client {client:.0f} s"
        body.append(
            f'<rect x="{x}" y="{_n(top + plot_h - coach_h)}" width="{column}" height="{_n(coach_h)}" fill="{COACH_COLOUR}">'
            f"<title>{escape(label)}</title></rect>"
        )
        body.append(
            f'<rect x="{x}" y="{_n(top + plot_h - coach_h - client_h)}" width="{column}" height="{_n(client_h)}" '
            f'fill="{CLIENT_COLOUR}"><title>{escape(label)}</title></rect>'
        )
        markers = [str(m) for m in minute.get("markers", []) or []]
        if markers:
            body.append(
                f'<circle cx="{x + column / 2}" cy="{top - 8}" r="{min(6, 2 + len(markers))}" fill="{MARKER_COLOUR}">'
                f"<title>{escape('minute ' + str(minute.get('minute', index)) + ': ' + ', '.join(markers))}</title></circle>"
            )
        if index % 5 == 0:
            body.append(
                f'<text x="{x}" y="{top + plot_h + 14}" font-size="10" fill="#555">{escape(str(minute.get("minute", index)))}</text>'
            )
    legend_y = top + plot_h + 32
    note = " (times estimated from word counts)" if estimated else ""
    body += [
        f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{COACH_COLOUR}"/>',
        f'<text x="{left + 14}" y="{legend_y}" font-size="11">coach</text>',
        f'<rect x="{left + 60}" y="{legend_y - 9}" width="10" height="10" fill="{CLIENT_COLOUR}"/>',
        f'<text x="{left + 74}" y="{legend_y}" font-size="11">client</text>',
        f'<circle cx="{left + 126}" cy="{legend_y - 4}" r="4" fill="{MARKER_COLOUR}"/>',
        f'<text x="{left + 134}" y="{legend_y}" font-size="11">markers shown (minute){escape(note)}</text>',
    ]
    desc = f"{len(minutes)} minutes; " + "; ".join(
        f"minute {m.get('minute')}: {', '.join(map(str, m.get('markers', [])))}"
        for m in minutes
        if m.get("markers")
    )
    return _svg(max(width, left + 420), legend_y + 8, "Session timeline", desc, body, "timeline")
