"""The bundled demo sessions as parse inputs: roles come out right and the turns match golden JSON.

Regenerate the golden files after a deliberate change with
`COACHLENS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_transcripts_demo.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.demo_data import DEMO_SESSIONS, DemoSession, demo_path
from coachlens.transcripts import parse

GOLDEN = Path(__file__).parent / "data" / "transcripts" / "golden"
UPDATE = os.environ.get("COACHLENS_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("demo", DEMO_SESSIONS, ids=lambda demo: demo.id)
def test_demo_session_parses_with_the_right_coach(demo: DemoSession, settings: Settings) -> None:
    session = parse(demo_path(demo.id), settings=settings)

    roles = {turn.speaker: turn.role for turn in session.turns}
    assert roles == {demo.coach_name: "coach", demo.client_name: "client"}
    assert session.roles_inferred is True
    assert session.role_confidence is not None and session.role_confidence >= 0.9
    assert session.warnings == ()
    assert session.duration_s is not None and 30 * 60 <= session.duration_s <= 60 * 60


@pytest.mark.parametrize("demo", DEMO_SESSIONS, ids=lambda demo: demo.id)
def test_demo_session_matches_its_golden_json(demo: DemoSession, settings: Settings) -> None:
    produced = parse(demo_path(demo.id), settings=settings).to_transcript_dict()
    golden_file = GOLDEN / f"{demo.id}.json"
    if UPDATE:
        golden_file.write_text(json.dumps(produced, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    expected = json.loads(golden_file.read_text(encoding="utf-8"))

    assert produced == expected
