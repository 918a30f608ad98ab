"""Server-rendered SVG charts for the report and dashboard pages (no front-end chart library).

Every chart is a function from plain data to `Markup` holding one inline `<svg>`. All text that goes
into the SVG (labels, titles, link targets) is escaped here, so a session title or speaker name with
markup in it shows as text. Charts carry `role="img"`, a `<title>` and a `<desc>`; the pages put the
same numbers in a table next to each chart for screen readers and for copying.

Colours are CSS classes (`series-0` ... `series-7`, `coach`, `client`, ...) styled in `style.css`, so
the charts follow the page's palette and print legibly.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

_chart_ids = itertools.count(1)


def _attrs(values: dict[str, object]) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        parts.append(f' {name}="{escape(_number(value) if isinstance(value, float) else value)}"')
    return "".join(parts)


def _number(value: float) -> str:
    """Short coordinates: 12.0 -> "12", 3.14159 -> "3.14"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _tag(name: str, attrs: dict[str, object], *children: str) -> str:
    if not children:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{''.join(children)}</{name}>"


def _text(x: float, y: float, content: str, **attrs: object) -> str:
    return _tag("text", {"x": x, "y": y, **_dashed(attrs)}, str(escape(content)))


def _dashed(attrs: dict[str, object]) -> dict[str, object]:
    """Python keyword names to SVG attribute names: text_anchor -> text-anchor, class_ -> class."""
    return {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}


def _svg(width: float, height: float, title: str, desc: str, body: Iterable[str], css_class: str) -> Markup:
    chart_id = f"chart-{next(_chart_ids)}"
    head = _tag("title", {"id": f"{chart_id}-title"}, str(escape(title))) + _tag(
        "desc", {"id": f"{chart_id}-desc"}, str(escape(desc))
    )
    svg = _tag(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {_number(width)} {_number(height)}",
            # The natural size; CSS lets the chart shrink on narrow screens but never blow up its text.
            "width": _number(width),
            "height": _number(height),
            "class": f"chart {css_class}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "preserveAspectRatio": "xMinYMin meet",
        },
        head,
        *body,
    )
    return Markup(svg)


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
        label = _text(0, y + 17, _clip(bar.label, 42), class_="chart-label")
        if bar.href:
            label = _tag("a", {"href": bar.href}, label)
        body.append(label)
        body.append(
            _tag("rect", {"x": label_width, "y": y + 4, "width": bar_width, "height": 18, "class": "track"})
        )
        if bar.value is None:
            body.append(_text(label_width + 6, y + 17, "not scored", class_="chart-muted"))
            continue
        share = max(0.0, min(1.0, bar.value / maximum)) if maximum else 0.0
        body.append(
            _tag(
                "rect",
                {"x": label_width, "y": y + 4, "width": bar_width * share, "height": 18, "class": "bar"},
                _tag("title", {}, str(escape(f"{bar.label}: {_number(bar.value)}{unit}"))),
            )
        )
        value_text = f"{_number(round(bar.value))}{unit}" + (f" {bar.note}" if bar.note else "")
        body.append(_text(label_width + bar_width + 8, y + 17, value_text, class_="chart-value"))
    desc = "; ".join(
        f"{b.label}: {'not scored' if b.value is None else _number(round(b.value)) + unit}" for b in bars
    )
    return _svg(label_width + bar_width + value_width, height, title, desc, body, "score-bars")


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
        body.append(_text(0, y + 18, row_label, class_="chart-label"))
        total = sum(max(p.value, 0.0) for p in parts)
        x = label_width
        shares = []
        for part in parts:
            share = max(part.value, 0.0) / total if total else 0.0
            segment = width * share
            percent = f"{round(100 * share)}%"
            shares.append(f"{part.label} {percent}")
            body.append(
                _tag(
                    "rect",
                    {
                        "x": x,
                        "y": y,
                        "width": segment,
                        "height": bar_height,
                        "class": f"part {part.css_class}",
                    },
                    _tag("title", {}, str(escape(f"{row_label}: {part.label} {percent}"))),
                )
            )
            if segment > 44:
                body.append(_text(x + 8, y + 18, percent, class_="chart-on-bar"))
            x += segment
        descriptions.append(f"{row_label}: " + ", ".join(shares))
    legend_y = len(rows) * row_height + 10
    legend_x = label_width
    for part in rows[0][1] if rows else ():
        body.append(
            _tag(
                "rect",
                {"x": legend_x, "y": legend_y, "width": 12, "height": 12, "class": f"part {part.css_class}"},
            )
        )
        body.append(_text(legend_x + 18, legend_y + 11, part.label, class_="chart-label"))
        legend_x += 40 + 8 * len(part.label)
    return _svg(label_width + width + 4, legend_y + 18, title, "; ".join(descriptions), body, "share-bar")


