"""Personalised feedback (placeholder while the detectors settle)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coachlens.analysis.detectors.context import SessionView
from coachlens.models import Feedback, MarkerFinding


def build_feedback(view: SessionView, findings: Sequence[MarkerFinding], metrics: dict[str, Any]) -> Feedback:
    return Feedback()
