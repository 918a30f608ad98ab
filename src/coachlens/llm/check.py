"""`coachlens llm check`: is the endpoint there, does it take the key, does it serve the model?

Sends no transcript text: one model listing and one tiny chat request ("reply with ok"), so it needs
no consent. Each step says in one line what is wrong and what to change.
"""

from __future__ import annotations

from dataclasses import dataclass

import openai

from coachlens.config import Settings
from coachlens.errors import LLMError
from coachlens.llm.backend import ChatMessage, ChatRequest
from coachlens.llm.consent import endpoint_key, is_loopback
from coachlens.llm.openai_backend import OpenAICompatibleBackend
from coachlens.llm.prompts import CHECK_PROMPT_VERSION


@dataclass(frozen=True)
class CheckStep:
    name: str
    ok: bool
    message: str


@dataclass(frozen=True)
class CheckReport:
    endpoint: str
    model: str
    local: bool
    steps: tuple[CheckStep, ...]

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)


def check_endpoint(settings: Settings, backend: OpenAICompatibleBackend | None = None) -> CheckReport:
    """Run the checks in order, stopping at the first failure (later ones would only repeat it)."""
    backend = backend or OpenAICompatibleBackend.from_settings(settings)
    steps: list[CheckStep] = []
    listing = _check_models(backend)
    steps.append(listing)
    if listing.ok:
        steps.append(_check_chat(backend))
    return CheckReport(
        endpoint=endpoint_key(backend.endpoint),
        model=backend.model,
        local=is_loopback(backend.endpoint),
        steps=tuple(steps),
    )


def _check_models(backend: OpenAICompatibleBackend) -> CheckStep:
    name = "models"
    try:
        page = backend.client.models.list()
        served = sorted(model.id for model in page.data)
    except openai.APITimeoutError:
        return CheckStep(
            name, False, f"timed out: {backend.endpoint} did not answer; is the server busy or stuck?"
        )
    except openai.APIConnectionError:
        return CheckStep(
            name,
            False,
            f"unreachable: nothing answers at {backend.endpoint}; start the server or fix llm_base_url",
        )
    except openai.AuthenticationError:
        return CheckStep(name, False, "bad key: the endpoint refused the API key; check llm_api_key")
    except openai.PermissionDeniedError:
        return CheckStep(name, False, "bad key: the API key may not list models here; check llm_api_key")
    except openai.NotFoundError:
        # Some servers (and proxies) have no /models; the chat check below still tells us enough.
        return CheckStep(name, True, "the endpoint does not list its models; checking with a chat request")
    except openai.APIStatusError as exc:
        return CheckStep(name, False, f"the endpoint answered HTTP {exc.status_code} to a model listing")
    if served and backend.model not in served:
        shown = ", ".join(served[:12]) + (" ..." if len(served) > 12 else "")
        return CheckStep(
            name, False, f"unknown model: '{backend.model}' is not served here; available: {shown}"
        )
    return CheckStep(name, True, f"reachable; model '{backend.model}' is available")


def _check_chat(backend: OpenAICompatibleBackend) -> CheckStep:
    request = ChatRequest(
        messages=(ChatMessage("user", "Reply with the single word: ok"),),
        purpose="check",
        prompt_version=CHECK_PROMPT_VERSION,
        temperature=0.0,
        max_tokens=5,
    )
    try:
        reply = backend.complete(request)
    except LLMError as exc:
        return CheckStep("chat", False, exc.message)
    tokens = reply.usage.total_tokens
    return CheckStep("chat", True, f"the model answered ({tokens} tokens); ready to use with --llm")
