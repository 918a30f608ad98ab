"""Search the competency library's text: a small ranked term match with typed, located results.

No index is kept: the library is a few hundred short passages, so scanning them per query is instant
and always in step with the loaded rubric. Ranking favours passages that contain more of the query's
words, then passages where a match matters more (a name or statement over an example line).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from coachlens.errors import FrameworkError
from coachlens.framework.rubric import Rubric
from coachlens.framework.schema import Competency, Marker

SearchKind = Literal["competency", "subpoint", "marker", "practice_question", "resource"]

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)
_SNIPPET_CHARS = 160
# A query that names an id ("4.2", "4.c") matches the entity once, on its headline field only.
_ID_FIELDS = frozenset({"name", "short_name", "text", "scenario"})


@dataclass(frozen=True)
class SearchHit:
    """One matching passage: what it belongs to, which field, and the text around the match."""

    kind: SearchKind
    ref: str  # "4", "4.c", "4.2", "4.q3" or "4.r1" (the competency's first resource)
    competency: int
    title: str
    field: str  # the field that matched, as a path from the entity: "demonstrating_examples[2]", "levels.pcc"
    snippet: str
    score: float
    matched_terms: tuple[str, ...]


@dataclass(frozen=True)
class _Passage:
    kind: SearchKind
    ref: str
    competency: int
    title: str
    field: str
    text: str
    weight: float


def search(rubric: Rubric, query: str, limit: int = 20) -> list[SearchHit]:
    """Passages of the library matching `query`, best first (at most `limit`).

    Raises FrameworkError when the query has no searchable word.
    """
    terms = _query_terms(query)
    if not terms:
        raise FrameworkError(f"nothing to search for in '{query}': give at least one word such as 'silence'")
    phrase = " ".join(_TOKEN.findall(query.lower()))
    hits: list[SearchHit] = []
    for passage in _passages(rubric):
        hit = _score(passage, terms, phrase)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, h.competency, h.ref, h.field))
    return hits[: max(limit, 0)]


def _query_terms(query: str) -> tuple[str, ...]:
    words = [w for w in _TOKEN.findall(query.lower()) if w not in _STOPWORDS]
    return tuple(dict.fromkeys(words))


def _term_matches(term: str, token: str) -> bool:
    if token == term:
        return True
    stem = term[:-1] if len(term) > 4 and term.endswith("s") else term
    # Prefix matching lets "empath" find "empathy" and "silence" find "silences" without a stemmer.
    return len(stem) >= 4 and token.startswith(stem)


def _score(passage: _Passage, terms: tuple[str, ...], phrase: str) -> SearchHit | None:
    lowered = passage.text.lower()
    tokens = _TOKEN.findall(lowered)
    matched: list[str] = []
    occurrences = 0
    for term in terms:
        count = sum(1 for token in tokens if _term_matches(term, token))
        if count or (term == passage.ref and passage.field in _ID_FIELDS):
            matched.append(term)
            occurrences += max(count, 1)
    if not matched:
        return None
    coverage = len(matched) / len(terms)
    score = passage.weight * coverage * coverage * 10 + math.log1p(occurrences)
    if len(terms) > 1 and phrase in lowered:
        score += passage.weight * 5
    return SearchHit(
        kind=passage.kind,
        ref=passage.ref,
        competency=passage.competency,
        title=passage.title,
        field=passage.field,
        snippet=_snippet(passage.text, matched),
        score=round(score, 3),
        matched_terms=tuple(matched),
    )


def _snippet(text: str, matched: list[str]) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _SNIPPET_CHARS:
        return flat
    lowered = flat.lower()
    positions = [lowered.find(term[:4]) for term in matched if lowered.find(term[:4]) >= 0]
    start = max(min(positions, default=0) - 40, 0)
    piece = flat[start : start + _SNIPPET_CHARS]
    return ("..." if start else "") + piece + ("..." if start + _SNIPPET_CHARS < len(flat) else "")


@dataclass(frozen=True)
class _Owner:
    """The entity a group of passages belongs to."""

    kind: SearchKind
    ref: str
    competency: int
    title: str

    def passage(self, field: str, text: str, weight: float) -> _Passage:
        return _Passage(self.kind, self.ref, self.competency, self.title, field, text, weight)


def _passages(rubric: Rubric) -> Iterator[_Passage]:
    for competency in rubric.competencies:
        yield from _competency_passages(competency)
        for marker in competency.markers:
            yield from _marker_passages(competency, marker)
        for question in competency.practice_questions:
            owner = _Owner(
                "practice_question", question.id, competency.id, f"Practice question {question.id}"
            )
            yield owner.passage("scenario", question.scenario, 1.2)
            for index, option in enumerate(question.options):
                yield owner.passage(f"options[{index}]", option, 0.8)
            yield owner.passage("best_explanation", question.best_explanation, 0.8)
            yield owner.passage("worst_explanation", question.worst_explanation, 0.8)
        for index, resource in enumerate(competency.resources):
            owner = _Owner("resource", f"{competency.id}.r{index + 1}", competency.id, resource.title)
            author = f" ({resource.author})" if resource.author else ""
            yield owner.passage(f"resources[{index}]", f"{resource.title}{author}. {resource.note}", 1.0)


def _competency_passages(competency: Competency) -> Iterator[_Passage]:
    owner = _Owner("competency", str(competency.id), competency.id, f"{competency.id}. {competency.name}")
    yield owner.passage("name", competency.name, 3.0)
    yield owner.passage("definition", competency.definition, 2.0)
    yield owner.passage("description", competency.description, 1.2)
    if competency.evidence_note:
        yield owner.passage("evidence_note", competency.evidence_note, 1.2)
    for level in ("acc", "pcc", "mcc"):
        yield owner.passage(f"levels.{level}", getattr(competency.levels, level), 1.0)
    for index, tip in enumerate(competency.development_tips):
        yield owner.passage(f"development_tips[{index}]", tip, 1.0)
    for index, mistake in enumerate(competency.common_mistakes):
        yield owner.passage(f"common_mistakes[{index}]", mistake, 1.0)
    for index, related in enumerate(competency.related):
        yield owner.passage(f"related[{index}].how", related.how, 0.8)
    for sub in competency.subpoints:
        yield _Owner("subpoint", sub.id, competency.id, f"Sub-point {sub.id}").passage("text", sub.text, 2.0)


def _marker_passages(competency: Competency, marker: Marker) -> Iterator[_Passage]:
    owner = _Owner("marker", marker.id, competency.id, f"{marker.id} {marker.short_name}")
    yield owner.passage("short_name", marker.short_name, 3.0)
    yield owner.passage("statement", marker.statement, 2.5)
    yield owner.passage("listens_for", marker.listens_for, 1.5)
    if marker.observability_note:
        yield owner.passage("observability_note", marker.observability_note, 1.0)
    for index, line in enumerate(marker.demonstrating_examples):
        yield owner.passage(f"demonstrating_examples[{index}]", line, 0.8)
    for index, line in enumerate(marker.contrast_examples):
        yield owner.passage(f"contrast_examples[{index}]", line, 0.6)
    for index, mistake in enumerate(marker.common_mistakes):
        yield owner.passage(f"common_mistakes[{index}]", mistake, 1.0)
    yield owner.passage("development_tip", marker.development_tip, 1.0)
    yield owner.passage("rewrite.weak", marker.rewrite.weak, 0.6)
    yield owner.passage("rewrite.stronger", marker.rewrite.stronger, 0.8)
    yield owner.passage("rewrite.why", marker.rewrite.why, 1.0)
