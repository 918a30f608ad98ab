"""Editing a parsed session (assign/swap roles, rename a speaker) and writing it back as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import RoleError
from coachlens.transcripts import assign_roles, parse, rename_speaker, swap_roles, to_plain_text

DATA = Path(__file__).parent / "data" / "transcripts"


def test_assign_roles_names_the_coach_after_parsing(settings: Settings) -> None:
    session = parse(DATA / "zoom.vtt", settings=settings)

    changed = assign_roles(session, coach="Daniel")

    assert {t.speaker: t.role for t in changed.turns} == {"Priya Raman": "client", "Daniel Okafor": "coach"}
    assert changed.roles_inferred is False
    assert [t.text for t in changed.turns] == [t.text for t in session.turns]


def test_assign_roles_keeps_roles_the_labels_fixed(settings: Settings) -> None:
    session = parse(DATA / "labelled.srt", settings=settings)

    again = assign_roles(session)

    assert again.turns == session.turns
    assert again.roles_inferred is False


def test_swap_roles_exchanges_coach_and_client(settings: Settings) -> None:
    session = parse(b"Ana Silva: Shall we?\nBen Ode: Shall we?\n", filename="s.txt", settings=settings)
    assert any(w.startswith("roles are a guess") for w in session.warnings)

    swapped = swap_roles(session)

    assert [t.role for t in swapped.turns] == [
        "client" if t.role == "coach" else "coach" for t in session.turns
    ]
    assert swapped.roles_inferred is False
    assert swapped.role_confidence == 1.0
    assert not any(w.startswith("roles are a guess") for w in swapped.warnings)


def test_swap_roles_needs_one_coach_and_one_client(settings: Settings) -> None:
    group = parse(DATA / "group.txt", settings=settings)

    with pytest.raises(RoleError, match="exactly one coach and one client"):
        swap_roles(group)


def test_rename_speaker_keeps_turn_indexes(settings: Settings) -> None:
    session = parse(DATA / "otter.txt", settings=settings)

    renamed = rename_speaker(session, "jonas weber", "  Jonas  W. ")

    assert renamed.speakers == ("Sofia Marin", "Jonas W.")
    assert [(t.index, t.role, t.text) for t in renamed.turns] == [
        (t.index, t.role, t.text) for t in session.turns
    ]


def test_renaming_onto_another_speaker_merges_them(settings: Settings) -> None:
    session = parse(
        b"Ana Silva: Hi?\nBen Ode: Hi.\nSpeaker 3: Sorry, me again.\n", filename="s.txt", settings=settings
    )
    ben_role = next(t.role for t in session.turns if t.speaker == "Ben Ode")

    merged = rename_speaker(session, "Speaker 3", "ben ode")

    assert merged.speakers == ("Ana Silva", "Ben Ode")
    assert merged.turns[2].speaker == "Ben Ode"
    assert merged.turns[2].role == ben_role
    assert len(merged.turns) == 3


def test_rename_speaker_errors(settings: Settings) -> None:
    session = parse(DATA / "zoom.vtt", settings=settings)

    with pytest.raises(RoleError, match="'Nobody' is not a speaker"):
        rename_speaker(session, "Nobody", "X")
    with pytest.raises(RoleError, match="1 to 200 characters"):
        rename_speaker(session, "Priya Raman", "   ")


@pytest.mark.parametrize(
    "sample", ["zoom.vtt", "teams.vtt", "otter.txt", "rev.txt", "coach_client.txt", "group.txt"]
)
def test_plain_text_export_parses_back_to_the_same_turns(sample: str, settings: Settings) -> None:
    session = parse(DATA / sample, settings=settings)

    text = to_plain_text(session)
    again = parse(text.encode(), filename="export.txt", settings=settings)

    assert [(t.speaker, t.role, t.start_s, t.text) for t in again.turns] == [
        (t.speaker, t.role, t.start_s, t.text) for t in session.turns
    ]
    assert again.roles_inferred is False


def test_plain_text_export_layout(settings: Settings) -> None:
    session = parse(DATA / "timestamped.txt", settings=settings)

    lines = to_plain_text(session).split("\n")

    assert (
        lines[0]
        == "[00:00:04] Lena Hoffmann (coach): Good morning, Raj. What would you like to work on today?"
    )
    assert lines[1] == ""
    assert lines[2].startswith("[00:00:09] Raj Patel (client): My presentation")
