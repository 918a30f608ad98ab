"""The LLM backend interface: one chat request in, one reply (text + token usage) out.

Everything above this layer (judge, narrative, practice voice) talks to an `LLMBackend`, so the
OpenAI-compatible client, the cache wrapper and the scripted fake used by tests are interchangeable.
Requests carry already-redacted text; a backend never sees the original transcript unless the user
turned redaction off.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from coachlens.errors import LLMError

MessageRole = Literal["system", "user", "assistant"]
OutputMode = Literal["text", "json_schema", "json_object"]


@dataclass(frozen=True)
class ChatMessage:
    role: MessageRole
    content: str

    def to_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class ChatRequest:
    """One chat-completions call. `json_schema` asks for structured output in that shape.

    `purpose` and `prompt_version` name what the request is for (e.g. "judge", "judge/3"); they are
    part of the cache key and of the dry-run listing, never sent to the endpoint.
    """

    messages: tuple[ChatMessage, ...]
    purpose: str
    prompt_version: str
    output: OutputMode = "text"
    json_schema: dict[str, Any] | None = None
    schema_name: str = "result"
    temperature: float = 0.2
    max_tokens: int | None = None

    def cache_key(self, model: str) -> str:
        """A content hash of everything that shapes the reply: model, prompt version, messages, schema."""
        payload = {
            "model": model,
            "prompt_version": self.prompt_version,
            "output": self.output,
            "schema": self.json_schema,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "messages": [m.to_dict() for m in self.messages],
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class TokenUsage:
    """Tokens spent, summed over requests; `cached_requests` were answered from the local cache."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    cached_requests: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            requests=self.requests + other.requests,
            cached_requests=self.cached_requests + other.cached_requests,
        )

    def to_dict(self) -> dict[str, int]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
            "requests": self.requests,
            "cached_requests": self.cached_requests,
        }


@dataclass(frozen=True)
class ChatReply:
    content: str
    model: str
    usage: TokenUsage = field(default_factory=TokenUsage)
    output: OutputMode = "text"
    finish_reason: str | None = None


class LLMBackend(Protocol):
    """Anything that answers chat requests: the OpenAI-compatible client, the cache, the test fake."""

    @property
    def model(self) -> str: ...

    @property
    def endpoint(self) -> str: ...

    def complete(self, request: ChatRequest) -> ChatReply: ...


class LLMUnavailableError(LLMError):
    """The endpoint could not be reached, timed out or kept failing: run offline and say so."""


class LLMRejectedError(LLMError):
    """The endpoint answered but refused the request (bad key, unknown model, bad request)."""


class LLMOutputError(LLMError):
    """The model answered, but not in the shape asked for, even after a repair attempt."""


class LLMUnsupportedOutputError(LLMRejectedError):
    """The endpoint refused the requested `response_format`; the caller can ask again more simply."""
