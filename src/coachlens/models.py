"""Domain model: frozen dataclasses shared by every layer.

`CoachingSession` is never called `Session`: that name belongs to the database layer.
The JSON shapes produced here are the stable contracts in DESIGN.md
(`coachlens.transcript/1`, `coachlens.assessment/1`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["coach", "client", "unknown"]
MarkerStatus = Literal["demonstrated", "partial", "missed", "not_assessable", "no_opportunity"]
ReadinessLevel = Literal["below_acc", "acc", "pcc", "mcc"]

TRANSCRIPT_SCHEMA = "coachlens.transcript/1"
ASSESSMENT_SCHEMA = "coachlens.assessment/1"

ROLES: tuple[Role, ...] = ("coach", "client", "unknown")
MARKER_STATUSES: tuple[MarkerStatus, ...] = (
    "demonstrated",
    "partial",
    "missed",
    "not_assessable",
    "no_opportunity",
)

# The act vocabulary of DESIGN.md; a coach turn may carry several.
ACTS: tuple[str, ...] = (
    "question.open",
    "question.closed",
    "question.leading",
    "question.stacked",
    "reflection",
    "summary",
    "acknowledgment",
    "empathy",
    "advice",
    "information",
    "self_disclosure",
    "observation",
    "permission",
    "invitation",
    "celebration",
    "other",
)


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted contribution; consecutive cues of one speaker are merged."""

    index: int
    speaker: str
    role: Role
    start_s: float | None
    end_s: float | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "speaker": self.speaker,
            "role": self.role,
            "start_s": self.start_s,
            "end_s": self.end_s,
            "text": self.text,
        }


@dataclass(frozen=True)
class CoachingSession:
    """A coaching conversation: metadata plus ordered turns.

    `roles_inferred` is True when roles were guessed rather than read from `Coach:`/`Client:`
    labels or overrides; `role_confidence` (0-1) says how sure the guess is.
    """

    title: str
    source_format: str
    turns: tuple[Turn, ...]
    roles_inferred: bool = False
    role_confidence: float | None = None
    warnings: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def duration_s(self) -> float | None:
        ends = [t.end_s if t.end_s is not None else t.start_s for t in self.turns]
        starts = [t.start_s for t in self.turns if t.start_s is not None]
        known_ends = [e for e in ends if e is not None]
        if not starts or not known_ends:
            return None
        return round(max(known_ends) - min(0.0, min(starts)), 3)

    @property
    def speakers(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for turn in self.turns:
            seen.setdefault(turn.speaker, None)
        return tuple(seen)

    @property
    def has_timestamps(self) -> bool:
        return any(t.start_s is not None for t in self.turns)

    def turns_by_role(self, role: Role) -> tuple[Turn, ...]:
        return tuple(t for t in self.turns if t.role == role)

    def to_transcript_dict(self) -> dict[str, Any]:
        """The `coachlens.transcript/1` JSON shape."""
        return {
            "schema": TRANSCRIPT_SCHEMA,
            "title": self.title,
            "source_format": self.source_format,
            "duration_s": self.duration_s,
            "turns": [t.to_dict() for t in self.turns],
        }


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from one turn; `quote` is always a substring of that turn's text."""

    turn: int
    quote: str
    start_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"turn": self.turn, "quote": self.quote, "start_s": self.start_s}


@dataclass(frozen=True)
class MarkerFinding:
    """What one detector concluded about one PCC marker."""

    id: str
    competency: int
    status: MarkerStatus
    confidence: float
    evidence: tuple[Evidence, ...]
    rationale: str
    detector: str
    source: str = "offline"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "competency": self.competency,
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_dict() for e in self.evidence],
            "rationale": self.rationale,
            "detector": self.detector,
            "source": self.source,
        }


@dataclass(frozen=True)
class CompetencyScore:
    id: int
    name: str
    score: float
    markers_demonstrated: int
    markers_total: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": round(self.score, 1),
            "markers_demonstrated": self.markers_demonstrated,
            "markers_total": self.markers_total,
        }


@dataclass(frozen=True)
class Readiness:
    level: ReadinessLevel
    rationale: str
    knockouts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "advisory": True,
            "rationale": self.rationale,
            "knockouts": list(self.knockouts),
        }


@dataclass(frozen=True)
class FeedbackItem:
    """A strength or growth area; always tied to a turn of the transcript."""

    title: str
    detail: str
    turn: int
    quote: str
    start_s: float | None = None
    marker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "detail": self.detail,
            "turn": self.turn,
            "quote": self.quote,
            "start_s": self.start_s,
            "marker": self.marker,
        }


@dataclass(frozen=True)
class Rewrite:
    """One of the coach's own lines and a stronger version built from it."""

    turn: int
    original: str
    suggestion: str
    kind: str
    why: str
    start_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "original": self.original,
            "suggestion": self.suggestion,
            "kind": self.kind,
            "why": self.why,
            "start_s": self.start_s,
        }


@dataclass(frozen=True)
class Feedback:
    strengths: tuple[FeedbackItem, ...] = ()
    growth_areas: tuple[FeedbackItem, ...] = ()
    rewrites: tuple[Rewrite, ...] = ()
    tips: tuple[str, ...] = ()
    next_step: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "strengths": [s.to_dict() for s in self.strengths],
            "growth_areas": [g.to_dict() for g in self.growth_areas],
            "rewrites": [r.to_dict() for r in self.rewrites],
            "tips": list(self.tips),
            "next_step": self.next_step,
        }


@dataclass(frozen=True)
class Assessment:
    """The full result of assessing one CoachingSession; `to_dict` is `coachlens.assessment/1`."""

    session: CoachingSession
    rubric_id: str
    rubric_version: str
    turn_acts: tuple[tuple[str, ...], ...]
    markers: tuple[MarkerFinding, ...]
    competencies: tuple[CompetencyScore, ...]
    metrics: dict[str, Any]
    readiness: Readiness
    feedback: Feedback
    overall_score: float
    engine: str = "coachlens-offline"
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session = self.session
        return {
            "schema": ASSESSMENT_SCHEMA,
            "session": {
                "title": session.title,
                "source_format": session.source_format,
                "duration_s": session.duration_s,
                "turn_count": len(session.turns),
            },
            "rubric": {"id": self.rubric_id, "version": self.rubric_version},
            "turns": [
                {**turn.to_dict(), "acts": list(acts)}
                for turn, acts in zip(session.turns, self.turn_acts, strict=True)
            ],
            "markers": [m.to_dict() for m in self.markers],
            "competencies": [c.to_dict() for c in self.competencies],
            "metrics": self.metrics,
            "readiness": self.readiness.to_dict(),
            "feedback": self.feedback.to_dict(),
            "overall_score": round(self.overall_score, 1),
            "engine": self.engine,
            "notes": list(self.notes),
            **self.extra,
        }