def column_chart(bars: Sequence[Bar], *, title: str) -> Markup:
    """Vertical columns with counts on top and labels below (question types, act counts)."""
    column, gap, plot_height, top = 66.0, 32.0, 130.0, 22.0
    width = max(len(bars), 1) * (column + gap) + gap
    peak = max((b.value or 0.0 for b in bars), default=0.0) or 1.0
    body: list[str] = [
        _tag(
            "line", {"x1": 0, "x2": width, "y1": top + plot_height, "y2": top + plot_height, "class": "axis"}
        )
    ]
    for position, bar in enumerate(bars):
        x = gap + position * (column + gap)
        value = bar.value or 0.0
        height = plot_height * value / peak
        body.append(
            _tag(
                "rect",
                {
                    "x": x,
                    "y": top + plot_height - height,
                    "width": column,
                    "height": height,
                    "class": "bar",
                },
                _tag("title", {}, str(escape(f"{bar.label}: {_number(value)}"))),
            )
        )
        body.append(
            _text(
                x + column / 2,
                top + plot_height - height - 6,
                _number(value),
                class_="chart-value",
                text_anchor="middle",
            )
        )
        for line_number, line in enumerate(_wrap(bar.label, 14)[:2]):
            body.append(
                _text(
                    x + column / 2,
                    top + plot_height + 18 + 15 * line_number,
                    line,
                    class_="chart-label",
                    text_anchor="middle",
                )
            )
    desc = "; ".join(f"{b.label}: {_number(b.value or 0.0)}" for b in bars)
    return _svg(width, top + plot_height + 52, title, desc, body, "column-chart")


@dataclass(frozen=True)
class TimelineMinute:
    """Who spoke in one minute of the session (seconds per role) and which markers showed in it."""

    minute: int
    coach_s: float
    client_s: float
    markers: tuple[str, ...] = ()


def session_timeline(
    minutes: Sequence[TimelineMinute], *, title: str, marker_href: str = "#marker-{slug}"
) -> Markup:
    """Per-minute stacked columns of coach and client speaking time, with marker ticks above them.

    `marker_href` is a format string with `{slug}` (the marker id with a dash, "4-2") for the tick links.
    """
    left, plot_height, tick_band = 34.0, 110.0, 34.0
    step = max(6.0, min(22.0, 640.0 / max(len(minutes), 1)))
    width = left + step * max(len(minutes), 1) + 10
    base = tick_band + plot_height
    body: list[str] = [
        _tag("line", {"x1": left, "x2": width, "y1": base, "y2": base, "class": "axis"}),
        _text(left - 6, tick_band + 10, "60s", class_="chart-muted", text_anchor="end"),
        _text(left - 6, base, "0", class_="chart-muted", text_anchor="end"),
    ]
    for position, minute in enumerate(minutes):
        x = left + position * step
        coach_h = plot_height * min(minute.coach_s, 60.0) / 60.0
        client_h = plot_height * min(minute.client_s, 60.0 - min(minute.coach_s, 60.0)) / 60.0
        label = (
            f"minute {minute.minute + 1}: coach {round(minute.coach_s)}s, client {round(minute.client_s)}s"
        )
        body.append(
            _tag(
                "g",
                {"class": "minute"},
                _tag("title", {}, str(escape(label))),
                _tag(
                    "rect",
                    {
                        "x": x,
                        "y": base - coach_h,
                        "width": step - 1.5,
                        "height": coach_h,
                        "class": "part coach",
                    },
                ),
                _tag(
                    "rect",
                    {
                        "x": x,
                        "y": base - coach_h - client_h,
                        "width": step - 1.5,
                        "height": client_h,
                        "class": "part client",
                    },
                ),
            )
        )
        for stack, marker in enumerate(minute.markers[:3]):
            slug = marker.replace(".", "-")
            body.append(
                _tag(
                    "a",
                    {"href": marker_href.format(slug=slug)},
                    _tag(
                        "circle",
                        {
                            "cx": x + (step - 1.5) / 2,
                            "cy": tick_band - 6 - stack * 9,
                            "r": 3.6,
                            "class": "marker-tick",
                        },
                        _tag("title", {}, str(escape(f"marker {marker} at minute {minute.minute + 1}"))),
                    ),
                )
            )
        if minute.minute % 5 == 0:
            body.append(_text(x, base + 16, f"{minute.minute}'", class_="chart-muted"))
    legend_y = base + 34
    body.append(
        _tag("rect", {"x": left, "y": legend_y - 10, "width": 12, "height": 12, "class": "part coach"})
    )
    body.append(_text(left + 18, legend_y, "coach", class_="chart-label"))
    body.append(
        _tag("rect", {"x": left + 80, "y": legend_y - 10, "width": 12, "height": 12, "class": "part client"})
    )
    body.append(_text(left + 98, legend_y, "client", class_="chart-label"))
    body.append(_tag("circle", {"cx": left + 166, "cy": legend_y - 4, "r": 3.6, "class": "marker-tick"}))
    body.append(_text(left + 176, legend_y, "marker evidence", class_="chart-label"))
    coach_total = sum(m.coach_s for m in minutes)
    client_total = sum(m.client_s for m in minutes)
    desc = (
        f"{len(minutes)} minutes; coach spoke {round(coach_total)} seconds, client {round(client_total)} seconds; "
        f"{sum(len(m.markers) for m in minutes)} marker evidence points"
    )
    return _svg(max(width, left + 330), legend_y + 8, title, desc, body, "timeline")


