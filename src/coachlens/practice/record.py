"""Frozen records of a practice run: its turns, the layers it opened, the ethics boundary.

`PracticeRun` is what the simulator hands to the debrief, to storage and to the JSON output
(`coachlens.practice/1`). `to_coaching_session()` turns it into an ordinary `CoachingSession`, so the
practice transcript is assessed by exactly the same engine as a real one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from coachlens.models import CoachingSession, Turn
from coachlens.practice.hints import Hint
from coachlens.practice.text import excerpt
from coachlens.practice.trust import TrustReason

PRACTICE_SCHEMA = "coachlens.practice/1"
PRACTICE_SOURCE_FORMAT = "practice"


@dataclass(frozen=True)
class PracticeTurn:
    """One line of the practice conversation. `trust` is the client's trust after the coach turn
    (client turns carry the same value, so a chart can plot either)."""

    index: int
    role: Literal["coach", "client"]
    text: str
    trust: float
    trust_delta: float = 0.0
    reasons: tuple[TrustReason, ...] = ()
    acts: tuple[str, ...] = ()
    hints: tuple[Hint, ...] = ()
    move: str | None = None
    move_reason: str = ""
    layer: int | None = None
    voice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "role": self.role,
            "text": self.text,
            "trust": round(self.trust, 1),
            "index": self.index,
        }
        if self.role == "coach":
            data.update(
                trust_delta=round(self.trust_delta, 1),
                reasons=[r.to_dict() for r in self.reasons],
                acts=list(self.acts),
                hints=[h.to_dict() for h in self.hints],
            )
        else:
            data.update(move=self.move, move_reason=self.move_reason, layer=self.layer, voice=self.voice)
        return data


@dataclass(frozen=True)
class LayerEvent:
    """A hidden layer opening: which coach turn did it, with what acts, at what trust."""

    layer: int
    kind: str
    title: str
    coach_turn: int
    quote: str
    acts: tuple[str, ...]
    trust: float
    threshold: int
    why: str
    unlock: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "kind": self.kind,
            "title": self.title,
            "coach_turn": self.coach_turn,
            "quote": self.quote,
            "acts": list(self.acts),
            "trust": round(self.trust, 1),
            "threshold": self.threshold,
            "why": self.why,
            "unlock": self.unlock,
        }


@dataclass(frozen=True)
class BoundaryRecord:
    """For a persona whose topic belongs with a therapist: when it showed and what the coach did."""

    topic: str
    visible_from_turn: int | None = None
    noticed_turn: int | None = None
    referred_turn: int | None = None
    referral_words: str | None = None
    client_accepted: bool = False

    def seen_at(self, turn: int) -> BoundaryRecord:
        return self if self.visible_from_turn is not None else replace(self, visible_from_turn=turn)

    def noticed_at(self, turn: int) -> BoundaryRecord:
        return replace(self, noticed_turn=turn)

    def referred_at(self, turn: int, words: str) -> BoundaryRecord:
        return replace(self, referred_turn=turn, referral_words=words)

    def accepted(self) -> BoundaryRecord:
        return replace(self, client_accepted=True)

    @property
    def referred(self) -> bool:
        return self.referred_turn is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "visible_from_turn": self.visible_from_turn,
            "noticed_turn": self.noticed_turn,
            "referred_turn": self.referred_turn,
            "referral_words": self.referral_words,
            "client_accepted": self.client_accepted,
            "referred": self.referred,
        }


@dataclass(frozen=True)
class PracticeRun:
    """A practice session as it happened (complete or so far)."""

    persona_id: str
    persona_name: str
    seed: int
    starting_trust: float
    deepest_layer: int
    turns: tuple[PracticeTurn, ...]
    layer_events: tuple[LayerEvent, ...] = ()
    boundary: BoundaryRecord | None = None
    client_closed: bool = False
    voice: str = "offline"

    @property
    def layer_reached(self) -> int:
        return max((e.layer for e in self.layer_events), default=1)

    @property
    def final_trust(self) -> float:
        return self.turns[-1].trust if self.turns else self.starting_trust

    @property
    def coach_turns(self) -> tuple[PracticeTurn, ...]:
        return tuple(t for t in self.turns if t.role == "coach")

    def to_coaching_session(self, title: str | None = None) -> CoachingSession:
        """The transcript as a CoachingSession (roles fixed, no timestamps) for the assessment engine."""
        turns = tuple(
            Turn(
                index=t.index,
                speaker="Coach" if t.role == "coach" else self.persona_name,
                role=t.role,
                start_s=None,
                end_s=None,
                text=t.text,
            )
            for t in self.turns
        )
        return CoachingSession(
            title=title or f"Practice with {self.persona_name}",
            source_format=PRACTICE_SOURCE_FORMAT,
            turns=turns,
            metadata={"kind": "practice", "persona": self.persona_id, "seed": str(self.seed)},
        )

    def transcript_text(self) -> str:
        """Plain `Coach: ...` / `Name: ...` lines (what is stored as the session's original file)."""
        return "".join(
            f"{'Coach' if t.role == 'coach' else self.persona_name}: {t.text}\n" for t in self.turns
        )

    def trust_points(self) -> list[tuple[int, float]]:
        """(coach turn number from 0 = start, trust after it) for charts."""
        points = [(0, self.starting_trust)]
        points.extend((n, t.trust) for n, t in enumerate(self.coach_turns, start=1))
        return points

    def to_dict(self) -> dict[str, Any]:
        return {
            "persona": self.persona_id,
            "persona_name": self.persona_name,
            "seed": self.seed,
            "voice": self.voice,
            "starting_trust": self.starting_trust,
            "final_trust": round(self.final_trust, 1),
            "layer_reached": self.layer_reached,
            "deepest_layer": self.deepest_layer,
            "turns": [t.to_dict() for t in self.turns],
            "layer_events": [e.to_dict() for e in self.layer_events],
            "boundary": self.boundary.to_dict() if self.boundary else None,
            "client_closed": self.client_closed,
        }

    def quote_of(self, index: int, limit: int = 160) -> str:
        """A verbatim opening of turn `index` for evidence lines."""
        return excerpt(self.turns[index].text, limit)
