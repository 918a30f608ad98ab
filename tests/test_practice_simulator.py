"""The simulated client, driven through the real act classifier: opens up with good coaching, closes
down with advice and interrogation, never repeats itself, answers what was asked, and is reproducible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.types import ActClassifier
from coachlens.errors import PracticeError
from coachlens.practice import PracticeRun, PracticeSimulator, get_persona, load_personas
from coachlens.practice.personas import Persona
from coachlens.practice.responders import line_key

SCRIPTS = Path(__file__).parent / "data" / "practice"
PERSONAS = load_personas()
IDS = [p.id for p in PERSONAS]

# Questions only a coach asks; a client who says these has swapped roles.
COACHING_QUESTIONS = re.compile(
    r"how does that make you feel|what would you like to (?:focus|explore|work)|tell me more|"
    r"what do you want from (?:this|today)|what matters most to you|how are you feeling about|"
    r"what do you notice|what would success look like",
    re.IGNORECASE,
)


def script(name: str) -> list[str]:
    return [line for line in (SCRIPTS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def classifier() -> ActClassifier:
    return load_default_classifier()


def play(persona: Persona, classifier: ActClassifier, lines: list[str], seed: int = 0) -> PracticeRun:
    simulator = PracticeSimulator(persona, classifier, seed=seed)
    for line in lines:
        simulator.respond(line)
    return simulator.snapshot()


def client_lines(run: PracticeRun) -> list[str]:
    return [t.text for t in run.turns if t.role == "client"]


@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
def test_an_empathic_partnering_coach_reaches_the_deepest_layer(
    persona: Persona, classifier: ActClassifier
) -> None:
    lines = script("empathic_coach.txt")
    assert len(lines) <= 20
    run = play(persona, classifier, lines)
    assert run.layer_reached == persona.deepest_layer
    assert [e.layer for e in run.layer_events] == list(range(2, persona.deepest_layer + 1))
    assert run.final_trust > persona.traits.starting_trust + 20
    moves = [t.move for t in run.turns if t.role == "client"]
    assert "insight" in moves and "disclose" in moves
    insight_lines = {line_key(x) for x in persona.layers[-1].lines.insight}
    assert any(
        line_key(text) in insight_lines or any(k in line_key(text) for k in insight_lines)
        for text in client_lines(run)
    )


@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
def test_an_advising_interrogating_coach_never_gets_past_the_surface(
    persona: Persona, classifier: ActClassifier
) -> None:
    run = play(persona, classifier, script("advising_coach.txt"))
    assert run.layer_reached == 1
    assert not run.layer_events
    assert run.final_trust < persona.traits.starting_trust
    moves = {t.move for t in run.turns if t.role == "client"}
    assert moves & {"advice_reply", "push_back", "ask_advice"}
    assert moves & {"quiet", "deflect", "short_answer", "close"}, "a closing-down client says less"


@pytest.mark.parametrize("persona", PERSONAS, ids=IDS)
@pytest.mark.parametrize("style", ["empathic_coach.txt", "advising_coach.txt", "closed", "stacked", "advice"])
def test_the_client_never_repeats_a_line_or_coaches_back(
    persona: Persona, style: str, classifier: ActClassifier
) -> None:
    if style == "closed":
        lines = [f"Is it about {topic}?" for topic in ("work", "time", "money", "people", "you")] * 5
    elif style == "stacked":
        lines = ["What do you want? Why now? And what is stopping you?"] * 22
    elif style == "advice":
        lines = [
            "You should make a plan and stick to it.",
            "Have you tried talking to someone about it?",
        ] * 13
    else:
        lines = script(style)
    run = play(persona, classifier, lines, seed=3)
    said = [line_key(text) for text in client_lines(run)]
    assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]
    for text in client_lines(run):
        assert not COACHING_QUESTIONS.search(text), text


def test_same_seed_same_session_and_other_seeds_vary(classifier: ActClassifier) -> None:
    persona = get_persona("rafael-career-change")
    lines = script("empathic_coach.txt")
    first = play(persona, classifier, lines, seed=11)
    again = play(persona, classifier, lines, seed=11)
    assert first.to_dict() == again.to_dict()
    others = {tuple(client_lines(play(persona, classifier, lines, seed=s))) for s in range(4)}
    assert len(others) > 1


def test_answers_fit_what_was_asked(classifier: ActClassifier) -> None:
    persona = get_persona("karin-burnout")
    simulator = PracticeSimulator(persona, classifier, seed=1)
    simulator.respond("Welcome. What would you like to focus on today?")
    stacked = simulator.respond("What do you want? What's in the way? And how will you know?")
    assert stacked.client.move == "stacked_reply"
    assert stacked.client.text in persona.lines.stacked_reply
    advice = simulator.respond("You should ask your director for more staff.")
    assert advice.client.move in ("advice_reply", "push_back")
    closed = simulator.respond("Do you sleep well?")
    assert closed.client.move == "short_answer"
    assert len(closed.client.text.split()) <= 6
    silence = simulator.respond("")
    assert silence.client.move == "quiet"


def test_a_goal_question_gets_the_clients_goal(classifier: ActClassifier) -> None:
    persona = get_persona("aisha-founder")
    simulator = PracticeSimulator(persona, classifier, seed=2)
    simulator.respond("Hello, good to meet you. What would you like to focus on?")
    goal = simulator.respond("What would you like to leave with by the end of our session?")
    assert goal.client.move == "state_goal"
    assert goal.client.text in persona.lines.goal


def test_trust_rises_with_empathy_and_falls_with_advice(classifier: ActClassifier) -> None:
    persona = get_persona("mei-new-manager")
    simulator = PracticeSimulator(persona, classifier, seed=0)
    simulator.respond("What would you like to focus on today?")
    warm = simulator.respond("That sounds like a lot to carry.")
    assert warm.coach.trust_delta > 0
    assert any(r.code == "empathy" for r in warm.coach.reasons)
    cold = simulator.respond("You should just use a better to-do app.")
    assert cold.coach.trust_delta < 0
    assert any(r.code == "advice" for r in cold.coach.reasons)


def test_a_client_who_walks_out_can_be_won_back_only_slowly(classifier: ActClassifier) -> None:
    persona = get_persona("gary-sent-by-hr")
    run = play(persona, classifier, script("advising_coach.txt")[:10])
    assert run.client_closed
    assert any(t.move == "close" for t in run.turns if t.role == "client")


def test_guards_against_misuse(classifier: ActClassifier) -> None:
    simulator = PracticeSimulator(get_persona("yuki-advice-seeker"), classifier)
    with pytest.raises(PracticeError, match="nothing to debrief"):
        simulator.end()
    with pytest.raises(PracticeError, match="characters"):
        simulator.respond("word " * 600)
    simulator.respond("What would you like to talk about?")
    simulator.end()
    with pytest.raises(PracticeError, match="has ended"):
        simulator.respond("One more thing?")


def test_the_transcript_is_an_ordinary_coaching_session(classifier: ActClassifier) -> None:
    run = play(get_persona("bernie-talkative"), classifier, script("empathic_coach.txt")[:4])
    session = run.to_coaching_session()
    assert [t.role for t in session.turns] == ["coach", "client"] * 4
    assert session.turns[1].speaker == "Bernadette O'Sullivan"
    assert session.source_format == "practice" and session.metadata["persona"] == "bernie-talkative"
    assert run.transcript_text().splitlines()[0].startswith("Coach: Welcome.")