@dataclass(frozen=True)
class Point:
    """One value of a series at one x position; `href` links the dot (e.g. to that session's report)."""

    x: int
    value: float | None
    label: str = ""
    href: str | None = None
    hollow: bool = False


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[Point, ...]
    css_class: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def line_chart(
    series: Sequence[Series],
    x_labels: Sequence[str],
    *,
    title: str,
    y_max: float | None = None,
    unit: str = "",
    height: float = 220.0,
    plot_width: float = 560.0,
    integers: bool = False,
) -> Markup:
    """Lines over a shared x axis (sessions in date order); hollow dots mark practice sessions.

    A None value leaves a gap. With `y_max` None the scale fits the data (never below 1); `integers`
    keeps the four grid steps whole numbers (for counts).
    """
    left, right, top, bottom = 44.0, 16.0, 12.0, 44.0
    count = max(len(x_labels), 1)
    step = plot_width / max(count - 1, 1) if count > 1 else 0.0
    width = left + (step * (count - 1) if count > 1 else 40.0) + right + 20
    plot_height = height - top - bottom
    values = [p.value for s in series for p in s.points if p.value is not None]
    ceiling = y_max if y_max is not None else _nice_ceiling(max(values, default=1.0))
    if integers and y_max is None:
        ceiling = 4.0 * max(1, math.ceil(max(values, default=1.0) / 4))
    ceiling = ceiling or 1.0

    def x_of(index: int) -> float:
        return left + 10 + step * index

    def y_of(value: float) -> float:
        return top + plot_height * (1 - max(0.0, min(value, ceiling)) / ceiling)

    body: list[str] = []
    for tick in range(5):
        value = ceiling * tick / 4
        y = y_of(value)
        body.append(_tag("line", {"x1": left, "x2": width - right, "y1": y, "y2": y, "class": "grid"}))
        body.append(
            _text(
                left - 6, y + 4, f"{_number(round(value, 1))}{unit}", class_="chart-muted", text_anchor="end"
            )
        )
    label_every = max(1, round(count / max(2, plot_width // 70)))
    for index, label in enumerate(x_labels):
        if index % label_every == 0 or index == count - 1:
            body.append(
                _text(x_of(index), height - bottom + 18, label, class_="chart-muted", text_anchor="middle")
            )
    for number, line in enumerate(series):
        css = line.css_class or f"series-{number % 8}"
        runs: list[list[Point]] = [[]]
        for point in line.points:
            if point.value is None:
                runs.append([])
            else:
                runs[-1].append(point)
        for run in runs:
            if len(run) > 1:
                path = " ".join(
                    f"{'M' if i == 0 else 'L'}{_number(x_of(p.x))},{_number(y_of(p.value or 0.0))}"
                    for i, p in enumerate(run)
                )
                body.append(_tag("path", {"d": path, "class": f"line {css}"}))
        for point in line.points:
            if point.value is None:
                continue
            tip = f"{line.name}: {_number(round(point.value, 1))}{unit}" + (
                f" ({point.label})" if point.label else ""
            )
            dot = _tag(
                "circle",
                {
                    "cx": x_of(point.x),
                    "cy": y_of(point.value),
                    "r": 4.2,
                    "class": f"dot {css}" + (" hollow" if point.hollow else ""),
                },
                _tag("title", {}, str(escape(tip))),
            )
            body.append(_tag("a", {"href": point.href}, dot) if point.href else dot)
    desc = "; ".join(
        f"{s.name}: " + ", ".join(_number(round(p.value, 1)) for p in s.points if p.value is not None)
        for s in series
    )
    return _svg(width, height, title, desc, body, "line-chart")


def _nice_ceiling(value: float) -> float:
    """A round upper bound for an axis: 7 -> 8, 23 -> 25, 0.42 -> 0.5."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 0.1
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if factor * magnitude >= value:
            return float(factor * magnitude)
    return float(value)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
