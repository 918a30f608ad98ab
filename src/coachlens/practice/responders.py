"""Responders give the simulated client a voice. The engine has already decided everything else.

A `Responder` receives a `VoiceRequest` (the persona, the move the engine chose, the deepest layer the
client may speak from, the coach's words, the conversation so far, the lines already used) and returns
the client's words. It never decides trust, layers or moves, so any voice (the offline one here, an LLM
one in `coachlens.llm`) behaves the same way in the session and in the debrief.

The `OfflineResponder` composes replies from the persona's written lines: the pool for the chosen move
at the open layer, then shallower layers, then related moves, never a line already said in the session.
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass
from typing import Protocol

from coachlens.practice import text as tx
from coachlens.practice.moves import Move
from coachlens.practice.personas import Layer, Persona

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoiceRequest:
    """Everything a responder may use to voice one client reply."""

    persona: Persona
    move: Move
    layer: int
    trust: float
    coach_text: str
    coach_acts: tuple[str, ...]
    history: tuple[tuple[str, str], ...]
    used_lines: frozenset[str]
    seed: int

    @property
    def open_layers(self) -> tuple[Layer, ...]:
        """The layers the client may speak from (never deeper than `layer`)."""
        return tuple(self.persona.layers[: self.layer])


@dataclass(frozen=True)
class Reply:
    """The client's words, the written lines they were built from, and which voice produced them."""

    text: str
    lines: tuple[str, ...]
    voice: str


class Responder(Protocol):
    """Voices a move the engine has chosen; see the module docstring."""

    name: str

    def voice(self, request: VoiceRequest) -> Reply: ...


def line_key(line: str) -> str:
    """The form under which a line counts as "already said" (case and spacing ignored)."""
    return " ".join(line.lower().split())


# Where to look next when a move's own lines are used up, closest in spirit first.
FALLBACKS: dict[Move, tuple[Move, ...]] = {
    "open": ("answer", "elaborate"),
    "state_goal": ("answer", "elaborate"),
    "answer": ("elaborate", "short_answer", "quiet", "deflect"),
    "elaborate": ("answer", "quiet", "short_answer"),
    "disclose": ("elaborate", "answer"),
    "insight": ("elaborate", "answer"),
    "plan": ("answer", "elaborate"),
    "short_answer": ("answer", "quiet", "deflect"),
    "stacked_reply": ("short_answer", "quiet", "answer"),
    "advice_reply": ("push_back", "deflect", "quiet", "short_answer"),
    "ask_advice": ("deflect", "answer", "quiet"),
    "push_back": ("deflect", "quiet", "short_answer"),
    "deflect": ("quiet", "short_answer", "push_back"),
    "quiet": ("short_answer", "deflect"),
    "drift": ("elaborate", "answer"),
    "permit": ("short_answer", "quiet"),
    "accept_referral": ("elaborate", "answer"),
    "decline_referral": ("deflect", "push_back", "quiet"),
    "close": ("quiet", "short_answer"),
}

# Moves whose line should follow what the coach just talked about, when a written line does.
_ON_TOPIC: frozenset[Move] = frozenset(
    {"answer", "elaborate", "short_answer", "state_goal", "plan", "disclose"}
)

# Short echoes of a feeling word the coach just named, put before the client's line.
_ECHOES = ("{W}. Yes.", "{W}... yes, that's it.", "Yes. {W}.", "{W}, exactly.", "Hm. {W}. Yes.")
_ECHO_CHANCE = 0.55


class OfflineResponder:
    """The built-in voice: the persona's own written lines, chosen without repeats."""

    name = "offline"

    def voice(self, request: VoiceRequest) -> Reply:
        rng = random.Random(request.seed)
        line = self._pick(request, rng)
        echo = self._echo(request, rng, line)
        text = f"{echo} {line}" if echo else line
        return Reply(text=text, lines=(line, echo) if echo else (line,), voice=self.name)

    def _pick(self, request: VoiceRequest, rng: random.Random) -> str:
        for move in (request.move, *FALLBACKS[request.move]):
            for tier in pool(request, move):
                fresh = [line for line in tier if line_key(line) not in request.used_lines]
                if fresh:
                    if move != request.move:
                        log.debug("%s: no fresh %s lines, voicing %s", request.persona.id, request.move, move)
                    # The insight lines are written most central first; say them in that order.
                    if move == "insight":
                        return fresh[0]
                    return rng.choice(best_fitting(fresh, request.coach_text) if move in _ON_TOPIC else fresh)
        everything = [
            line for line in request.persona.all_lines() if line_key(line) not in request.used_lines
        ]
        quiet_ones = [line for line in everything if len(line) < 40]
        if quiet_ones or everything:
            return rng.choice(quiet_ones or everything)
        # Only reachable in sessions far longer than practice sessions are meant to be.
        log.warning("%s has said every written line; repeating one", request.persona.id)
        return rng.choice(request.persona.lines.quiet)

    def _echo(self, request: VoiceRequest, rng: random.Random, line: str) -> str | None:
        """Echo a feeling word the coach offered, as people do when a reflection lands."""
        if request.move not in ("elaborate", "disclose", "insight", "answer"):
            return None
        if not {"reflection", "empathy"} & set(request.coach_acts):
            return None
        feelings = [w for w in tx.feeling_words(request.coach_text) if w not in line.lower()]
        if not feelings or rng.random() > _ECHO_CHANCE:
            return None
        word = feelings[0]
        for template in rng.sample(_ECHOES, len(_ECHOES)):
            echo = template.replace("{W}", word.capitalize())
            if line_key(echo) not in request.used_lines:
                return echo
        return None


