"""HTML pages for stored sessions: the list, one session's report (or its job status), job polling.

Management actions (rename, tag, delete, retry, downloads) are in `pages_manage.py`; the upload flow
and role confirmation in `upload.py`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from coachlens.errors import FrameworkError
from coachlens.framework import Rubric, load_rubric
from coachlens.storage import SESSION_SORTS, SessionKind, get_session, list_annotations, list_sessions
from coachlens.storage.records import SessionSort, SessionSummary
from coachlens.web.charts import Bar, Share, column_chart, score_bars, session_timeline, share_bars
from coachlens.web.deps import DatabaseDep, SettingsDep, TemplatesDep
from coachlens.web.downloads import available_formats
from coachlens.web.mentoring_view import group_notes, remembered_mentor
from coachlens.web.page_helpers import stage_label
from coachlens.web.report_view import ReportView, build_report
from coachlens.web.transcript_view import filter_visibility

router = APIRouter(include_in_schema=False)

SORT_LABELS: dict[str, str] = {
    "newest": "Newest upload first",
    "oldest": "Oldest upload first",
    "session_date": "Session date",
    "title": "Title",
    "score_high": "Highest score",
    "score_low": "Lowest score",
}


@router.get("/", response_class=HTMLResponse)
@router.get("/sessions", response_class=HTMLResponse)
def sessions_page(
    request: Request,
    db: DatabaseDep,
    templates: TemplatesDep,
    q: Annotated[str, Query(max_length=200)] = "",
    sort: Annotated[str, Query(max_length=20)] = "newest",
    kind: Annotated[str, Query(max_length=20)] = "",
    deleted: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """Every stored session, searchable and sortable, with its status and headline result."""
    chosen_sort: SessionSort = _pick_sort(sort)
    chosen_kind: SessionKind | None = "real" if kind == "real" else "practice" if kind == "practice" else None
    sessions = list_sessions(db, search=q or None, sort=chosen_sort, kind=chosen_kind)
    everything = sessions if not (q or chosen_kind) else list_sessions(db)
    return templates.TemplateResponse(
        request,
        "sessions.html",
        {
            "nav": "sessions",
            "sessions": sessions,
            "total": len(everything),
            "q": q,
            "sort": chosen_sort,
            "kind": chosen_kind or "",
            "sort_labels": SORT_LABELS,
            "deleted": deleted,
            "demo_report": _first_demo_report(everything),
            "only_demos": bool(everything) and all(s.demo_id for s in everything),
        },
    )


@router.get("/sessions/{session_id}", response_class=HTMLResponse)
def session_page(
    session_id: str,
    request: Request,
    db: DatabaseDep,
    settings: SettingsDep,
    templates: TemplatesDep,
    marker: Annotated[str, Query(max_length=10)] = "",
    competency: Annotated[str, Query(max_length=3)] = "",
) -> Response:
    """The session report once assessed; before that, the job's progress (or why it failed)."""
    record = get_session(db, session_id)
    if record.assessment is None:
        return templates.TemplateResponse(
            request,
            "session_status.html",
            {"nav": "sessions", "session": record, "stage_text": stage_label(record.stage)},
        )
    rubric = _rubric_for(record.assessment, settings.rubric)
    report = build_report(record.assessment, rubric)
    chosen_marker = marker if any(m.id == marker for m in report.marker_rows) else ""
    chosen_competency = _competency_filter(competency, report)
    return templates.TemplateResponse(
        request,
        "report.html",
        {
            "nav": "sessions",
            "session": record,
            "report": report,
            "charts": _report_charts(report),
            "filter_marker": chosen_marker,
            "filter_competency": chosen_competency,
            "visibility": filter_visibility(report.turns, chosen_marker, chosen_competency),
            "downloads": available_formats(),
            "rubric": rubric,
            "mentor_notes": group_notes(list_annotations(db, session_id)),
            "mentor_name": remembered_mentor(request),
        },
    )


@router.get("/sessions/{session_id}/status")
def session_status(session_id: str, db: DatabaseDep) -> JSONResponse:
    """A small job-status document the upload and status pages poll (no assessment body)."""
    record = get_session(db, session_id)
    return JSONResponse(status_document(record), headers={"cache-control": "no-store"})


def status_document(summary: SessionSummary) -> dict[str, Any]:
    """What a polling page needs: status, stage, progress, the failure reason and where to go next."""
    return {
        "id": summary.id,
        "status": summary.status,
        "stage": summary.stage,
        "stage_label": stage_label(summary.stage),
        "progress": summary.progress,
        "error": summary.error,
        "needs_roles": summary.needs_role_confirmation,
        "report_url": f"/sessions/{summary.id}",
    }


def _pick_sort(sort: str) -> SessionSort:
    for known in SESSION_SORTS:
        if sort == known:
            return known
    return "newest"


def _first_demo_report(sessions: list[SessionSummary]) -> SessionSummary | None:
    demos = [s for s in sessions if s.demo_id and s.status == "done"]
    strongest = [s for s in demos if s.demo_id == "strong-pcc"]
    chosen = strongest or demos
    return chosen[0] if chosen else None


def _rubric_for(assessment: dict[str, Any], default_id: str) -> Rubric:
    rubric_ref = assessment.get("rubric")
    wanted = rubric_ref.get("id") if isinstance(rubric_ref, dict) else None
    if isinstance(wanted, str) and wanted:
        try:
            return load_rubric(wanted)
        except FrameworkError:
            pass
    return load_rubric(default_id)


def _competency_filter(value: str, report: ReportView) -> int | None:
    if value.isdigit() and any(c.id == int(value) and c.markers for c in report.competencies):
        return int(value)
    return None


def _talk_rows(report: ReportView) -> list[tuple[str, list[Share]]]:
    talk = report.talk
    rows = [
        ("Words", [Share("Coach", talk.coach_words, "coach"), Share("Client", talk.client_words, "client")])
    ]
    if talk.coach_seconds is not None and talk.client_seconds is not None:
        rows.append(
            (
                "Time",
                [Share("Coach", talk.coach_seconds, "coach"), Share("Client", talk.client_seconds, "client")],
            )
        )
    return rows


def _report_charts(report: ReportView) -> dict[str, Any]:
    charts: dict[str, Any] = {
        "competencies": score_bars(
            [
                Bar(
                    label=f"{c.id} {c.name}",
                    value=c.score,
                    href=f"#competency-{c.id}" if c.markers else f"/library/competencies/{c.id}",
                )
                for c in report.competencies
                if c.score is not None
            ],
            title="Competency scores (0-100)",
        ),
        "talk": share_bars(_talk_rows(report), title="Talk share of coach and client"),
        "questions": column_chart(
            [Bar(label=label, value=count) for label, count in report.question_counts],
            title="Coach turns by question type",
        ),
        "acts": column_chart(
            [Bar(label=label, value=count) for label, count in report.act_counts],
            title="Coach turns by what the coach did",
        ),
        "timeline": None,
    }
    if report.timeline:
        charts["timeline"] = session_timeline(report.timeline, title="Who spoke, minute by minute")
    return charts
