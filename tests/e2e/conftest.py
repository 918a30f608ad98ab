"""End-to-end fixtures: a real uvicorn server on 127.0.0.1 with a temporary data dir, and headless Chromium.

`live_server` starts `create_app` under uvicorn in a background thread on a free port (one server per
test module) and stops it afterwards. `browser` launches Debian's /usr/bin/chromium through
Playwright with the no-network flags; tests that need it skip with a clear reason when it is missing.
`page` records every request the page makes, so a test can check that nothing left 127.0.0.1.
Screenshots go to test-artifacts/screenshots/ (git-ignored) via `save_screenshot`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from coachlens.config import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SERVER_START_TIMEOUT_S = 30.0
# Small enough that a test can make a file over it in a blink.
UPLOAD_LIMIT_BYTES = 1_000_000


@dataclass
class LiveServer:
    """A running coachlens server: its base URL and the app (for its database and job queue)."""

    base_url: str
    app: Any

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def db(self) -> Any:
        return self.app.state.context.db


@dataclass
class RecordedPage:
    """A Playwright page plus every URL it requested."""

    page: Any
    requests: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    import uvicorn

    from coachlens.web.app import create_app

    data_dir = tmp_path_factory.mktemp("e2e") / "data"
    settings = Settings(data_dir=data_dir, seed_demo_sessions=False, max_upload_bytes=UPLOAD_LIMIT_BYTES)
    app = create_app(settings)  # the real offline engine runs the assessments
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="e2e-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the e2e coachlens server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(base_url=f"http://127.0.0.1:{port}", app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[RecordedPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    recorded = RecordedPage(page=context.new_page())
    recorded.page.on("request", lambda request: recorded.requests.append(request.url))
    try:
        yield recorded
    finally:
        context.close()


def save_screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG of the page under test-artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
