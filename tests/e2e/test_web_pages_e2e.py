"""The web workbench in a real headless Chromium against a real server: upload, roles, report, evidence,
library, drill, dashboard, delete. Screenshots of the main pages land in test-artifacts/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coachlens.framework import load_rubric, select_questions
from coachlens.storage import list_sessions

from .conftest import UPLOAD_LIMIT_BYTES, LiveServer, RecordedPage, save_screenshot

pytestmark = pytest.mark.browser

ASSESSMENT_TIMEOUT_MS = 90_000

# Two named speakers, no Coach/Client labels: the roles are guessed and the page asks to confirm them.
ZOOM_VTT = """WEBVTT

1
00:00:01.000 --> 00:00:05.500
Dana Reyes: Thanks for making the time. What would you like to focus on today?

2
00:00:06.000 --> 00:00:16.000
Sam Okafor: I keep saying yes to every project, and by Thursday I'm working until midnight again.

3
00:00:17.000 --> 00:00:21.000
Dana Reyes: So you feel stretched thin by all the yeses. What would a good outcome from today look like?

4
00:00:22.000 --> 00:00:34.000
Sam Okafor: A way to decide which requests I take, without feeling like I'm letting the team down.

5
00:00:35.000 --> 00:00:40.000
Dana Reyes: What matters to you about not letting the team down?

6
00:00:41.000 --> 00:00:58.000
Sam Okafor: I suppose I want to be the person people can count on. My dad was like that. But I'm exhausted.

7
00:00:59.000 --> 00:01:05.000
Dana Reyes: You sound tired just saying it. Have you tried blocking time in your calendar?

8
00:01:06.000 --> 00:01:15.000
Sam Okafor: I have. It never sticks, people book over it.

9
00:01:16.000 --> 00:01:24.000
Dana Reyes: What do you notice about the moment just before you say yes?

10
00:01:25.000 --> 00:01:40.000
Sam Okafor: There's a little jolt of panic, like if I say no they'll stop asking me. Huh. I've never said that out loud.

11
00:01:41.000 --> 00:01:47.000
Dana Reyes: What will you take from today, and what's one thing you'll try this week?

