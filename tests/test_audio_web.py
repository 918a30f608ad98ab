"""Recordings through the web app: checked at upload, transcribed by the background job, then assessed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from audio_synth import DIALOGUE, ESPEAK, NEEDS_ESPEAK_REASON, build_dialogue, write_encoded
from coachlens.config import Settings


@pytest.fixture
def audio_web_client(tmp_path: Path, fake_assessor: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from coachlens.web import create_app

    settings = Settings(data_dir=tmp_path / "web-data", seed_demo_sessions=False, max_upload_bytes=3_000_000)
    with TestClient(create_app(settings, assessor=fake_assessor), base_url="http://127.0.0.1") as client:
        yield client


def wait_for_jobs(client: Any) -> None:
    assert client.app.state.context.jobs.wait_until_idle(timeout=240)


@pytest.mark.audio
@pytest.mark.xdist_group("audio")
@pytest.mark.skipif(ESPEAK is None, reason=NEEDS_ESPEAK_REASON)
def test_an_uploaded_recording_is_transcribed_then_assessed(audio_web_client: Any, tmp_path: Path) -> None:
    dialogue = build_dialogue(DIALOGUE[:3])
    recording = write_encoded(tmp_path / "Zoom call.m4a", dialogue.track(None))
    created = audio_web_client.post(
        "/api/sessions",
        files={"file": ("Zoom call.m4a", recording.read_bytes(), "audio/mp4")},
        data={"title": "Recorded session"},
    )
    assert created.status_code == 201, created.text
    wait_for_jobs(audio_web_client)
    data = audio_web_client.get(f"/api/sessions/{created.json()['id']}").json()
    assert data["status"] == "done", data.get("error")
    turns = data["assessment"]["turns"]
    assert len(turns) == 3
    assert [t["role"] for t in turns] == ["coach", "client", "coach"]
    for turn, line in zip(turns, dialogue.lines, strict=True):
        assert turn["start_s"] == pytest.approx(line.start_s, abs=0.3)
    assert data["assessment"]["session"]["source_format"] == "audio"


def test_a_damaged_recording_is_refused_at_upload_with_one_line(audio_web_client: Any) -> None:
    garbage = np.random.default_rng(5).integers(0, 256, 5000, dtype=np.uint8).tobytes()
    refused = audio_web_client.post("/api/sessions", files={"file": ("call.m4a", garbage, "audio/mp4")})
    assert 400 <= refused.status_code < 500
    assert "call.m4a is damaged or is not a recording" in refused.text
    assert audio_web_client.get("/api/sessions").json() == []


def test_the_upload_form_offers_recordings(audio_web_client: Any) -> None:
    page = audio_web_client.get("/upload").text
    assert ".m4a" in page and ".mp3" in page and ".wav" in page
