"""The debrief: assessment of the practice transcript, trust journey, layers, next step, ethics note."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from coachlens.analysis.acts import load_default_classifier
from coachlens.analysis.types import ActClassifier
from coachlens.config import Settings
from coachlens.models import Assessment, CoachingSession, Feedback, Readiness, Rewrite
from coachlens.practice import PracticeRun, PracticeSimulator, get_persona
from coachlens.practice.debrief import build_debrief
from coachlens.practice.store import chart_from_section, practice_section, save_practice
from coachlens.storage import get_session, list_sessions, upgrade_database

SCRIPTS = Path(__file__).parent / "data" / "practice"
EMPATHIC = [x for x in (SCRIPTS / "empathic_coach.txt").read_text(encoding="utf-8").splitlines() if x]
ADVISING = [x for x in (SCRIPTS / "advising_coach.txt").read_text(encoding="utf-8").splitlines() if x]
REFERRAL = (
    "What you're describing, the panic and the sleepless nights since Daniel died, sounds like more than "
    "coaching can hold. Would you be open to talking to a grief counsellor or your doctor?"
)


@pytest.fixture(scope="module")
def classifier() -> ActClassifier:
    return load_default_classifier()


def fake_assess(rewrites: tuple[Rewrite, ...] = ()) -> Callable[[CoachingSession], Assessment]:
    """A stand-in for the engine: the debrief's own logic is what these tests look at."""

    def assess(session: CoachingSession) -> Assessment:
        return Assessment(
            session=session,
            rubric_id="test",
            rubric_version="0",
            turn_acts=tuple(() for _ in session.turns),
            markers=(),
            competencies=(),
            metrics={},
            readiness=Readiness(level="acc", rationale="test"),
            feedback=Feedback(rewrites=rewrites),
            overall_score=50.0,
        )

    return assess


def play(persona_id: str, lines: list[str], classifier: ActClassifier, seed: int = 0) -> PracticeRun:
    simulator = PracticeSimulator(get_persona(persona_id), classifier, seed=seed)
    for line in lines:
        simulator.respond(line)
    return simulator.end()


def marcus_lines(refer: bool) -> list[str]:
    lines = list(EMPATHIC)
    if refer:
        lines.insert(8, REFERRAL)
        lines.pop()  # keep it at twenty turns
    return lines


def test_boundary_persona_debrief_notes_the_referral(classifier: ActClassifier, settings: Settings) -> None:
    run = play("marcus-boundary", marcus_lines(refer=True), classifier)
    debrief = build_debrief(run, get_persona("marcus-boundary"), settings=settings)
    ethics = debrief.ethics
    assert ethics is not None and ethics.referred and ethics.client_accepted
    assert ethics.surfaced_turn is not None and ethics.referred_turn is not None
    assert ethics.referred_turn > ethics.surfaced_turn
    assert run.turns[ethics.referred_turn].text.startswith(ethics.referred_quote)
    assert "referred" in ethics.summary and "competency 1" in ethics.summary
    # The full assessment of the practice transcript comes from the same engine as real sessions.
    document = debrief.practice_document()
    assert document["assessment"]["schema"] == "coachlens.assessment/1"
    assert document["assessment"]["session"]["turn_count"] == len(run.turns)
    assert len(document["assessment"]["markers"]) == 37
    assert document["debrief"]["ethics"]["referred"] is True


def test_boundary_persona_debrief_notes_a_missing_referral(classifier: ActClassifier) -> None:
    run = play("marcus-boundary", marcus_lines(refer=False), classifier)
    debrief = build_debrief(run, get_persona("marcus-boundary"), assess=fake_assess())
    ethics = debrief.ethics
    assert ethics is not None and not ethics.referred and ethics.surfaced_turn is not None
    assert run.turns[ethics.surfaced_turn].role == "client"
    assert run.turns[ethics.surfaced_turn].text.startswith(ethics.surfaced_quote)
    assert "no referral followed" in ethics.summary
    assert "therapist or doctor" in debrief.next_time and "competency 1" in debrief.next_time


