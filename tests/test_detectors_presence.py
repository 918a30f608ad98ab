"""Competency 5 detectors, including silence from timestamps (never `missed` without them)."""

from __future__ import annotations

from coachlens.analysis.registry import detector_for
from detector_support import FILLER_CLIENT, assert_verbatim, judge, make_session, padded, view_of


def test_whole_person_questions_vs_a_task_only_session() -> None:
    person = judge(
        "5.1",
        padded(
            [
                ("coach", "How are you, in yourself, with all of this?"),
                ("client", "Tired, mostly."),
                ("coach", "Who do you want to be in the next part of your career?"),
            ]
        ),
    )
    assert person.status == "demonstrated"
    task = judge("5.1", padded([("coach", "What's the deadline for the report?"), ("client", "Friday.")]))
    assert task.status == "missed"


def test_coming_back_to_the_agreed_outcome_mid_session() -> None:
    lines = padded(
        [
            ("coach", "You wanted something concrete for Monday. Where are you with that right now?"),
            ("client", FILLER_CLIENT),
        ],
        before=4,
        after=3,
    )
    assert judge("5.2", lines).status == "demonstrated"
    assert judge("5.2", padded([("coach", "And then what?")], before=4, after=3)).status == "missed"


def test_handing_choices_to_the_client_vs_announcing_the_next_step() -> None:
    chooses = judge(
        "5.3",
        padded(
            [
                ("coach", "Where would you like to start?"),
                ("client", FILLER_CLIENT),
                ("coach", "Would you like to stay with home for a moment, or come back to Tuesday?"),
            ]
        ),
    )
    assert chooses.status == "demonstrated"
    directs = judge(
        "5.3", padded([("coach", "Right, here's what we're going to do. I want you to list them.")])
    )
    assert directs.status == "missed"
    quotes = [e.quote for e in directs.evidence]
    assert quotes == ["Right, here's what we're going to do."]  # one quote per turn: the first directing line


def test_silence_is_not_assessable_without_times_and_measured_with_them() -> None:
    lines = padded([("coach", "What else could it mean?"), ("client", "Hmm. I don't know.")])
    untimed = judge("5.5", lines)
    assert untimed.status == "not_assessable"
    assert "VTT" in untimed.rationale

    paused = [
        ("coach", "What does that promise ask of you now?"),
        ("client", "Being the one who comes.", 6.0),
        ("coach", "And what else could it mean?"),
        ("client", "I don't know. Maybe not being alone.", 9.0),
        ("coach", "Say more about that.", 4.0),
        ("client", "She needed to know someone had her back."),
    ]
    demonstrated = judge("5.5", paused, timed=True)
    assert demonstrated.status == "demonstrated"
    assert "9 s" in demonstrated.rationale
    # The coach's side of the longest silence is quoted: the question that preceded it.
    assert demonstrated.evidence[0].quote == "And what else could it mean?"

    rushed = [(role, text, 0.3) for role, text in lines]
    assert judge("5.5", rushed, timed=True).status == "missed"


def test_curiosity_about_the_client_needs_several_person_questions() -> None:
    lines = padded(
        [
            ("client", "I keep going out onto the ward when the buzzer goes."),
            ("coach", "What do you notice in that moment, when you hear the buzzer?"),
            ("client", "A jolt in my chest."),
            ("coach", "What's it like, sitting in the office not knowing?"),
            ("client", "Horrible."),
            ("coach", "What kept you there?"),
            ("client", "I wanted to see it was okay."),
            ("coach", "What matters most to you about being there?"),
            ("client", "That nobody is on their own."),
            ("coach", "What do you feel when you picture staying in the office?"),
        ]
    )
    session = make_session(lines)
    found = detector_for("5.4")(view_of(session))
    assert found.status == "demonstrated"
    assert_verbatim(found, session)
    facts = judge(
        "5.4", padded([("coach", "When did it start?"), ("client", "June."), ("coach", "How many staff?")])
    )
    assert facts.status == "missed"


def test_a_silence_before_the_coach_speaks_is_placed_at_the_coach_line() -> None:
    waited = [
        ("coach", "What would you like from today?"),
        ("client", "To work out what to say to my sister.", 0.4),
        ("coach", "What would you want her to know?", 8.0),
        ("client", "That I miss her.", 4.0),
        ("coach", "What else?", 5.0),
        ("client", "That I'm sorry."),
    ]
    found = judge("5.5", waited, timed=True)
    assert found.status == "demonstrated" and "8 s" in found.rationale
    # The longest silence came before the coach's question, so the line and its time are the coach's.
    assert "before the coach said \u201cWhat would you want her to know?\u201d at 00:" in found.rationale
