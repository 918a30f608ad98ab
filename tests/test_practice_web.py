"""Practice pages through the app (TestClient): picker, chat without JS, JSON turns, end -> debrief."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.config import Settings
from coachlens.practice import load_personas
from coachlens.storage import get_session, list_sessions
from coachlens.web.app import create_app
from practice_support import stand_in_assess

HTML = {"accept": "text/html"}
REFERRAL = "This sounds like more than coaching can hold. Would you be open to seeing a grief counsellor?"


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    application = create_app(Settings(data_dir=tmp_path / "data", seed_demo_sessions=False))
    application.state.practice_assess = stand_in_assess
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as http:
        yield http


def start(client: TestClient, persona: str = "mei-new-manager", hints: bool = True, seed: str = "") -> str:
    form = {"persona": persona, "seed": seed}
    if hints:
        form["hints"] = "on"
    response = client.post("/practice/start", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    assert re.fullmatch(r"/practice/runs/[0-9a-f]{16}", location)
    return location


def test_picker_lists_every_persona_with_its_brief(client: TestClient) -> None:
    page = client.get("/practice", headers=HTML)
    assert page.status_code == 200
    for persona in load_personas():
        assert persona.name.replace("'", "&#39;") in page.text
        assert f'value="{persona.id}"' in page.text
    assert 'href="/practice" aria-current="page"' in page.text, "the nav shows Practice as current"


def test_chat_without_javascript_then_debrief(client: TestClient, app: FastAPI) -> None:
    chat = start(client)
    first = client.get(chat, headers=HTML)
    assert "Mei Lin Tan has just sat down" in first.text
    said = client.post(
        chat + "/say", data={"text": "What would you like to focus on today?"}, follow_redirects=False
    )
    assert said.status_code == 303 and said.headers["location"].endswith("#latest")
    page = client.get(chat, headers=HTML).text
    assert "What would you like to focus on today?" in page
    assert 'class="bubble client" id="latest"' in page
    assert "Client's trust" in page and "hint-shown" in page
    assert 'href="/library/markers/3.1"' in page, "hint marker ids link to the library"
    ended = client.post(chat + "/end", follow_redirects=False)
    assert ended.status_code == 303
    debrief_url = ended.headers["location"]
    session_id = debrief_url.rsplit("/", 1)[1]
    debrief = client.get(debrief_url, headers=HTML)
    assert debrief.status_code == 200
    assert "One thing to try next time" in debrief.text and "Trust journey" in debrief.text
    assert "<svg" in debrief.text and 'role="img"' in debrief.text
    assert f'href="/sessions/{session_id}"' in debrief.text
    record = get_session(app.state.context.db, session_id)
    assert record.kind == "practice"
    assert [s.id for s in list_sessions(app.state.context.db, kind="practice")] == [session_id]
    # The run is closed once ended.
    assert client.get(chat, headers=HTML).status_code == 404


def test_json_turns_for_the_script_and_hints_switch(client: TestClient) -> None:
    chat = start(client, persona="karin-burnout", hints=False)
    reply = client.post(
        chat + "/say",
        data={"text": "Hello. What would you like to focus on?"},
        headers={"accept": "application/json"},
    )
    assert reply.status_code == 200
    doc = reply.json()
    assert doc["coach"]["text"] == "Hello. What would you like to focus on?"
    assert doc["client"]["name"] == "Karin Holm" and doc["client"]["text"]
    assert doc["trust"] is None and doc["hints"] == [], "hints off hides the trust meter too"
    page = client.get(chat, headers=HTML).text
    assert "data-trust-meter" not in page
    client.post(chat + "/hints", data={"hints": "on"})
    doc = client.post(
        chat + "/say", data={"text": "That sounds like a lot."}, headers={"accept": "application/json"}
    ).json()
    assert isinstance(doc["trust"], float) and doc["layer"] >= 1


def test_boundary_debrief_shows_the_ethics_note(client: TestClient) -> None:
    chat = start(client, persona="marcus-boundary", seed="4")
    lines = (
        (Path(__file__).parent / "data" / "practice" / "empathic_coach.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    for line in [*lines[:6], REFERRAL]:
        client.post(chat + "/say", data={"text": line})
    debrief = client.get(client.post(chat + "/end").url.path, headers=HTML)
    assert "Ethics boundary (competency 1)" in debrief.text
    assert "referred" in debrief.text and "ethics-good" in debrief.text


def test_user_text_is_escaped_everywhere(client: TestClient) -> None:
    chat = start(client, persona="gary-sent-by-hr")
    client.post(chat + "/say", data={"text": "<script>alert('x')</script> What brings you here?"})
    page = client.get(chat, headers=HTML).text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    debrief = client.get(client.post(chat + "/end").url.path, headers=HTML).text
    assert "<script>alert" not in debrief


def test_clear_errors(client: TestClient) -> None:
    missing = client.get("/practice/runs/0123456789abcdef", headers=HTML)
    assert missing.status_code == 404 and "no longer open" in missing.text
    unknown = client.post("/practice/start", data={"persona": "nobody"}, headers=HTML)
    assert unknown.status_code == 404 and "no persona" in unknown.text
    bad_seed = client.post(
        "/practice/start", data={"persona": "mei-new-manager", "seed": "abc"}, headers=HTML
    )
    assert bad_seed.status_code == 400 and "whole number" in bad_seed.text
    chat = start(client)
    early = client.post(chat + "/end", headers=HTML)
    assert early.status_code == 400 and "say at least one thing" in early.text
    not_practice = client.get("/practice/debriefs/ffffffffffffffff", headers=HTML)
    assert not_practice.status_code == 404


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    refused = client.post(
        "/practice/start",
        data={"persona": "mei-new-manager"},
        headers={"origin": "http://evil.example", "sec-fetch-site": "cross-site"},
    )
    assert refused.status_code == 403


def test_practice_sessions_show_on_the_dashboard_and_list_marked_as_practice(client: TestClient) -> None:
    chat = start(client, persona="bernie-talkative")
    client.post(chat + "/say", data={"text": "What would you like to focus on today?"})
    session_id = client.post(chat + "/end").url.path.rsplit("/", 1)[1]
    dashboard = client.get("/dashboard?kind=practice", headers=HTML)
    assert dashboard.status_code == 200
    assert f'href="/sessions/{session_id}"' in dashboard.text and "kind-practice" in dashboard.text
    listing = client.get("/sessions?kind=practice", headers=HTML)
    assert f'href="/sessions/{session_id}"' in listing.text
    report = client.get(f"/sessions/{session_id}", headers=HTML)
    assert report.status_code == 200 and "Practice with Bernadette O&#39;Sullivan" in report.text
