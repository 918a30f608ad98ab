"""A loopback HTTP server that speaks the OpenAI chat-completions wire format, scripted per test.

The `openai` SDK talks to it over real HTTP on 127.0.0.1, so the tests exercise the same code path as a
real Ollama or vLLM server: status codes, headers (Retry-After), timeouts and dropped connections.
Every request is recorded, so tests can assert on exactly what left the "machine".

Script steps are consumed one per chat request; when the script runs out, `default` answers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """A normal chat completion whose message content is `content`."""

    content: str
    prompt_tokens: int = 100
    completion_tokens: int = 20


@dataclass(frozen=True)
class Status:
    """An HTTP error answer, e.g. 429 with a Retry-After header."""

    code: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "scripted error"


@dataclass(frozen=True)
class Hang:
    """Say nothing for `seconds` (past the client's timeout), then give up."""

    seconds: float


@dataclass(frozen=True)
class Drop:
    """Close the connection without answering."""


Step = Reply | Status | Hang | Drop
Responder = Callable[[dict[str, Any]], Step]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def text(self) -> str:
        """Everything the messages carried, joined: what left the machine."""
        return "\n".join(str(m.get("content", "")) for m in self.body.get("messages", []))


class ScriptedLLMServer:
    """Holds the script and the log of received requests; `url` is the base_url to configure."""

    def __init__(self, models: tuple[str, ...] = ("test-model",), api_key: str | None = None) -> None:
        self.script: list[Step] = []
        self.default: Responder = lambda body: Reply('{"findings": []}')
        self.received: list[Received] = []
        self.models = models
        self.api_key = api_key
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def chat_requests(self) -> list[Received]:
        return [r for r in self.received if r.path.endswith("/chat/completions")]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def next_step(self, body: dict[str, Any]) -> Step:
        with self._lock:
            if self.script:
                return self.script.pop(0)
        return self.default(body)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
                return

            def do_GET(self) -> None:
                owner.received.append(Received(self.path, _lower(self.headers), {}))
                if not self._authorised():
                    return
                if self.path.endswith("/models"):
                    data = [
                        {"id": m, "object": "model", "created": 0, "owned_by": "test"} for m in owner.models
                    ]
                    self._json(200, {"object": "list", "data": data})
                else:
                    self._error(404, "no such path")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                owner.received.append(Received(self.path, _lower(self.headers), body))
                if not self._authorised():
                    return
                if not self.path.endswith("/chat/completions"):
                    self._error(404, "no such path")
                    return
                if body.get("model") not in owner.models:
                    self._error(404, f"model '{body.get('model')}' not found")
                    return
                step = owner.next_step(body)
                if isinstance(step, Reply):
                    self._json(200, _completion(body, step))
                elif isinstance(step, Status):
                    self._error(step.code, step.message, step.headers)
                elif isinstance(step, Hang):
                    time.sleep(step.seconds)
                    self.close_connection = True
                else:
                    # Drop: shut the socket with no status line at all.
                    self.close_connection = True
                    self.connection.close()

            def _authorised(self) -> bool:
                if owner.api_key is None:
                    return True
                if self.headers.get("Authorization") == f"Bearer {owner.api_key}":
                    return True
                self._error(401, "invalid api key")
                return False

            def _json(
                self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(payload).encode("utf-8")
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _error(self, code: int, message: str, headers: dict[str, str] | None = None) -> None:
                self._json(code, {"error": {"message": message, "type": "test", "code": code}}, headers)

        return Handler


def _completion(body: dict[str, Any], reply: Reply) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
        },
    }


@contextmanager
def running_server(**kwargs: Any) -> Iterator[ScriptedLLMServer]:
    server = ScriptedLLMServer(**kwargs)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _lower(headers: Any) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in headers.items()}
