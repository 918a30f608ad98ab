"""Writing a transcribed recording out: WebVTT that `coachlens parse` reads back, or JSON with timing."""

from __future__ import annotations

from typing import Any

from coachlens.audio.ingest import RecordingTranscript
from coachlens.models import CoachingSession


def vtt_timestamp(seconds: float) -> str:
    """`HH:MM:SS.mmm`."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def to_webvtt(session: CoachingSession) -> str:
    """One cue per turn, Zoom style (`Name (role): text`), so roles survive a round trip."""
    blocks = ["WEBVTT"]
    for number, turn in enumerate(session.turns, start=1):
        start = turn.start_s or 0.0
        end = turn.end_s if turn.end_s is not None and turn.end_s > start else start + 0.5
        role = f" ({turn.role})" if turn.role != "unknown" else ""
        text = " ".join(turn.text.split()).replace("-->", "->")  # "-->" would end the cue text
        blocks.append(
            f"{number}\n{vtt_timestamp(start)} --> {vtt_timestamp(end)}\n{turn.speaker}{role}: {text}"
        )
    return "\n\n".join(blocks) + "\n"


def to_json_dict(result: RecordingTranscript) -> dict[str, Any]:
    """`coachlens.transcript/1` plus `audio` (layout, model, speed), `timing` and `words`."""
    session = result.session
    payload = session.to_transcript_dict()
    payload["warnings"] = list(session.warnings)
    payload["audio"] = {
        "layout": session.metadata.get("speaker_layout"),
        "model": session.metadata.get("asr_model"),
        "duration_s": round(result.duration_s, 3),
        "real_time_factor": round(result.real_time_factor, 3),
        "roles_inferred": session.roles_inferred,
        "role_confidence": session.role_confidence,
    }
    payload["timing"] = result.timing.to_dict()
    payload["words"] = [
        {"speaker": w.speaker, "start_s": w.start_s, "end_s": w.end_s, "text": w.word.text.strip()}
        for w in result.words
    ]
    return payload
