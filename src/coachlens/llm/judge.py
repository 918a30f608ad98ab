"""Marker judgement by the model: one request per competency (per part of a long transcript).

For each competency with interpretive markers, the model gets the marker definitions from the rubric,
the offline engine's findings for them and the (redacted) transcript, and answers structured findings.
Placeholders in its answer are restored, every quote is grounded against the original transcript, and
the parts of a long session are combined marker by marker (the best-supported status wins).

`plan_judgement` only builds the requests (that is what `--dry-run` prints); `run_judgement` sends them.
An unreachable or refusing endpoint stops the run at once (the remaining requests would fail the same
way); a reply that stays unusable after its repair costs only its own competency.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from coachlens.framework.rubric import Rubric
from coachlens.llm.backend import (
    ChatMessage,
    ChatRequest,
    LLMOutputError,
    LLMRejectedError,
    LLMUnavailableError,
)
from coachlens.llm.grounding import GroundingReport, QuoteRef, ground_finding
from coachlens.llm.merge import is_interpretive
from coachlens.llm.prompts import JUDGE_PROMPT_VERSION, JUDGE_SYSTEM, judge_user_message, render_turns
from coachlens.llm.redaction import Redactor
from coachlens.llm.schemas import JudgedMarker, MarkerJudgement
from coachlens.llm.structured import StructuredCaller
from coachlens.models import CoachingSession, Evidence, MarkerFinding, Turn

log = logging.getLogger(__name__)

JUDGE_DETECTOR = "coachlens.llm_judge.v1"
OVERLAP_TURNS = 2
_RANK = {"demonstrated": 3, "partial": 2, "missed": 1, "no_opportunity": 0}


@dataclass(frozen=True)
class PlannedRequest:
    """One request of the plan: which competency and which part of the transcript it covers."""

    competency: int
    part: int
    parts: int
    markers: tuple[str, ...]
    request: ChatRequest

    @property
    def label(self) -> str:
        suffix = f", part {self.part} of {self.parts}" if self.parts > 1 else ""
        return f"competency {self.competency}{suffix}"


@dataclass(frozen=True)
class JudgeOutcome:
    """The grounded findings (source "llm") and how the run went."""

    findings: tuple[MarkerFinding, ...]
    grounding: GroundingReport
    requests_planned: int
    requests_done: int
    failures: tuple[str, ...] = field(default_factory=tuple)
    stopped: str | None = None

    @property
    def complete(self) -> bool:
        return not self.failures and self.stopped is None


def chunk_turns(turns: Sequence[Turn], max_chars: int, redactor: Redactor) -> list[tuple[Turn, ...]]:
    """Split the transcript into parts of at most `max_chars` rendered characters.

    Consecutive parts share `OVERLAP_TURNS` turns so that a reflection and the client line it answers
    are seen together; a single turn longer than the limit becomes a part of its own.
    """
    parts: list[tuple[Turn, ...]] = []
    current: list[Turn] = []
    size = 0
    for turn in turns:
        length = len(render_turns([turn], redactor)) + 1
        if current and size + length > max_chars:
            parts.append(tuple(current))
            carried = current[-OVERLAP_TURNS:] if len(current) > OVERLAP_TURNS else []
            current = list(carried)
            size = sum(len(render_turns([t], redactor)) + 1 for t in current)
            if current and size + length > max_chars:
                current, size = [], 0
        current.append(turn)
        size += length
    if current:
        parts.append(tuple(current))
    return parts


def plan_judgement(
    session: CoachingSession,
    rubric: Rubric,
    offline: Sequence[MarkerFinding],
    redactor: Redactor,
    *,
    chunk_chars: int,
) -> list[PlannedRequest]:
    """Every request the judgement would send, in order, exactly as it would be sent."""
    offline_by_id = {f.id: f for f in offline}
    parts = chunk_turns(session.turns, chunk_chars, redactor)
    planned: list[PlannedRequest] = []
    for competency in rubric.competencies:
        markers = [m for m in competency.markers if is_interpretive(m.id)]
        # Markers the offline engine could not assess stay so whatever the model says (merge rule 2).
        markers = [m for m in markers if _judgeable(offline_by_id.get(m.id))]
        if not markers:
            continue
        hints = [offline_by_id[m.id] for m in markers if m.id in offline_by_id]
        for number, turns in enumerate(parts, start=1):
            message = judge_user_message(competency, markers, hints, turns, redactor, number, len(parts))
            request = ChatRequest(
                messages=(ChatMessage("system", JUDGE_SYSTEM), ChatMessage("user", message)),
                purpose="judge",
                prompt_version=JUDGE_PROMPT_VERSION,
                temperature=0.0,
            )
            planned.append(
                PlannedRequest(competency.id, number, len(parts), tuple(m.id for m in markers), request)
            )
    return planned


def run_judgement(
    plan: Sequence[PlannedRequest],
    caller: StructuredCaller,
    session: CoachingSession,
    rubric: Rubric,
    redactor: Redactor,
) -> JudgeOutcome:
    """Send the plan, ground every answer and combine the parts; never raises for endpoint trouble."""
    candidates: dict[str, list[MarkerFinding]] = {}
    report = GroundingReport()
    failures: list[str] = []
    done = 0
    stopped: str | None = None
    for item in plan:
        try:
            reply = caller.request(item.request, MarkerJudgement)
        except (LLMUnavailableError, LLMRejectedError) as exc:
            stopped = f"{item.label}: {exc}"
            log.warning("LLM judgement stopped at %s: %s", item.label, exc)
            break
        except LLMOutputError as exc:
            failures.append(f"{item.label}: {exc}")
            continue
        done += 1
        for judged in _unique_requested(reply.findings, item.markers):
            finding, refs = _to_finding(judged, rubric, redactor)
            grounded, checked = ground_finding(finding, refs, session)
            report = report + checked
            if grounded is not None:
                candidates.setdefault(grounded.id, []).append(grounded)
    findings = tuple(_combine(parts) for parts in candidates.values())
    return JudgeOutcome(findings, report, len(plan), done, tuple(failures), stopped)


def _judgeable(offline: MarkerFinding | None) -> bool:
    return offline is None or offline.status != "not_assessable"


def _unique_requested(findings: Sequence[JudgedMarker], requested: Sequence[str]) -> list[JudgedMarker]:
    """The first finding for each requested marker; extra or repeated markers are ignored."""
    seen: set[str] = set()
    kept: list[JudgedMarker] = []
    for judged in findings:
        if judged.marker in requested and judged.marker not in seen:
            seen.add(judged.marker)
            kept.append(judged)
    return kept


def _to_finding(
    judged: JudgedMarker, rubric: Rubric, redactor: Redactor
) -> tuple[MarkerFinding, list[QuoteRef]]:
    """The model's finding with placeholders restored; evidence is filled in by grounding."""
    refs = [QuoteRef(turn=q.turn, quote=redactor.restore(q.quote)) for q in judged.evidence]
    finding = MarkerFinding(
        id=judged.marker,
        competency=rubric.marker(judged.marker).competency,
        status=judged.status,
        confidence=judged.confidence,
        evidence=(),
        rationale=" ".join(redactor.restore(judged.rationale).split()),
        detector=JUDGE_DETECTOR,
        source="llm",
    )
    return finding, refs


def _combine(parts: Sequence[MarkerFinding]) -> MarkerFinding:
    """One finding per marker from several transcript parts: the strongest status the parts support,
    with the evidence of every part that reached it."""
    best_rank = max(_RANK.get(p.status, 0) for p in parts)
    top = [p for p in parts if _RANK.get(p.status, 0) == best_rank]
    lead = max(top, key=lambda p: p.confidence)
    evidence: list[Evidence] = []
    for part in top:
        for item in part.evidence:
            if all((e.turn, e.quote) != (item.turn, item.quote) for e in evidence):
                evidence.append(item)
    return MarkerFinding(
        id=lead.id,
        competency=lead.competency,
        status=lead.status,
        confidence=lead.confidence,
        evidence=tuple(sorted(evidence, key=lambda e: e.turn)[:5]),
        rationale=lead.rationale,
        detector=lead.detector,
        source=lead.source,
    )