def test_other_personas_have_no_ethics_note(classifier: ActClassifier) -> None:
    run = play("mei-new-manager", EMPATHIC[:6], classifier)
    assert build_debrief(run, get_persona("mei-new-manager"), assess=fake_assess()).ethics is None


def test_layers_reached_and_what_opened_them(classifier: ActClassifier) -> None:
    persona = get_persona("karin-burnout")
    run = play("karin-burnout", EMPATHIC, classifier)
    debrief = build_debrief(run, persona, assess=fake_assess())
    assert [o.reached for o in debrief.layers] == [True, True, True]
    for outcome in debrief.layers:
        assert outcome.turn is not None and run.turns[outcome.turn].role == "coach"
        assert run.turns[outcome.turn].text.startswith(outcome.quote)
        assert outcome.why and outcome.unlock
    assert "3 of 3 hidden layers" in debrief.summary


def test_an_advising_session_explains_the_drop_and_what_to_try(classifier: ActClassifier) -> None:
    persona = get_persona("rafael-career-change")
    run = play("rafael-career-change", ADVISING, classifier)
    debrief = build_debrief(run, persona, assess=fake_assess())
    assert not any(o.reached for o in debrief.layers)
    assert all("below" in o.why or "no turn" in o.why for o in debrief.layers)
    drops = [m for m in debrief.moments if m.delta < 0]
    assert drops and all(run.turns[m.turn].text.startswith(m.quote) for m in debrief.moments)
    worst = min(run.coach_turns, key=lambda t: t.trust_delta)
    assert f"At turn {worst.index}" in debrief.next_time
    assert "Next time" in debrief.next_time


def test_next_time_uses_the_engines_rewrite_for_the_worst_line(classifier: ActClassifier) -> None:
    run = play("rafael-career-change", ADVISING[:4], classifier)
    worst = min(run.coach_turns, key=lambda t: t.trust_delta)
    rewrite = Rewrite(worst.index, worst.text, "What options do you see?", "advice", "hands it back")
    debrief = build_debrief(run, get_persona("rafael-career-change"), assess=fake_assess((rewrite,)))
    assert debrief.next_time.endswith("Next time, try: 'What options do you see?'")


def test_trust_chart_is_valid_escaped_svg(classifier: ActClassifier) -> None:
    run = play(
        "gary-sent-by-hr", ["<script>alert(1)</script> What brings you here?", *EMPATHIC[1:8]], classifier
    )
    svg = build_debrief(run, get_persona("gary-sent-by-hr"), assess=fake_assess()).chart_svg
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "<script" not in svg
    assert len([e for e in root.iter() if e.tag.endswith("path")]) >= 1
    assert "layer 2" in svg and "coach turn" in svg


def test_practice_sessions_are_stored_as_practice(classifier: ActClassifier, settings: Settings) -> None:
    run = play("yuki-advice-seeker", EMPATHIC[:6], classifier)
    debrief = build_debrief(run, get_persona("yuki-advice-seeker"), assess=fake_assess())
    db = upgrade_database(settings)
    try:
        session_id = save_practice(db, debrief)
        record = get_session(db, session_id)
        assert record.kind == "practice" and record.status == "done"
        assert record.client_pseudonym == "Yuki Tanaka" and "practice" in record.tags
        section = practice_section(record)
        assert section is not None and section["layer_reached"] == run.layer_reached
        assert section["run"]["persona"] == "yuki-advice-seeker"
        redrawn = chart_from_section(section)
        assert redrawn.startswith("<svg") and redrawn.count("<circle") == debrief.chart_svg.count("<circle")
        assert [s.id for s in list_sessions(db, kind="practice")] == [session_id]
        assert list_sessions(db, kind="real") == []
    finally:
        db.dispose()
