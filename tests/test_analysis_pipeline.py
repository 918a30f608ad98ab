"""The engine end to end on small sessions: the JSON contract, verbatim evidence, timing markers,
injectable classifier/embedder, no network, and clear errors on bad input."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from coachlens.analysis.pipeline import assess, assess_path
from coachlens.config import Settings
from coachlens.errors import AnalysisError
from coachlens.models import MARKER_STATUSES, CoachingSession, Turn
from detector_support import FILLER_CLIENT, SimpleClassifier, make_session, rubric

LINES = [
    ("coach", "Hi, good to see you. What would you like to walk away with from our conversation today?"),
    ("client", "A plan for talking to my manager. I'm worried about how she'll react, honestly."),
    ("coach", "What would tell you, at the end of today, that we'd got there?"),
    ("client", "If I knew what I'd say on Monday."),
    ("coach", "What makes this important to you right now?"),
    ("client", "I'm exhausted and I feel stuck doing two jobs."),
    ("coach", "That sounds really hard. Stuck?"),
    ("client", "Stuck like nothing I do changes anything."),
    ("coach", "Don't you think you should just tell her? Have you tried talking to her? Why haven't you?"),
    ("client", "I suppose. I haven't, no."),
    ("coach", "You should put it in writing first."),
    ("client", FILLER_CLIENT),
    ("coach", "What are you learning about yourself?"),
    ("client", "That I wait for permission."),
    ("coach", "How would you like to finish our time today?"),
    ("client", "With the first sentence written down."),
]

# The `coachlens.assessment/1` contract of DESIGN.md as a schema: types, required keys, enums.
ASSESSMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "schema",
        "session",
        "rubric",
        "turns",
        "markers",
        "competencies",
        "metrics",
        "readiness",
        "feedback",
        "overall_score",
    ],
    "properties": {
        "schema": {"enum": ["coachlens.assessment/1"]},
        "session": {
            "type": "object",
            "required": ["title", "source_format", "duration_s", "turn_count"],
            "properties": {
                "title": {"type": "string"},
                "source_format": {"type": "string"},
                "duration_s": {"type": ["number", "null"]},
                "turn_count": {"type": "integer"},
            },
        },
        "rubric": {"type": "object", "required": ["id", "version"]},
        "turns": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["index", "speaker", "role", "start_s", "end_s", "text", "acts"],
                "properties": {
                    "index": {"type": "integer"},
                    "role": {"enum": ["coach", "client", "unknown"]},
                    "start_s": {"type": ["number", "null"]},
                    "end_s": {"type": ["number", "null"]},
                    "text": {"type": "string"},
                    "acts": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "markers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "competency", "status", "confidence", "evidence", "rationale", "detector"],
                "properties": {
                    "id": {"type": "string"},
                    "competency": {"type": "integer"},
                    "status": {"enum": list(MARKER_STATUSES)},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                    "rationale": {"type": "string"},
                    "detector": {"type": "string"},
                    "evidence": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["turn", "quote", "start_s"],
                            "properties": {
                                "turn": {"type": "integer"},
                                "quote": {"type": "string"},
                                "start_s": {"type": ["number", "null"]},
                            },
                        },
                    },
                },
            },
        },
        "competencies": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "score", "markers_demonstrated", "markers_total"],
                "properties": {
                    "id": {"type": "integer"},
                    "score": {"type": "number", "minimum": 0, "maximum": 100},
                    "markers_demonstrated": {"type": "integer"},
                    "markers_total": {"type": "integer"},
                },
            },
        },
        "metrics": {
            "type": "object",
            "required": [
                "coach_talk_share",
                "questions_open",
                "questions_closed",
                "stacked_question_turns",
                "reflections",
                "advice",
            ],
        },
        "readiness": {
            "type": "object",
            "required": ["level", "advisory", "rationale"],
            "properties": {
                "level": {"enum": ["below_acc", "acc", "pcc", "mcc"]},
                "advisory": {"enum": [True]},
            },
        },
        "feedback": {"type": "object", "required": ["strengths", "growth_areas", "rewrites"]},
        "overall_score": {"type": "number", "minimum": 0, "maximum": 100},
    },
}
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "null": type(None),
    "boolean": bool,
}


def check(value: Any, schema: dict[str, Any], path: str = "$") -> None:
    """A small JSON-Schema subset: type, enum, required, properties, items, minimum, maximum."""
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        assert any(
            isinstance(value, _TYPES[k]) and not (k in ("integer", "number") and isinstance(value, bool))
            for k in kinds
        ), f"{path}: {value!r} is not {kinds}"
    if "minimum" in schema:
        assert value >= schema["minimum"], path
    if "maximum" in schema:
        assert value <= schema["maximum"], path
    for key in schema.get("required", []):
        assert key in value, f"{path}: missing {key}"
    for key, sub in schema.get("properties", {}).items():
        if key in value:
            check(value[key], sub, f"{path}.{key}")
    if "items" in schema:
        for index, item in enumerate(value):
            check(item, schema["items"], f"{path}[{index}]")


@pytest.fixture
def assessed(settings: Settings) -> Any:
    return assess(make_session(LINES), settings=settings, classifier=SimpleClassifier(), rubric=rubric())


def test_assessment_matches_the_contract_and_survives_json(assessed: Any) -> None:
    document = json.loads(json.dumps(assessed.to_dict()))
    check(document, ASSESSMENT_SCHEMA)
    assert len(document["markers"]) == 37
    assert [c["id"] for c in document["competencies"]] == list(range(1, 9))
    assert len(document["turns"]) == len(LINES)


def test_every_quote_is_verbatim_and_every_feedback_item_points_at_a_turn(assessed: Any) -> None:
    turns = assessed.session.turns
    for marker in assessed.markers:
        for evidence in marker.evidence:
            assert evidence.quote and evidence.quote in turns[evidence.turn].text, (marker.id, evidence)
    feedback = assessed.feedback
    for item in (*feedback.strengths, *feedback.growth_areas):
        assert item.quote in turns[item.turn].text
    for rewrite in feedback.rewrites:
        assert rewrite.original in turns[rewrite.turn].text
        assert turns[rewrite.turn].role == "coach"
        assert rewrite.suggestion != rewrite.original


def test_untimed_session_cannot_judge_silence_or_interruptions(assessed: Any) -> None:
    by_id = {m.id: m for m in assessed.markers}
    assert by_id["5.5"].status == "not_assessable"
    assert by_id["6.6"].status == "not_assessable"
    assert assessed.metrics["pauses"] is None


def test_growth_areas_name_the_coachs_habits(assessed: Any) -> None:
    titles = " ".join(item.title for item in assessed.feedback.growth_areas)
    assert "questions in one turn" in titles or "leading" in titles.lower()
    kinds = {r.kind for r in assessed.feedback.rewrites}
    assert {"advice_to_question", "stacked_to_one"} <= kinds
    assert assessed.feedback.next_step.startswith("Next session, practise")


def test_timed_session_measures_pauses_and_time_share(settings: Settings) -> None:
    timed = [(role, text, 4.0 if i % 4 == 1 else 0.4) for i, (role, text) in enumerate(LINES)]
    result = assess(make_session(timed, timed=True), settings=settings, classifier=SimpleClassifier())
    by_id = {m.id: m for m in result.markers}
    assert by_id["5.5"].status in ("demonstrated", "partial")
    assert result.metrics["pauses"] >= 3
    assert 0 < result.metrics["coach_talk_share_time"] < 1
    assert result.metrics["timeline"] and not result.metrics["timeline_estimated"]


class _CountingEmbedder:
    """Deterministic unit vectors; counts calls so the test can check the session is embedded once."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: Any) -> Any:
        self.calls.append(len(texts))
        rows = np.zeros((len(texts), 8), dtype=np.float32)
        for i, text in enumerate(texts):
            rows[i, hash(text) % 8] = 1.0
        return rows


