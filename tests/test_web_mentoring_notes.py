"""Mentor notes on a report's turns: add, show (escaped), list, download, delete, and cross-site refusal."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.storage import list_annotations
from web_pages_support import LABELLED_SESSION, session_id_from, upload_files, wait_for_jobs

HTML = {"accept": "text/html"}
SAME_ORIGIN = {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "same-origin"}


def assessed_session(client: TestClient, app: FastAPI) -> str:
    location = upload_files(client, ("session.txt", LABELLED_SESSION)).headers["location"]
    wait_for_jobs(app)
    return session_id_from(location)


def post_note(client: TestClient, session_id: str, **fields: Any) -> Any:
    data = {"turn": "2", "body": "Nice reflection of the feeling.", "author": "Ana", **fields}
    return client.post(
        f"/sessions/{session_id}/notes", data=data, headers=SAME_ORIGIN, follow_redirects=False
    )


def test_report_offers_a_note_form_on_every_turn(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    page = web_client.get(f"/sessions/{sid}", headers=HTML)
    assert page.status_code == 200
    forms = re.findall(rf'<form method="post" action="/sessions/{sid}/notes"', page.text)
    assert len(forms) == LABELLED_SESSION.count(b"\n")
    assert 'id="mentor-notes"' in page.text and "No notes yet" in page.text


def test_added_note_shows_under_its_turn_and_in_the_list(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    response = post_note(web_client, sid, marker="6.1")
    assert response.status_code == 303
    note = list_annotations(web_app.state.context.db, sid)[0]
    assert response.headers["location"] == f"/sessions/{sid}#note-{note.id}"
    assert (note.turn_index, note.author, note.marker_id) == (2, "Ana", "6.1")

    page = web_client.get(f"/sessions/{sid}", headers=HTML).text
    turn_two = page[page.index('id="turn-2"') : page.index('id="turn-3"')]
    assert "Nice reflection of the feeling." in turn_two and "Ana" in turn_two
    assert 'href="/library/markers/6.1"' in turn_two
    listing = page[page.index('id="mentor-notes"') :]
    assert 'href="#turn-2"' in listing and "Nice reflection of the feeling." in listing
    downloads = page[page.index('id="downloads"') :]
    assert "include the 1 mentor note." in downloads


def test_mentor_name_is_remembered_for_the_next_note(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    post_note(web_client, sid, author="Zoë Mentor")
    page = web_client.get(f"/sessions/{sid}", headers=HTML).text
    assert 'id="note-author-0" name="author" maxlength="120" size="14" value="Zoë Mentor"' in page


def test_note_text_is_escaped(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    post_note(web_client, sid, body="<script>alert('note')</script> & more", author="<b>Eve</b>")
    page = web_client.get(f"/sessions/{sid}", headers=HTML).text
    assert "<script>alert" not in page and "<b>Eve</b>" not in page
    assert "&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt; &amp; more" in page
    assert "&lt;b&gt;Eve&lt;/b&gt;" in page


def test_bad_notes_are_refused_with_one_line(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    unknown_marker = post_note(web_client, sid, marker="9.9")
    assert unknown_marker.status_code == 400 and "not a PCC marker" in unknown_marker.json()["detail"]
    no_turn = post_note(web_client, sid, turn="99")
    assert no_turn.status_code == 400 and "turn 99 does not exist" in no_turn.json()["detail"]
    empty = post_note(web_client, sid, body="   ")
    assert empty.status_code == 400
    missing = post_note(web_client, "nosuchsession")
    assert missing.status_code == 404
    assert list_annotations(web_app.state.context.db, sid) == []


def test_delete_removes_only_that_note(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    post_note(web_client, sid, body="keep me")
    post_note(web_client, sid, body="remove me", turn="4")
    db = web_app.state.context.db
    doomed = next(n for n in list_annotations(db, sid) if n.body == "remove me")
    response = web_client.post(
        f"/sessions/{sid}/notes/{doomed.id}/delete", headers=SAME_ORIGIN, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == f"/sessions/{sid}#turn-4"
    assert [n.body for n in list_annotations(db, sid)] == ["keep me"]
    again = web_client.post(f"/sessions/{sid}/notes/{doomed.id}/delete", headers=SAME_ORIGIN)
    assert again.status_code == 404


def test_note_id_from_another_session_is_not_deleted(web_client: TestClient, web_app: FastAPI) -> None:
    first = assessed_session(web_client, web_app)
    second = assessed_session(web_client, web_app)
    post_note(web_client, first, body="first session's note")
    note = list_annotations(web_app.state.context.db, first)[0]
    response = web_client.post(f"/sessions/{second}/notes/{note.id}/delete", headers=SAME_ORIGIN)
    assert response.status_code == 404
    assert len(list_annotations(web_app.state.context.db, first)) == 1


def test_cross_site_note_post_is_refused(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    evil = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
    response = web_client.post(
        f"/sessions/{sid}/notes", data={"turn": "0", "body": "spam", "author": "x"}, headers=evil
    )
    assert response.status_code == 403
    foreign_origin_only = web_client.post(
        f"/sessions/{sid}/notes",
        data={"turn": "0", "body": "spam"},
        headers={"Origin": "http://evil.example"},
    )
    assert foreign_origin_only.status_code == 403
    assert list_annotations(web_app.state.context.db, sid) == []


def test_notes_go_into_json_and_markdown_downloads(web_client: TestClient, web_app: FastAPI) -> None:
    sid = assessed_session(web_client, web_app)
    plain_json = json.loads(web_client.get(f"/sessions/{sid}/download/json").text)
    assert "mentor_notes" not in plain_json
    post_note(web_client, sid, marker="6.1", body="Named the feeling\nunder the facts.")

    document = json.loads(web_client.get(f"/sessions/{sid}/download/json").text)
    assert document["schema"] == plain_json["schema"] and document["markers"] == plain_json["markers"]
    [note] = document["mentor_notes"]
    assert (note["turn"], note["author"], note["marker"]) == (2, "Ana", "6.1")
    assert note["text"] == "Named the feeling\nunder the facts."

    markdown = web_client.get(f"/sessions/{sid}/download/md").text
    assert "## Mentor notes" in markdown
    assert "- **turn 2, marker 6.1**, Ana: Named the feeling under the facts." in markdown
