"""The progress dashboard: how the coach's sessions develop over time, and what to work on next."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from coachlens.framework import Rubric, load_rubric
from coachlens.storage import SessionKind, assessed_sessions
from coachlens.web.charts import Point, Series, line_chart
from coachlens.web.deps import DatabaseDep, SettingsDep, TemplatesDep
from coachlens.web.page_helpers import nice_date
from coachlens.web.progress import ProgressView, build_progress

router = APIRouter(include_in_schema=False)

# The three small trend charts sit side by side; a narrower plot keeps their text at its natural size.
TREND_WIDTH = 270.0
KIND_FILTERS = {"all": "All sessions", "real": "Client sessions", "practice": "Practice sessions"}


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(
    request: Request,
    db: DatabaseDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    kind: Annotated[str, Query(max_length=20)] = "all",
) -> Response:
    """Scores over time, markers most often missed, metric trends and a suggested focus."""
    chosen = kind if kind in KIND_FILTERS else "all"
    wanted: SessionKind | None = None if chosen == "all" else "real" if chosen == "real" else "practice"
    # The demo sessions stand in until the coach has sessions of their own; then they would blur the trend.
    records = assessed_sessions(db, kind=wanted, include_demo=False)
    demo_only = not records
    if demo_only:
        records = assessed_sessions(db, kind=wanted)
    rubric = load_rubric(settings.rubric)
    progress = build_progress(records, rubric)
    return templates.TemplateResponse(
        request,
        "dashboard.html",
        {
            "nav": "dashboard",
            "progress": progress,
            "rubric": rubric,
            "kind": chosen,
            "kind_filters": KIND_FILTERS,
            "demo_only": demo_only and bool(records),
            "charts": dashboard_charts(progress, rubric) if progress.points else {},
        },
    )


def dashboard_charts(progress: ProgressView, rubric: Rubric) -> dict[str, Any]:
    """The dashboard's line charts; every dot links to its session's report."""
    points = progress.points
    labels = [f"{p.when.day} {p.when.strftime('%b')}" for p in points]

    def series(name: str, values: list[float | None], css: str = "") -> Series:
        return Series(
            name=name,
            css_class=css,
            points=tuple(
                Point(
                    x=index,
                    value=value,
                    label=f"{p.title}, {nice_date(p.when)}" + (", practice" if p.practice else ""),
                    href=f"/sessions/{p.id}",
                    hollow=p.practice,
                )
                for index, (p, value) in enumerate(zip(points, values, strict=True))
            ),
        )

    names = {c.id: c.name for c in rubric.competencies}
    competency_series = [
        series(
            f"{cid} {names.get(cid, '')}".strip(),
            [p.competency_scores.get(cid) for p in points],
            f"series-{n % 8}",
        )
        for n, cid in enumerate(progress.competency_ids)
    ]
    return {
        "overall": line_chart(
            [series("Overall score", [p.overall for p in points], "series-overall")],
            labels,
            title="Overall score per session (0-100)",
            y_max=100,
        ),
        "competencies": line_chart(
            competency_series, labels, title="Competency scores per session (0-100)", y_max=100, height=260
        ),
        "competency_legend": [(s.name, s.css_class) for s in competency_series],
        "talk_share": line_chart(
            [series("Coach talk share", [_pct(p.talk_share) for p in points], "coach")],
            labels,
            title="Coach's share of the words (%)",
            y_max=100,
            unit="%",
            height=180,
            plot_width=TREND_WIDTH,
        ),
        "open_share": line_chart(
            [series("Open questions", [_pct(p.open_question_share) for p in points], "series-2")],
            labels,
            title="Open questions among all questions (%)",
            y_max=100,
            unit="%",
            height=180,
            plot_width=TREND_WIDTH,
        ),
        "reflections": line_chart(
            [series("Reflections", [_count(p.reflections) for p in points], "series-4")],
            labels,
            title="Reflections per session",
            height=180,
            plot_width=TREND_WIDTH,
            integers=True,
        ),
    }


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _count(value: int | None) -> float | None:
    return None if value is None else float(value)
