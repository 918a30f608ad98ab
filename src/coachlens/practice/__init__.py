"""Practice with a simulated client: personas, the trust-aware simulator, voices, hints and debrief.

    from coachlens.practice import get_persona, PracticeSimulator
    simulator = PracticeSimulator(get_persona("mei-new-manager"), classifier, seed=1)
    simulator.respond("What would you like to focus on today?")

The engine (trust, layers, the client's next move) is separate from the voice (`Responder`): the
offline responder speaks the persona's written lines; an LLM responder can voice the same moves.
"""

from coachlens.practice.hints import Hint
from coachlens.practice.moves import MOVES, Move, MoveDecision
from coachlens.practice.personas import Persona, get_persona, load_personas
from coachlens.practice.record import (
    PRACTICE_SCHEMA,
    BoundaryRecord,
    LayerEvent,
    PracticeRun,
    PracticeTurn,
)
from coachlens.practice.responders import OfflineResponder, Reply, Responder, VoiceRequest
from coachlens.practice.simulator import Exchange, PracticeSimulator

__all__ = [
    "MOVES",
    "PRACTICE_SCHEMA",
    "BoundaryRecord",
    "Exchange",
    "Hint",
    "LayerEvent",
    "Move",
    "MoveDecision",
    "OfflineResponder",
    "Persona",
    "PracticeRun",
    "PracticeSimulator",
    "PracticeTurn",
    "Reply",
    "Responder",
    "VoiceRequest",
    "get_persona",
    "load_personas",
]
