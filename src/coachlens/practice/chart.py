"""The trust journey as a small, self-contained SVG (no scripts, no external fonts or styles).

x is the coach turn (0 = before the first turn), y is trust (0-100). Dashed lines mark each hidden
layer's threshold; dots mark the turns that moved trust most (green up, red down) with a tooltip
naming why; diamonds mark the turns that opened a layer. Every text is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH = 640
HEIGHT = 240
PAD_LEFT = 40
PAD_RIGHT = 96
PAD_TOP = 16
PAD_BOTTOM = 34
UP = "#2f7d4f"
DOWN = "#b3412e"
LINE = "#2b4c7e"
GRID = "#d5d9e0"
TEXT = "#3a3f47"


@dataclass(frozen=True)
class ChartPoint:
    turn: int
    trust: float
    delta: float = 0.0
    note: str = ""
    opened_layer: int | None = None


@dataclass(frozen=True)
class ChartThreshold:
    layer: int
    trust: int
    label: str


def trust_chart_svg(
    points: Sequence[ChartPoint],
    thresholds: Sequence[ChartThreshold],
    *,
    title: str = "Trust over the session",
    moved_by: float = 4.0,
) -> str:
    """An SVG line chart of trust per coach turn; `moved_by` is the change that earns a dot."""
    last_turn = max((p.turn for p in points), default=1) or 1
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(turn: int) -> float:
        return round(PAD_LEFT + plot_w * turn / last_turn, 1)

    def y(trust: float) -> float:
        return round(PAD_TOP + plot_h * (1 - max(0.0, min(100.0, trust)) / 100), 1)

    summary = _describe(points, thresholds)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="trust-title trust-desc" class="trust-chart" '
        f'font-family="system-ui, sans-serif" font-size="11">',
        f'<title id="trust-title">{escape(title)}</title>',
        f'<desc id="trust-desc">{escape(summary)}</desc>',
    ]
    for value in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{PAD_LEFT}" y1="{y(value)}" x2="{PAD_LEFT + plot_w}" y2="{y(value)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{PAD_LEFT - 6}" y="{y(value) + 4}" text-anchor="end" fill="{TEXT}">{value}</text>'
        )
    for threshold in thresholds:
        ty = y(threshold.trust)
        parts.append(
            f'<line x1="{PAD_LEFT}" y1="{ty}" x2="{PAD_LEFT + plot_w}" y2="{ty}" stroke="{TEXT}" '
            f'stroke-width="1" stroke-dasharray="4 4" opacity="0.6"/>'
            f'<text x="{PAD_LEFT + plot_w + 6}" y="{ty + 4}" fill="{TEXT}">'
            f"{escape(f'layer {threshold.layer}: {threshold.label}'[:22])}</text>"
        )
    if points:
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(p.turn)},{y(p.trust)}" for i, p in enumerate(points))
        parts.append(f'<path d="{path}" fill="none" stroke="{LINE}" stroke-width="2.2"/>')
    for point in points:
        if point.opened_layer is not None:
            cx, cy = x(point.turn), y(point.trust)
            parts.append(
                f'<path d="M{cx},{cy - 8} L{cx + 7},{cy} L{cx},{cy + 8} L{cx - 7},{cy} Z" fill="#f2c14e" '
                f'stroke="{TEXT}" stroke-width="1"><title>{escape(_tooltip(point))}</title></path>'
            )
        elif abs(point.delta) >= moved_by:
            colour = UP if point.delta > 0 else DOWN
            parts.append(
                f'<circle cx="{x(point.turn)}" cy="{y(point.trust)}" r="5" fill="{colour}">'
                f"<title>{escape(_tooltip(point))}</title></circle>"
            )
    step = 1 if last_turn <= 20 else 5
    for turn in range(0, last_turn + 1, step):
        parts.append(
            f'<text x="{x(turn)}" y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle" fill="{TEXT}">{turn}</text>'
        )
    parts.append(
        f'<text x="{PAD_LEFT + plot_w / 2}" y="{HEIGHT - 4}" text-anchor="middle" fill="{TEXT}">coach turn</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _tooltip(point: ChartPoint) -> str:
    head = f"turn {point.turn}: trust {point.trust:.0f} ({point.delta:+.0f})"
    if point.opened_layer is not None:
        head += f", opened layer {point.opened_layer}"
    return f"{head}. {point.note}" if point.note else head


def _describe(points: Sequence[ChartPoint], thresholds: Sequence[ChartThreshold]) -> str:
    if not points:
        return "No turns yet."
    start, end = points[0].trust, points[-1].trust
    peak = max(points, key=lambda p: p.trust)
    opened = [p for p in points if p.opened_layer is not None]
    text = f"Trust went from {start:.0f} to {end:.0f} over {points[-1].turn} coach turns, peaking at {peak.trust:.0f}"
    text += f" at turn {peak.turn}."
    if opened:
        text += " Layers opened at turns " + ", ".join(str(p.turn) for p in opened) + "."
    elif thresholds:
        text += " No hidden layer opened."
    return text
