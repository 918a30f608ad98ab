"""The HTML upload flow: single and multiple files, role confirmation, progress, failures and retries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.storage import get_session, list_sessions
from coachlens.web.app import create_app
from web_pages_support import (
    LABELLED_SESSION,
    UNLABELLED_VTT,
    make_settings,
    session_id_from,
    upload_files,
    wait_for_jobs,
)

HTML = {"accept": "text/html"}


class HeldQueue:
    """A job queue that only records what was enqueued, so tests can see the queued state."""

    backend = "inprocess"

    def __init__(self) -> None:
        self.enqueued: list[str] = []
        self.running = False

    def start(self) -> None:
        self.running = True

    def enqueue(self, session_id: str) -> None:
        self.enqueued.append(session_id)

    def stop(self, timeout: float = 5.0) -> None:
        self.running = False

    def wait_until_idle(self, timeout: float) -> bool:
        return True


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    from web_pages_support import fake_assessor

    return create_app(make_settings(tmp_path / "data", max_upload_bytes=50_000), assessor=fake_assessor)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as http:
        yield http


@pytest.fixture
def held() -> HeldQueue:
    return HeldQueue()


@pytest.fixture
def held_client(tmp_path: Path, held: HeldQueue) -> Iterator[TestClient]:
    app = create_app(make_settings(tmp_path / "held"), jobs=held)
    with TestClient(app, base_url="http://127.0.0.1") as http:
        yield http


def db_of(client: TestClient) -> Any:
    return client.app.state.context.db  # type: ignore[attr-defined]


def test_upload_page_offers_picker_drop_zone_and_formats(client: TestClient) -> None:
    page = client.get("/upload", headers=HTML)
    assert page.status_code == 200
    assert 'type="file"' in page.text and "multiple" in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert "data-dropzone" in page.text
    for extension in (".vtt", ".srt", ".txt", ".docx", ".json"):
        assert extension in page.text
    assert '<label for="files"' in page.text


def test_labelled_upload_goes_straight_to_its_report(client: TestClient, app: FastAPI) -> None:
    response = upload_files(client, ("week3.txt", LABELLED_SESSION), title="Week 3 with A")
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/sessions/") and not location.endswith("/roles")
    wait_for_jobs(app)
    report = client.get(location, headers=HTML)
    assert report.status_code == 200
    assert "Week 3 with A" in report.text
    assert 'id="transcript"' in report.text


def test_inferred_roles_wait_for_confirmation_before_the_job_is_queued(
    held_client: TestClient, held: HeldQueue
) -> None:
    response = upload_files(held_client, ("zoom.vtt", UNLABELLED_VTT))
    assert response.status_code == 303 and response.headers["location"].endswith("/roles")
    session_id = session_id_from(response.headers["location"])
    assert held.enqueued == []
    roles = held_client.get(f"/sessions/{session_id}/roles", headers=HTML)
    assert roles.status_code == 200
    assert "Priya Shah" in roles.text and "Tom Berg" in roles.text
    assert "What would you like to explore" in roles.text  # sample lines help recognise each speaker
    status = held_client.get(f"/sessions/{session_id}", headers=HTML)
    assert "Check who is the coach" in status.text
    confirmed = held_client.post(
        f"/sessions/{session_id}/roles", data={"action": "confirm"}, follow_redirects=False
    )
    assert confirmed.status_code == 303 and confirmed.headers["location"] == f"/sessions/{session_id}"
    assert held.enqueued == [session_id]
    assert not get_session(db_of(held_client), session_id).needs_role_confirmation


def test_swapping_roles_turns_coach_into_client_and_queues(held_client: TestClient, held: HeldQueue) -> None:
    session_id = session_id_from(upload_files(held_client, ("zoom.vtt", UNLABELLED_VTT)).headers["location"])
    before = {
        t["speaker"]: t["role"] for t in get_session(db_of(held_client), session_id).transcript["turns"]
    }
    swapped = held_client.post(
        f"/sessions/{session_id}/roles", data={"action": "swap"}, follow_redirects=False
    )
    assert swapped.status_code == 303
    after = {t["speaker"]: t["role"] for t in get_session(db_of(held_client), session_id).transcript["turns"]}
    assert after == {name: ("client" if role == "coach" else "coach") for name, role in before.items()}
    assert held.enqueued == [session_id]


def test_renaming_a_speaker_keeps_asking_for_confirmation(held_client: TestClient, held: HeldQueue) -> None:
    session_id = session_id_from(upload_files(held_client, ("zoom.vtt", UNLABELLED_VTT)).headers["location"])
    renamed = held_client.post(
        f"/sessions/{session_id}/roles",
        data={"action": "rename", "old": "Tom Berg", "new": "Client T"},
        follow_redirects=False,
    )
    assert renamed.status_code == 303 and renamed.headers["location"].endswith("/roles?renamed=1")
    speakers = {t["speaker"] for t in get_session(db_of(held_client), session_id).transcript["turns"]}
    assert speakers == {"Priya Shah", "Client T"}
    assert held.enqueued == []


def test_renaming_an_unknown_speaker_shows_the_reason_on_the_page(held_client: TestClient) -> None:
    session_id = session_id_from(upload_files(held_client, ("zoom.vtt", UNLABELLED_VTT)).headers["location"])
    page = held_client.post(
        f"/sessions/{session_id}/roles", data={"action": "rename", "old": "Nobody", "new": "X"}, headers=HTML
    )
    assert page.status_code == 422
    assert 'class="alert error"' in page.text and "Nobody" in page.text


def test_several_files_at_once_list_each_outcome(client: TestClient, app: FastAPI) -> None:
    response = upload_files(
        client,
        ("a.txt", LABELLED_SESSION),
        ("b.vtt", UNLABELLED_VTT),
        ("broken.vtt", b"WEBVTT\n\nthis is not a cue at all\n"),
    )
    assert response.status_code == 200
    page = response.text
    assert "2 of 3 files stored" in page
    assert "broken.vtt" in page and 'class="error-cell"' in page
    assert "Check the roles" in page  # b.vtt needs its roles confirmed
    assert "data-status-url" in page  # a.txt's job progress is polled
    wait_for_jobs(app)
    assert len(list_sessions(db_of(client))) == 2


def test_a_bad_file_is_refused_on_the_page_and_nothing_is_stored(client: TestClient) -> None:
    response = upload_files(client, ("notes.pdf", b"%PDF-1.4 binary stuff \x00\x01\x02"))
    assert response.status_code in (415, 422)
    assert 'role="alert"' in response.text and "notes.pdf" in response.text
    assert "Nothing was stored" in response.text
    assert list_sessions(db_of(client)) == []


def test_an_empty_file_says_so(client: TestClient) -> None:
    response = upload_files(client, ("empty.txt", b"   \n"))
    assert response.status_code == 422
    assert "empty.txt is empty" in response.text


def test_no_file_chosen_asks_for_one(client: TestClient) -> None:
    response = client.post("/upload", data={"title": "x"}, headers=HTML)
    assert response.status_code == 400
    assert "choose at least one transcript file" in response.text


def test_a_file_over_the_limit_gets_a_clear_message(client: TestClient) -> None:
    big = LABELLED_SESSION * 200  # about 80 kB against the 50 kB limit of this app
    response = upload_files(client, ("big.txt", big))
    assert response.status_code == 413
    assert "big.txt" in response.text and "upload limit" in response.text
    assert list_sessions(db_of(client)) == []


def test_status_endpoint_reports_progress_for_polling(held_client: TestClient) -> None:
    location = upload_files(held_client, ("a.txt", LABELLED_SESSION)).headers["location"]
    status = held_client.get(f"{location}/status")
    assert status.status_code == 200
    body = status.json()
    assert body["status"] == "queued" and body["progress"] == 0 and body["needs_roles"] is False
    assert body["report_url"] == location
    assert status.headers["cache-control"] == "no-store"


def test_queued_session_page_polls_and_refreshes_without_js(held_client: TestClient) -> None:
    location = upload_files(held_client, ("a.txt", LABELLED_SESSION)).headers["location"]
    page = held_client.get(location, headers=HTML)
    assert page.status_code == 200
    assert f'data-status-url="{location}/status"' in page.text
    assert 'role="progressbar"' in page.text
    assert '<meta http-equiv="refresh"' in page.text  # inside <noscript>


def failing_assessor(session: Any, progress: Any) -> dict[str, Any]:
    raise RuntimeError("the engine tripped over turn 3")


def test_failed_job_shows_why_and_can_be_retried(tmp_path: Path) -> None:
    from web_pages_support import fake_assessor

    calls = {"n": 0}

    def flaky(session: Any, progress: Any) -> Any:
        calls["n"] += 1
        return failing_assessor(session, progress) if calls["n"] == 1 else fake_assessor(session, progress)

    app = create_app(make_settings(tmp_path / "data"), assessor=flaky)
    with TestClient(app, base_url="http://127.0.0.1") as http:
        location = upload_files(http, ("a.txt", LABELLED_SESSION)).headers["location"]
        wait_for_jobs(app)
        failed = http.get(location, headers=HTML)
        assert "The assessment did not finish" in failed.text
        assert "the engine tripped over turn 3" in failed.text
        assert f'action="{location}/retry"' in failed.text
        retried = http.post(f"{location}/retry", follow_redirects=False)
        assert retried.status_code == 303
        wait_for_jobs(app)
        report = http.get(location, headers=HTML)
        assert "Competency scores" in report.text and "did not finish" not in report.text
