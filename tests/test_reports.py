"""Report renderers: JSON contract, Markdown, and the self-contained, escaped, cross-linked HTML page."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from coachlens.analysis.pipeline import assess
from coachlens.config import Settings
from coachlens.errors import CoachlensError
from coachlens.reports import render, render_html, render_json, render_markdown
from detector_support import SimpleClassifier, make_session

HOSTILE = '<script>alert("x")</script> & <b>bold</b> | pipe'
LINES = [
    ("coach", "What would you like to walk away with from our conversation today?"),
    ("client", f"Honestly I feel stuck. {HOSTILE}"),
    ("coach", "Stuck? What's that like for you?"),
    ("client", "Heavy. Like nothing moves."),
    ("coach", "Do you know your numbers? Have you worked them out? Don't you think you should?"),
    ("client", "Not really."),
    ("coach", "You should put your prices up."),
    ("client", "Maybe."),
    ("coach", "What are you learning about yourself?"),
    ("client", "That I avoid the numbers."),
    ("coach", "How would you like to finish our time today?"),
    ("client", "With one number written down."),
]


@pytest.fixture
def assessment(settings: Settings) -> Any:
    return assess(make_session(LINES, timed=True), settings=settings, classifier=SimpleClassifier())


def test_json_report_is_the_contract(assessment: Any) -> None:
    document = json.loads(render_json(assessment))
    assert document == json.loads(json.dumps(assessment.to_dict()))
    assert render(assessment.to_dict(), "json") == render_json(assessment)


def test_unknown_format_and_non_assessment_are_refused(assessment: Any) -> None:
    with pytest.raises(CoachlensError, match="json, md or html"):
        render(assessment, "pdf")
    with pytest.raises(CoachlensError, match="not a coachlens assessment"):
        render_markdown({"schema": "something else"})


def test_markdown_has_the_sections_and_escapes_transcript_text(assessment: Any) -> None:
    text = render_markdown(assessment)
    for heading in (
        "## Growth areas",
        "## Your own lines, rewritten",
        "## Competencies",
        "## Conversation metrics",
    ):
        assert heading in text
    assert "## PCC markers" in text and "### 6 Listens Actively" in text
    assert "<script>" not in text
    assert render_markdown({"markers": [], "session": {"title": "<b>|x"}}).startswith(
        "# Coaching session review: \\<b\\>\\|x"
    )
    # Every rewrite row has four cells: a pipe inside a quoted line cannot break the table.
    table = text.split("## Your own lines, rewritten")[1].split("\n\n")[1]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| At")]
    assert rows
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 5, row


def test_markdown_renders_from_the_stored_document_too(assessment: Any) -> None:
    assert render_markdown(assessment.to_dict()) == render_markdown(assessment)


def test_html_is_self_contained_and_escaped(assessment: Any) -> None:
    page = render_html(assessment)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not re.search(r"""(?:src|href)=["']https?:""", page)
    assert "<style>" in page and page.count("<svg") >= 3


def test_html_links_markers_to_turns_and_back(assessment: Any) -> None:
    page = render_html(assessment)
    ids = set(re.findall(r'id="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]+)"', page))
    assert links, "the report links nothing"
    missing = links - ids
    assert not missing, missing
    assert any(link.startswith("turn-") for link in links)
    assert any(link.startswith("marker-") for link in links)
    # Evidence is highlighted in the transcript and each highlight links back to its marker.
    assert re.search(
        r'<mark class="ev-[a-z_ ]+"[^>]*>[^<]+</mark><a class="ev-link" href="#marker-\d-\d"', page
    )


def test_html_renders_timeline_and_competency_charts_with_text_alternatives(assessment: Any) -> None:
    page = render_html(assessment)
    assert "<title>Competency scores</title>" in page
    assert "<title>Session timeline</title>" in page
    assert "<desc>" in page
