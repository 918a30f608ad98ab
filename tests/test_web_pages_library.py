"""The competency library pages: index, search, every competency and marker page, and the drill."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from coachlens.framework import load_rubric, select_questions
from coachlens.web.app import create_app
from web_pages_support import make_settings

HTML = {"accept": "text/html"}
RUBRIC = load_rubric()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data_dir: Path = tmp_path_factory.mktemp("library") / "data"
    with TestClient(create_app(make_settings(data_dir)), base_url="http://127.0.0.1") as http:
        yield http


def test_index_lists_every_competency_and_marker(client: TestClient) -> None:
    page = client.get("/library", headers=HTML)
    assert page.status_code == 200
    for competency in RUBRIC.competencies:
        assert f'href="/library/competencies/{competency.id}"' in page.text
    for marker in RUBRIC.markers:
        assert f'href="/library/markers/{marker.id}"' in page.text
    assert 'action="/library/search"' in page.text and 'href="/library/drill"' in page.text


@pytest.mark.parametrize("competency", RUBRIC.competencies, ids=lambda c: str(c.id))
def test_each_competency_page_is_a_full_study_guide(client: TestClient, competency: object) -> None:
    c = RUBRIC.competency(competency.id)
    page = client.get(f"/library/competencies/{c.id}", headers=HTML)
    assert page.status_code == 200
    text = page.text
    for section in (
        "about",
        "subpoints",
        "markers",
        "levels",
        "tips",
        "mistakes",
        "related",
        "practice",
        "resources",
    ):
        assert f'id="{section}"' in text
    assert str(escape(c.name)) in text
    for sub in c.subpoints:
        assert f">{sub.id}</span>" in text
    for marker in RUBRIC.evidencing_markers(c.id):
        assert f'href="/library/markers/{marker.id}"' in text
    for related in c.related:
        assert f'href="/library/competencies/{related.competency}"' in text
    assert text.count('class="card question"') == len(c.practice_questions)
    assert ">ACC<" in text and ">PCC<" in text and ">MCC<" in text


@pytest.mark.parametrize("marker_id", [m.id for m in RUBRIC.markers])
def test_each_marker_page_shows_exemplars_contrasts_and_a_rewrite(client: TestClient, marker_id: str) -> None:
    marker = RUBRIC.marker(marker_id)
    page = client.get(f"/library/markers/{marker_id}", headers=HTML)
    assert page.status_code == 200
    text = page.text
    assert text.count("<li><q>") == len(marker.demonstrating_examples) + len(marker.contrast_examples)
    assert "A rewrite" in text and "Development tip" in text and "Common mistakes" in text
    assert f'href="/library/competencies/{marker.competency}"' in text


def test_unknown_ids_are_404_pages_with_a_hint(client: TestClient) -> None:
    for path, hint in (
        ("/library/competencies/99", "competencies are numbered 1-8"),
        ("/library/competencies/4.2", "is a PCC marker id"),
        ("/library/markers/4.9", "did you mean"),
        ("/library/markers/4.c", "sub-point id"),
    ):
        page = client.get(path, headers=HTML)
        assert page.status_code == 404, path
        assert hint in page.text, path


def test_marker_ids_in_prose_link_to_their_pages(client: TestClient) -> None:
    page = client.get("/library/competencies/2", headers=HTML).text
    linked = set(re.findall(r'class="marker-id" href="/library/markers/(\d\.\d)"', page))
    assert linked and linked <= {m.id for m in RUBRIC.markers}


def test_search_finds_passages_and_links_them(client: TestClient) -> None:
    page = client.get("/library/search", params={"q": "silence"}, headers=HTML)
    assert page.status_code == 200
    assert "match “silence”" in page.text
    assert 'href="/library/markers/5.5"' in page.text


def test_search_with_only_stopwords_explains_itself(client: TestClient) -> None:
    page = client.get("/library/search", params={"q": "the and of"}, headers=HTML)
    assert page.status_code == 200
    assert "nothing to search for" in page.text


def test_search_text_is_escaped(client: TestClient) -> None:
    page = client.get("/library/search", params={"q": "<script>x</script>"}, headers=HTML).text
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def drill_step(client: TestClient, **fields: object) -> str:
    response = client.post("/library/drill", data={k: str(v) for k, v in fields.items()}, headers=HTML)
    assert response.status_code == 200, response.text[:500]
    return response.text


def test_drill_start_page_offers_competencies_and_sizes(client: TestClient) -> None:
    page = client.get("/library/drill", params={"competency": "4"}, headers=HTML).text
    assert '<option value="4" selected>' in page
    assert 'name="count" value="5"' in page


def test_drill_plays_to_a_score_without_javascript(client: TestClient) -> None:
    questions = select_questions(RUBRIC, 4, count=2, seed=7)
    first = drill_step(client, competency=4, count=2, seed=7)
    assert "question 1 of 2" in first and str(escape(questions[0].scenario)) in first
    assert first.count('name="choice"') == 4
    best = questions[0].best
    feedback = drill_step(client, competency=4, count=2, seed=7, answers="", choice=best)
    assert "You chose the best response." in feedback
    assert "Why" in feedback and "is best" in feedback and "is weakest" in feedback
    assert f'name="answers" value="{best}"' in feedback
    worst = questions[1].worst
    second = drill_step(client, competency=4, count=2, seed=7, answers=str(best))
    assert "question 2 of 2" in second
    last = drill_step(client, competency=4, count=2, seed=7, answers=str(best), choice=worst)
    assert "You chose the weakest response." in last and "See my score" in last
    score = drill_step(client, competency=4, count=2, seed=7, answers=f"{best},{worst}")
    assert "Your score: 1 of 2" in score and "50" in score


def test_drill_ignores_tampered_answers_and_refuses_unknown_competencies(client: TestClient) -> None:
    page = drill_step(client, competency=4, count=2, seed=3, answers="9,x,,")
    assert "question 1 of 2" in page
    unknown = client.post("/library/drill", data={"competency": "42"}, headers=HTML)
    assert unknown.status_code == 400 and "unknown competency" in unknown.text
