"""Voices: the offline responder's line choice, and the Responder protocol (the engine decides, the
voice only speaks)."""

from __future__ import annotations

from dataclasses import replace

from coachlens.analysis.acts import load_default_classifier
from coachlens.practice import PracticeSimulator, Reply, VoiceRequest, get_persona
from coachlens.practice.moves import Move
from coachlens.practice.responders import OfflineResponder, best_fitting, line_key

MARCUS = get_persona("marcus-boundary")


def request(move: Move, coach: str = "What is that like?", layer: int = 1, **kw: object) -> VoiceRequest:
    base = VoiceRequest(
        persona=MARCUS,
        move=move,
        layer=layer,
        trust=50.0,
        coach_text=coach,
        coach_acts=("question.open",),
        history=(),
        used_lines=frozenset(),
        seed=1,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_lines_come_from_the_move_and_the_open_layer_only() -> None:
    voice = OfflineResponder()
    assert voice.voice(request("stacked_reply")).text in MARCUS.lines.stacked_reply
    assert voice.voice(request("disclose", layer=2)).text in MARCUS.layers[1].lines.disclose
    surface = MARCUS.layers[0].lines
    assert voice.voice(request("answer")).text in surface.answer + surface.elaborate
    deeper = {line_key(x) for layer in MARCUS.layers[1:] for x in layer.lines.answer + layer.lines.elaborate}
    for seed in range(20):
        assert line_key(voice.voice(request("answer", seed=seed)).text) not in deeper


def test_used_lines_are_never_said_again_and_fallbacks_kick_in() -> None:
    voice = OfflineResponder()
    used = frozenset(line_key(x) for x in MARCUS.lines.advice_reply)
    reply = voice.voice(request("advice_reply", used_lines=used))
    assert line_key(reply.text) not in used
    assert reply.text in MARCUS.lines.push_back, "advice replies used up: the client pushes back instead"


def test_answers_follow_what_was_asked() -> None:
    voice = OfflineResponder()
    long_ago = voice.voice(request("short_answer", coach="How long has this been going on?", layer=2))
    assert "months" in long_ago.text
    sleep = voice.voice(request("answer", coach="You said you don't sleep great. Tell me more about that."))
    assert "sleep" in sleep.text
    tried = voice.voice(request("answer", coach="What have you tried so far?"))
    assert tried.text in MARCUS.lines.advice_reply
    assert best_fitting(["a", "b"], "nothing in common") == ["a", "b"]


def test_closing_tone_follows_trust() -> None:
    voice = OfflineResponder()
    assert voice.voice(request("close", trust=80.0)).text in MARCUS.lines.close_warm
    assert voice.voice(request("close", trust=20.0)).text in MARCUS.lines.close_cool


def test_a_named_feeling_can_be_echoed() -> None:
    voice = OfflineResponder()
    echoed = [
        voice.voice(
            request(
                "elaborate", coach="It sounds like you feel exhausted.", coach_acts=("reflection",), seed=s
            )
        )
        for s in range(12)
    ]
    with_echo = [r for r in echoed if len(r.lines) == 2]
    assert with_echo and all("Exhausted" in r.text for r in with_echo)
    assert all(r.text.endswith(r.lines[0]) for r in with_echo)


class RecordingVoice:
    """A stand-in for another voice (an LLM): it may say anything, but cannot change the engine."""

    name = "recording"

    def __init__(self) -> None:
        self.requests: list[VoiceRequest] = []

    def voice(self, request: VoiceRequest) -> Reply:
        self.requests.append(request)
        return Reply(text=f"[{request.move} at layer {request.layer}]", lines=(), voice=self.name)


def test_any_responder_voices_the_engines_decision_without_changing_it() -> None:
    classifier = load_default_classifier()
    lines = [
        "Welcome. What would you like to focus on today?",
        "What would you like to have by the end of our time together?",
        "That sounds like a lot to carry.",
        "You should delegate.",
    ]
    recording = RecordingVoice()
    voiced = PracticeSimulator(MARCUS, classifier, responder=recording, seed=4)
    offline = PracticeSimulator(MARCUS, classifier, seed=4)
    for line in lines:
        a, b = voiced.respond(line), offline.respond(line)
        assert (a.client.move, a.client.trust, a.client.layer) == (
            b.client.move,
            b.client.trust,
            b.client.layer,
        )
    assert [r.move for r in recording.requests] == ["open", "state_goal", "disclose", "advice_reply"]
    assert recording.requests[2].layer == 2 and recording.requests[2].open_layers == tuple(MARCUS.layers[:2])
    assert voiced.snapshot().voice == "recording" and voiced.snapshot().turns[-1].voice == "recording"
