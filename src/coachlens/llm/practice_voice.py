"""`LLMResponder`: the model voices the practice client; the engine still decides everything else.

The simulator has already chosen trust, the open layer and the move. The model gets the persona's
public side (who they are, how they talk, what they want), only the layers already open, the
conversation so far, the move to make and the persona's own written line for it, and is asked to say
that line in the client's voice. It never sees deeper layers, so it cannot leak them; the checks
below make sure of it anyway.

A reply is used only if it passes every check (`check_client_reply`): it stays the client (no
"as an AI", no speaking as the coach), asks no coaching question back, gives no advice, reveals
nothing from a layer that is not open yet, is not a repeat, and fits the move's length. Anything
else, including any endpoint trouble, falls back to the offline voice's line, so a session never
stalls on the model.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from coachlens.config import Settings, secret_value
from coachlens.errors import LLMError
from coachlens.llm.backend import ChatMessage, ChatRequest, LLMBackend
from coachlens.llm.names import detect_names
from coachlens.llm.prompts import PRACTICE_PROMPT_VERSION, PRACTICE_SYSTEM, practice_user_message
from coachlens.llm.redaction import Redactor
from coachlens.practice import text as tx
from coachlens.practice.responders import OfflineResponder, Reply, Responder, VoiceRequest, line_key
from coachlens.storage.db import Database

log = logging.getLogger(__name__)

MAX_REPLY_CHARS = 600
REPEAT_OVERLAP = 0.7
# A reply is disclosing when at least this many of its content words, and at least this share of them,
# appear only in layers not open yet (tuned with benchmarks/bench_llm_checks.py; figures in docs/llm.md).
LEAK_MIN_STEMS = 2
LEAK_MIN_SHARE = 0.2

_OUT_OF_ROLE = re.compile(
    r"\b(as an ai|language model|i'?m an ai|as an assistant|i am an assistant|as your coach|"
    r"i'?m (?:not )?your coach|role-?play|in character|openai|chatgpt)\b",
    re.IGNORECASE,
)
_COACHING_QUESTION = re.compile(
    r"\b(what would you like|how does that make you feel|how do you feel about|what comes up for you|"
    r"what do you (?:notice|want|need)(?! (?:from )?me)|how can i (?:support|help) you|what would it take|"
    r"what would (?:success|that) look like|tell me more|what's important to you|what matters to you|"
    r"what are you (?:noticing|feeling)|where would you like)\b",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"\b(you should|you could try|you might try|have you tried|i suggest|i'd suggest|i recommend|"
    r"i'd recommend|my advice|you need to|why don't you|it might help (?:you )?to)\b"
    # an imperative at the start of a sentence: "Try blocking...", "Consider..."
    r"|(?:^|[.!?]\s+)(?:try|consider|make sure you)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[(?:NAME|EMAIL|PHONE|ADDRESS|URL)_\d+\]")

# Moves whose nature is a question to the coach; elsewhere one question back at most.
_QUESTIONING_MOVES = frozenset({"ask_advice", "stacked_reply", "push_back", "deflect", "drift", "permit"})
_MAX_WORDS = {"quiet": 14, "short_answer": 30, "permit": 30, "stacked_reply": 30}
_DEFAULT_MAX_WORDS = 110


@dataclass
class VoiceStats:
    """How often the model's reply was used, and why it was not when it was not."""

    used: int = 0
    fallbacks: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


class LLMResponder:
    """Voices the engine's chosen move with a model; falls back to `fallback` on any failed check."""

    name = "llm"

    def __init__(
        self, backend: LLMBackend, *, fallback: Responder | None = None, redact: bool = True
    ) -> None:
        self.backend = backend
        self.fallback: Responder = fallback or OfflineResponder()
        self.redact = redact
        self.stats = VoiceStats()

    def voice(self, request: VoiceRequest) -> Reply:
        """The client's reply: the model's words if they pass the checks, else the offline line."""
        written = self.fallback.voice(request)
        redactor = self._redactor(request)
        chat = plan_voice_request(request, written.text, redactor)
        try:
            reply = self.backend.complete(chat)
        except LLMError as exc:
            return self._fall_back(written, f"endpoint: {exc}")
        text = clean_reply(redactor.restore(reply.content), request.persona.name)
        problem = check_client_reply(text, request)
        if problem is not None:
            return self._fall_back(written, problem)
        self.stats.used += 1
        # The written line counts as said, so the story moves on along the persona's lines.
        return Reply(text=text, lines=written.lines, voice=self.name)

    def _fall_back(self, written: Reply, reason: str) -> Reply:
        self.stats.fallbacks += 1
        self.stats.reasons[reason.split(":")[0]] += 1
        log.info("practice voice fell back to the offline line: %s", reason)
        return written

    def _redactor(self, request: VoiceRequest) -> Redactor:
        """Names the coach mentions are redacted; the persona's own (fictional) names are not."""
        if not self.redact:
            return Redactor(enabled=False)
        coach_lines = [text for role, text in request.history if role == "coach"]
        persona_names = detect_names(request.persona.all_lines(), [request.persona.name])
        persona_names |= set(request.persona.name.split())
        return Redactor(detect_names([*coach_lines, request.coach_text]) - persona_names)


def plan_voice_request(request: VoiceRequest, written_line: str, redactor: Redactor) -> ChatRequest:
    """The request that asks the model to voice this move (also what a dry run would show)."""
    return ChatRequest(
        messages=(
            ChatMessage("system", PRACTICE_SYSTEM.format(**persona_fields(request))),
            ChatMessage("user", practice_user_message(request, written_line, redactor)),
        ),
        purpose="practice",
        prompt_version=PRACTICE_PROMPT_VERSION,
        temperature=0.7,
        max_tokens=220,
    )


