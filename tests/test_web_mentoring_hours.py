"""The /mentoring page: logging time, per-mentee totals and the ICF guide, escaping and refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.mentoring_guide import mentee_progress
from coachlens.storage import list_mentoring_hours, log_mentoring_hours
from mentoring_support import bad_hours_fields
from web_pages_support import LABELLED_SESSION, session_id_from, upload_files, wait_for_jobs

HTML = {"accept": "text/html"}
SAME_ORIGIN = {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "same-origin"}


def log(client: TestClient, **fields: str) -> Any:
    data = {"mentee": "Sam", "mentor": "Ana", "minutes": "60", "kind": "individual", **fields}
    return client.post("/mentoring/hours", data=data, headers=SAME_ORIGIN, follow_redirects=False)


def test_page_is_in_the_navigation_and_starts_empty(web_client: TestClient) -> None:
    home = web_client.get("/sessions", headers=HTML).text
    assert '<a href="/mentoring"' in home
    page = web_client.get("/mentoring", headers=HTML)
    assert page.status_code == 200
    assert "Nothing logged yet" in page.text and 'action="/mentoring/hours"' in page.text
    assert "not an ICF ruling" in page.text


def test_logging_time_lists_it_with_totals(web_client: TestClient, web_app: FastAPI) -> None:
    response = log(web_client, held_on="2026-01-10", note="Went through 6.1 together")
    assert response.status_code == 303 and response.headers["location"] == "/mentoring?logged=1#log"
    log(web_client, held_on="2026-02-10", minutes="90", kind="group")
    log(web_client, mentee="Lee", held_on="2026-03-01", minutes="45")

    entries = list_mentoring_hours(web_app.state.context.db)
    assert [(e.mentee, e.minutes, e.group_session) for e in entries] == [
        ("Sam", 60, False),
        ("Sam", 90, True),
        ("Lee", 45, False),
    ]
    page = web_client.get("/mentoring?logged=1", headers=HTML).text
    assert "Mentoring time logged." in page
    assert "2 h 30 min logged in 2 entries: 1 h individual, 1 h 30 min group" in page
    assert "45 min logged in 1 entry" in page
    assert "Went through 6.1 together" in page


def test_mentee_filter_shows_only_their_entries(web_client: TestClient) -> None:
    log(web_client, mentee="Sam", note="about Sam")
    log(web_client, mentee="Lee", note="about Lee")
    page = web_client.get("/mentoring?mentee=Lee", headers=HTML).text
    assert "about Lee" in page and "about Sam" not in page


def test_icf_guide_counts_group_time_only_up_to_seven_hours() -> None:
    from coachlens.storage.records import MentoringHours

    start = date(2026, 1, 5)

    def entry(day: int, minutes: int, group: bool) -> MentoringHours:
        return MentoringHours(
            id=day,
            session_id=None,
            mentee="Sam",
            mentor="Ana",
            held_on=start + timedelta(days=day),
            minutes=minutes,
            group_session=group,
            note="",
            created_at=datetime(2026, 1, 5, tzinfo=UTC),
        )

    [only_group] = mentee_progress([entry(0, 600, True)])
    assert only_group.countable_minutes == 420 and not only_group.hours_met
    assert not only_group.individual_met and only_group.minutes_still_needed == 180

    [enough] = mentee_progress([entry(0, 420, True), entry(40, 120, False), entry(95, 60, False)])
    assert enough.countable_minutes == 600 and enough.individual_met and enough.span_months == 3
    assert enough.all_met and enough.minutes_still_needed == 0

    [too_short] = mentee_progress([entry(0, 420, True), entry(30, 180, False)])
    assert too_short.hours_met and too_short.individual_met and not too_short.span_met


def test_page_shows_progress_toward_the_icf_figures(web_client: TestClient) -> None:
    log(web_client, held_on="2026-01-05", minutes="120")
    log(web_client, held_on="2026-02-05", minutes="120", kind="group")
    page = web_client.get("/mentoring", headers=HTML).text
    assert "4 h of 10 h" in page and "2 h of 3 h" in page and "1 of 3 months" in page
    assert "at least 6 h (of it 1 h one-to-one)" in page
    assert 'aria-valuenow="40"' in page


def test_met_requirements_are_said_plainly(web_client: TestClient, web_app: FastAPI) -> None:
    db = web_app.state.context.db
    for month, minutes in ((1, 200), (2, 200), (4, 200)):
        log_mentoring_hours(db, mentee="Kim", mentor="Ana", held_on=date(2026, month, 3), minutes=minutes)
    page = web_client.get("/mentoring", headers=HTML).text
    assert "The logged time meets all three figures." in page


def test_time_can_be_linked_to_a_session(web_client: TestClient, web_app: FastAPI) -> None:
    location = upload_files(web_client, ("session.txt", LABELLED_SESSION), title="Week 3").headers["location"]
    wait_for_jobs(web_app)
    sid = session_id_from(location)
    report = web_client.get(f"/sessions/{sid}", headers=HTML).text
    assert f'href="/mentoring?session={sid}#log"' in report
    form = web_client.get(f"/mentoring?session={sid}", headers=HTML).text
    assert f'<option value="{sid}" selected>Week 3</option>' in form

    log(web_client, session_id=sid)
    [entry] = list_mentoring_hours(web_app.state.context.db)
    assert entry.session_id == sid
    assert f'<a href="/sessions/{sid}">Week 3</a>' in web_client.get("/mentoring", headers=HTML).text


def test_bad_entries_are_refused_and_nothing_is_stored(web_client: TestClient, web_app: FastAPI) -> None:
    for fields, expected in bad_hours_fields():
        response = log(web_client, **fields)
        assert response.status_code in (400, 404), fields
        assert expected in response.json()["detail"], fields
    assert list_mentoring_hours(web_app.state.context.db) == []


def test_logged_text_is_escaped(web_client: TestClient) -> None:
    log(web_client, mentee="<script>x()</script>", note="<img src=x onerror=alert(1)>")
    page = web_client.get("/mentoring", headers=HTML).text
    assert "<script>x()" not in page and "<img src=x" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page


def test_cross_site_hours_post_is_refused(web_client: TestClient, web_app: FastAPI) -> None:
    response = web_client.post(
        "/mentoring/hours",
        data={"mentee": "Sam", "mentor": "Ana", "minutes": "60"},
        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    assert list_mentoring_hours(web_app.state.context.db) == []
