"""Loading rubric folders: discovery, caching, and one-line errors that name the file and the field."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from coachlens.errors import FrameworkError
from coachlens.framework import loader
from coachlens.framework.loader import available_rubrics, clear_rubric_cache, load_rubric, load_rubric_dir


def _marker(marker_id: str) -> dict[str, Any]:
    return {
        "id": marker_id,
        "competency": int(marker_id.split(".")[0]),
        "short_name": "Agrees the session goal",
        "statement": "The coach and client agree what the client wants from this session.",
        "listens_for": "A question that lets the client name the outcome for this session.",
        "observable_in": "text",
        "demonstrating_examples": [f"Example line {n} for {marker_id}." for n in range(4)],
        "contrast_examples": [f"Contrast line {n} for {marker_id}." for n in range(3)],
        "common_mistakes": ["Taking a topic for an outcome."],
        "development_tip": "Ask what the client wants from today, then confirm it.",
        "rewrite": {
            "weak": "Let's talk about work.",
            "stronger": "What do you want from today?",
            "why": "It asks for an outcome, not a topic.",
        },
    }


def _question(qid: str, markers: list[str]) -> dict[str, Any]:
    return {
        "id": qid,
        "scenario": "A client opens with a topic but no outcome for the session; what do you say?",
        "options": ["Option one here", "Option two here", "Option three here", "Option four here"],
        "best": 2,
        "worst": 3,
        "best_explanation": "It lets the client name the outcome in their own words.",
        "worst_explanation": "It sets the agenda for the client without asking them.",
        "markers": markers,
    }


def _competency(cid: int, group: str, markers: list[str], related: int) -> dict[str, Any]:
    return {
        "id": cid,
        "name": f"Competency number {cid}",
        "group": group,
        "definition": "A one-sentence definition of this test competency.",
        "description": "A paragraph describing the test competency in enough words to pass the length check. "
        * 2,
        "subpoints": [
            {"id": f"{cid}.{letter}", "text": f"Sub-point {letter} of the test."} for letter in "abc"
        ],
        "markers": [_marker(m) for m in markers],
        "evidence_note": "How it shows in a session.",
        "levels": {
            "acc": "What ACC coaching looks like here.",
            "pcc": "What PCC coaching looks like here.",
            "mcc": "What MCC coaching looks like here.",
        },
        "development_tips": [f"Development tip number {n}." for n in range(6)],
        "common_mistakes": [f"Common mistake number {n}." for n in range(6)],
        "related": [{"competency": related, "how": "They work together in every session."}],
        "practice_questions": [_question(f"{cid}.q{n}", markers[:1]) for n in range(1, 6)],
        "resources": [
            {"kind": "icf", "title": "ICF Core Competencies"},
            {"kind": "book", "title": "A Coaching Book", "author": "A. Author"},
        ],
    }


def _meta(rubric_id: str) -> dict[str, Any]:
    return {
        "id": rubric_id,
        "version": "1",
        "title": "Test rubric",
        "description": "Two competencies for loader tests.",
        "sources": [{"title": "A source", "date": "2019"}],
        "competency_files": ["competency-1.yaml", "competency-3.yaml"],
    }


def _files() -> dict[str, dict[str, Any]]:
    ethics = _competency(1, "Foundation", [], related=3)
    ethics["evidenced_by_markers"] = ["3.1"]
    return {
        "competency-1.yaml": ethics,
        "competency-3.yaml": _competency(3, "Co-creating the Relationship", ["3.1", "3.2"], related=1),
    }


def write_rubric(
    root: Path, rubric_id: str = "test-rubric", files: dict[str, dict[str, Any]] | None = None
) -> Path:
    folder = root / rubric_id
    folder.mkdir(parents=True)
    (folder / "rubric.yaml").write_text(yaml.safe_dump(_meta(rubric_id)), encoding="utf-8")
    for name, data in (files if files is not None else _files()).items():
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_rubric_cache()
    yield
    clear_rubric_cache()


def _error(folder: Path) -> str:
    with pytest.raises(FrameworkError) as info:
        load_rubric_dir(folder)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_valid_folder_loads(tmp_path: Path) -> None:
    rubric = load_rubric_dir(write_rubric(tmp_path))
    assert rubric.id == "test-rubric"
    assert [c.id for c in rubric.competencies] == [1, 3]
    assert [m.id for m in rubric.evidencing_markers(1)] == ["3.1"]


def test_a_missing_field_names_the_file_and_the_field(tmp_path: Path) -> None:
    files = _files()
    files["competency-3.yaml"]["markers"][1]["demonstrating_examples"] = ["Only one example line."]
    message = _error(write_rubric(tmp_path, files=files))
    assert message.startswith("competency-3.yaml:")
    assert "markers[1] (3.2).demonstrating_examples" in message
    assert "at least 4" in message


def test_an_unknown_field_is_refused(tmp_path: Path) -> None:
    files = _files()
    files["competency-1.yaml"]["colour"] = "blue"
    message = _error(write_rubric(tmp_path, files=files))
    assert "competency-1.yaml" in message and "colour" in message


def test_a_subpoint_with_a_marker_style_id_is_refused(tmp_path: Path) -> None:
    files = _files()
    files["competency-3.yaml"]["subpoints"][0]["id"] = "3.1"
    message = _error(write_rubric(tmp_path, files=files))
    assert "subpoints[0] (3.1).id" in message


def test_a_marker_under_the_wrong_competency_is_refused(tmp_path: Path) -> None:
    files = _files()
    stray = _marker("4.1")
    files["competency-3.yaml"]["markers"].append(stray)
    message = _error(write_rubric(tmp_path, files=files))
    assert "competency-3.yaml" in message and "4.1" in message


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    folder = write_rubric(tmp_path)
    (folder / "competency-3.yaml").write_text("id: 3\nname: [unclosed\n", encoding="utf-8")
    message = _error(folder)
    assert "competency-3.yaml" in message and "not valid YAML" in message and "line" in message


def test_a_listed_file_that_is_missing(tmp_path: Path) -> None:
    folder = write_rubric(tmp_path)
    (folder / "competency-3.yaml").unlink()
    message = _error(folder)
    assert "competency-3.yaml" in message and "does not exist" in message


def test_a_duplicated_marker_across_files(tmp_path: Path) -> None:
    files = _files()
    files["competency-1.yaml"] = copy.deepcopy(files["competency-3.yaml"])
    files["competency-1.yaml"]["id"] = 3
    message = _error(write_rubric(tmp_path, files=files))
    assert "competency 3 is also defined in competency-1.yaml" in message


def test_a_related_competency_that_does_not_exist(tmp_path: Path) -> None:
    files = _files()
    files["competency-3.yaml"]["related"] = [{"competency": 7, "how": "It is not in this small rubric."}]
    message = _error(write_rubric(tmp_path, files=files))
    assert message == "competency-3.yaml: field related[0].competency: competency 7 is not in this rubric"


def test_an_evidencing_marker_that_does_not_exist(tmp_path: Path) -> None:
    files = _files()
    files["competency-1.yaml"]["evidenced_by_markers"] = ["3.1", "3.9"]
    message = _error(write_rubric(tmp_path, files=files))
    assert "competency-1.yaml: field evidenced_by_markers[1]: marker '3.9'" in message


def test_a_practice_question_naming_an_unknown_marker(tmp_path: Path) -> None:
    files = _files()
    files["competency-3.yaml"]["practice_questions"][2]["markers"] = ["8.8"]
    message = _error(write_rubric(tmp_path, files=files))
    assert "practice_questions[2] (3.q3).markers[0]" in message


def test_the_folder_name_must_match_the_rubric_id(tmp_path: Path) -> None:
    folder = write_rubric(tmp_path)
    renamed = folder.rename(tmp_path / "other-name")
    message = _error(renamed)
    assert "does not match its folder name 'other-name'" in message


def test_rubric_versions_are_discovered_without_code_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_rubric(tmp_path, "icf-2019-pcc-2020")
    write_rubric(tmp_path, "icf-2025")
    (tmp_path / "not-a-rubric").mkdir()
    monkeypatch.setattr(loader, "DATA_ROOT", tmp_path)
    assert available_rubrics() == ["icf-2019-pcc-2020", "icf-2025"]
    assert load_rubric("icf-2025").id == "icf-2025"
    monkeypatch.setenv("COACHLENS_RUBRIC", "icf-2025")
    assert load_rubric().id == "icf-2025"


def test_an_unknown_rubric_id_lists_the_available_ones() -> None:
    with pytest.raises(FrameworkError) as info:
        load_rubric("icf-1999")
    assert str(info.value).startswith("unknown rubric 'icf-1999': available rubrics are icf-2019-pcc-2020")


def test_the_default_comes_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_rubric().id == "icf-2019-pcc-2020"
    monkeypatch.setenv("COACHLENS_RUBRIC", "no-such-rubric")
    with pytest.raises(FrameworkError, match="unknown rubric 'no-such-rubric'"):
        load_rubric()


def test_loading_is_cached_per_id() -> None:
    assert load_rubric("icf-2019-pcc-2020") is load_rubric("icf-2019-pcc-2020")
    first = load_rubric()
    clear_rubric_cache()
    assert load_rubric() is not first
