"""Cross-file checks a single file's schema cannot make: unique ids and references that resolve.

Each problem is reported as one FrameworkError line naming the competency file and the field, so a
data author can go straight to the line to fix.
"""

from __future__ import annotations

from coachlens.errors import FrameworkError
from coachlens.framework.schema import Competency


def check_rubric(files: dict[str, Competency]) -> None:
    """Raise FrameworkError on the first cross-file problem in a rubric's competency files."""
    competency_file: dict[int, str] = {}
    for name, competency in files.items():
        if competency.id in competency_file:
            raise FrameworkError(
                f"{name}: field id: competency {competency.id} is also defined in {competency_file[competency.id]}"
            )
        competency_file[competency.id] = name

    marker_file: dict[str, str] = {}
    question_file: dict[str, str] = {}
    for name, competency in files.items():
        for index, marker in enumerate(competency.markers):
            if marker.id in marker_file:
                raise FrameworkError(
                    f"{name}: field markers[{index}] ({marker.id}).id: marker {marker.id} is also "
                    f"defined in {marker_file[marker.id]}"
                )
            marker_file[marker.id] = name
        for index, question in enumerate(competency.practice_questions):
            if question.id in question_file:
                raise FrameworkError(
                    f"{name}: field practice_questions[{index}] ({question.id}).id: {question.id} is also "
                    f"defined in {question_file[question.id]}"
                )
            question_file[question.id] = name

    for name, competency in files.items():
        _check_references(name, competency, set(competency_file), set(marker_file))
    _check_id_spaces(files)


def _check_references(name: str, competency: Competency, competencies: set[int], markers: set[str]) -> None:
    for index, related in enumerate(competency.related):
        if related.competency == competency.id:
            raise FrameworkError(
                f"{name}: field related[{index}].competency: a competency cannot relate to itself"
            )
        if related.competency not in competencies:
            raise FrameworkError(
                f"{name}: field related[{index}].competency: competency {related.competency} is not in this rubric"
            )
    for index, marker_id in enumerate(competency.evidenced_by_markers):
        if marker_id not in markers:
            raise FrameworkError(
                f"{name}: field evidenced_by_markers[{index}]: marker '{marker_id}' is not in this rubric"
            )
    if competency.markers and competency.evidenced_by_markers:
        raise FrameworkError(
            f"{name}: field evidenced_by_markers: only a competency without markers of its own lists these"
        )
    for q_index, question in enumerate(competency.practice_questions):
        for m_index, marker_id in enumerate(question.markers):
            if marker_id not in markers:
                raise FrameworkError(
                    f"{name}: field practice_questions[{q_index}] ({question.id}).markers[{m_index}]: "
                    f"marker '{marker_id}' is not in this rubric"
                )


def _check_id_spaces(files: dict[str, Competency]) -> None:
    for name, competency in files.items():
        subpoint_ids = {s.id for s in competency.subpoints}
        marker_ids = {m.id for m in competency.markers}
        # The schema's id patterns already keep the two spaces apart; this guards against a future
        # pattern change letting `4.1` appear as both a sub-point and a marker.
        clash = subpoint_ids & marker_ids
        if clash:
            raise FrameworkError(
                f"{name}: field subpoints: id {sorted(clash)[0]} is used as both a sub-point and a marker"
            )
