"""Who is the coach: labels, inference with confidence, overrides, groups, single speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.config import Settings
from coachlens.errors import RoleError
from coachlens.models import CoachingSession
from coachlens.transcripts import parse

DATA = Path(__file__).parent / "data" / "transcripts"


def parse_text(text: str, settings: Settings, **kwargs: str) -> CoachingSession:
    return parse(text.encode(), filename="s.txt", settings=settings, **kwargs)


def roles(session: CoachingSession) -> dict[str, str]:
    return {t.speaker: t.role for t in session.turns}


def test_the_questioner_who_talks_less_is_inferred_as_coach(settings: Settings) -> None:
    # The client speaks first here, so "first speaker is the coach" would get it wrong.
    text = (
        "Ben Ode: Thanks for fitting me in. I've had a rough week and I don't know where to start.\n"
        "Ana Silva: Where would you like to start?\n"
        "Ben Ode: Probably with my manager. I feel like I'm invisible in meetings and my ideas get taken.\n"
        "Ana Silva: What happens for you when that happens?\n"
        "Ben Ode: I go quiet, and then I'm angry at myself all evening for not saying anything.\n"
        "Ana Silva: What would you like to be different?\n"
        "Ben Ode: I want to say my idea out loud before someone else does.\n"
        "Ana Silva: What would help you do that?\n"
        "Ben Ode: Maybe writing it down before the meeting so I'm ready.\n"
        "Ana Silva: And what else?\n"
    )

    session = parse_text(text, settings)

    assert roles(session) == {"Ben Ode": "client", "Ana Silva": "coach"}
    assert session.roles_inferred is True
    assert session.role_confidence is not None and 0.9 < session.role_confidence < 1.0


def test_an_even_conversation_gives_low_confidence_and_a_warning(settings: Settings) -> None:
    text = "Ana Silva: Shall we?\nBen Ode: Shall we?\nAna Silva: Fine.\nBen Ode: Fine.\n"

    session = parse_text(text, settings)

    assert session.roles_inferred is True
    assert session.role_confidence is not None and session.role_confidence < 0.7
    assert any(w.startswith("roles are a guess") and "--coach NAME" in w for w in session.warnings)


def test_coach_override_fixes_the_roles(settings: Settings) -> None:
    session = parse(DATA / "zoom.vtt", coach="Daniel Okafor", settings=settings)

    assert roles(session) == {"Priya Raman": "client", "Daniel Okafor": "coach"}
    assert session.roles_inferred is False
    assert session.role_confidence == 1.0


def test_client_override_in_a_two_person_session_makes_the_other_the_coach(settings: Settings) -> None:
    session = parse(DATA / "zoom.vtt", client="priya raman", settings=settings)

    assert roles(session) == {"Priya Raman": "client", "Daniel Okafor": "coach"}
    assert session.roles_inferred is False


def test_overrides_accept_a_first_name(settings: Settings) -> None:
    session = parse(DATA / "teams.vtt", coach="Marcus", settings=settings)

    assert roles(session)["Marcus Lee"] == "coach"


def test_an_override_naming_nobody_lists_the_speakers(settings: Settings) -> None:
    with pytest.raises(RoleError) as caught:
        parse(DATA / "zoom.vtt", coach="Zed", settings=settings)

    assert str(caught.value) == (
        "--coach 'Zed' is not a speaker in this transcript; speakers are: Priya Raman, Daniel Okafor"
    )


def test_an_ambiguous_override_asks_for_the_full_name(settings: Settings) -> None:
    text = "Ana Silva: Hi?\nAna Ode: Hi.\n"

    with pytest.raises(RoleError, match="matches several speakers"):
        parse_text(text, settings, coach="Ana")


def test_the_same_person_cannot_be_coach_and_client(settings: Settings) -> None:
    with pytest.raises(RoleError, match="cannot be both"):
        parse(DATA / "zoom.vtt", coach="Priya", client="Priya Raman", settings=settings)


def test_group_session_has_one_coach_and_several_clients(settings: Settings) -> None:
    session = parse(DATA / "group.txt", settings=settings)

    assert roles(session) == {"Naomi Fischer": "coach", "Leo Martins": "client", "Grace Osei": "client"}
    assert session.roles_inferred is True


def test_group_session_with_a_client_override_still_infers_the_coach(settings: Settings) -> None:
    session = parse(DATA / "group.txt", client="Grace Osei", settings=settings)

    assert roles(session) == {"Naomi Fischer": "coach", "Leo Martins": "client", "Grace Osei": "client"}


def test_group_session_with_a_coach_override(settings: Settings) -> None:
    session = parse(DATA / "group.txt", coach="Leo", settings=settings)

    assert roles(session) == {"Naomi Fischer": "client", "Leo Martins": "coach", "Grace Osei": "client"}


def test_a_client_label_makes_the_other_speaker_the_coach(settings: Settings) -> None:
    session = parse_text("Maria Lopez: What's next?\nClient: The budget.\n", settings)

    assert roles(session) == {"Maria Lopez": "coach", "Client": "client"}
    assert session.roles_inferred is False


def test_one_speaker_only_is_an_error(settings: Settings) -> None:
    text = "Ana Silva: Today I want to reflect on my week.\nIt was long.\n"

    with pytest.raises(RoleError) as caught:
        parse_text(text, settings)

    message = str(caught.value)
    assert message.startswith("s.txt has only one speaker ('Ana Silva')")
    assert "\n" not in message


def test_one_speaker_is_allowed_when_asked_for(settings: Settings) -> None:
    session = parse(b"Coach: A monologue?\n", filename="m.txt", settings=settings, allow_single_speaker=True)

    assert [t.role for t in session.turns] == ["coach"]


def test_a_speaker_spelled_in_two_cases_is_one_person(settings: Settings) -> None:
    session = parse_text("Ana Silva: Hi?\nBEN ODE: Hello.\nAna Silva: Ready?\nBen Ode: Yes.\n", settings)

    assert session.speakers == ("Ana Silva", "BEN ODE")
