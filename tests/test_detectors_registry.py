"""The detector registry: every rubric marker has exactly one current, versioned detector."""

from __future__ import annotations

import re

import pytest

from coachlens.analysis.registry import all_detectors, detector_for, get_detector, register
from coachlens.errors import AnalysisError
from detector_support import FILLER_CLIENT, make_session, padded, rubric, view_of

NAME = re.compile(r"^coachlens\.marker\.\d_\d\.v\d+$")


def test_every_marker_of_the_rubric_has_a_versioned_detector() -> None:
    detectors = {d.marker: d for d in all_detectors()}
    assert set(detectors) == {m.id for m in rubric().markers}
    assert len(detectors) == 37
    for marker_id, detector in detectors.items():
        assert NAME.match(detector.name), detector.name
        assert detector.name.startswith(f"coachlens.marker.{marker_id.replace('.', '_')}.")
        assert detector.needs, detector.name
        assert detector.summary


def test_timing_markers_declare_that_they_need_timestamps() -> None:
    assert "timestamps" in detector_for("5.5").needs
    assert "timestamps" in detector_for("6.6").needs


def test_each_detector_reports_its_own_marker_and_name() -> None:
    view = view_of(
        make_session(padded([("coach", "What would you like to focus on today?"), ("client", FILLER_CLIENT)]))
    )
    for detector in all_detectors():
        found = detector(view)
        assert found.id == detector.marker
        assert found.detector == detector.name
        assert 0.0 < found.confidence < 1.0
        assert found.rationale.strip()


def test_bad_or_duplicate_registrations_are_refused() -> None:
    with pytest.raises(ValueError, match="must look like"):
        register("marker-6.1")
    with pytest.raises(ValueError, match="registered twice"):
        register("coachlens.marker.6_1.v1")(lambda view: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(AnalysisError, match="unknown detector"):
        get_detector("coachlens.marker.9_9.v1")


@pytest.mark.parametrize("marker_id", ["4.1", "5.1", "5.2", "5.3", "6.5", "7.2", "7.3", "7.4", "7.5"])
def test_framework_examples_recognised_mid_session(marker_id: str) -> None:
    marker = rubric().marker(marker_id)
    detector = detector_for(marker_id)

    def status(line: str) -> str:
        lines = padded([("coach", line), ("client", FILLER_CLIENT)], before=5, after=4)
        return detector(view_of(make_session(lines))).status

    recognised = sum(status(line) in ("demonstrated", "partial") for line in marker.demonstrating_examples)
    assert recognised >= len(marker.demonstrating_examples) - 1, marker_id
    wrongly = [line for line in marker.contrast_examples if status(line) == "demonstrated"]
    assert not wrongly
