"""Search over the library text: ranked, typed hits that say where they matched."""

from __future__ import annotations

import re

import pytest

from coachlens.errors import FrameworkError
from coachlens.framework import Rubric, SearchHit, load_rubric, search


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("icf-2019-pcc-2020")


def _field_text(rubric: Rubric, hit: SearchHit) -> str:
    """Follow a hit's kind, ref and field back to the text it claims to come from."""
    competency = rubric.competency(hit.competency)
    if hit.kind == "marker":
        owner: object = rubric.marker(hit.ref)
    elif hit.kind == "subpoint":
        owner = rubric.subpoint(hit.ref)
    elif hit.kind == "practice_question":
        owner = next(q for q in competency.practice_questions if q.id == hit.ref)
    elif hit.kind == "resource":
        resource = competency.resources[int(hit.field.removeprefix("resources[").rstrip("]"))]
        assert hit.title == resource.title
        return f"{resource.title} ({resource.author}). {resource.note}" if resource.author else hit.snippet
    else:
        owner = competency
    value: object = owner
    for step in re.findall(r"[a-z_]+|\[\d+\]", hit.field):
        value = value[int(step[1:-1])] if step.startswith("[") else getattr(value, step)  # type: ignore[index]
    assert isinstance(value, str)
    return value


def test_a_marker_name_ranks_first(rubric: Rubric) -> None:
    hits = search(rubric, "silence")
    assert hits[0].kind == "marker" and hits[0].ref == "5.5"
    assert hits[0].field == "short_name"


def test_passages_with_every_query_word_rank_above_partial_matches(rubric: Rubric) -> None:
    hits = search(rubric, "measures of success")
    assert hits[0].ref == "3.2"
    full = [h for h in hits if set(h.matched_terms) == {"measures", "success"}]
    partial = [h for h in hits if len(h.matched_terms) == 1]
    assert full and partial
    assert min(h.score for h in full) > max(h.score for h in partial)


def test_prefix_matching_finds_word_forms(rubric: Rubric) -> None:
    refs = {h.ref for h in search(rubric, "empathise", limit=50)} | {h.ref for h in search(rubric, "empathy")}
    assert "4.2" in refs


def test_hits_point_at_the_text_they_matched(rubric: Rubric) -> None:
    for query in ("confidentiality sponsor", "interrupt", "celebrate progress", "4.c", "Kline thinking"):
        hits = search(rubric, query, limit=10)
        assert hits, query
        for hit in hits:
            text = _field_text(rubric, hit)
            assert hit.snippet.strip(".")[:30] in " ".join(text.split())


def test_an_id_query_finds_the_entity(rubric: Rubric) -> None:
    hits = search(rubric, "4.c")
    assert (hits[0].kind, hits[0].ref) == ("subpoint", "4.c")


def test_limit_and_ordering(rubric: Rubric) -> None:
    hits = search(rubric, "client", limit=7)
    assert len(hits) == 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_no_match_and_empty_query(rubric: Rubric) -> None:
    assert search(rubric, "xylophone") == []
    with pytest.raises(FrameworkError, match="nothing to search for"):
        search(rubric, "the of and")
