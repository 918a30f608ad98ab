"""The LLM practice voice: the model phrases the engine's move; a reply that breaks role falls back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from coachlens.analysis.types import TurnActs
from coachlens.config import Settings
from coachlens.llm.backend import LLMUnavailableError
from coachlens.llm.consent import record_consent
from coachlens.llm.fake import FakeBackend
from coachlens.llm.practice_voice import LLMResponder, check_client_reply, clean_reply, practice_responder
from coachlens.llm.stored_settings import save_llm_settings
from coachlens.models import CoachingSession
from coachlens.practice import OfflineResponder, PracticeSimulator, Reply, VoiceRequest, get_persona
from coachlens.practice.moves import Move
from coachlens.storage import upgrade_database

MEI = get_persona("mei-new-manager")
EARLIER_CLIENT = "So the short version is I'm the new team lead and I'm drowning a bit."


def _request(
    move: Move = "answer",
    layer: int = 1,
    coach: str = "What takes up most of your evenings right now?",
    history: Sequence[tuple[str, str]] = (),
) -> VoiceRequest:
    full = (
        ("coach", "What would you like to focus on?"),
        ("client", EARLIER_CLIENT),
        *history,
        ("coach", coach),
    )
    return VoiceRequest(
        persona=MEI,
        move=move,
        layer=layer,
        trust=40.0,
        coach_text=coach,
        coach_acts=("question.open",),
        history=tuple(full),
        used_lines=frozenset(),
        seed=7,
    )


def _voice(reply: str, request: VoiceRequest) -> tuple[Reply, LLMResponder]:
    responder = LLMResponder(FakeBackend(script=[reply]))
    return responder.voice(request), responder


def test_a_good_reply_is_used_and_the_written_line_counts_as_said() -> None:
    request = _request()
    responder = LLMResponder(
        FakeBackend(script=["Honestly, it's the Slack messages. By nine I'm still answering them, lah."])
    )
    reply = responder.voice(request)
    assert reply.voice == "llm"
    assert reply.text.startswith("Honestly, it's the Slack messages.")
    assert reply.lines == OfflineResponder().voice(request).lines
    assert responder.stats.used == 1 and responder.stats.fallbacks == 0


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("As an AI language model, I don't have evenings.", "role"),
        ("What would you like to get out of our time together?", "coaching"),
        ("Is it the meetings? Or is it me? Or the team?", "coaching"),
        ("You should block your calendar every evening and stick to it.", "advice"),
        (
            "Honestly? I'm scared. Everyone is waiting to see if I mess up, especially my friends on the team.",
            "disclosure",
        ),
        (
            "I think I'm only useful if I'm the one with the best answer, like my parents' hawker stall.",
            "disclosure",
        ),
        ("So the short version is I'm the new team lead and I'm drowning a bit.", "repeat"),
        ("", "empty"),
    ],
)
def test_a_reply_that_breaks_role_falls_back_to_the_offline_line(reply: str, reason: str) -> None:
    request = _request()
    assert (check_client_reply(reply, request) or "").startswith(reason)
    spoken, responder = _voice(reply, request)
    assert spoken.voice == "offline"
    assert spoken.text == OfflineResponder().voice(request).text  # the offline line, unchanged
    assert responder.stats.fallbacks == 1 and responder.stats.reasons[reason] == 1


def test_what_is_hidden_at_layer_one_may_be_said_once_the_layer_is_open() -> None:
    scared = (
        "Honestly? I'm scared. Everyone is waiting to see if I mess up, especially my friends on the team."
    )
    assert check_client_reply(scared, _request(layer=1)) is not None
    assert check_client_reply(scared, _request(move="disclose", layer=2)) is None


def test_client_lines_that_only_look_like_coaching_pass() -> None:
    assert (
        check_client_reply(
            "What do you want me to say? I already work every night.", _request(move="push_back")
        )
        is None
    )
    assert check_client_reply("I try to answer everything before I sleep, lah.", _request()) is None
    assert check_client_reply("Try blocking your calendar, it works.", _request()) is not None


def test_quiet_moves_must_stay_short() -> None:
    long_reply = " ".join(["I", "am", "thinking", "about", "it"] * 4) + "."
    assert (check_client_reply(long_reply, _request(move="quiet")) or "").startswith("length")
    assert check_client_reply("Mm. I'm thinking.", _request(move="quiet")) is None


def test_endpoint_failure_falls_back_without_raising() -> None:
    responder = LLMResponder(FakeBackend(script=[LLMUnavailableError("could not reach the LLM endpoint")]))
    reply = responder.voice(_request())
    assert reply.voice == "offline"
    assert responder.stats.reasons["endpoint"] == 1


def test_labels_and_quotes_around_the_reply_are_removed() -> None:
    assert (
        clean_reply('Mei Lin Tan: "It is the meetings, mostly."', MEI.name) == "It is the meetings, mostly."
    )
    assert clean_reply("**Mei:** Ya, the meetings.", MEI.name) == "Ya, the meetings."
    assert clean_reply("Okay: the meetings.", MEI.name) == "Okay: the meetings."


def test_the_prompt_holds_only_open_layers_and_no_names_the_coach_mentions() -> None:
    backend = FakeBackend(script=["It's mostly the meetings, honestly."])
    responder = LLMResponder(backend)
    responder.voice(_request(coach="What did your colleague Okonkwo Adeleke say about the evenings?"))
    sent = "\n".join(m.content for m in backend.requests[0].messages)
    assert MEI.layers[0].summary.split(".")[0] in " ".join(sent.split())
    for hidden in MEI.layers[1:]:
        assert hidden.title not in sent
    assert "Okonkwo" not in sent and "Adeleke" not in sent
    assert "[NAME_1]" in sent
    assert 'The line written for Mei here is: "' in sent


def test_placeholders_in_the_reply_are_restored() -> None:
    backend = FakeBackend(script=["[NAME_1] said the same thing, actually. It's the meetings."])
    reply = LLMResponder(backend).voice(_request(coach="What did Okonkwo say about the evenings?"))
    assert reply.voice == "llm"
    assert reply.text == "Okonkwo said the same thing, actually. It's the meetings."


class _StubClassifier:
    """Enough acts for the simulator: questions and reflections, by surface form."""

    name = "stub"

    def classify(self, session: CoachingSession) -> tuple[TurnActs, ...]:
        result = []
        for turn in session.turns:
            acts: tuple[str, ...] = ()
            if turn.role == "coach":
                acts = ("question.open",) if turn.text.endswith("?") else ("reflection",)
            result.append(TurnActs(turn=turn.index, acts=acts))
        return tuple(result)


def test_simulator_runs_with_the_llm_voice_and_the_engine_still_decides() -> None:
    lines = iter(
        [
            "Ya, so it's the evenings. I'm still on Slack at eleven, and I want them back.",
            "Mostly the forecast and the reviews. Everything lands on me, lah.",
            "As an AI, I cannot feel tired.",
        ]
    )
    backend = FakeBackend(default=lambda request: next(lines, "Mm."))
    with_llm = PracticeSimulator(MEI, _StubClassifier(), responder=LLMResponder(backend), seed=3)
    offline = PracticeSimulator(MEI, _StubClassifier(), seed=3)
    turns = [
        "What would you like to focus on today?",
        "What fills the evenings?",
        "It sounds like a lot lands on you.",
    ]
    spoken = [with_llm.respond(t) for t in turns]
    reference = [offline.respond(t) for t in turns]
    # Same coach turns, same engine, same moves. Trust is compared for the first two turns only: from
    # the third on it also weighs how well the coach echoed the client's words, which now differ.
    assert [e.client.move for e in spoken] == [e.client.move for e in reference]
    assert [e.client.trust for e in spoken[:2]] == [e.client.trust for e in reference[:2]]
    assert [e.client.voice for e in spoken] == ["llm", "llm", "offline"]
    assert spoken[2].client.text == reference[2].client.text


def test_practice_responder_follows_settings_and_consent(tmp_path: Path) -> None:
    base = Settings(data_dir=tmp_path / "data")
    assert isinstance(practice_responder(base), OfflineResponder)
    local = base.model_copy(update={"llm_base_url": "http://127.0.0.1:11434/v1", "llm_model": "m"})
    assert isinstance(practice_responder(local), LLMResponder)
    assert isinstance(
        practice_responder(local.model_copy(update={"llm_practice_voice": False})), OfflineResponder
    )
    remote = local.model_copy(update={"llm_base_url": "https://llm.example.com/v1"})
    db = upgrade_database(remote)
    assert isinstance(practice_responder(remote, db=db), OfflineResponder)
    record_consent(db, "https://llm.example.com/v1", via="test")
    assert isinstance(practice_responder(remote, db=db), LLMResponder)


def test_practice_responder_uses_values_saved_on_the_settings_page(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    db = upgrade_database(settings)
    assert isinstance(practice_responder(settings, db=db), OfflineResponder)
    save_llm_settings(
        db, settings, {"llm_base_url": "http://127.0.0.1:11434/v1", "llm_model": "m"}, keep_key=True
    )
    assert isinstance(practice_responder(settings, db=db), LLMResponder)
