"""Editing and deleting entries on the /mentoring page: prefilled form, confirm step, refusals."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.storage import (
    MentoringHours,
    get_mentoring_hours,
    list_mentoring_hours,
    log_mentoring_hours,
    total_mentoring_minutes,
)
from mentoring_support import bad_hours_fields
from web_pages_support import LABELLED_SESSION, session_id_from, upload_files, wait_for_jobs

HTML = {"accept": "text/html"}
SAME_ORIGIN = {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "same-origin"}
CROSS_SITE = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}


def logged(web_app: FastAPI, mentee: str = "Sam", minutes: int = 60, note: str = "") -> MentoringHours:
    return log_mentoring_hours(
        web_app.state.context.db,
        mentee=mentee,
        mentor="Ana",
        held_on=date(2026, 1, 10),
        minutes=minutes,
        note=note,
    )


def edit(client: TestClient, entry_id: int, headers: dict[str, str] = SAME_ORIGIN, **fields: str) -> Any:
    data = {
        "mentee": "Sam",
        "mentor": "Ana",
        "held_on": "2026-01-10",
        "minutes": "60",
        "kind": "individual",
        **fields,
    }
    return client.post(
        f"/mentoring/hours/{entry_id}/edit", data=data, headers=headers, follow_redirects=False
    )


def test_each_entry_has_edit_and_delete(web_client: TestClient, web_app: FastAPI) -> None:
    entry = logged(web_app)
    page = web_client.get("/mentoring", headers=HTML).text
    assert f'<tr id="entry-{entry.id}">' in page
    assert f'href="/mentoring/hours/{entry.id}/edit"' in page
    assert f'href="/mentoring/hours/{entry.id}/delete"' in page


def test_edit_form_is_prefilled(web_client: TestClient, web_app: FastAPI) -> None:
    db = web_app.state.context.db
    entry = log_mentoring_hours(
        db,
        mentee="Kim",
        mentor="Bo",
        held_on=date(2026, 2, 3),
        minutes=75,
        group_session=True,
        note="6.1 & 6.2",
    )
    page = web_client.get(f"/mentoring/hours/{entry.id}/edit", headers=HTML)
    assert page.status_code == 200
    text = page.text
    assert f'action="/mentoring/hours/{entry.id}/edit"' in text
    assert 'name="held_on" type="date" value="2026-02-03"' in text
    assert 'name="minutes" type="number" min="1" max="1440" step="1" value="75"' in text
    assert 'value="Kim"' in text and 'value="Bo"' in text
    assert '<option value="group" selected>Group</option>' in text
    assert ">6.1 &amp; 6.2</textarea>" in text


def test_saving_an_edit_changes_the_entry_and_totals(web_client: TestClient, web_app: FastAPI) -> None:
    db = web_app.state.context.db
    entry = logged(web_app, note="first draft")
    other = logged(web_app, mentee="Lee", minutes=30)
    response = edit(
        web_client, entry.id, minutes="150", kind="group", note="corrected note", held_on="2026-01-12"
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/mentoring?saved=1#entry-{entry.id}"

    stored = get_mentoring_hours(db, entry.id)
    assert (stored.minutes, stored.group_session, stored.note, stored.held_on) == (
        150,
        True,
        "corrected note",
        date(2026, 1, 12),
    )
    assert total_mentoring_minutes(db, mentee="Sam") == 150
    assert get_mentoring_hours(db, other.id) == other
    page = web_client.get("/mentoring?saved=1", headers=HTML).text
    assert "Mentoring entry updated." in page
    assert "2 h 30 min logged in 1 entry" in page and "corrected note" in page and "first draft" not in page


def test_edit_can_link_and_unlink_a_session(web_client: TestClient, web_app: FastAPI) -> None:
    location = upload_files(web_client, ("session.txt", LABELLED_SESSION), title="Week 3").headers["location"]
    wait_for_jobs(web_app)
    sid = session_id_from(location)
    entry = logged(web_app)
    assert edit(web_client, entry.id, session_id=sid).status_code == 303
    assert get_mentoring_hours(web_app.state.context.db, entry.id).session_id == sid
    form = web_client.get(f"/mentoring/hours/{entry.id}/edit", headers=HTML).text
    assert f'<option value="{sid}" selected>Week 3</option>' in form
    assert edit(web_client, entry.id).status_code == 303
    assert get_mentoring_hours(web_app.state.context.db, entry.id).session_id is None


def test_bad_edits_are_refused_and_change_nothing(web_client: TestClient, web_app: FastAPI) -> None:
    entry = logged(web_app)
    for fields, expected in bad_hours_fields():
        response = edit(web_client, entry.id, **{"minutes": "90", **fields})
        assert response.status_code in (400, 404), fields
        assert expected in response.json()["detail"], fields
    assert list_mentoring_hours(web_app.state.context.db) == [entry]


def test_delete_asks_then_removes_the_entry(web_client: TestClient, web_app: FastAPI) -> None:
    db = web_app.state.context.db
    keep = logged(web_app, note="keep me")
    gone = logged(web_app, minutes=90, note="remove me")
    assert total_mentoring_minutes(db) == 150

    confirm = web_client.get(f"/mentoring/hours/{gone.id}/delete", headers=HTML)
    assert confirm.status_code == 200
    assert f'<form method="post" action="/mentoring/hours/{gone.id}/delete"' in confirm.text
    assert "remove me" in confirm.text and "1 h 30 min" in confirm.text
    assert list_mentoring_hours(db) == [keep, gone]  # asking deletes nothing

    response = web_client.post(
        f"/mentoring/hours/{gone.id}/delete", headers=SAME_ORIGIN, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/mentoring?deleted=1#entries"
    assert list_mentoring_hours(db) == [keep]
    assert total_mentoring_minutes(db) == 60
    page = web_client.get("/mentoring?deleted=1", headers=HTML).text
    assert "Mentoring entry deleted." in page and "remove me" not in page and "keep me" in page


def test_missing_entries_are_not_found(web_client: TestClient, web_app: FastAPI) -> None:
    entry = logged(web_app)
    for path in ("/mentoring/hours/999/edit", "/mentoring/hours/999/delete"):
        assert web_client.get(path, headers=HTML).status_code == 404
    response = web_client.post("/mentoring/hours/999/delete", headers=SAME_ORIGIN, follow_redirects=False)
    assert response.status_code == 404 and "no mentoring entry with id 999" in response.json()["detail"]
    assert edit(web_client, 999).status_code == 404
    assert list_mentoring_hours(web_app.state.context.db) == [entry]


def test_edited_text_is_escaped(web_client: TestClient, web_app: FastAPI) -> None:
    entry = logged(web_app)
    edit(web_client, entry.id, mentee="<script>x()</script>", note="<img src=x onerror=alert(1)>")
    for path in ("/mentoring", f"/mentoring/hours/{entry.id}/edit", f"/mentoring/hours/{entry.id}/delete"):
        page = web_client.get(path, headers=HTML).text
        assert "<script>x()" not in page and "<img src=x" not in page, path


def test_cross_site_edit_and_delete_are_refused(web_client: TestClient, web_app: FastAPI) -> None:
    entry = logged(web_app)
    assert edit(web_client, entry.id, headers=CROSS_SITE, minutes="999").status_code == 403
    response = web_client.post(f"/mentoring/hours/{entry.id}/delete", headers=CROSS_SITE)
    assert response.status_code == 403
    assert list_mentoring_hours(web_app.state.context.db) == [entry]
