"""The progress dashboard: charts over sessions, markers most often missed, practice marked, a focus."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.framework import load_rubric
from coachlens.storage import list_sessions, tag_session
from coachlens.web.app import create_app
from coachlens.web.progress import SessionPoint, suggest_focus
from web_pages_support import LABELLED_SESSION, fake_assessor, make_settings, upload_files, wait_for_jobs

HTML = {"accept": "text/html"}
RUBRIC = load_rubric()
NO_ADVICE = LABELLED_SESSION.replace(
    b"You should just say no more often. Have you tried blocking your calendar?", b"What do you notice?"
)


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return create_app(make_settings(tmp_path / "data"), assessor=fake_assessor)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as http:
        yield http


def test_no_sessions_yet(client: TestClient) -> None:
    page = client.get("/dashboard", headers=HTML)
    assert page.status_code == 200
    assert "No assessed sessions yet" in page.text


def test_dashboard_charts_trends_misses_and_focus(client: TestClient, app: FastAPI) -> None:
    upload_files(client, ("one.txt", LABELLED_SESSION), title="First session")
    upload_files(client, ("two.txt", NO_ADVICE), title="Second session", kind="practice")
    wait_for_jobs(app)
    db = app.state.context.db
    first, second = sorted(list_sessions(db), key=lambda s: s.title)
    tag_session(db, first.id, session_date=date(2026, 1, 5))
    tag_session(db, second.id, session_date=date(2026, 2, 9))
    page = client.get("/dashboard", headers=HTML).text
    assert page.count('class="chart line-chart"') == 5  # overall, competencies, three trends
    assert "5 Jan" in page and "9 Feb" in page
    assert f'href="/sessions/{first.id}"' in page and f'href="/sessions/{second.id}"' in page
    assert "hollow" in page and "practice session" in page  # the practice session is marked
    assert "Markers most often missed" in page and 'href="/library/markers/3.1"' in page
    assert "Suggested focus for your next session" in page
    assert "Try this:" in page
    assert page.index("Second session") < page.index("First session", page.index("Sessions in these charts"))


def test_kind_filter_shows_only_practice(client: TestClient, app: FastAPI) -> None:
    upload_files(client, ("one.txt", LABELLED_SESSION), title="Client work")
    upload_files(client, ("two.txt", LABELLED_SESSION), title="Rehearsal", kind="practice")
    wait_for_jobs(app)
    practice = client.get("/dashboard", params={"kind": "practice"}, headers=HTML).text
    sessions_table = practice[practice.index("Sessions in these charts") :]
    assert "Rehearsal" in sessions_table and "Client work" not in sessions_table
    real = client.get("/dashboard", params={"kind": "real"}, headers=HTML).text
    assert "Client work" in real[real.index("Sessions in these charts") :]


def point(session_id: str, statuses: dict[str, str], *, practice: bool = False) -> SessionPoint:
    return SessionPoint(
        id=session_id,
        title=f"Session {session_id}",
        when=date(2026, 1, int(session_id)),
        practice=practice,
        overall=50.0,
        competency_scores={6: 50.0},
        talk_share=0.4,
        open_question_share=0.5,
        reflections=2,
        statuses=statuses,
        growth_quotes={"6.3": (12, "How was that?", 640.0)} if session_id == "3" else {},
    )


def test_focus_is_the_marker_missed_most_recently_and_often() -> None:
    points = [
        point("1", {"7.6": "missed", "6.3": "demonstrated"}),
        point("2", {"7.6": "demonstrated", "6.3": "missed"}),
        point("3", {"7.6": "demonstrated", "6.3": "missed"}, practice=True),
    ]
    focus = suggest_focus(points, RUBRIC)
    assert focus is not None and focus.marker_id == "6.3"
    assert focus.reason.startswith("Missed in 2 of your last 3")
    assert [s.id for s in focus.sessions] == ["3", "2"]
    assert focus.example_turn == 12 and focus.example_quote == "How was that?"
    assert focus.tip == RUBRIC.marker("6.3").development_tip


def test_partial_counts_less_than_missed_and_not_assessable_not_at_all() -> None:
    points = [
        point("1", {"5.5": "not_assessable", "4.1": "partial", "8.7": "missed"}),
        point("2", {"5.5": "not_assessable", "4.1": "partial", "8.7": "demonstrated"}),
    ]
    focus = suggest_focus(points, RUBRIC)
    assert focus is not None and focus.marker_id == "4.1"  # 0.5 + 0.425 partial beats one older miss (0.85)


def test_without_misses_the_focus_is_the_weakest_competency() -> None:
    points = [point("1", {"6.1": "demonstrated"})]
    focus = suggest_focus(points, RUBRIC)
    assert focus is not None and focus.marker_id is None and focus.competency == 6
    assert suggest_focus([], RUBRIC) is None


def test_demo_sessions_stand_in_until_the_coach_has_their_own(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path / "demo", seed_demo_sessions=True), assessor=fake_assessor)
    with TestClient(app, base_url="http://127.0.0.1") as http:
        wait_for_jobs(app)
        page = http.get("/dashboard", headers=HTML).text
        assert "These are the demo sessions" in page and "Making room to lead" in page
        upload_files(http, ("mine.txt", LABELLED_SESSION), title="My own session")
        wait_for_jobs(app)
        page = http.get("/dashboard", headers=HTML).text
        assert "These are the demo sessions" not in page
        charted = page[page.index("Sessions in these charts") :]
        assert "My own session" in charted and "Making room to lead" not in charted
