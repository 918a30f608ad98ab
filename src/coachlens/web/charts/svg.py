"""SVG building blocks shared by the charts: escaped attributes and text, ids, the `<svg>` wrapper."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from markupsafe import Markup, escape

# Each chart's <title>/<desc> ids must be unique on a page; a process-wide counter is the simplest way.
_chart_ids = itertools.count(1)


def _attrs(values: dict[str, object]) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        parts.append(f' {name}="{escape(fmt_number(value) if isinstance(value, float) else value)}"')
    return "".join(parts)


def fmt_number(value: float) -> str:
    """Short coordinates: 12.0 -> "12", 3.14159 -> "3.14"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def tag(name: str, attrs: dict[str, object], *children: str) -> str:
    """One element with escaped attribute values; `children` must already be markup."""
    if not children:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{''.join(children)}</{name}>"


def svg_text(x: float, y: float, content: str, **attrs: object) -> str:
    """A `<text>` element with `content` escaped (`class_="x"` and `text_anchor="end"` style keywords)."""
    return tag("text", {"x": x, "y": y, **_dashed(attrs)}, str(escape(content)))


def _dashed(attrs: dict[str, object]) -> dict[str, object]:
    """Python keyword names to SVG attribute names: text_anchor -> text-anchor, class_ -> class."""
    return {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}


def svg_chart(
    width: float, height: float, title: str, desc: str, body: Iterable[str], css_class: str
) -> Markup:
    """The finished `<svg>`: natural size, `role="img"`, labelled by its title and description."""
    chart_id = f"chart-{next(_chart_ids)}"
    head = tag("title", {"id": f"{chart_id}-title"}, str(escape(title))) + tag(
        "desc", {"id": f"{chart_id}-desc"}, str(escape(desc))
    )
    svg = tag(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {fmt_number(width)} {fmt_number(height)}",
            # The natural size; CSS lets the chart shrink on narrow screens but never blow up its text.
            "width": fmt_number(width),
            "height": fmt_number(height),
            "class": f"chart {css_class}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "preserveAspectRatio": "xMinYMin meet",
        },
        head,
        *body,
    )
    return Markup(svg)


def nice_ceiling(value: float) -> float:
    """A round upper bound for an axis: 7 -> 8, 23 -> 25, 0.42 -> 0.5."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 0.1
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if factor * magnitude >= value:
            return float(factor * magnitude)
    return float(value)


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int) -> list[str]:
    """Words packed into lines of at most `width` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
