"""Lookups on the loaded rubric: competencies, markers, sub-points, and the errors for unknown ids."""

from __future__ import annotations

import dataclasses
import json

import pytest

from coachlens.errors import FrameworkError
from coachlens.framework import Rubric, load_rubric


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric("icf-2019-pcc-2020")


def test_competency_by_number_or_text(rubric: Rubric) -> None:
    assert rubric.competency(4).name == "Cultivates Trust and Safety"
    assert rubric.competency(" 4 ") is rubric.competency(4)


def test_markers_for_a_competency(rubric: Rubric) -> None:
    assert [m.id for m in rubric.markers_for(4)] == ["4.1", "4.2", "4.3", "4.4"]
    assert [m.id for m in rubric.markers_for("8")][-1] == "8.9"
    assert rubric.markers_for(1) == ()


def test_evidencing_markers(rubric: Rubric) -> None:
    mindset = [m.id for m in rubric.evidencing_markers(2)]
    assert mindset == ["4.1", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "6.1", "6.5", "7.1", "7.5"]
    assert rubric.evidencing_markers(1) == ()
    assert rubric.evidencing_markers(3) == rubric.markers_for(3)


def test_marker_and_subpoint_lookups_stay_in_their_own_numbering(rubric: Rubric) -> None:
    assert rubric.marker("4.2").short_name.startswith("Shows support")
    assert rubric.marker("4.2").competency == 4
    assert "talents" in rubric.subpoint("4.c").text
    assert rubric.subpoint("4.C") is rubric.subpoint("4.c")


@pytest.mark.parametrize(
    ("marker_id", "expected"),
    [
        ("4.7", "unknown PCC marker '4.7': competency 4 has markers 4.1-4.4; did you mean 4.4?"),
        ("6.0", "did you mean 6.1?"),
        ("4.c", "'4.c' is a competency sub-point id, not a PCC marker"),
        ("2.1", "competency 2 has no markers of its own (it is evidenced by 4.1, 4.3"),
        ("1.1", "competency 1 has no markers of its own (it is evidenced by the whole session)"),
        ("9.1", "markers run from 3.1 to 8.9"),
    ],
)
def test_unknown_marker_ids_explain_themselves(rubric: Rubric, marker_id: str, expected: str) -> None:
    with pytest.raises(FrameworkError) as info:
        rubric.marker(marker_id)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (9, "unknown competency '9' in rubric icf-2019-pcc-2020: competencies are numbered 1-8"),
        ("four", "unknown competency 'four'"),
        ("4.2", "'4.2' is a PCC marker id, not a competency"),
        ("4.b", "'4.b' is a competency sub-point id, not a competency"),
    ],
)
def test_unknown_competency_ids_explain_themselves(rubric: Rubric, ref: int | str, expected: str) -> None:
    with pytest.raises(FrameworkError) as info:
        rubric.competency(ref)
    assert expected in str(info.value)


def test_unknown_subpoint(rubric: Rubric) -> None:
    with pytest.raises(FrameworkError, match=r"'4\.1' is a PCC marker id, not a sub-point"):
        rubric.subpoint("4.1")
    with pytest.raises(FrameworkError, match=r"unknown sub-point '4\.z'"):
        rubric.subpoint("4.z")


def test_the_rubric_is_frozen(rubric: Rubric) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        rubric.meta = rubric.meta  # type: ignore[misc]
    assert isinstance(rubric.markers, tuple)
    assert isinstance(rubric.competencies, tuple)


def test_groups_follow_icf_order(rubric: Rubric) -> None:
    assert [(g, [c.id for c in members]) for g, members in rubric.groups] == [
        ("Foundation", [1, 2]),
        ("Co-creating the Relationship", [3, 4]),
        ("Communicating Effectively", [5, 6]),
        ("Cultivating Learning and Growth", [7, 8]),
    ]


def test_to_dict_is_the_whole_structured_data(rubric: Rubric) -> None:
    data = json.loads(json.dumps(rubric.to_dict()))
    assert data["rubric"]["id"] == "icf-2019-pcc-2020"
    assert len(data["competencies"]) == 8
    assert sum(len(c["markers"]) for c in data["competencies"]) == 37
