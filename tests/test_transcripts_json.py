"""coachlens.transcript/1 JSON: round trips and clear errors for JSON that does not fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import TranscriptError, UnsupportedFormatError
from coachlens.models import TRANSCRIPT_SCHEMA
from coachlens.transcripts import parse, session_from_dict

DATA = Path(__file__).parent / "data" / "transcripts"
SAMPLES = sorted(p.name for p in DATA.iterdir() if p.is_file())


def minimal(turns: list[dict[str, object]]) -> dict[str, object]:
    return {"schema": TRANSCRIPT_SCHEMA, "title": "t", "source_format": "vtt", "turns": turns}


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_sample_round_trips_through_the_dict(sample: str, settings: Settings) -> None:
    session = parse(DATA / sample, settings=settings)

    again = session_from_dict(session.to_transcript_dict())

    assert again.turns == session.turns
    assert again.title == session.title
    assert again.source_format == session.source_format
    assert again.to_transcript_dict() == session.to_transcript_dict()


@pytest.mark.parametrize("sample", ["zoom.vtt", "otter.txt", "labelled.srt"])
def test_a_saved_json_file_parses_back_to_the_same_turns(
    sample: str, tmp_path: Path, settings: Settings
) -> None:
    session = parse(DATA / sample, settings=settings)
    path = tmp_path / "saved.json"
    path.write_text(json.dumps(session.to_transcript_dict(), ensure_ascii=False), encoding="utf-8")

    loaded = parse(path, settings=settings)

    assert loaded.to_transcript_dict() == session.to_transcript_dict()


def test_json_without_roles_gets_them_inferred(settings: Settings) -> None:
    data = minimal(
        [
            {"speaker": "Ana Silva", "text": "What would you like from today? What matters most?"},
            {
                "speaker": "Ben Ode",
                "text": "I need to decide whether I stay in my job or leave for the startup.",
            },
            {"speaker": "Ana Silva", "text": "What would staying give you?"},
            {"speaker": "Ben Ode", "text": "Security, I think. My family would feel safer and I would too."},
        ]
    )

    session = parse(json.dumps(data).encode(), filename="x.json", settings=settings)

    assert [t.role for t in session.turns] == ["coach", "client", "coach", "client"]
    assert session.roles_inferred is True


def test_coach_override_applies_to_json_too(settings: Settings) -> None:
    data = minimal(
        [
            {"speaker": "Ana Silva", "role": "coach", "text": "What now?"},
            {"speaker": "Ben Ode", "role": "client", "text": "Lunch."},
        ]
    )

    session = parse(json.dumps(data).encode(), filename="x.json", coach="Ben Ode", settings=settings)

    assert [t.role for t in session.turns] == ["client", "coach"]


def test_indexes_are_renumbered_from_list_order() -> None:
    data = minimal([{"index": 7, "speaker": "A", "text": "x"}, {"index": 3, "speaker": "B", "text": "y"}])

    assert [t.index for t in session_from_dict(data).turns] == [0, 1]


def test_broken_json_names_the_line_and_column(settings: Settings) -> None:
    with pytest.raises(TranscriptError) as caught:
        parse(b'{"schema": "coachlens.transcript/1",\n "turns": [}', filename="bad.json", settings=settings)

    message = str(caught.value)
    assert "bad.json looks like JSON but is not valid JSON (line 2" in message
    assert "\n" not in message


def test_json_of_another_schema_is_refused(settings: Settings) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"not coachlens\.transcript/1"):
        parse(b'{"schema": "coachlens.assessment/1"}', filename="a.json", settings=settings)
    with pytest.raises(UnsupportedFormatError, match="no schema field"):
        parse(b'{"turns": []}', filename="a.json", settings=settings)


@pytest.mark.parametrize(
    ("turns", "where"),
    [
        ([{"text": "no speaker"}], "turns.0.speaker"),
        ([{"speaker": "   ", "text": "blank speaker"}], "turns.0.speaker"),
        ([{"speaker": "A", "role": "mentor", "text": "x"}], "turns.0.role"),
        ([{"speaker": "A", "start_s": -4, "text": "x"}], "turns.0.start_s"),
        ([], "turns"),
    ],
)
def test_invalid_turns_say_which_field_is_wrong(turns: list[dict[str, object]], where: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        session_from_dict(minimal(turns))

    assert f"not a valid {TRANSCRIPT_SCHEMA} file: {where}:" in str(caught.value)


def test_a_json_list_is_not_a_transcript() -> None:
    with pytest.raises(UnsupportedFormatError, match="got list"):
        session_from_dict([1, 2, 3])


def test_optional_extra_fields_are_read_back() -> None:
    data = minimal(
        [{"speaker": "A", "role": "coach", "text": "x"}, {"speaker": "B", "role": "client", "text": "y"}]
    )
    data.update({"roles_inferred": True, "role_confidence": 0.8, "warnings": ["w"], "metadata": {"k": "v"}})

    session = session_from_dict(data)

    assert (session.roles_inferred, session.role_confidence, session.warnings) == (True, 0.8, ("w",))
    assert session.metadata == {"k": "v"}


def test_a_json_array_file_gets_a_clear_message(settings: Settings) -> None:
    with pytest.raises(UnsupportedFormatError, match="got list"):
        parse(b'[{"speaker": "A", "text": "hi"}]', filename="turns.json", settings=settings)
