"""`OpenAICompatibleBackend`: any OpenAI-compatible chat endpoint through the official `openai` SDK.

OpenAI, Azure OpenAI (its /openai/v1 path), Ollama, vLLM, LM Studio, llama.cpp server and LiteLLM all
speak the chat-completions wire format at a `base_url`. Retries are done here rather than by the SDK
so that the policy is ours and testable: 429 and 5xx answers and dropped connections are retried with
exponential backoff, honouring `Retry-After`; a timeout is not retried (it already cost the full wait).
The API key is handed to the SDK and nowhere else: it is never logged or put in an error message.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import openai

from coachlens.config import Settings, secret_value
from coachlens.errors import ConfigError
from coachlens.llm.backend import (
    ChatReply,
    ChatRequest,
    LLMRejectedError,
    LLMUnavailableError,
    LLMUnsupportedOutputError,
    TokenUsage,
)

log = logging.getLogger(__name__)

# Local servers (Ollama, llama.cpp) accept any key; the SDK insists on one, so send a harmless word.
_NO_KEY = "not-needed"
_RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


class OpenAICompatibleBackend:
    """Chat completions against `base_url` with our own timeout and retry policy."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout_s: float = 120.0,
        max_retries: int = 2,
        backoff_s: float = 1.0,
        max_wait_s: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._model = model
        self._timeout_s = timeout_s
        self._max_retries = max_retries
        self._backoff_s = backoff_s
        self._max_wait_s = max_wait_s
        self._sleep = sleep
        self._client = openai.OpenAI(
            base_url=self._base_url,
            api_key=api_key or _NO_KEY,
            timeout=timeout_s,
            max_retries=0,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAICompatibleBackend:
        """The backend the settings describe; ConfigError when the endpoint or model is missing."""
        if not settings.llm_base_url:
            raise ConfigError("no LLM endpoint configured: set llm_base_url (COACHLENS_LLM_BASE_URL)")
        if not settings.llm_model:
            raise ConfigError("no LLM model configured: set llm_model (COACHLENS_LLM_MODEL)")
        return cls(
            settings.llm_base_url,
            settings.llm_model,
            secret_value(settings.llm_api_key),
            timeout_s=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            max_wait_s=min(60.0, settings.llm_timeout_s),
        )

    @property
    def model(self) -> str:
        return self._model

    @property
    def endpoint(self) -> str:
        return self._base_url

    @property
    def client(self) -> openai.OpenAI:
        """The SDK client, for `llm check` (listing models)."""
        return self._client

    def complete(self, request: ChatRequest) -> ChatReply:
        """Send one request, retrying transient failures; raises LLMUnavailable/LLMRejected errors."""
        attempt = 0
        while True:
            try:
                return self._send(request)
            except openai.APITimeoutError:
                raise LLMUnavailableError(
                    f"the LLM endpoint {self._base_url} did not answer within {self._timeout_s:g} s: "
                    "try a smaller model or raise llm_timeout_s"
                ) from None
            except openai.APIConnectionError as exc:
                if attempt >= self._max_retries:
                    raise LLMUnavailableError(
                        f"could not reach the LLM endpoint {self._base_url} ({_reason(exc)}): "
                        "check that the server is running and llm_base_url is right"
                    ) from None
                wait = self._backoff(attempt)
            except openai.APIStatusError as exc:
                status = exc.status_code
                if status not in _RETRY_STATUSES:
                    raise self._rejected(exc, request) from None
                if attempt >= self._max_retries:
                    raise LLMUnavailableError(
                        f"the LLM endpoint {self._base_url} kept failing (HTTP {status} after "
                        f"{attempt + 1} attempts): try again later"
                    ) from None
                wait = self._retry_after(exc) or self._backoff(attempt)
                if wait > self._max_wait_s:
                    raise LLMUnavailableError(
                        f"the LLM endpoint {self._base_url} asked to wait {wait:.0f} s (HTTP {status}): "
                        "try again later"
                    ) from None
            attempt += 1
            log.info("LLM request failed; retry %d of %d in %.2f s", attempt, self._max_retries, wait)
            self._sleep(wait)

    def _send(self, request: ChatRequest) -> ChatReply:
        kwargs: dict[str, Any] = {
            "model": self._model,
            "messages": [m.to_dict() for m in request.messages],
            "temperature": request.temperature,
        }
        if request.max_tokens is not None:
            kwargs["max_tokens"] = request.max_tokens
        if request.output == "json_schema" and request.json_schema is not None:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": request.json_schema, "strict": False},
            }
        elif request.output == "json_object":
            kwargs["response_format"] = {"type": "json_object"}
        response = self._client.chat.completions.create(**kwargs)
        if not response.choices:
            raise LLMRejectedError(f"the LLM endpoint {self._base_url} answered with no choices")
        choice = response.choices[0]
        usage = response.usage
        return ChatReply(
            content=choice.message.content or "",
            model=response.model or self._model,
            usage=TokenUsage(
                prompt_tokens=(usage.prompt_tokens or 0) if usage else 0,
                completion_tokens=(usage.completion_tokens or 0) if usage else 0,
                requests=1,
            ),
            output=request.output,
            finish_reason=choice.finish_reason,
        )

    def _backoff(self, attempt: int) -> float:
        # Exponential with a little jitter so parallel jobs do not retry in lockstep.
        return float(self._backoff_s * (2**attempt) * (1.0 + random.random() * 0.25))

    def _retry_after(self, exc: openai.APIStatusError) -> float | None:
        return parse_retry_after(exc.response.headers)

    def _rejected(self, exc: openai.APIStatusError, request: ChatRequest) -> LLMRejectedError:
        status = exc.status_code
        if status in (401, 403):
            return LLMRejectedError(
                f"the LLM endpoint {self._base_url} refused the API key (HTTP {status}): "
                "check llm_api_key (COACHLENS_LLM_API_KEY)"
            )
        if status == 404:
            return LLMRejectedError(
                f"the LLM endpoint {self._base_url} does not know model '{self._model}' (HTTP 404): "
                "check llm_model, and that llm_base_url ends in /v1 where the server needs it"
            )
        if status in (400, 422) and request.output != "text":
            return LLMUnsupportedOutputError(
                f"the LLM endpoint {self._base_url} refused response_format {request.output} (HTTP {status})"
            )
        return LLMRejectedError(
            f"the LLM endpoint {self._base_url} refused the request (HTTP {status}): {_reason(exc)}"
        )


def parse_retry_after(headers: Any) -> float | None:
    """Seconds to wait from `retry-after-ms` or `Retry-After` (seconds or an HTTP date); None if absent."""
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reason(exc: Exception) -> str:
    """A short single-line reason from an SDK error, without request details."""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    first = str(message).strip().splitlines()[0] if str(message).strip() else type(exc).__name__
    return first[:200]
