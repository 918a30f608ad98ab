"""The JSON API, route by route: uploads, polling, listing, editing, deleting, rubrics, export, errors."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient

from coachlens.config import Settings
from coachlens.web import create_app


class RecordingQueue:
    """A job queue that only remembers what was enqueued (jobs stay queued: deterministic states)."""

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


def wait_for_jobs(client: TestClient) -> None:
    assert client.app.state.context.jobs.wait_until_idle(timeout=30)  # type: ignore[attr-defined]


def upload(http: TestClient, content: bytes, filename: str = "session.txt", **fields: str) -> Any:
    return http.post("/api/sessions", files={"file": (filename, content, "text/plain")}, data=fields)


def test_upload_poll_and_read_the_assessment(web_client: TestClient, tiny_transcript: bytes) -> None:
    created = upload(web_client, tiny_transcript, title="Week 3")
    assert created.status_code == 201
    body = created.json()
    assert set(body) == {"id", "status"} and body["status"] == "queued"
    wait_for_jobs(web_client)
    session = web_client.get(f"/api/sessions/{body['id']}")
    assert session.status_code == 200
    data = session.json()
    assert {"id", "title", "status", "error", "assessment"} <= set(data)
    assert data["title"] == "Week 3" and data["status"] == "done" and data["error"] is None
    assert data["assessment"]["schema"] == "coachlens.assessment/1"
    assert data["progress"] == 100


def test_upload_with_named_roles(web_client: TestClient) -> None:
    content = (
        b"Ann: What would you like to explore?\nBo: My next role.\nAnn: What matters most?\nBo: Growth.\n"
    )
    created = upload(web_client, content, coach="Bo", client="Ann")
    assert created.status_code == 201
    wait_for_jobs(web_client)
    turns = web_client.get(f"/api/sessions/{created.json()['id']}").json()["assessment"]["turns"]
    assert [t["role"] for t in turns[:2]] == ["client", "coach"]


def test_list_with_search_sort_and_kind(web_client: TestClient, tiny_transcript: bytes) -> None:
    upload(web_client, tiny_transcript, title="Banana session")
    upload(web_client, tiny_transcript, title="Apple session", kind="practice")
    titles = lambda **q: [s["title"] for s in web_client.get("/api/sessions", params=q).json()]  # noqa: E731
    assert titles() == ["Apple session", "Banana session"]
    assert titles(sort="title") == ["Apple session", "Banana session"]
    assert titles(sort="oldest") == ["Banana session", "Apple session"]
    assert titles(search="banana") == ["Banana session"]
    assert titles(kind="practice") == ["Apple session"]
    assert web_client.get("/api/sessions", params={"sort": "sideways"}).status_code == 422


def test_patch_renames_and_refiles(web_client: TestClient, tiny_transcript: bytes) -> None:
    session_id = upload(web_client, tiny_transcript).json()["id"]
    changed = web_client.patch(
        f"/api/sessions/{session_id}",
        json={"title": "Renamed", "kind": "practice", "client_pseudonym": "Client K", "tags": ["pcc"]},
    )
    assert changed.status_code == 200
    body = changed.json()
    assert (body["title"], body["kind"], body["client_pseudonym"], body["tags"]) == (
        "Renamed",
        "practice",
        "Client K",
        ["pcc"],
    )
    cleared = web_client.patch(f"/api/sessions/{session_id}", json={"client_pseudonym": None}).json()
    assert cleared["client_pseudonym"] is None and cleared["title"] == "Renamed"
    assert web_client.patch(f"/api/sessions/{session_id}", json={"colour": "red"}).status_code == 422


def test_delete_removes_the_session(web_client: TestClient, tiny_transcript: bytes) -> None:
    session_id = upload(web_client, tiny_transcript).json()["id"]
    wait_for_jobs(web_client)
    deleted = web_client.delete(f"/api/sessions/{session_id}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert web_client.get(f"/api/sessions/{session_id}").status_code == 404
    assert web_client.get("/api/sessions").json() == []
    assert web_client.delete(f"/api/sessions/{session_id}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/sessions/nope"),
        ("DELETE", "/api/sessions/nope"),
        ("POST", "/api/sessions/nope/retry"),
        ("POST", "/api/sessions/nope/roles/swap"),
        ("POST", "/api/sessions/nope/roles/confirm"),
        ("GET", "/api/sessions/nope/original"),
    ],
)
def test_unknown_ids_are_404_with_a_detail(web_client: TestClient, method: str, path: str) -> None:
    response = web_client.request(method, path)
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


@pytest.mark.parametrize(
    ("content", "filename", "status", "words"),
    [
        (b"\x00\x01\x02\x03\xff binary", "x.bin", 415, "binary"),
        (b"%PDF-1.7 a pdf", "notes.pdf", 415, "PDF"),
        (b"plain words with no speakers at all", "notes.txt", 415, "speaker"),
        (b"Coach: nobody else speaks", "solo.txt", 422, "one speaker"),
        (b"   \n  ", "empty.vtt", 422, "empty"),
    ],
)
def test_bad_uploads_get_a_clear_4xx_and_store_nothing(
    web_client: TestClient, content: bytes, filename: str, status: int, words: str
) -> None:
    response = upload(web_client, content, filename)
    assert response.status_code == status
    detail = response.json()["detail"]
    assert isinstance(detail, str) and words in detail and "\n" not in detail
    assert web_client.get("/api/sessions").json() == []


def test_missing_file_field_says_which_field(web_client: TestClient) -> None:
    response = web_client.post("/api/sessions", data={"title": "no file"})
    assert response.status_code == 422
    assert "'file'" in response.json()["detail"]


def test_too_large_upload_is_refused_with_the_limit(web_client: TestClient, web_settings: Settings) -> None:
    big = b"Coach: " + b"word " * (web_settings.max_upload_bytes // 5)
    response = upload(web_client, big, "huge.txt")
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "0.2 MB" in detail and "COACHLENS_MAX_UPLOAD_BYTES" in detail and "huge.txt" in detail
    assert web_client.get("/api/sessions").json() == []


def test_failed_job_shows_why_and_retry_runs_it_again(
    web_settings: Settings, tiny_transcript: bytes, fake_assessor: Any
) -> None:
    from coachlens.errors import AnalysisError

    attempts: list[int] = []

    def flaky(session: Any, progress: Any) -> Any:
        attempts.append(1)
        if len(attempts) == 1:
            raise AnalysisError("the embedding model could not be loaded; reinstall coachlens")
        return fake_assessor(session, progress)

    with TestClient(create_app(web_settings, assessor=flaky), base_url="http://127.0.0.1") as client:
        session_id = upload(client, tiny_transcript).json()["id"]
        wait_for_jobs(client)
        failed = client.get(f"/api/sessions/{session_id}").json()
        assert failed["status"] == "failed"
        assert failed["error"] == "the embedding model could not be loaded; reinstall coachlens"
        assert failed["assessment"] is None
        retried = client.post(f"/api/sessions/{session_id}/retry")
        assert retried.status_code == 202 and retried.json() == {"id": session_id, "status": "queued"}
        wait_for_jobs(client)
        assert client.get(f"/api/sessions/{session_id}").json()["status"] == "done"


def test_retry_while_queued_is_a_conflict(web_settings: Settings, tiny_transcript: bytes) -> None:
    queue = RecordingQueue()
    with TestClient(create_app(web_settings, jobs=queue), base_url="http://127.0.0.1") as client:
        session_id = upload(client, tiny_transcript).json()["id"]
        assert queue.enqueued == [session_id]
        response = client.post(f"/api/sessions/{session_id}/retry")
        assert response.status_code == 409 and "already queued" in response.json()["detail"]


def test_role_endpoints_requeue_the_assessment(web_settings: Settings) -> None:
    queue = RecordingQueue()
    content = (
        b"Ann: What would you like to explore?\nBo: My next role.\nAnn: What matters most?\nBo: Growth.\n"
    )
    with TestClient(create_app(web_settings, jobs=queue), base_url="http://127.0.0.1") as client:
        created = upload(client, content).json()
        session_id = created["id"]
        listed = client.get(f"/api/sessions/{session_id}").json()
        # Guessed roles are accepted for API uploads (a script cannot be asked) and can be fixed below.
        assert listed["roles_inferred"] and listed["roles_confirmed"]

        swapped = client.post(f"/api/sessions/{session_id}/roles/swap")
        assert swapped.status_code == 200 and swapped.json()["roles_confirmed"]
        renamed = client.post(
            f"/api/sessions/{session_id}/speakers/rename", json={"old": "Ann", "new": "Annie"}
        )
        assert renamed.status_code == 200
        assigned = client.post(f"/api/sessions/{session_id}/roles", json={"coach": "Annie"})
        assert assigned.status_code == 200
        bad = client.post(f"/api/sessions/{session_id}/roles", json={"coach": "Nobody"})
        assert bad.status_code == 422 and "Nobody" in bad.json()["detail"]
        confirmed = client.post(f"/api/sessions/{session_id}/roles/confirm")
        assert confirmed.json()["roles_confirmed"]
        assert queue.enqueued == [session_id] * 4


def test_original_is_a_download_never_a_page(web_client: TestClient) -> None:
    content = b"Coach: <b>hello</b>\nClient: <script>alert(1)</script>\n"
    session_id = upload(web_client, content, "page.html").json()["id"]
    response = web_client.get(f"/api/sessions/{session_id}/original")
    assert response.status_code == 200 and response.content == content
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"] == 'attachment; filename="page.html"'


def test_export_is_a_zip_of_everything(web_client: TestClient, tiny_transcript: bytes) -> None:
    session_id = upload(web_client, tiny_transcript, "week.txt").json()["id"]
    wait_for_jobs(web_client)
    response = web_client.get("/api/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].startswith('attachment; filename="coachlens-export-')
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert f"coachlens-export/sessions/{session_id}/original/week.txt" in names
    assert f"coachlens-export/sessions/{session_id}/assessment.json" in names


def test_rubric_endpoints(web_client: TestClient) -> None:
    assert "icf-2019-pcc-2020" in web_client.get("/api/rubrics").json()
    rubric = web_client.get("/api/rubrics/icf-2019-pcc-2020")
    assert rubric.status_code == 200
    body = rubric.json()
    assert body["id"] == "icf-2019-pcc-2020"
    marker_ids = [m["id"] for c in body["competencies"] for m in c["markers"]]
    assert "4.1" in marker_ids and len(marker_ids) == len(set(marker_ids))
    unknown = web_client.get("/api/rubrics/icf-1999")
    assert unknown.status_code == 404 and "icf-2019-pcc-2020" in unknown.json()["detail"]


def test_health_and_openapi_document_the_routes(web_client: TestClient) -> None:
    assert web_client.get("/api/health").json()["status"] == "ok"
    paths = web_client.get("/openapi.json").json()["paths"]
    assert {"post", "get"} <= set(paths["/api/sessions"])
    assert {"get", "delete", "patch"} <= set(paths["/api/sessions/{session_id}"])
    assert "/api/rubrics/{rubric_id}" in paths
    upload_errors = set(paths["/api/sessions"]["post"]["responses"])
    assert {"201", "413", "415", "422"} <= upload_errors


def test_original_keeps_a_non_ascii_name(web_client: TestClient, tiny_transcript: bytes) -> None:
    session_id = upload(web_client, tiny_transcript, "séance 1.txt").json()["id"]
    disposition = web_client.get(f"/api/sessions/{session_id}/original").headers["content-disposition"]
    assert disposition == "attachment; filename=\"s_ance 1.txt\"; filename*=UTF-8''s%C3%A9ance%201.txt"
