"""A short practice session in a real headless Chromium against a real server, through to its debrief.

Screenshots of the picker, the chat (with hints and trust meter) and the debrief go to
test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from coachlens.storage import list_sessions

from .conftest import LiveServer, RecordedPage, save_screenshot

pytestmark = pytest.mark.browser

# The debrief runs the full offline engine; the first run in a fresh data dir embeds the exemplars.
DEBRIEF_TIMEOUT_MS = 120_000

COACH_LINES = [
    "Welcome. What would you like to focus on today?",
    "That sounds like a lot to carry.",
    "What is that like for you?",
    "It sounds like this has been weighing on you for a while.",
]


def test_practice_session_to_debrief(live_server: LiveServer, page: RecordedPage) -> None:
    tab = page.page
    tab.goto(live_server.url("/"))
    tab.get_by_role("link", name="Practice").click()
    tab.wait_for_url(re.compile(r"/practice$"))
    tab.get_by_text("Karin, 44, heads customer operations").wait_for()
    save_screenshot(tab, "practice-picker")

    tab.locator("label[for='persona-karin-burnout']").click()
    tab.get_by_role("button", name="Start the session").click()
    tab.wait_for_url(re.compile(r"/practice/runs/[0-9a-f]{16}$"))
    assert tab.get_by_role("button", name="End session and see the debrief").is_disabled()

    box = tab.get_by_label("You (the coach)")
    for number, line in enumerate(COACH_LINES, start=1):
        box.fill(line)
        if number % 2:
            tab.get_by_role("button", name="Say it").click()
        else:
            box.press("Control+Enter")
        tab.wait_for_function("n => document.querySelectorAll('.bubble.client').length === n", arg=number)
    assert "/practice/runs/" in tab.url, "turns are sent without leaving the page"
    bubbles = tab.locator(".bubble")
    assert bubbles.count() == 2 * len(COACH_LINES)
    assert bubbles.nth(0).locator(".said").inner_text() == COACH_LINES[0]
    assert "Karin Holm" in bubbles.nth(1).inner_text()
    assert tab.locator(".hint").count() >= 1
    assert tab.locator(".hint a.marker-id").count() >= 1, "marker ids in hints link to the library"
    trust = int(tab.locator("[data-trust-value]").inner_text())
    assert trust > 37, "an empathic opening raises the client's trust"
    save_screenshot(tab, "practice-chat")

    # A reload shows the same conversation, rendered by the server.
    tab.reload()
    assert tab.locator(".bubble").count() == 2 * len(COACH_LINES)

    # Ending runs the full engine; the first assessment in a fresh data dir also embeds the exemplars.
    tab.get_by_role("button", name="End session and see the debrief").click(timeout=DEBRIEF_TIMEOUT_MS)
    tab.wait_for_url(re.compile(r"/practice/debriefs/[0-9a-f]+$"), timeout=DEBRIEF_TIMEOUT_MS)
    tab.get_by_role("heading", name="One thing to try next time").wait_for()
    assert tab.locator("svg.trust-chart").count() == 1
    assert "Karin Holm's trust went from 37" in tab.locator("[data-debrief-summary]").inner_text()
    save_screenshot(tab, "practice-debrief")

    stored = list_sessions(live_server.db, kind="practice")
    assert len(stored) == 1 and stored[0].turn_count == 2 * len(COACH_LINES)
    tab.get_by_role("link", name="Full marker-by-marker report").click()
    tab.wait_for_url(re.compile(rf"/sessions/{stored[0].id}$"))

    outside = [u for u in page.requests if not u.startswith((live_server.base_url, "data:", "about:"))]
    assert outside == [], f"pages requested something outside this server: {outside}"
