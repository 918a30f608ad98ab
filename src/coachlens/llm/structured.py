"""Structured replies: ask for a JSON schema, fall back to JSON mode, validate, repair once.

Endpoints differ: OpenAI and vLLM honour `response_format: json_schema`, Ollama and llama.cpp accept
it or only `json_object`, some proxies accept neither. `StructuredCaller` tries the strongest mode
first and remembers what the endpoint refused, so later requests of the same run go straight to the
mode that works. Whatever the mode, the reply is validated against the pydantic model; an invalid
reply gets exactly one repair request that shows the model its own answer and the problem.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field, replace
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from coachlens.llm.backend import (
    ChatMessage,
    ChatReply,
    ChatRequest,
    LLMBackend,
    LLMOutputError,
    LLMUnsupportedOutputError,
    OutputMode,
    TokenUsage,
)
from coachlens.llm.cache import CachedReply, ResultCache
from coachlens.llm.schemas import response_schema

log = logging.getLogger(__name__)

Model = TypeVar("Model", bound=BaseModel)

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)
_MODES: tuple[OutputMode, ...] = ("json_schema", "json_object", "text")


@dataclass
class StructuredCaller:
    """Sends structured requests through one backend, tracking usage, repairs and refused modes."""

    backend: LLMBackend
    cache: ResultCache | None = None
    usage: TokenUsage = field(default_factory=TokenUsage)
    repairs: int = 0
    _refused: set[OutputMode] = field(default_factory=set)

    def request(self, request: ChatRequest, model: type[Model]) -> Model:
        """The validated reply to `request` (its `output` is chosen here); LLMOutputError if unusable."""
        key = request.cache_key(self.backend.model)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            try:
                parsed = parse_reply(cached.content, model)
            except (ValueError, ValidationError):
                log.warning("ignoring a cached LLM reply that no longer validates")
            else:
                self.usage = self.usage + TokenUsage(cached_requests=1)
                return parsed
        reply, sent = self._send_with_fallback(request, model)
        try:
            parsed = parse_reply(reply.content, model)
        except (ValueError, ValidationError) as exc:
            self.repairs += 1
            parsed = self._repair(sent, reply, exc, model)
        if self.cache is not None:
            self.cache.put(key, CachedReply(_canonical(parsed), self.backend.model, request.prompt_version))
        return parsed

    def _send_with_fallback(self, request: ChatRequest, model: type[Model]) -> tuple[ChatReply, ChatRequest]:
        schema = response_schema(model)
        for mode in _MODES:
            if mode in self._refused:
                continue
            attempt = replace(request, output=mode, json_schema=schema if mode == "json_schema" else None)
            try:
                reply = self.backend.complete(attempt)
            except LLMUnsupportedOutputError:
                log.info("the LLM endpoint refused output mode %s; trying a simpler one", mode)
                self._refused.add(mode)
                continue
            self.usage = self.usage + reply.usage
            return reply, attempt
        raise LLMOutputError("the LLM endpoint refused every output mode (json_schema, json_object, text)")

    def _repair(self, sent: ChatRequest, reply: ChatReply, problem: Exception, model: type[Model]) -> Model:
        repair = replace(
            sent,
            messages=(
                *sent.messages,
                ChatMessage("assistant", reply.content[:8000]),
                ChatMessage("user", repair_instruction(problem)),
            ),
        )
        second = self.backend.complete(repair)
        self.usage = self.usage + second.usage
        try:
            return parse_reply(second.content, model)
        except (ValueError, ValidationError) as exc:
            raise LLMOutputError(
                f"the model's reply did not match the expected JSON even after a repair request ({_short(exc)})"
            ) from None


def parse_reply(content: str, model: type[Model]) -> Model:
    """Validate a reply, tolerating a ```json fence or prose around one JSON object."""
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    if not text.startswith("{"):
        start, end = text.find("{"), text.rfind("}")
        if start < 0 or end <= start:
            raise ValueError("the reply holds no JSON object")
        text = text[start : end + 1]
    return model.model_validate_json(text)


def repair_instruction(problem: Exception) -> str:
    """The follow-up message that asks the model to fix its own reply."""
    return (
        "Your reply could not be used: "
        f"{_short(problem)}. Reply again with only one JSON object that follows the schema and the "
        "rules above: no prose, no code fence, every quote copied exactly from the transcript."
    )


def _short(problem: Exception) -> str:
    if isinstance(problem, ValidationError):
        first = problem.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "reply"
        return f"{where}: {first.get('msg', 'invalid')} ({problem.error_count()} problem(s))"
    return str(problem).splitlines()[0][:200] if str(problem) else type(problem).__name__


def _canonical(parsed: BaseModel) -> str:
    return json.dumps(parsed.model_dump(mode="json"), ensure_ascii=False)
