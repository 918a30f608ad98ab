"""The session list, the report page (evidence both ways, filters, charts, escaping), management and downloads."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.storage import get_session, list_sessions
from coachlens.web.app import create_app
from web_pages_support import (
    HOSTILE_SESSION,
    LABELLED_SESSION,
    UNLABELLED_VTT,
    fake_assessor,
    make_settings,
    upload_files,
    wait_for_jobs,
)

HTML = {"accept": "text/html"}


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return create_app(make_settings(tmp_path / "data"), assessor=fake_assessor)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as http:
        yield http


def assessed(client: TestClient, app: FastAPI, content: bytes = LABELLED_SESSION, **fields: str) -> str:
    """Upload a labelled transcript, wait for its assessment, return the report URL."""
    location: str = upload_files(client, ("session.txt", content), **fields).headers["location"]
    wait_for_jobs(app)
    return location


def db_of(app: FastAPI) -> Any:
    return app.state.context.db


def test_empty_list_invites_an_upload(client: TestClient) -> None:
    page = client.get("/", headers=HTML)
    assert page.status_code == 200
    assert "No sessions yet" in page.text and 'href="/upload"' in page.text


def test_list_searches_sorts_and_filters(client: TestClient, app: FastAPI) -> None:
    assessed(client, app, title="Banana session")
    assessed(client, app, title="Apple session", kind="practice")
    page = client.get("/sessions", headers=HTML).text
    assert page.index("Apple session") < page.index("Banana session")  # newest first
    by_title = client.get("/sessions", params={"sort": "oldest"}, headers=HTML).text
    assert by_title.index("Banana session") < by_title.index("Apple session")
    found = client.get("/sessions", params={"q": "banana"}, headers=HTML).text
    assert "Banana session" in found and "Apple session" not in found
    practice = client.get("/sessions", params={"kind": "practice"}, headers=HTML).text
    assert "Apple session" in practice and "Banana session" not in practice
    assert "kind-practice" in practice
    nothing = client.get("/sessions", params={"q": "cherry"}, headers=HTML).text
    assert "No session matches" in nothing


def test_report_header_scores_and_readiness(client: TestClient, app: FastAPI) -> None:
    page = client.get(assessed(client, app, title="Week 3"), headers=HTML).text
    assert "<h1>Week 3" in page
    assert "Overall score" in page and "/100" in page
    assert "Readiness" in page and "advisory" in page
    assert "Stand-in readiness rationale" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    for section in ("scores", "feedback", "markers", "transcript", "metrics", "downloads", "details"):
        assert f'id="{section}"' in page


def test_markers_are_grouped_by_competency_and_link_to_their_pages(client: TestClient, app: FastAPI) -> None:
    page = client.get(assessed(client, app), headers=HTML).text
    for competency in range(3, 9):
        assert f'id="competency-{competency}"' in page
    assert page.count('class="marker-row') == 37
    assert 'href="/library/markers/7.1"' in page
    assert page.index('id="competency-3"') < page.index('id="competency-8"')


def test_evidence_links_to_the_transcript_and_the_highlight_links_back(
    client: TestClient, app: FastAPI
) -> None:
    location = assessed(client, app)
    page = client.get(location, headers=HTML).text
    report = get_session(db_of(app), location.split("/")[2]).assessment
    finding = next(m for m in report["markers"] if m["id"] == "7.1")
    evidence = finding["evidence"][0]
    anchor = f"ev-7-1-t{evidence['turn']}-0"
    # the marker's finding links down to the quote ...
    assert f'href="#{anchor}"' in page
    # ... the quote's anchor sits in its turn, inside a highlight ...
    turn_html = page[page.index(f'id="turn-{evidence["turn"]}"') :]
    turn_html = turn_html[: turn_html.index("</article>")]
    assert f'<mark class="ev" data-markers="7.1"><span class="anchor" id="{anchor}"></span>' in turn_html
    # ... and the highlight links back up to the marker's finding.
    assert 'href="#marker-7-1"' in turn_html
    assert 'id="marker-7-1"' in page


def test_transcript_filter_by_marker_without_javascript(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app)
    page = client.get(location, params={"marker": "6.1"}, headers=HTML).text
    turns = re.findall(r'<article class="turn role-\w+( context)?" id="turn-(\d+)"[^>]*?( hidden)?>', page)
    matches = {int(index) for context, index, hidden in turns if not context and not hidden}
    replies = {int(index) for context, index, hidden in turns if context}
    assert all(hidden for context, _, hidden in turns if not context and int(_) not in matches)
    reflections = get_session(db_of(app), location.split("/")[2]).assessment
    expected = {e["turn"] for m in reflections["markers"] if m["id"] == "6.1" for e in m["evidence"]}
    assert matches == expected
    assert replies == {turn + 1 for turn in expected}  # the client's answer stays, dimmed
    assert "Showing only the turns with evidence for marker 6.1" in page
    assert "<details open>" in page  # the filtered marker's finding is open


def test_transcript_filter_by_competency_and_unknown_filters(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app)
    page = client.get(location, params={"competency": "7"}, headers=HTML).text
    assert "evidence for competency 7" in page
    unknown = client.get(location, params={"marker": "9.9", "competency": "99"}, headers=HTML).text
    assert " hidden>" not in unknown  # an unknown filter shows the whole transcript


def test_metrics_charts_come_from_the_turns(client: TestClient, app: FastAPI) -> None:
    page = client.get(assessed(client, app), headers=HTML).text
    metrics = page[page.index('id="metrics"') : page.index('id="downloads"')]
    assert "Talk share" in metrics and "Questions" in metrics and "What the coach did" in metrics
    assert "This transcript has no timestamps" in metrics  # plain text: no timeline
    assert "Coach turns by question type" in metrics


def test_timed_transcript_gets_a_timeline(client: TestClient, app: FastAPI) -> None:
    location = upload_files(client, ("zoom.vtt", UNLABELLED_VTT)).headers["location"]
    client.post(location, data={"action": "confirm"})
    wait_for_jobs(app)
    page = client.get(location.removesuffix("/roles"), headers=HTML).text
    assert "Who spoke, minute by minute" in page
    assert "Time" in page and "speaking time" in page


def test_feedback_quotes_link_to_their_turns(client: TestClient, app: FastAPI) -> None:
    page = client.get(assessed(client, app), headers=HTML).text
    feedback = page[page.index('id="feedback"') : page.index('id="markers"')]
    assert "Strengths" in feedback and "Growth areas" in feedback
    assert re.search(r'href="#turn-\d+"', feedback)
    assert "Try saying it another way" in feedback
    assert "What options do you see?" in feedback


def test_transcript_text_is_escaped(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app, content=HOSTILE_SESSION, title="<b>Title</b>")
    page = client.get(location, headers=HTML).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Title</b>" not in page
    assert "&lt;script&gt;alert(" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;Title&lt;/b&gt;" in page
    listing = client.get("/sessions", headers=HTML).text
    assert "<b>Title</b>" not in listing and "&lt;b&gt;Title&lt;/b&gt;" in listing


def test_unknown_session_is_a_404_page(client: TestClient) -> None:
    page = client.get("/sessions/doesnotexist", headers=HTML)
    assert page.status_code == 404
    assert "Not found" in page.text and "no stored session with id" in page.text
    assert client.get("/sessions/doesnotexist/delete", headers=HTML).status_code == 404
    assert client.get("/sessions/doesnotexist/roles", headers=HTML).status_code == 404
    assert client.get("/sessions/doesnotexist/status").status_code == 404


def test_rename_and_file_a_session(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app)
    session_id = location.split("/")[2]
    renamed = client.post(f"{location}/rename", data={"title": "  Week   4  "}, follow_redirects=False)
    assert renamed.status_code == 303
    filed = client.post(
        f"{location}/tag",
        data={
            "kind": "practice",
            "client_pseudonym": "Client B",
            "tags": "mentor review, week 4",
            "session_date": "2026-03-02",
        },
        follow_redirects=False,
    )
    assert filed.status_code == 303
    record = get_session(db_of(app), session_id)
    assert record.title == "Week 4" and record.kind == "practice" and record.client_pseudonym == "Client B"
    assert record.tags == ("mentor review", "week 4") and record.session_date.isoformat() == "2026-03-02"
    page = client.get(f"{location}?saved=1", headers=HTML).text
    assert "Saved." in page and 'value="Client B"' in page


def test_bad_filing_values_get_one_line_messages(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app)
    blank = client.post(f"{location}/rename", data={"title": "   "}, headers=HTML)
    assert blank.status_code == 400 and "title cannot be empty" in blank.text
    bad_date = client.post(f"{location}/tag", data={"session_date": "yesterday"}, headers=HTML)
    assert bad_date.status_code == 400 and "YYYY-MM-DD" in bad_date.text


def test_delete_asks_first_then_removes_everything(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app, title="To go")
    confirm = client.get(f"{location}/delete", headers=HTML)
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.text and f'action="{location}/delete"' in confirm.text
    assert len(list_sessions(db_of(app))) == 1  # asking deletes nothing
    deleted = client.post(f"{location}/delete", follow_redirects=False)
    assert deleted.status_code == 303 and deleted.headers["location"].startswith("/sessions?deleted=")
    assert list_sessions(db_of(app)) == []
    assert client.get(location, headers=HTML).status_code == 404
    listing = client.get(deleted.headers["location"], headers=HTML).text
    assert "Deleted “To go”" in listing


def test_cross_site_form_posts_are_refused(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app)
    refused = client.post(f"{location}/delete", headers={"sec-fetch-site": "cross-site"})
    assert refused.status_code == 403
    assert len(list_sessions(db_of(app))) == 1


def test_downloads_json_and_export_all(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app, title="Week 3: Sam")
    page = client.get(location, headers=HTML).text
    assert f'href="{location}/download/json"' in page
    download = client.get(f"{location}/download/json")
    assert download.status_code == 200
    assert download.json()["schema"] == "coachlens.assessment/1"
    assert 'filename="week-3-sam.coachlens.json"' in download.headers["content-disposition"]
    assert client.get(f"{location}/download/pdf", headers=HTML).status_code == 400
    archive = client.get("/sessions-export")
    assert archive.status_code == 200 and archive.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert any(name.endswith("assessment.json") for name in names)


def test_markdown_and_self_contained_html_downloads(client: TestClient, app: FastAPI) -> None:
    location = assessed(client, app, content=HOSTILE_SESSION, title="Week 5")
    page = client.get(location, headers=HTML).text
    markdown = client.get(f"{location}/download/md")
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    assert 'filename="week-5.coachlens.md"' in markdown.headers["content-disposition"]
    assert "Week 5" in markdown.text
    html = client.get(f"{location}/download/html")
    assert html.status_code == 200 and html.headers["content-disposition"].startswith("attachment;")
    assert "<html" in html.text.lower() and "<script>alert" not in html.text
    assert f'href="{location}/download/md"' in page and f'href="{location}/download/html"' in page


def test_demo_sessions_get_a_welcome_that_opens_a_report(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path / "data", seed_demo_sessions=True), assessor=fake_assessor)
    with TestClient(app, base_url="http://127.0.0.1") as http:
        wait_for_jobs(app)
        page = http.get("/", headers=HTML).text
        assert "Start with a demo report" in page
        strong = next(s for s in list_sessions(db_of(app)) if s.demo_id == "strong-pcc")
        assert f'href="/sessions/{strong.id}"' in page