def test_an_injected_embedder_embeds_the_session_once_and_caches_exemplars(settings: Settings) -> None:
    embedder = _CountingEmbedder()
    session = make_session(LINES)
    first = assess(session, settings=settings, classifier=SimpleClassifier(), embedder=embedder)
    assert first.extra["exemplar_similarity"] is True
    coach_sentences = embedder.calls[0]
    assert len(embedder.calls) == 2  # the session's sentences, then the rubric exemplars (cached after)
    assert list((settings.data_dir / "cache").glob("exemplars-*.npz"))
    assess(session, settings=settings, classifier=SimpleClassifier(), embedder=embedder)
    assert embedder.calls[2:] == [coach_sentences]


def test_the_engine_opens_no_network_connection(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the assessment engine tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = assess(
        make_session(LINES), settings=settings, classifier=SimpleClassifier(), embedder=_CountingEmbedder()
    )
    assert len(result.markers) == 37


def test_a_session_without_a_coach_is_refused_with_a_clear_error(settings: Settings) -> None:
    session = CoachingSession(
        "x", "text", (Turn(0, "A", "client", None, None, "Hello."), Turn(1, "B", "client", None, None, "Hi."))
    )
    with pytest.raises(AnalysisError, match="--coach"):
        assess(session, settings=settings, classifier=SimpleClassifier())


def test_assess_path_parses_and_assesses(tmp_path: Path, settings: Settings) -> None:
    transcript = tmp_path / "session.txt"
    transcript.write_text("\n".join(f"{role.title()}: {text}" for role, text in LINES), encoding="utf-8")
    result = assess_path(transcript, settings=settings, classifier=SimpleClassifier())
    assert result.session.turns[0].role == "coach"
    assert result.to_dict()["session"]["turn_count"] == len(LINES)


def test_a_failing_detector_costs_one_marker_not_the_assessment(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    import dataclasses

    import coachlens.analysis.pipeline as pipeline
    from coachlens.analysis.registry import all_detectors

    def broken(view: Any) -> Any:
        raise RuntimeError("boom")

    detectors = tuple(dataclasses.replace(d, run=broken) if d.marker == "6.2" else d for d in all_detectors())
    monkeypatch.setattr(pipeline, "all_detectors", lambda: detectors)
    result = assess(make_session(LINES), settings=settings, classifier=SimpleClassifier())
    failed = next(m for m in result.markers if m.id == "6.2")
    assert failed.status == "not_assessable"
    assert any("6.2" in note for note in result.notes)
    assert sum(m.status != "not_assessable" for m in result.markers) >= 30
