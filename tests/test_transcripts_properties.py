"""Property tests: whatever bytes or text arrive, parse returns a sound session or a coachlens error."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachlens.config import Settings
from coachlens.errors import CoachlensError
from coachlens.models import ROLES, CoachingSession
from coachlens.transcripts import parse, session_from_dict, to_plain_text

# Built once: hypothesis runs many examples inside one test call, so no function-scoped fixture.
PARSE_SETTINGS = Settings(data_dir=Path(tempfile.gettempdir()) / "coachlens-property-tests")
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PREFIXES = [
    b"",
    b"WEBVTT\n\n",
    b"\xef\xbb\xbfWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n",
    b"1\n00:00:01,000 --> 00:00:02,000\n",
    b'{"schema": "coachlens.transcript/1", "turns": ',
    b"PK\x03\x04",
    b"\xff\xfe",
    b"Coach: ",
]
FILENAMES = st.sampled_from([None, "a.vtt", "a.srt", "a.txt", "a.docx", "a.json", "noext"])

# Pieces of real transcript syntax, so random text often gets deep into the readers.
TRANSCRIPT_BITS = st.sampled_from(
    [
        "WEBVTT",
        "\n",
        "\n\n",
        " --> ",
        "00:00:01.000",
        "00:01:02,500",
        "0:07",
        "[00:00:03] ",
        "(00:00:04):",
        "Coach: ",
        "Client: ",
        "Maria Lopez: ",
        "Tom  0:01",
        "<v Ana>",
        "</v>",
        "NOTE ",
        "STYLE",
        "What do you want?",
        "I am not sure.",
        "{",
        "}",
        ":",
        "<",
        "&amp;",
        "\ufeff",
        "\r\n",
    ]
)


def check_session(session: CoachingSession) -> None:
    assert session.turns
    assert [t.index for t in session.turns] == list(range(len(session.turns)))
    for turn in session.turns:
        assert turn.role in ROLES
        assert turn.text.strip()
        assert turn.speaker.strip()
    if session.role_confidence is not None:
        assert 0.0 <= session.role_confidence <= 1.0
    as_json = json.dumps(session.to_transcript_dict())
    assert session_from_dict(json.loads(as_json)).turns == session.turns


def parse_or_coachlens_error(data: bytes, filename: str | None) -> CoachingSession | None:
    try:
        return parse(data, filename=filename, settings=PARSE_SETTINGS)
    except CoachlensError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None


@PROPERTY
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2000), filename=FILENAMES)
def test_random_bytes_give_a_session_or_a_coachlens_error(
    prefix: bytes, body: bytes, filename: str | None
) -> None:
    session = parse_or_coachlens_error(prefix + body, filename)
    if session is not None:
        check_session(session)


@PROPERTY
@given(
    text=st.one_of(
        st.text(max_size=1500), st.lists(TRANSCRIPT_BITS | st.text(max_size=12), max_size=120).map("".join)
    ),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
    filename=FILENAMES,
)
def test_random_text_gives_a_session_or_a_coachlens_error(
    text: str, encoding: str, filename: str | None
) -> None:
    data = text.encode(encoding, errors="replace")
    session = parse_or_coachlens_error(data, filename)
    if session is not None:
        check_session(session)


NAMES = st.sampled_from(["Ana Silva", "Ben Ode", "Carla Diaz", "Dev Patel"])
SENTENCES = st.lists(
    st.sampled_from(
        ["What matters here?", "I keep saying yes.", "And then what happened?", "It felt heavy."]
    ),
    min_size=1,
    max_size=3,
).map(" ".join)


@PROPERTY
@given(lines=st.lists(st.tuples(NAMES, SENTENCES), min_size=2, max_size=30))
def test_labelled_text_survives_a_plain_text_round_trip(lines: list[tuple[str, str]]) -> None:
    text = "\n".join(f"{name}: {sentence}" for name, sentence in lines)
    session = parse_or_coachlens_error(text.encode(), "s.txt")
    if session is None:
        assert len({name for name, _ in lines}) == 1  # only a single speaker may be refused
        return
    check_session(session)
    again = parse(to_plain_text(session).encode(), filename="again.txt", settings=PARSE_SETTINGS)
    assert [(t.speaker, t.role, t.text) for t in again.turns] == [
        (t.speaker, t.role, t.text) for t in session.turns
    ]
