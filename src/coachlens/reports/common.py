"""Shared pieces of the report renderers: reading the assessment document, labels, times, names.

Renderers take the `coachlens.assessment/1` document (a mapping), so the web app can render a
stored assessment without the engine; an `Assessment` object is turned into that document first.
Fields are read defensively: an older or partial document renders with sections left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coachlens.errors import CoachlensError, FrameworkError
from coachlens.framework import Rubric, load_rubric
from coachlens.models import Assessment

STATUS_LABELS: dict[str, str] = {
    "demonstrated": "demonstrated",
    "partial": "partly shown",
    "missed": "missed",
    "not_assessable": "not assessable",
    "no_opportunity": "no opportunity",
}
KNOCKOUT_LABELS: dict[str, str] = {
    "consulting": "mostly telling: consulting, not coaching",
    "coach_dominates": "the coach did most of the talking",
}
READINESS_LABELS: dict[str, str] = {"below_acc": "Below ACC", "acc": "ACC", "pcc": "PCC", "mcc": "MCC"}
REWRITE_LABELS: dict[str, str] = {
    "closed_to_open": "closed to open",
    "stacked_to_one": "one question at a time",
    "advice_to_question": "advice to an evoking question",
    "leading_to_neutral": "leading to neutral",
    "why_to_what": "'why' to 'what'",
}
METRIC_LABELS: tuple[tuple[str, str, str], ...] = (
    ("coach_talk_share", "Coach share of the words spoken", "percent"),
    ("coach_talk_share_time", "Coach share of the speaking time", "percent"),
    ("questions", "Questions asked", "int"),
    ("questions_open", "Open questions", "int"),
    ("questions_closed", "Closed questions", "int"),
    ("open_question_share", "Share of questions that were open", "percent"),
    ("stacked_question_turns", "Turns with stacked questions", "int"),
    ("questions_leading", "Leading questions", "int"),
    ("why_questions", "'Why' questions", "int"),
    ("reflections", "Reflections", "int"),
    ("summaries", "Summaries", "int"),
    ("reflection_to_question_ratio", "Reflections per question", "ratio"),
    ("advice", "Advice (sentences)", "int"),
    ("information", "Information given (sentences)", "int"),
    ("telling_share", "Coach turns with advice or information", "percent"),
    ("avg_coach_turn_words", "Average coach turn (words)", "ratio"),
    ("longest_coach_monologue_words", "Longest coach turn (words)", "int"),
    ("client_words_per_coach_question", "Client words per coach question", "ratio"),
    ("pauses", "Pauses of 3 s or more", "int"),
    ("interruptions", "Times the coach cut in", "int"),
)


def assessment_document(assessment: Assessment | Mapping[str, Any]) -> Mapping[str, Any]:
    """The assessment as its JSON document; raises CoachlensError for something that is not one."""
    if isinstance(assessment, Assessment):
        return assessment.to_dict()
    if not isinstance(assessment, Mapping) or "markers" not in assessment:
        raise CoachlensError("this is not a coachlens assessment (no markers); run `coachlens assess` first")
    return assessment


def rubric_for(document: Mapping[str, Any]) -> Rubric | None:
    """The rubric the assessment names, for marker and competency names; None if not installed."""
    rubric = document.get("rubric") or {}
    try:
        return load_rubric(str(rubric.get("id") or "") or None)
    except (FrameworkError, CoachlensError):
        return None


def marker_name(rubric: Rubric | None, marker_id: str) -> str:
    """The marker's short name from the rubric, or '' when the rubric is not installed."""
    if rubric is not None and rubric.has_marker(marker_id):
        return rubric.marker(marker_id).short_name
    return ""


def clock(seconds: object) -> str:
    """'03:12' (or '1:02:03') for seconds; '' when unknown."""
    if not isinstance(seconds, int | float):
        return ""
    total = max(0, round(float(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def where(turn: object, start_s: object) -> str:
    """'03:12, turn 14' or 'turn 14'."""
    at = clock(start_s)
    return f"{at}, turn {turn}" if at else f"turn {turn}"


def metric_value(value: object, kind: str) -> str:
    """A metric formatted for reading (percent, ratio or as is; 'n/a' for none)."""
    if value is None:
        return "n/a"
    if kind == "percent" and isinstance(value, int | float):
        return f"{float(value):.0%}"
    if kind == "ratio" and isinstance(value, int | float):
        return f"{float(value):.2f}".rstrip("0").rstrip(".")
    return str(value)


def marker_slug(marker_id: str) -> str:
    """'6.7' -> 'marker-6-7' (an HTML id)."""
    return "marker-" + marker_id.replace(".", "-")


def as_list(value: object) -> list[Any]:
    """The value if it is a list or tuple, else an empty list."""
    return list(value) if isinstance(value, list | tuple) else []


def as_map(value: object) -> Mapping[str, Any]:
    """The value if it is a mapping, else an empty one."""
    return value if isinstance(value, Mapping) else {}
