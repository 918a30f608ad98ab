"""Safety: cross-site refusal, host check, body limits, security headers, escaping, no network."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Route

from coachlens.config import Settings
from coachlens.web import create_app
from coachlens.web.templating import make_environment

SCRIPT = "<script>alert('owned')</script>"
EVIL_TRANSCRIPT = (
    f"Coach: What would you like to work on? {SCRIPT}\n"
    f"Client: My manager said <img src=x onerror=alert(1)> in a meeting.\n"
    "Coach: What did you feel when you heard that?\n"
    "Client: Small, and angry.\n"
).encode()


def upload(http: TestClient, content: bytes, **headers: str) -> Any:
    return http.post("/api/sessions", files={"file": ("s.txt", content)}, headers=headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:9999"},  # another port is another origin
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # a page on localhost:3000 is same-site but not same-origin
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://evil.example"},
    ],
)
def test_cross_site_requests_that_change_state_are_refused(
    web_client: TestClient, tiny_transcript: bytes, headers: dict[str, str]
) -> None:
    response = upload(web_client, tiny_transcript, **headers)
    assert response.status_code == 403
    assert "cross-site request refused" in response.json()["detail"]
    assert web_client.get("/api/sessions").json() == []


def test_cross_site_form_post_and_delete_are_refused(web_client: TestClient, tiny_transcript: bytes) -> None:
    session_id = upload(web_client, tiny_transcript).json()["id"]
    evil = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
    # What a hostile page's auto-submitting <form method=post> would send.
    form = web_client.post(f"/api/sessions/{session_id}/retry", data={"x": "1"}, headers=evil)
    assert form.status_code == 403
    assert web_client.delete(f"/api/sessions/{session_id}", headers=evil).status_code == 403
    assert web_client.get(f"/api/sessions/{session_id}").status_code == 200


def test_same_origin_browser_requests_and_scripts_are_served(
    web_client: TestClient, tiny_transcript: bytes
) -> None:
    browser = {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "same-origin"}
    assert upload(web_client, tiny_transcript, **browser).status_code == 201
    assert upload(web_client, tiny_transcript).status_code == 201  # curl/requests send neither header
    assert upload(web_client, tiny_transcript, **{"Sec-Fetch-Site": "none"}).status_code == 201
    # A same-origin form post from a no-referrer page carries `Origin: null`; the fetch label vouches.
    assert (
        upload(web_client, tiny_transcript, **{"Origin": "null", "Sec-Fetch-Site": "same-origin"}).status_code
        == 201
    )
    # Reading is never blocked by the cross-site rule (the browser keeps other sites from reading).
    assert web_client.get("/api/sessions", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200


def test_unknown_host_names_are_refused(web_client: TestClient) -> None:
    # A DNS-rebinding page reaches 127.0.0.1 under its own name; the Host header gives it away.
    response = web_client.get("/api/sessions", headers={"Host": "evil.example:8000"})
    assert response.status_code == 400
    assert "allowed_hosts" in response.json()["detail"]
    assert web_client.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
    assert web_client.get("/api/health", headers={"Host": "[::1]:8000"}).status_code == 200


def test_any_host_when_configured(tmp_path: Any) -> None:
    settings = Settings(data_dir=tmp_path / "d", seed_demo_sessions=False, allowed_hosts=["*"])
    with TestClient(create_app(settings), base_url="http://coaching-school.example") as client:
        assert client.get("/api/health").status_code == 200


@pytest.fixture
def tiny_limit_client(tmp_path: Any, fake_assessor: Any) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "d", seed_demo_sessions=False, max_upload_bytes=1_000)
    with TestClient(create_app(settings, assessor=fake_assessor), base_url="http://127.0.0.1") as client:
        yield client


def test_oversized_body_is_refused_from_content_length(tiny_limit_client: TestClient) -> None:
    body = b"x" * 1_020_000  # over 10 files' worth plus form overhead
    response = tiny_limit_client.post("/api/sessions", content=body, headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert "upload limit" in response.json()["detail"]


def test_oversized_chunked_body_is_cut_off(tiny_limit_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        boundary = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        yield boundary
        for _ in range(40):
            yield b"Coach: " + b"z" * 50_000 + b"\n"

    response = tiny_limit_client.post(
        "/api/sessions", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413
    assert "upload limit" in response.json()["detail"]
    assert tiny_limit_client.get("/api/sessions").json() == []


def test_every_response_carries_the_security_headers(web_client: TestClient) -> None:
    for path in ("/api/health", "/static/coachlens.css", "/api/sessions/nope", "/openapi.json"):
        headers = web_client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_api_docs_page_uses_only_local_assets(web_client: TestClient) -> None:
    page = web_client.get("/docs")
    assert page.status_code == 200
    assert "swagger-ui-bundle.js" in page.text
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page.text), (
        "the docs page must not load remote files"
    )
    assert web_client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert "connect-src 'self'" in page.headers["content-security-policy"]


def test_templates_escape_transcript_text() -> None:
    env = make_environment()
    assert env.autoescape is True  # for every template, not only *.html
    html = env.from_string("<p>{{ text }}</p>").render(text=SCRIPT)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in html


def test_error_pages_escape_what_they_echo(web_client: TestClient) -> None:
    response = web_client.get(f"/no-such-page/{SCRIPT}", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in response.text


def _html_get_paths(app: Any, session_id: str) -> list[str]:
    """Every GET page route of the app (API and asset routes excluded), with ids filled in."""
    paths = []
    for route in app.routes:
        if not isinstance(route, Route) or "GET" not in (route.methods or set()):
            continue
        if route.path.startswith(("/api", "/openapi", "/docs", "/static")):
            continue
        params = set(route.param_convertors)
        if params - {"session_id"}:
            continue  # pages keyed by other ids (markers, competencies) hold no transcript text
        paths.append(route.path.replace("{session_id}", session_id))
    return paths


def test_script_in_a_transcript_never_comes_back_unescaped(web_client: TestClient) -> None:
    created = web_client.post(
        "/api/sessions",
        files={"file": (f"{SCRIPT}.txt", EVIL_TRANSCRIPT)},
        data={"title": f"Title {SCRIPT}"},
    )
    assert created.status_code == 201
    session_id = created.json()["id"]
    assert web_client.app.state.context.jobs.wait_until_idle(timeout=30)  # type: ignore[attr-defined]
    for path in _html_get_paths(web_client.app, session_id):
        response = web_client.get(path, headers={"accept": "text/html"})
        if response.headers.get("content-type", "").startswith("text/html"):
            assert "<script>alert(" not in response.text, path
            assert "<img src=x onerror" not in response.text, path
    # JSON carries the text as data, never as a page the browser would render.
    api = web_client.get(f"/api/sessions/{session_id}")
    assert api.headers["content-type"] == "application/json"
    assert SCRIPT in api.json()["title"]
