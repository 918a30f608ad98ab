"""The practice session state machine: coach line in, client line out, trust and layers updated.

    simulator = PracticeSimulator(persona, classifier, seed=7)
    exchange = simulator.respond("What would you like to focus on today?")
    exchange.client.text, exchange.client.trust, exchange.hints
    run = simulator.snapshot()          # frozen record for the debrief, storage and JSON

Each coach turn is read with the engine's act classifier (`reading.py`), trust moves (`trust.py`),
the engine picks the client's move and whether a deeper layer opens (`moves.py`), a responder voices
it (`responders.py`), and hints are computed (`hints.py`). Given the same persona, seed, responder
and coach lines, a run is identical every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from coachlens.analysis.types import ActClassifier
from coachlens.errors import PracticeError
from coachlens.practice import draft
from coachlens.practice.hints import Hint, HintContext, hints_for_turn
from coachlens.practice.moves import ClientState, Move, choose_move
from coachlens.practice.personas import Persona
from coachlens.practice.reading import CoachReading, classify_turn, read_coach_turn
from coachlens.practice.record import BoundaryRecord, LayerEvent, PracticeRun, PracticeTurn
from coachlens.practice.responders import OfflineResponder, Responder, VoiceRequest, line_key
from coachlens.practice.trust import TrustHistory, update_trust

MAX_COACH_CHARS = 2000
MAX_COACH_TURNS = 120
# The first layer counts as "settled" from the start, so layer 2 can open as soon as trust allows.
MIN_TURNS_TO_START = 2


@dataclass(frozen=True)
class Exchange:
    """One coach turn and the client's reply, with the hints for the coach turn."""

    coach: PracticeTurn
    client: PracticeTurn
    hints: tuple[Hint, ...]
    opened_layer: int | None


