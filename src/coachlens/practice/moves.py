"""The client's next move: what kind of reply follows from trust, the open layer and the coach's turn.

The engine decides the move (and whether a deeper layer opens); a responder only voices it. Rules are
checked in order, the first that fits wins, and each decision carries a one-line reason so the debrief
can explain why the client answered the way they did. Randomness (a seeded `random.Random`) only breaks
ties between plausible moves, so a run is reproducible from its seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal, get_args

from coachlens.practice.personas import Persona
from coachlens.practice.reading import CoachReading

Move = Literal[
    "open",
    "state_goal",
    "answer",
    "elaborate",
    "disclose",
    "insight",
    "plan",
    "short_answer",
    "stacked_reply",
    "advice_reply",
    "ask_advice",
    "push_back",
    "deflect",
    "quiet",
    "drift",
    "permit",
    "accept_referral",
    "decline_referral",
    "close",
]
# The same list at run time, so persona files and checks can be validated against it.
MOVES: tuple[Move, ...] = get_args(Move)

# A client needs a couple of exchanges at a layer before going deeper, however warm the coach is.
MIN_TURNS_AT_LAYER = 2
# Below this trust the client has had enough and ends the conversation (after the first few turns).
WALK_OUT_TRUST = 8.0
REFERRAL_TRUST = 45.0
# A client who walked out comes back into the conversation only if trust recovers to this.
REENGAGE_TRUST = 25.0


@dataclass(frozen=True)
class ClientState:
    """Where the client is before replying."""

    trust: float
    layer: int
    coach_turns: int
    turns_at_layer: int
    closed: bool = False
    planned: bool = False
    last_move: Move | None = None


@dataclass(frozen=True)
class MoveDecision:
    move: Move
    layer: int
    reason: str
    opened_layer: int | None = None


def unlock_check(persona: Persona, state: ClientState, reading: CoachReading) -> tuple[bool, str]:
    """Whether this coach turn opens the next layer, and a one-line why (or why not)."""
    number = state.layer + 1
    if number > persona.deepest_layer:
        return False, "the deepest layer is already open"
    layer = persona.layer(number)
    unlock = layer.unlock
    if unlock is None:  # pragma: no cover - the schema requires an unlock below layer 1
        return False, "no unlock defined"
    if state.turns_at_layer < MIN_TURNS_AT_LAYER:
        return False, "too soon after the last opening"
    if state.trust < layer.threshold:
        return False, f"trust {state.trust:.0f} is below {layer.threshold}"
    if reading.harmful:
        return False, "the turn also pushed, judged or advised"
    acts = set(reading.acts)
    if not acts & set(unlock.acts):
        return False, "the turn did not use an act that opens this layer"
    cue = reading.mentions(persona.cues_for(number))
    if cue is not None or not unlock.needs_cue:
        return True, f"trust {state.trust:.0f} and the coach touched it ('{cue}')" if cue else "trust and act"
    if "reflection" in acts and reading.echo >= 0.25:
        return True, "an accurate reflection of the client's own words"
    if layer.kind == "feeling" and acts & {"empathy", "acknowledgment"}:
        return True, "empathy for what the client is carrying"
    if layer.kind in ("belief", "insight") and {"observation", "invitation"} <= acts:
        return True, "an observation offered with an invitation to respond"
    return False, "the turn did not reach towards this layer"


def choose_move(
    persona: Persona, state: ClientState, reading: CoachReading, rng: random.Random
) -> MoveDecision:
    """The client's next move after `reading`, given their state (trust already updated)."""

    def decide(move: Move, reason: str, opened: int | None = None) -> MoveDecision:
        return MoveDecision(move=move, layer=opened or state.layer, reason=reason, opened_layer=opened)

    acts = set(reading.acts)
    traits = persona.traits
    if state.coach_turns == 1 and not reading.harmful and not reading.empty:
        return decide("open", "first reply: the client states why they came")
    if reading.empty:
        return decide("quiet", "the coach said nothing; the client waits")
    if reading.closing:
        if state.layer == persona.deepest_layer and not state.planned:
            return decide("plan", "wrapping up after the insight: the client names a next step")
        return decide("close", "the coach is closing the session")
    if reading.referral is not None and persona.boundary is not None:
        visible = state.layer >= persona.boundary.from_layer
        if visible and state.trust >= REFERRAL_TRUST:
            return decide("accept_referral", "the coach pointed to the right help at a moment of trust")
        return decide("decline_referral", "a referral before the client felt safe, or before it made sense")
    if state.closed and state.trust < REENGAGE_TRUST:
        move: Move = rng.choice(("short_answer", "quiet", "deflect"))
        return decide(move, "the client has already checked out")
    if state.trust < WALK_OUT_TRUST and state.coach_turns >= 6 and not state.closed:
        return decide("close", "trust has collapsed; the client ends the conversation")
    if "question.stacked" in acts:
        return decide("stacked_reply", "several questions at once")
    if reading.advice:
        if traits.advice_seeking >= 0.2 and state.trust >= 30 and rng.random() < 0.5:
            return decide("ask_advice", "advice feeds this client's wish to be told what to do")
        if state.trust < 25:
            return decide("push_back", "advice from someone they do not trust yet")
        return decide("advice_reply", "advice: the client has usually tried it already")
    if reading.judgement is not None or "question.leading" in acts:
        if state.trust >= 20 or rng.random() < 0.5:
            return decide("push_back", "the client felt judged or steered")
        return decide("quiet", "the client felt judged and withdrew")
    opens, why = unlock_check(persona, state, reading)
    if opens:
        number = state.layer + 1
        kind = persona.layer(number).kind
        return decide("insight" if kind == "insight" else "disclose", why, opened=number)
    if state.layer == persona.deepest_layer and reading.forward:
        return decide("plan", "after the insight, a question about what next")
    if reading.goal_question and state.layer == 1:
        return decide("state_goal", "the coach asked what the client wants from the session")
    if "permission" in acts and "question.open" not in acts:
        return decide("permit", "the coach asked permission")
    if reading.closed_only:
        return decide("short_answer", "a closed question gets a short answer")
    floor = persona.layer(state.layer).threshold - 10 if state.layer > 1 else 22
    if state.trust < floor:
        if rng.random() < 0.4 + traits.guardedness / 2:
            return decide("deflect", "not enough trust to stay with it")
        return decide("quiet", "not enough trust to say more")
    deep_question = (
        state.layer >= 2 and "question.open" in acts and reading.mentions(persona.cues_for(state.layer))
    )
    if deep_question and state.last_move != "quiet" and rng.random() < 0.12:
        return decide("quiet", "a question that needs thinking time")
    if traits.drift and state.layer <= 2 and rng.random() < traits.drift:
        return decide("drift", "this client wanders off into a story")
    # The deeper the client has gone, the less they look to the coach for answers.
    seeking = traits.advice_seeking * (1 - (state.layer - 1) / persona.deepest_layer)
    if seeking and state.last_move != "ask_advice" and rng.random() < seeking:
        return decide("ask_advice", "this client keeps asking to be told what to do")
    if acts & {"empathy", "reflection", "acknowledgment", "summary", "celebration"}:
        return decide("elaborate", "feeling heard, the client says more")
    if "question.open" in acts or "invitation" in acts:
        return decide("answer", "an open question")
    if "observation" in acts:
        if state.trust >= 50:
            return decide("elaborate", "an observation the client can take in")
        return decide("push_back", "an observation from someone not yet trusted")
    if acts & {"information", "self_disclosure"}:
        return decide(rng.choice(("short_answer", "deflect")), "the coach talked about something else")
    return decide("answer", "the client keeps talking")
