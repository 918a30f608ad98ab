"""`FakeBackend`: a scripted in-process backend for unit tests and for trying the plumbing offline.

Each `complete` call takes the next scripted step: a string (the reply content), an exception (raised)
or a function of the request (for replies that depend on what was asked). When the script is empty
`default` answers. Every request is kept in `requests`, so tests can check what would have been sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from coachlens.llm.backend import ChatReply, ChatRequest, TokenUsage

Step = str | Exception | Callable[[ChatRequest], str]


@dataclass
class FakeBackend:
    script: list[Step] = field(default_factory=list)
    default: Step = '{"findings": []}'
    model_name: str = "fake-model"
    endpoint_url: str = "http://127.0.0.1/fake/v1"
    requests: list[ChatRequest] = field(default_factory=list)

    @classmethod
    def replying(cls, replies: Iterable[Step], **kwargs: object) -> FakeBackend:
        return cls(script=list(replies), **kwargs)  # type: ignore[arg-type]

    @property
    def model(self) -> str:
        return self.model_name

    @property
    def endpoint(self) -> str:
        return self.endpoint_url

    def complete(self, request: ChatRequest) -> ChatReply:
        self.requests.append(request)
        step = self.script.pop(0) if self.script else self.default
        if isinstance(step, Exception):
            raise step
        content = step(request) if callable(step) else step
        usage = TokenUsage(
            prompt_tokens=sum(len(m.content) for m in request.messages) // 4,
            completion_tokens=len(content) // 4,
            requests=1,
        )
        return ChatReply(content=content, model=self.model_name, usage=usage, output=request.output)