class PracticeSimulator:
    """A running practice session with one persona (not thread-safe: one caller at a time)."""

    def __init__(
        self,
        persona: Persona,
        classifier: ActClassifier,
        *,
        responder: Responder | None = None,
        seed: int = 0,
        hints: bool = True,
    ) -> None:
        self.persona = persona
        self.classifier = classifier
        self.responder: Responder = responder or OfflineResponder()
        self.seed = seed
        self.hints_enabled = hints
        self.trust = float(persona.traits.starting_trust)
        self.layer = 1
        self._rng = random.Random(seed)
        self._history = TrustHistory()
        self._turns: list[PracticeTurn] = []
        self._events: list[LayerEvent] = []
        self._used: set[str] = set()
        self._turns_at_layer = MIN_TURNS_TO_START
        self._last_move: Move | None = None
        self._client_closed = False
        self._planned = False
        self._agreement_asked = False
        self._boundary: BoundaryRecord | None = (
            BoundaryRecord(topic=persona.boundary.topic) if persona.boundary else None
        )
        self._ended = False

    @property
    def coach_turns(self) -> int:
        return self._history.coach_turns

    @property
    def ended(self) -> bool:
        return self._ended

    def respond(self, coach_text: str) -> Exchange:
        """Take one coach turn and return it with the client's reply. PracticeError if the session is
        over, the line is too long, or the session has run far past a normal length."""
        if self._ended:
            raise PracticeError("this practice session has ended; start a new one to keep practising")
        text = " ".join(coach_text.split())
        if len(text) > MAX_COACH_CHARS:
            raise PracticeError(
                f"that turn is {len(text)} characters; keep a coach turn under {MAX_COACH_CHARS} (a client "
                "cannot take in a speech)"
            )
        if self.coach_turns >= MAX_COACH_TURNS:
            raise PracticeError(
                f"a practice session is limited to {MAX_COACH_TURNS} coach turns; end it for the debrief"
            )
        client_last = self._last_client_text()
        reading = read_coach_turn(text, classify_turn(self.classifier, text, client_last), client_last)
        change = update_trust(self.trust, reading, self._history, self.persona.traits)
        hint_context = self._hint_context(client_last)
        self._history = self._history.after(reading)
        self.trust = change.after
        state = ClientState(
            trust=self.trust,
            layer=self.layer,
            coach_turns=self.coach_turns,
            turns_at_layer=self._turns_at_layer,
            closed=self._client_closed,
            planned=self._planned,
            last_move=self._last_move,
        )
        decision = choose_move(self.persona, state, reading, self._rng)
        hints = hints_for_turn(reading, hint_context) if self.hints_enabled else ()
        self._note_boundary(reading)
        coach_turn = PracticeTurn(
            index=len(self._turns),
            role="coach",
            text=text,
            trust=self.trust,
            trust_delta=change.delta,
            reasons=change.reasons,
            acts=reading.acts,
            hints=hints,
        )
        self._turns.append(coach_turn)
        if decision.opened_layer is not None:
            self._open_layer(decision.opened_layer, coach_turn, reading, decision.reason)
        else:
            self._turns_at_layer += 1
        reply = self.responder.voice(
            VoiceRequest(
                persona=self.persona,
                move=decision.move,
                layer=self.layer,
                trust=self.trust,
                coach_text=text,
                coach_acts=reading.acts,
                history=tuple((t.role, t.text) for t in self._turns),
                used_lines=frozenset(self._used),
                seed=self._rng.randrange(2**31),
            )
        )
        self._used.update(line_key(line) for line in reply.lines)
        self._used.add(line_key(reply.text))
        client_turn = PracticeTurn(
            index=len(self._turns),
            role="client",
            text=reply.text,
            trust=self.trust,
            move=decision.move,
            move_reason=decision.reason,
            layer=self.layer,
            voice=reply.voice,
        )
        self._turns.append(client_turn)
        self._after_move(decision.move, reading)
        return Exchange(coach=coach_turn, client=client_turn, hints=hints, opened_layer=decision.opened_layer)

    def end(self) -> PracticeRun:
        """Finish the session (no more turns) and return its record."""
        if not any(t.role == "coach" for t in self._turns):
            raise PracticeError("nothing to debrief yet: say at least one thing to the client first")
        self._ended = True
        return self.snapshot()

    def snapshot(self) -> PracticeRun:
        """The session so far as a frozen record."""
        return PracticeRun(
            persona_id=self.persona.id,
            persona_name=self.persona.name,
            seed=self.seed,
            starting_trust=float(self.persona.traits.starting_trust),
            deepest_layer=self.persona.deepest_layer,
            turns=tuple(self._turns),
            layer_events=tuple(self._events),
            boundary=self._boundary,
            client_closed=self._client_closed,
            voice=self.responder.name,
        )

    def state(self) -> dict[str, Any]:
        """Everything the run depends on, as a JSON document (`coachlens.practice-draft/1`), exactly:
        `restore` of it continues the run as if it had never stopped."""
        return {
            "schema": draft.DRAFT_SCHEMA,
            "persona": self.persona.id,
            "seed": self.seed,
            "voice": self.responder.name,
            "hints": self.hints_enabled,
            "trust": self.trust,
            "layer": self.layer,
            "rng": draft.rng_state(self._rng.getstate()),
            "history": draft.history_state(self._history),
            "turns": [draft.turn_state(t) for t in self._turns],
            "events": [draft.event_state(e) for e in self._events],
            "used": sorted(self._used),
            "turns_at_layer": self._turns_at_layer,
            "last_move": self._last_move,
            "client_closed": self._client_closed,
            "planned": self._planned,
            "agreement_asked": self._agreement_asked,
            "boundary": draft.boundary_state(self._boundary),
            "ended": self._ended,
        }

    @classmethod
    def restore(
        cls,
        persona: Persona,
        classifier: ActClassifier,
        state: dict[str, Any],
        *,
        responder: Responder | None = None,
    ) -> PracticeSimulator:
        """The simulator `state()` described, ready for its next turn. DraftError when the document is
        of another schema, another persona, or damaged."""
        if not isinstance(state, dict) or state.get("schema") != draft.DRAFT_SCHEMA:
            raise draft.DraftError("not a coachlens.practice-draft/1 document")
        if state.get("persona") != persona.id:
            raise draft.DraftError(f"the draft is for persona {state.get('persona')!r}, not {persona.id!r}")
        try:
            simulator = cls(
                persona, classifier, responder=responder, seed=int(state["seed"]), hints=bool(state["hints"])
            )
            simulator.trust = float(state["trust"])
            simulator.layer = int(state["layer"])
            if not 1 <= simulator.layer <= persona.deepest_layer:
                raise draft.DraftError(f"layer {simulator.layer} is not one of {persona.id}'s layers")
            simulator._rng.setstate(draft.rng_from_state(state["rng"]))
            simulator._history = draft.history_from_state(state["history"])
            simulator._turns = [draft.turn_from_state(t) for t in state["turns"]]
            simulator._events = [draft.event_from_state(e) for e in state["events"]]
            simulator._used = {str(k) for k in state["used"]}
            simulator._turns_at_layer = int(state["turns_at_layer"])
            simulator._last_move = draft.move_from_state(state["last_move"])
            simulator._client_closed = bool(state["client_closed"])
            simulator._planned = bool(state["planned"])
            simulator._agreement_asked = bool(state["agreement_asked"])
            simulator._boundary = draft.boundary_from_state(state["boundary"])
            simulator._ended = bool(state["ended"])
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, draft.DraftError):
                raise
            raise draft.DraftError(f"the draft is damaged: {type(exc).__name__} {exc}") from None
        return simulator

    def _last_client_text(self) -> str:
        for turn in reversed(self._turns):
            if turn.role == "client":
                return turn.text
        return ""

    def _hint_context(self, client_last: str) -> HintContext:
        boundary = self._boundary
        return HintContext(
            client_last=client_last,
            client_last_move=self._last_move,
            coach_turn_number=self.coach_turns + 1,
            closed_streak=self._history.closed_streak,
            agreement_asked=self._agreement_asked,
            boundary_visible=boundary is not None and boundary.visible_from_turn is not None,
            boundary_noticed=boundary is not None and boundary.noticed_turn is not None,
            turns_since_boundary=self._turns_since_boundary(),
        )

    def _turns_since_boundary(self) -> int:
        """Coach turns since the boundary story surfaced, counting the one being read (0 if not yet)."""
        boundary = self._boundary
        if boundary is None or boundary.visible_from_turn is None:
            return 0
        return sum(1 for t in self._turns if t.role == "coach" and t.index > boundary.visible_from_turn) + 1

    def _open_layer(self, number: int, coach_turn: PracticeTurn, reading: CoachReading, why: str) -> None:
        layer = self.persona.layer(number)
        self.layer = number
        self._turns_at_layer = 0
        self._events.append(
            LayerEvent(
                layer=number,
                kind=layer.kind,
                title=layer.title,
                coach_turn=coach_turn.index,
                quote=coach_turn.text,
                acts=reading.acts,
                trust=self.trust,
                threshold=layer.threshold,
                why=why,
                unlock=layer.unlock.description if layer.unlock else "",
            )
        )
        boundary = self.persona.boundary
        if boundary is not None and self._boundary is not None and number == boundary.from_layer:
            self._boundary = self._boundary.seen_at(coach_turn.index + 1)
            self._history = replace(self._history, boundary_visible=True)

    def _note_boundary(self, reading: CoachReading) -> None:
        record = self._boundary
        if record is None or record.visible_from_turn is None:
            return
        index = len(self._turns)
        if reading.referral is not None and record.referred_turn is None:
            record = record.referred_at(index, reading.referral)
        if (reading.noticing is not None or reading.referral is not None) and record.noticed_turn is None:
            record = record.noticed_at(index)
        self._boundary = record

    def _after_move(self, move: Move, reading: CoachReading) -> None:
        self._last_move = move
        if reading.goal_question:
            self._agreement_asked = True
        if move == "plan":
            self._planned = True
        if move == "close" and not reading.closing:
            self._client_closed = True
        if move == "accept_referral" and self._boundary is not None:
            self._boundary = self._boundary.accepted()
