"""Bar charts: competency score bars, 100% share bars (talk share) and count columns (question types)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from coachlens.web.charts.svg import clip, fmt_number, svg_chart, svg_text, tag, wrap


@dataclass(frozen=True)
class Bar:
    """One labelled value; `href` makes the label a link (e.g. to a competency page)."""

    label: str
    value: float | None
    href: str | None = None
    note: str = ""


def score_bars(bars: Sequence[Bar], *, title: str, maximum: float = 100.0, unit: str = "") -> Markup:
    """Horizontal bars on a 0-`maximum` scale, label left, value right (competency scores)."""
    label_width, bar_width, value_width = 290.0, 300.0, 80.0
    row, top = 30.0, 8.0
    height = top + row * max(len(bars), 1) + 8
    body: list[str] = []
    for position, bar in enumerate(bars):
        y = top + position * row
        label = svg_text(0, y + 17, clip(bar.label, 42), class_="chart-label")
        if bar.href:
            label = tag("a", {"href": bar.href}, label)
        body.append(label)
        body.append(
            tag("rect", {"x": label_width, "y": y + 4, "width": bar_width, "height": 18, "class": "track"})
        )
        if bar.value is None:
            body.append(svg_text(label_width + 6, y + 17, "not scored", class_="chart-muted"))
            continue
        share = max(0.0, min(1.0, bar.value / maximum)) if maximum else 0.0
        body.append(
            tag(
                "rect",
                {"x": label_width, "y": y + 4, "width": bar_width * share, "height": 18, "class": "bar"},
                tag("title", {}, str(escape(f"{bar.label}: {fmt_number(bar.value)}{unit}"))),
            )
        )
        value_text = f"{fmt_number(round(bar.value))}{unit}" + (f" {bar.note}" if bar.note else "")
        body.append(svg_text(label_width + bar_width + 8, y + 17, value_text, class_="chart-value"))
    desc = "; ".join(
        f"{b.label}: {'not scored' if b.value is None else fmt_number(round(b.value)) + unit}" for b in bars
    )
    return svg_chart(label_width + bar_width + value_width, height, title, desc, body, "score-bars")


@dataclass(frozen=True)
class Share:
    """A part of a whole for `share_bar` (e.g. the coach's share of the words spoken)."""

    label: str
    value: float
    css_class: str


def share_bars(rows: Sequence[tuple[str, Sequence[Share]]], *, title: str) -> Markup:
    """One 100% bar per row, split into parts, with one legend under them (talk share by words and time).

    Every row must list the same parts in the same order; the legend is taken from the first row.
    """
    label_width, width, bar_height, row_height = 70.0, 460.0, 26.0, 36.0
    body: list[str] = []
    descriptions: list[str] = []
    for number, (row_label, parts) in enumerate(rows):
        y = number * row_height
        body.append(svg_text(0, y + 18, row_label, class_="chart-label"))
        total = sum(max(p.value, 0.0) for p in parts)
        x = label_width
        shares = []
        for part in parts:
            share = max(part.value, 0.0) / total if total else 0.0
            segment = width * share
            percent = f"{round(100 * share)}%"
            shares.append(f"{part.label} {percent}")
            body.append(
                tag(
                    "rect",
                    {
                        "x": x,
                        "y": y,
                        "width": segment,
                        "height": bar_height,
                        "class": f"part {part.css_class}",
                    },
                    tag("title", {}, str(escape(f"{row_label}: {part.label} {percent}"))),
                )
            )
            if segment > 44:
                body.append(svg_text(x + 8, y + 18, percent, class_="chart-on-bar"))
            x += segment
        descriptions.append(f"{row_label}: " + ", ".join(shares))
    legend_y = len(rows) * row_height + 10
    legend_x = label_width
    for part in rows[0][1] if rows else ():
        body.append(
            tag(
                "rect",
                {"x": legend_x, "y": legend_y, "width": 12, "height": 12, "class": f"part {part.css_class}"},
            )
        )
        body.append(svg_text(legend_x + 18, legend_y + 11, part.label, class_="chart-label"))
        legend_x += 40 + 8 * len(part.label)
    return svg_chart(
        label_width + width + 4, legend_y + 18, title, "; ".join(descriptions), body, "share-bar"
    )


def column_chart(bars: Sequence[Bar], *, title: str) -> Markup:
    """Vertical columns with counts on top and labels below (question types, act counts)."""
    column, gap, plot_height, top = 66.0, 32.0, 130.0, 22.0
    width = max(len(bars), 1) * (column + gap) + gap
    peak = max((b.value or 0.0 for b in bars), default=0.0) or 1.0
    body: list[str] = [
        tag("line", {"x1": 0, "x2": width, "y1": top + plot_height, "y2": top + plot_height, "class": "axis"})
    ]
    for position, bar in enumerate(bars):
        x = gap + position * (column + gap)
        value = bar.value or 0.0
        height = plot_height * value / peak
        body.append(
            tag(
                "rect",
                {
                    "x": x,
                    "y": top + plot_height - height,
                    "width": column,
                    "height": height,
                    "class": "bar",
                },
                tag("title", {}, str(escape(f"{bar.label}: {fmt_number(value)}"))),
            )
        )
        body.append(
            svg_text(
                x + column / 2,
                top + plot_height - height - 6,
                fmt_number(value),
                class_="chart-value",
                text_anchor="middle",
            )
        )
        for line_number, line in enumerate(wrap(bar.label, 14)[:2]):
            body.append(
                svg_text(
                    x + column / 2,
                    top + plot_height + 18 + 15 * line_number,
                    line,
                    class_="chart-label",
                    text_anchor="middle",
                )
            )
    desc = "; ".join(f"{b.label}: {fmt_number(b.value or 0.0)}" for b in bars)
    return svg_chart(width, top + plot_height + 52, title, desc, body, "column-chart")
