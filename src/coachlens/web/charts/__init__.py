"""Server-rendered SVG charts for the report and dashboard pages (no front-end chart library).

Every chart is a function from plain data to `Markup` holding one inline `<svg>`. All text that goes
into the SVG (labels, titles, link targets) is escaped here, so a session title or speaker name with
markup in it shows as text. Charts carry `role="img"`, a `<title>` and a `<desc>`; the pages put the
same numbers in a table next to each chart for screen readers and for copying.

Colours are CSS classes (`series-0` ... `series-7`, `coach`, `client`, ...) styled in `style.css`, so
the charts follow the page's palette and print legibly.
"""

from coachlens.web.charts.bars import Bar, Share, column_chart, score_bars, share_bars
from coachlens.web.charts.time import Point, Series, TimelineMinute, line_chart, session_timeline

__all__ = [
    "Bar",
    "Point",
    "Series",
    "Share",
    "TimelineMinute",
    "column_chart",
    "line_chart",
    "score_bars",
    "session_timeline",
    "share_bars",
]
