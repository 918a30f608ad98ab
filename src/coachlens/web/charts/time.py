"""Charts over time: a session's minute-by-minute timeline and lines across sessions (the dashboard)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from coachlens.web.charts.svg import fmt_number, nice_ceiling, svg_chart, svg_text, tag


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
        tag("line", {"x1": left, "x2": width, "y1": base, "y2": base, "class": "axis"}),
        svg_text(left - 6, tick_band + 10, "60s", class_="chart-muted", text_anchor="end"),
        svg_text(left - 6, base, "0", class_="chart-muted", text_anchor="end"),
    ]
    for position, minute in enumerate(minutes):
        x = left + position * step
        coach_h = plot_height * min(minute.coach_s, 60.0) / 60.0
        client_h = plot_height * min(minute.client_s, 60.0 - min(minute.coach_s, 60.0)) / 60.0
        label = (
            f"minute {minute.minute + 1}: coach {round(minute.coach_s)}s, client {round(minute.client_s)}s"
        )
        body.append(
            tag(
                "g",
                {"class": "minute"},
                tag("title", {}, str(escape(label))),
                tag(
                    "rect",
                    {
                        "x": x,
                        "y": base - coach_h,
                        "width": step - 1.5,
                        "height": coach_h,
                        "class": "part coach",
                    },
                ),
                tag(
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
                tag(
                    "a",
                    {"href": marker_href.format(slug=slug)},
                    tag(
                        "circle",
                        {
                            "cx": x + (step - 1.5) / 2,
                            "cy": tick_band - 6 - stack * 9,
                            "r": 3.6,
                            "class": "marker-tick",
                        },
                        tag("title", {}, str(escape(f"marker {marker} at minute {minute.minute + 1}"))),
                    ),
                )
            )
        if minute.minute % 5 == 0:
            body.append(svg_text(x, base + 16, f"{minute.minute}'", class_="chart-muted"))
    legend_y = base + 34
    body.append(
        tag("rect", {"x": left, "y": legend_y - 10, "width": 12, "height": 12, "class": "part coach"})
    )
    body.append(svg_text(left + 18, legend_y, "coach", class_="chart-label"))
    body.append(
        tag("rect", {"x": left + 80, "y": legend_y - 10, "width": 12, "height": 12, "class": "part client"})
    )
    body.append(svg_text(left + 98, legend_y, "client", class_="chart-label"))
    body.append(tag("circle", {"cx": left + 166, "cy": legend_y - 4, "r": 3.6, "class": "marker-tick"}))
    body.append(svg_text(left + 176, legend_y, "marker evidence", class_="chart-label"))
    coach_total = sum(m.coach_s for m in minutes)
    client_total = sum(m.client_s for m in minutes)
    desc = (
        f"{len(minutes)} minutes; coach spoke {round(coach_total)} seconds, client {round(client_total)} seconds; "
        f"{sum(len(m.markers) for m in minutes)} marker evidence points"
    )
    return svg_chart(max(width, left + 330), legend_y + 8, title, desc, body, "timeline")


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
    ceiling = y_max if y_max is not None else nice_ceiling(max(values, default=1.0))
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
        body.append(tag("line", {"x1": left, "x2": width - right, "y1": y, "y2": y, "class": "grid"}))
        body.append(
            svg_text(
                left - 6,
                y + 4,
                f"{fmt_number(round(value, 1))}{unit}",
                class_="chart-muted",
                text_anchor="end",
            )
        )
    label_every = max(1, round(count / max(2, plot_width // 70)))
    for index, label in enumerate(x_labels):
        if index % label_every == 0 or index == count - 1:
            body.append(
                svg_text(x_of(index), height - bottom + 18, label, class_="chart-muted", text_anchor="middle")
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
                    f"{'M' if i == 0 else 'L'}{fmt_number(x_of(p.x))},{fmt_number(y_of(p.value or 0.0))}"
                    for i, p in enumerate(run)
                )
                body.append(tag("path", {"d": path, "class": f"line {css}"}))
        for point in line.points:
            if point.value is None:
                continue
            tip = f"{line.name}: {fmt_number(round(point.value, 1))}{unit}" + (
                f" ({point.label})" if point.label else ""
            )
            dot = tag(
                "circle",
                {
                    "cx": x_of(point.x),
                    "cy": y_of(point.value),
                    "r": 4.2,
                    "class": f"dot {css}" + (" hollow" if point.hollow else ""),
                },
                tag("title", {}, str(escape(tip))),
            )
            body.append(tag("a", {"href": point.href}, dot) if point.href else dot)
    desc = "; ".join(
        f"{s.name}: " + ", ".join(fmt_number(round(p.value, 1)) for p in s.points if p.value is not None)
        for s in series
    )
    return svg_chart(width, height, title, desc, body, "line-chart")