12
00:01:48.000 --> 00:02:02.000
Sam Okafor: I'll notice the jolt, and wait a day before I answer. I'll tell you how it went next time.
"""

LABELLED = """Coach: What would you like to work on today?
Client: Preparing for a difficult conversation with my co-founder about equity.
Coach: What makes it difficult for you?
Client: I'm afraid it will break our friendship.
Coach: So the friendship is what's really at stake here.
Client: Yes. More than the money.
Coach: What would a good conversation look like?
Client: Honest, and we both still trust each other afterwards.
"""


def only_local_requests(recorded: RecordedPage, server: LiveServer) -> None:
    outside = [url for url in recorded.requests if not url.startswith((server.base_url, "data:", "about:"))]
    assert outside == [], f"pages requested something outside this server: {outside}"


def test_upload_confirm_roles_follow_evidence_filter_and_delete(
    live_server: LiveServer, page: RecordedPage, tmp_path: Path
) -> None:
    tab = page.page
    transcript = tmp_path / "zoom-session.vtt"
    transcript.write_text(ZOOM_VTT, encoding="utf-8")

    tab.goto(live_server.url("/upload"))
    tab.set_input_files("#files", str(transcript))
    tab.fill("#title", "Saying yes to everything")
    assert "zoom-session.vtt" in tab.inner_text("[data-file-list]")  # the JS file list
    save_screenshot(tab, "upload")
    tab.click("[data-submit]")

    tab.wait_for_url(re.compile(r"/sessions/[0-9a-f]+/roles$"))
    assert "Who is the coach?" in tab.inner_text("h1")
    assert "Dana Reyes" in tab.content() and "Sam Okafor" in tab.content()
    save_screenshot(tab, "roles")
    tab.click("button[name=confirm-roles]")

    # The status page polls the job and reloads itself into the report.
    tab.wait_for_selector("#markers", timeout=ASSESSMENT_TIMEOUT_MS)
    assert "Saying yes to everything" in tab.inner_text("h1")
    assert tab.locator(".marker-row").count() == 37
    save_screenshot(tab, "report")

    # Open a finding that has evidence, then follow its first quote into the transcript.
    row = tab.locator(".marker-row", has=tab.locator("a.turn-ref[href^='#ev-']")).first
    marker_row_id = row.get_attribute("id")
    row.locator("summary").click()
    evidence_link = row.locator("a.turn-ref[href^='#ev-']").first
    assert evidence_link.is_visible()
    anchor = (evidence_link.get_attribute("href") or "").lstrip("#")
    evidence_link.click()
    tab.wait_for_function("id => location.hash === '#' + id", arg=anchor)
    highlight = tab.locator(f"mark.ev:has(> [id='{anchor}'])")
    assert highlight.is_visible() and highlight.bounding_box() is not None
    assert tab.evaluate("id => document.querySelector(':target').id === id", anchor)
    save_screenshot(tab, "report-evidence", full_page=False)

    # The marker chip after the highlight leads back to the finding, opened.
    marker_id = (marker_row_id or "").removeprefix("marker-")
    turn = tab.locator("article.turn", has=tab.locator(f"[id='{anchor}']"))
    turn.locator(f"a.ev-link[href='#marker-{marker_id}']").first.click()
    tab.wait_for_function("id => location.hash === '#' + id", arg=marker_row_id)
    assert tab.locator(f"#{marker_row_id} details").get_attribute("open") is not None

    # Filter the transcript by that marker: only turns with its evidence stay visible.
    all_turns = tab.locator("article.turn").count()
    tab.select_option("#filter-marker", marker_id.replace("-", "."))
    visible = tab.locator("article.turn:visible").count()
    assert 0 < visible < all_turns
    assert f"marker {marker_id.replace('-', '.')}" in tab.inner_text(".filter-status")
    tab.select_option("#filter-marker", "")
    assert tab.locator("article.turn:visible").count() == all_turns

    # Delete the session, after the confirmation page.
    session_path = re.sub(r"[?#].*$", "", tab.url.removeprefix(live_server.base_url))
    tab.goto(live_server.url(f"{session_path}/delete"))
    assert "cannot be undone" in tab.content()
    tab.click("button.danger")
    tab.wait_for_url(re.compile(r"/sessions\?deleted="))
    assert "Deleted “Saying yes to everything”" in tab.inner_text("main")
    assert list_sessions(live_server.db) == []
    only_local_requests(page, live_server)


def test_competency_and_marker_pages(live_server: LiveServer, page: RecordedPage) -> None:
    tab = page.page
    tab.goto(live_server.url("/library"))
    save_screenshot(tab, "library")
    tab.click("a.competency-card[href='/library/competencies/6']")
    tab.wait_for_url(re.compile(r"/library/competencies/6$"))
    assert "Listens Actively" in tab.inner_text("h1")
    for section in ("Sub-points", "PCC markers", "ACC, PCC and MCC", "Practice questions", "Resources"):
        assert section in tab.inner_text("main")
    save_screenshot(tab, "library-competency")
    tab.click(".marker-cards a[href='/library/markers/6.3']")
    tab.wait_for_url(re.compile(r"/library/markers/6\.3$"))
    assert "Sounds like" in tab.inner_text("main") and "Not this" in tab.inner_text("main")
    save_screenshot(tab, "library-marker")
    tab.click("nav a[href='/library']")
    tab.fill("#library-q", "silence")
    tab.press("#library-q", "Enter")
    tab.wait_for_url(re.compile(r"/library/search\?q=silence"))
    assert tab.locator(".search-hits li").count() > 0
    only_local_requests(page, live_server)


def test_play_a_drill_question(live_server: LiveServer, page: RecordedPage) -> None:
    tab = page.page
    tab.goto(live_server.url("/library/drill?competency=4"))
    tab.check("input[name=count][value='5']")
    tab.click("button[type=submit]")
    assert "question 1 of 5" in tab.inner_text(".eyebrow").lower()
    scenario = tab.inner_text("#question-title")
    question = next(q for q in select_questions(load_rubric(), 4) if q.scenario == scenario)
    tab.check(f"input[name=choice][value='{question.best}']")
    save_screenshot(tab, "drill-question")
    tab.click("button[type=submit]")
    assert "You chose the best response." in tab.inner_text(".verdict")
    assert tab.locator(".options-review li.best").count() == 1
    assert tab.locator(".options-review li.worst").count() == 1
    assert f"Why {question.best} is best" in tab.inner_text(".explanations")
    save_screenshot(tab, "drill-feedback")
    tab.click("text=Next question")
    assert "question 2 of 5" in tab.inner_text(".eyebrow").lower()


def test_two_uploads_at_once_then_the_dashboard(
    live_server: LiveServer, page: RecordedPage, tmp_path: Path
) -> None:
    tab = page.page
    first, second = tmp_path / "cofounder.txt", tmp_path / "cofounder-practice.txt"
    first.write_text(LABELLED, encoding="utf-8")
    second.write_text(LABELLED.replace("equity", "roles"), encoding="utf-8")
    tab.goto(live_server.url("/upload"))
    tab.set_input_files("#files", [str(first), str(second)])
    tab.check("input[name=kind][value=practice]")
    tab.click("[data-submit]")
    assert "2 of 2 files stored" in tab.inner_text("main")
    tab.wait_for_function(
        "() => [...document.querySelectorAll('[data-status-badge]')].every(b => b.textContent === 'Assessed')",
        timeout=ASSESSMENT_TIMEOUT_MS,
    )
    tab.goto(live_server.url("/dashboard"))
    assert "suggested focus for your next session" in tab.inner_text("section.focus").lower()
    assert tab.locator("svg.line-chart").count() == 5
    assert tab.locator("svg .dot.hollow").count() > 0  # practice sessions are marked
    save_screenshot(tab, "dashboard")
    tab.goto(live_server.url("/sessions"))
    save_screenshot(tab, "sessions")
    only_local_requests(page, live_server)


def test_report_reads_on_a_phone(live_server: LiveServer, browser: object, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        summaries = [s for s in list_sessions(live_server.db) if s.status == "done"]
        if not summaries:
            # This worker's server has no assessed session yet (tests run spread over workers):
            # upload one from the phone itself.
            # Two files, so the upload answers with the list of their assessment badges.
            uploads = [tmp_path / "phone.txt", tmp_path / "phone-2.txt"]
            uploads[0].write_text(LABELLED, encoding="utf-8")
            uploads[1].write_text(LABELLED.replace("equity", "roles"), encoding="utf-8")
            tab.goto(live_server.url("/upload"))
            tab.set_input_files("#files", [str(u) for u in uploads])
            tab.click("[data-submit]")
            assert "2 of 2 files stored" in tab.inner_text("main")
            tab.wait_for_function(
                "() => [...document.querySelectorAll('[data-status-badge]')].every(b => b.textContent === 'Assessed')",
                timeout=ASSESSMENT_TIMEOUT_MS,
            )
            summaries = [s for s in list_sessions(live_server.db) if s.status == "done"]
        assert summaries, "no assessed session to open"
        tab.goto(live_server.url(f"/sessions/{summaries[0].id}"))
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the report scrolls sideways on a phone ({width}px wide)"
        save_screenshot(tab, "report-phone", full_page=False)
    finally:
        context.close()


PAGE_AUDIT = """() => {
  const unlabelled = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map(el => el.outerHTML.slice(0, 80));
  const ids = [...document.querySelectorAll('[id]')].map(el => el.id);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  const unnamedLinks = [...document.querySelectorAll('a[href]')].filter(a => !a.textContent.trim()
    && !a.getAttribute('aria-label') && !a.querySelector('title')).map(a => a.outerHTML.slice(0, 80));
  return {unlabelled, duplicates, unnamedLinks, lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length};
}"""


def test_main_pages_have_labels_unique_ids_and_one_heading(
    live_server: LiveServer, page: RecordedPage
) -> None:
    tab = page.page
    sessions = [s for s in list_sessions(live_server.db) if s.status == "done"]
    paths = [
        "/sessions",
        "/upload",
        "/dashboard",
        "/library",
        "/library/competencies/3",
        "/library/markers/5.5",
        "/library/drill",
    ]
    paths += [f"/sessions/{s.id}" for s in sessions[:1]] + [f"/sessions/{s.id}/roles" for s in sessions[:1]]
    for path in paths:
        tab.goto(live_server.url(path))
        audit = tab.evaluate(PAGE_AUDIT)
        assert audit["unlabelled"] == [], (path, audit["unlabelled"])
        assert audit["duplicates"] == [], (path, audit["duplicates"])
        assert audit["unnamedLinks"] == [], (path, audit["unnamedLinks"])
        assert audit["lang"] == "en" and audit["h1"] == 1, (path, audit)
    # The keyboard reaches the skip link first, and it leads to the main content.
    tab.goto(live_server.url("/library"))
    tab.keyboard.press("Tab")
    assert tab.evaluate("() => document.activeElement.className") == "skip-link"
    only_local_requests(page, live_server)


def test_upload_page_warns_about_a_file_over_the_limit_before_sending(
    live_server: LiveServer, page: RecordedPage, tmp_path: Path
) -> None:
    tab = page.page
    big = tmp_path / "long-session.txt"
    big.write_text(LABELLED * (UPLOAD_LIMIT_BYTES // len(LABELLED) + 10), encoding="utf-8")
    tab.goto(live_server.url("/upload"))
    tab.set_input_files("#files", str(big))
    assert "over the" in tab.inner_text(".file-list .too-big")
    assert tab.is_disabled("[data-submit]")
