"""Keeping practice sessions: stored like any session (kind `practice`) with the assessment and debrief.

The stored assessment document is the ordinary `coachlens.assessment/1` JSON with one added field,
`practice`, holding the debrief and the run (trust per turn, layers, the ethics note), so the report
pages, the dashboard and the export all work unchanged and the debrief page can be rebuilt from storage.
"""

from __future__ import annotations

from typing import Any

from coachlens.practice.chart import ChartPoint, ChartThreshold, trust_chart_svg
from coachlens.practice.debrief import Debrief
from coachlens.storage import Database, NewSession, add_session, save_assessment, transcript_document
from coachlens.storage.records import SessionRecord

PRACTICE_TAG = "practice"


def save_practice(db: Database, debrief: Debrief) -> str:
    """Store the practice transcript and its assessment; returns the new session id."""
    run = debrief.run
    session = run.to_coaching_session()
    new = NewSession(
        title=session.title,
        filename=f"practice-{run.persona_id}.txt",
        content=run.transcript_text().encode("utf-8"),
        source_format=session.source_format,
        transcript=transcript_document(session),
        roles_inferred=False,
        roles_confirmed=True,
        kind="practice",
        client_pseudonym=run.persona_name,
        tags=(PRACTICE_TAG, run.persona_id),
    )
    record = add_session(db, new)
    save_assessment(db, record.id, stored_document(debrief))
    return record.id


def stored_document(debrief: Debrief) -> dict[str, Any]:
    """The assessment JSON with the practice debrief and run added under `practice`."""
    document = debrief.assessment.to_dict()
    # The chart is redrawn from the run when shown (chart_from_section), so only data is stored.
    document["practice"] = {**debrief.to_dict(), "run": debrief.run.to_dict()}
    return document


def practice_section(record: SessionRecord) -> dict[str, Any] | None:
    """The stored debrief of a practice session (None for a real session or one not yet assessed)."""
    document = record.assessment or {}
    section = document.get("practice") if isinstance(document, dict) else None
    return section if isinstance(section, dict) else None


def chart_from_section(section: dict[str, Any], title: str = "Trust over the session") -> str:
    """Redraw the trust chart from a stored debrief (every text escaped again by the chart code)."""
    run = section.get("run") or {}
    opened = {e.get("coach_turn"): e.get("layer") for e in run.get("layer_events", [])}
    points = [ChartPoint(turn=0, trust=float(run.get("starting_trust", 0.0)), note="start")]
    coach_turns = [t for t in run.get("turns", []) if t.get("role") == "coach"]
    for number, turn in enumerate(coach_turns, start=1):
        reasons = [str(r.get("label", "")) for r in turn.get("reasons", [])[:3] if isinstance(r, dict)]
        points.append(
            ChartPoint(
                turn=number,
                trust=float(turn.get("trust", 0.0)),
                delta=float(turn.get("trust_delta", 0.0)),
                note="; ".join(reasons),
                opened_layer=opened.get(turn.get("index")),
            )
        )
    thresholds = [
        ChartThreshold(layer=int(o["layer"]), trust=int(o["threshold"]), label=str(o.get("kind", "")))
        for o in section.get("layers", [])
        if isinstance(o, dict) and "layer" in o and "threshold" in o
    ]
    return trust_chart_svg(points, thresholds, title=title)
