"""Reports say which findings the LLM review touched and show its checked narrative."""

from __future__ import annotations

from coachlens.config import Settings
from coachlens.llm.enrich import enrich_assessment
from coachlens.llm.fake import FakeBackend
from coachlens.llm.report_parts import NARRATIVE_TITLE
from coachlens.models import Assessment
from coachlens.reports.html import render_html
from coachlens.reports.markdown import render_markdown
from llm_data import offline_assessment, smart_model


def _enriched(settings: Settings) -> Assessment:
    model = smart_model()
    backend = FakeBackend(default=lambda r: model({"messages": [m.to_dict() for m in r.messages]}))
    return enrich_assessment(
        offline_assessment(), settings=settings.model_copy(update={"llm_cache": False}), backend=backend
    )


def test_markdown_report_labels_sources_and_shows_the_narrative(settings: Settings) -> None:
    text = render_markdown(_enriched(settings))
    assert f"## {NARRATIVE_TITLE}" in text
    assert "You named the persistence it took. (turn 4, 00:40: \u201cYou went back to Sam a\u201d)" in text
    assert "An invented moment" not in text  # its quote failed the check
    line_41 = next(line for line in text.splitlines() if line.startswith("- **4.1**"))
    line_42 = next(line for line in text.splitlines() if line.startswith("- **4.2**"))
    line_61 = next(line for line in text.splitlines() if line.startswith("- **6.1**"))
    assert "[LLM]" in line_41 and "[offline + LLM]" in line_42 and "[" not in line_61.split(":")[1]


def test_html_report_labels_sources_and_shows_the_narrative(settings: Settings) -> None:
    page = render_html(_enriched(settings))
    assert 'id="narrative"' in page and "You named the persistence it took." in page
    assert "coachlens.llm_judge.v1 · LLM" in page


def test_offline_reports_have_no_llm_parts() -> None:
    offline = offline_assessment()
    assert NARRATIVE_TITLE not in render_markdown(offline)
    assert "[LLM]" not in render_markdown(offline)
    assert 'id="narrative"' not in render_html(offline)