def persona_fields(request: VoiceRequest) -> dict[str, str]:
    persona = request.persona
    known = "\n".join(f"- {layer.title}: {' '.join(layer.summary.split())}" for layer in request.open_layers)
    return {
        "name": persona.name,
        "first_name": persona.name.split()[0],
        "age": str(persona.age),
        "pronouns": persona.pronouns,
        "context": " ".join(persona.context.split()),
        "topic": " ".join(persona.presenting_topic.split()),
        "want": " ".join(persona.session_want.split()),
        "style": " ".join(persona.speech_style.split()),
        "known": known,
    }


def clean_reply(text: str, persona_name: str = "") -> str:
    """Strip what models wrap around a line: a speaker label, surrounding quotes, extra spaces."""
    cleaned = " ".join(text.split())
    labels = ["client", "assistant", *(re.escape(n) for n in {persona_name, persona_name.split(" ")[0]} if n)]
    prefix = re.compile(r"^\**\s*(?:" + "|".join(labels) + r")\s*\**\s*:\s*\**\s*", re.IGNORECASE)
    cleaned = prefix.sub("", cleaned, count=1)
    if len(cleaned) > 1 and cleaned[0] in '"“' and cleaned[-1] in '"”':
        cleaned = cleaned[1:-1].strip()
    return cleaned


def check_client_reply(text: str, request: VoiceRequest) -> str | None:
    """None if the reply may be used, else the first reason it may not (`check: detail`)."""
    if not text:
        return "empty: the model said nothing"
    if len(text) > MAX_REPLY_CHARS or len(text.split()) > _MAX_WORDS.get(request.move, _DEFAULT_MAX_WORDS):
        return f"length: too long for a {request.move} reply"
    if _OUT_OF_ROLE.search(text) or _PLACEHOLDER.search(text):
        return "role: the reply steps out of the client's role"
    if _COACHING_QUESTION.search(text):
        return "coaching: the reply asks the coach a coaching question"
    if request.move not in _QUESTIONING_MOVES and text.count("?") > 1:
        return "coaching: the reply turns the conversation round with questions"
    if _ADVICE.search(text):
        return "advice: the reply gives advice"
    leaked = leaked_words(text, request)
    if leaked:
        return f"disclosure: the reply reveals a layer that is not open yet ({', '.join(sorted(leaked)[:4])})"
    if _is_repeat(text, request):
        return "repeat: the client already said this"
    return None


def leaked_words(text: str, request: VoiceRequest) -> set[str]:
    """Words of the reply that only the not-yet-open layers (or a hidden boundary topic) contain."""
    persona = request.persona
    hidden_texts: list[str] = []
    for layer in persona.layers[request.layer :]:
        lines = layer.lines
        hidden_texts += [
            layer.title,
            layer.summary,
            *lines.disclose,
            *lines.insight,
            *lines.answer,
            *lines.elaborate,
        ]
    if persona.boundary is not None and request.layer < persona.boundary.from_layer:
        hidden_texts.append(persona.boundary.topic)
    if not hidden_texts:
        return set()
    visible_texts = [
        persona.presenting_topic,
        persona.session_want,
        persona.brief,
        *persona.opening,
        *(value for values in persona.lines.model_dump().values() for value in values),
        request.coach_text,
        *(line for _, line in request.history),
    ]
    for layer in request.open_layers:
        visible_texts += [
            layer.title,
            layer.summary,
            *(v for vs in layer.lines.model_dump().values() for v in vs),
        ]
    hidden = tx.content_stems(" ".join(hidden_texts)) - tx.content_stems(" ".join(visible_texts))
    said = tx.content_stems(text)
    leaked = said & hidden
    if len(leaked) >= LEAK_MIN_STEMS and len(leaked) >= LEAK_MIN_SHARE * max(1, len(said)):
        return leaked
    return set()


def _is_repeat(text: str, request: VoiceRequest) -> bool:
    if line_key(text) in request.used_lines:
        return True
    earlier = [line for role, line in request.history if role == "client"]
    return any(tx.overlap(text, line) >= REPEAT_OVERLAP for line in earlier)


# Practice is a conversation: a reply that takes longer than this is worse than the offline line.
PRACTICE_TIMEOUT_S = 30.0


def practice_responder(settings: Settings, *, db: Database | None = None) -> Responder:
    """The voice for a practice session: the LLM voice when an endpoint is configured, the practice
    voice is on and the endpoint is loopback or confirmed; otherwise the offline voice.

    With `db` (the web app), values saved on the Settings page apply too.
    """
    from coachlens.llm.consent import is_loopback, needs_consent
    from coachlens.llm.openai_backend import OpenAICompatibleBackend
    from coachlens.llm.stored_settings import effective_settings

    if db is not None:
        settings = effective_settings(settings, db)

    if not (settings.llm_base_url and settings.llm_model and settings.llm_practice_voice):
        return OfflineResponder()
    if not is_loopback(settings.llm_base_url):
        from coachlens.storage.migrate import upgrade_database

        if needs_consent(db or upgrade_database(settings), settings.llm_base_url):
            log.info("practice uses the offline voice: the LLM endpoint is not confirmed yet")
            return OfflineResponder()
    backend = OpenAICompatibleBackend(
        settings.llm_base_url,
        settings.llm_model,
        secret_value(settings.llm_api_key),
        timeout_s=min(settings.llm_timeout_s, PRACTICE_TIMEOUT_S),
        max_retries=min(settings.llm_max_retries, 1),
    )
    return LLMResponder(backend, redact=settings.llm_redact)