def pool(request: VoiceRequest, move: Move) -> list[list[str]]:
    """The written lines that can voice `move`, in tiers tried in order: the open layer's own lines
    first, then shallower layers', then lines that fit any layer."""
    persona = request.persona
    general = persona.lines
    deepest_first = list(reversed(request.open_layers))
    current = deepest_first[0]

    def talk_tiers(first: str, second: str) -> list[list[str]]:
        # Answers and elaborations of one layer are one pool, so the line that fits the coach's
        # words can come from either (any of them when none fits better).
        return [
            list(getattr(layer.lines, first)) + list(getattr(layer.lines, second)) for layer in deepest_first
        ]

    match move:
        case "open":
            return [list(persona.opening)]
        case "state_goal":
            return [list(general.goal)]
        case "answer":
            # "What have you tried?" is answered with what they tried (their replies to advice).
            tried = [list(general.advice_reply)] if _ASKED_WHAT_TRIED.search(request.coach_text) else []
            return tried + talk_tiers("answer", "elaborate")
        case "elaborate":
            return talk_tiers("elaborate", "answer")
        case "disclose":
            return [list(current.lines.disclose) or list(current.lines.insight)]
        case "insight":
            return [list(persona.layers[-1].lines.insight)]
        case "plan":
            return [list(persona.layers[-1].lines.plan)]
        case "short_answer":
            return short_answer_tiers(request.coach_text, [list(current.lines.short), list(general.short)])
        case "deflect":
            return [list(current.lines.deflect), list(general.deflect)]
        case "stacked_reply":
            return [list(general.stacked_reply)]
        case "advice_reply":
            return [list(general.advice_reply)]
        case "ask_advice":
            return [list(general.ask_advice)]
        case "push_back":
            return [list(general.push_back)]
        case "quiet":
            return [list(general.quiet)]
        case "drift":
            return [list(general.drift)]
        case "permit":
            return [list(general.permission_yes)]
        case "accept_referral":
            return [list(persona.boundary.referral_accepted)] if persona.boundary else []
        case "decline_referral":
            return [list(persona.boundary.referral_unsure)] if persona.boundary else []
        case "close":
            return [list(general.close_warm if request.trust >= 55 else general.close_cool)]
    return []  # pragma: no cover - every Move is matched above


_FACT_QUESTION = re.compile(
    r"\b(how (?:many|much|long|often|old|far|soon)|when|which|what (?:time|day|year))\b"
)
_YES_NO_START = re.compile(
    r"^(?:\(.*?\) )?(?:yes|yeah|ya|yep|no|nope|not|never|sometimes|mostly|maybe|perhaps|probably|kind of|"
    r"sort of|i guess|i suppose|i think|suppose|a bit|a little|a lot|more or less|in a way|oh|once|"
    r"couldn't|dunno|very|pretty much|we tried|exactly|that's|twice|hm)\b",
    re.IGNORECASE,
)


def short_answer_tiers(coach_text: str, tiers: list[list[str]]) -> list[list[str]]:
    """Order short lines so they fit the question: "Did you...?" gets a yes/no kind of answer,
    "How many...?" or "When...?" gets a fact first."""
    questions = [part for part in re.split(r"(?<=[.!?])\s+", coach_text) if part.rstrip().endswith("?")]
    wants_fact = bool(questions) and _FACT_QUESTION.search(questions[-1].lower()) is not None
    yes_no = [[line for line in tier if _YES_NO_START.match(line)] for tier in tiers]
    facts = [[line for line in tier if not _YES_NO_START.match(line)] for tier in tiers]
    return facts + yes_no if wants_fact else yes_no + facts


_ASKED_WHAT_TRIED = re.compile(r"\bwhat (?:have|did) you (?:already |ever )?(?:try|tried)\b", re.IGNORECASE)
_TIME_WORDS = re.compile(
    r"\b(since|months?|years?|weeks?|days?|hours?|ago|spring|summer|autumn|winter|january|june|"
    r"september|november|march|last|next|tomorrow|yesterday|tonight)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty\w*|thirty\w*|forty\w*|"
    r"fifty\w*|sixty\w*|hundred|couple|few|half|every|once|twice)\b",
    re.IGNORECASE,
)


def best_fitting(lines: list[str], coach_text: str) -> list[str]:
    """The lines that best answer `coach_text`: most shared content words, or for "how long" /
    "when" a line about time and for "how many" / "how often" one with a number. All lines when
    nothing fits better than anything else."""
    question = coach_text.lower()
    wants: re.Pattern[str] | None = None
    if re.search(r"\b(how long|when|since when|what time)\b", question):
        wants = _TIME_WORDS
    elif re.search(r"\b(how many|how much|how often)\b", question):
        wants = _NUMBER_WORDS
    coach = tx.content_stems(coach_text)

    def fit(line: str) -> int:
        score = 2 * len(coach & tx.content_stems(line))
        if wants is not None and wants.search(line):
            score += 3
        return score

    scores = [fit(line) for line in lines]
    best = max(scores)
    return [line for line, score in zip(lines, scores, strict=True) if score == best] if best > 0 else lines
