"""The packaged rubric data: every file validates and the ICF 2019/2020 rubric is complete and consistent."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from coachlens.framework import Rubric, load_rubric
from coachlens.framework.loader import DATA_ROOT, available_rubrics
from coachlens.framework.schema import Competency, RubricMeta

DEFAULT_ID = "icf-2019-pcc-2020"
ICF_MARKER_IDS = [
    f"{c}.{n}" for c, count in ((3, 4), (4, 4), (5, 5), (6, 7), (7, 8), (8, 9)) for n in range(1, count + 1)
]
MINDSET_EVIDENCE = ["4.1", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "6.1", "6.5", "7.1", "7.5"]
# Sub-point counts of the 2019 competency model.
SUBPOINT_COUNTS = {1: 7, 2: 8, 3: 11, 4: 6, 5: 6, 6: 6, 7: 11, 8: 8}
GROUPS = {
    1: "Foundation",
    2: "Foundation",
    3: "Co-creating the Relationship",
    4: "Co-creating the Relationship",
    5: "Communicating Effectively",
    6: "Communicating Effectively",
    7: "Cultivating Learning and Growth",
    8: "Cultivating Learning and Growth",
}
DATA_FILES = sorted(DATA_ROOT.glob("*/*.yaml"))


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(DEFAULT_ID)


def _normalise(line: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", line.lower()).split())


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_validates_against_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    model = RubricMeta if path.name == "rubric.yaml" else Competency
    model.model_validate(data)


def test_every_rubric_folder_loads() -> None:
    found = available_rubrics()
    assert DEFAULT_ID in found
    for rubric_id in found:
        assert load_rubric(rubric_id).id == rubric_id


def test_metadata_names_the_icf_sources(rubric: Rubric) -> None:
    titles = " ".join(f"{s.title} {s.date}" for s in rubric.meta.sources)
    assert "Core Competency" in titles and "2019" in titles
    assert "PCC Markers" in titles and "2020" in titles and "2021" in titles
    assert rubric.meta.competency_files == [f"competency-{n}.yaml" for n in range(1, 9)]


def test_eight_competencies_in_icf_groups(rubric: Rubric) -> None:
    assert [c.id for c in rubric.competencies] == list(range(1, 9))
    assert {c.id: c.group for c in rubric.competencies} == GROUPS
    assert len({c.name for c in rubric.competencies}) == 8


def test_exactly_the_37_pcc_markers_in_order(rubric: Rubric) -> None:
    assert [m.id for m in rubric.markers] == ICF_MARKER_IDS
    assert len(rubric.markers) == 37


def test_foundation_competencies_have_no_markers_and_say_how_they_are_evidenced(rubric: Rubric) -> None:
    ethics, mindset = rubric.competency(1), rubric.competency(2)
    assert ethics.markers == [] and ethics.evidenced_by_markers == []
    assert "whole session" in ethics.evidence_note and "role" in ethics.evidence_note
    assert mindset.markers == []
    assert mindset.evidenced_by_markers == MINDSET_EVIDENCE
    for competency in rubric.competencies[2:]:
        assert competency.markers and not competency.evidenced_by_markers


def test_evidenced_by_markers_resolve(rubric: Rubric) -> None:
    for competency in rubric.competencies:
        for marker_id in competency.evidenced_by_markers:
            assert rubric.has_marker(marker_id), f"{competency.id}: {marker_id} does not exist"


def test_subpoints_use_letters_and_markers_use_numbers(rubric: Rubric) -> None:
    for competency in rubric.competencies:
        letters = [s.id for s in competency.subpoints]
        expected = [f"{competency.id}.{chr(ord('a') + i)}" for i in range(len(letters))]
        assert letters == expected, f"competency {competency.id} sub-points are not lettered a, b, c..."
        numbers = [m.id for m in competency.markers]
        assert numbers == [f"{competency.id}.{i}" for i in range(1, len(numbers) + 1)]
        assert not set(letters) & set(numbers)
        assert len(letters) == SUBPOINT_COUNTS[competency.id]


def test_observability_of_timing_and_audio_markers(rubric: Rubric) -> None:
    by_id = {m.id: m.observable_in for m in rubric.markers}
    assert by_id["5.5"] == "timestamps"
    assert by_id["6.6"] == "timestamps"
    assert by_id["6.4"] == "audio_only"
    assert {v for k, v in by_id.items() if k not in {"5.5", "6.6", "6.4"}} == {"text"}
    for marker in rubric.markers:
        if marker.observable_in != "text":
            assert marker.observability_note.strip(), f"{marker.id} must say what text cannot show"


def test_every_marker_is_filled(rubric: Rubric) -> None:
    for marker in rubric.markers:
        assert 4 <= len(marker.demonstrating_examples) <= 8, marker.id
        assert 3 <= len(marker.contrast_examples) <= 6, marker.id
        assert 1 <= len(marker.common_mistakes) <= 2, marker.id
        for text in (marker.short_name, marker.statement, marker.listens_for, marker.development_tip):
            assert text.strip(), marker.id
        assert _normalise(marker.rewrite.weak) != _normalise(marker.rewrite.stronger), marker.id
        for line in [*marker.demonstrating_examples, *marker.contrast_examples]:
            assert line.strip() == line and len(line.split()) >= 2, f"{marker.id}: {line!r}"


def test_every_competency_is_filled(rubric: Rubric) -> None:
    for competency in rubric.competencies:
        assert len(competency.development_tips) >= 6, competency.id
        assert len(competency.common_mistakes) >= 6, competency.id
        assert len(competency.practice_questions) >= 5, competency.id
        assert competency.related, competency.id
        assert competency.evidence_note.strip(), competency.id
        kinds = {r.kind for r in competency.resources}
        assert {"icf", "book"} <= kinds, f"competency {competency.id} needs ICF pages and books"
        for book in (r for r in competency.resources if r.kind == "book"):
            assert book.author, f"{competency.id}: book {book.title!r} has no author"
        levels = competency.levels
        assert len({levels.acc, levels.pcc, levels.mcc}) == 3, competency.id


def test_ids_are_unique_across_the_rubric(rubric: Rubric) -> None:
    for ids in (
        [m.id for m in rubric.markers],
        [s.id for c in rubric.competencies for s in c.subpoints],
        [q.id for q in rubric.practice_questions],
    ):
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        assert not duplicates


def test_related_competencies_resolve_and_are_not_self(rubric: Rubric) -> None:
    ids = {c.id for c in rubric.competencies}
    for competency in rubric.competencies:
        targets = [r.competency for r in competency.related]
        assert competency.id not in targets
        assert set(targets) <= ids
        assert len(targets) == len(set(targets)), f"competency {competency.id} lists a relation twice"


def test_no_exemplar_line_is_shared_between_markers(rubric: Rubric) -> None:
    owner: dict[str, str] = {}
    clashes: list[str] = []
    for marker in rubric.markers:
        for line in {_normalise(x) for x in marker.demonstrating_examples + marker.contrast_examples}:
            if line in owner:
                clashes.append(f"{owner[line]} and {marker.id}: {line!r}")
            owner[line] = marker.id
    assert not clashes, "\n".join(clashes)


def test_no_line_both_demonstrates_and_contrasts_a_marker(rubric: Rubric) -> None:
    for marker in rubric.markers:
        demonstrating = {_normalise(x) for x in marker.demonstrating_examples}
        contrast = {_normalise(x) for x in marker.contrast_examples}
        assert len(demonstrating) == len(marker.demonstrating_examples), marker.id
        assert not demonstrating & contrast, marker.id


def test_practice_questions_are_well_formed_and_vary_the_best_option(rubric: Rubric) -> None:
    for competency in rubric.competencies:
        bests = [q.best for q in competency.practice_questions]
        assert len(set(bests)) >= 3, f"competency {competency.id}: best answers {bests} are too predictable"
        for question in competency.practice_questions:
            assert question.best != question.worst
            assert len({_normalise(o) for o in question.options}) == 4, question.id
            for marker_id in question.markers:
                assert rubric.has_marker(marker_id), f"{question.id}: {marker_id}"
    assert {q.best for q in rubric.practice_questions} == {1, 2, 3, 4}


def test_resources_carry_no_links(rubric: Rubric) -> None:
    for competency in rubric.competencies:
        for resource in competency.resources:
            assert "http" not in f"{resource.title} {resource.note}".lower(), resource.title
