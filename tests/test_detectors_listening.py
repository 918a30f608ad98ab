"""Competency 6 detectors: the client's own words, feelings, energy shifts, interruptions, reflections."""

from __future__ import annotations

from coachlens.analysis.registry import detector_for
from detector_support import FILLER_CLIENT, assert_verbatim, judge, make_session, padded, view_of


def test_questions_built_on_the_clients_specifics() -> None:
    lines = [
        ("client", "I'm the first in my family to go to university and the offer is in Leeds."),
        ("coach", "How is being the first in your family shaping the way you weigh the Leeds offer?"),
        ("client", "My mum runs the bakery and my brother left for Glasgow."),
        ("coach", "What would the bakery look like without you there?"),
        ("client", "Quieter. My brother sends money from Glasgow."),
        ("coach", "What does your brother's move to Glasgow tell you?"),
        ("client", "That people can leave and still care."),
        ("coach", "What would caring from Leeds look like for you?"),
    ]
    session = make_session(lines)
    found = detector_for("6.1")(view_of(session))
    assert found.status == "demonstrated"
    assert "the client's own" in found.rationale
    assert_verbatim(found, session)
    generic = judge(
        "6.1", padded([("coach", "What would you do if you knew you couldn't fail?"), ("client", "No idea.")])
    )
    assert generic.status != "demonstrated"


def test_exploring_the_clients_word_vs_parroting_it() -> None:
    explored = judge(
        "6.2",
        [
            ("client", "Honestly I feel trapped in this job."),
            ("coach", "You used the word 'trapped'. What does trapped mean for you here?"),
            ("client", "Like there's no door."),
            ("coach", "No door?"),
            ("client", "No way out that doesn't cost me everything."),
        ],
    )
    assert explored.status == "demonstrated"
    echoed = judge(
        "6.2",
        [
            ("client", "It's been a really difficult quarter for the whole sales team."),
            ("coach", "A really difficult quarter for the sales team."),
            ("client", "Yes."),
        ],
    )
    assert echoed.status == "partial"
    assert "never asked what they meant" in echoed.rationale


def test_pronoun_flipped_echo_counts_as_the_clients_words() -> None:
    found = judge(
        "6.2",
        [
            ("client", "I'll message Josie today, before I lose my nerve."),
            ("coach", "Before you lose your nerve?"),
            ("client", "Because asking means admitting it's hard."),
            ("coach", "Annoying?"),
        ],
    )
    assert found.status in ("partial", "demonstrated")
    assert found.evidence[0].quote == "Before you lose your nerve?"


def test_emotion_explored_vs_no_emotion_voiced() -> None:
    explored = judge(
        "6.3",
        [
            ("client", "I felt invisible and a bit jealous when the project went to Marco."),
            ("coach", "What's underneath the jealousy?"),
            ("client", "Feeling left behind, I think."),
            ("coach", "Left behind. What's that like for you?"),
            ("client", "Lonely."),
        ],
    )
    assert explored.status == "demonstrated"
    facts = judge(
        "6.3",
        [("coach", "What's on the agenda?"), ("client", "The Q3 rota and the budget."), ("coach", "Okay.")],
    )
    assert facts.status == "no_opportunity"


def test_emotion_passed_over_is_missed() -> None:
    found = judge(
        "6.3",
        [
            ("client", "I actually cried in the car park, I felt so guilty leaving her."),
            ("coach", "Okay. So what options have you looked at so far?"),
            ("client", "Four days, or compressed hours. I'm anxious about asking."),
            ("coach", "Does your company have a policy?"),
        ],
    )
    assert found.status == "missed"
    assert "cried" in found.evidence[0].quote


def test_energy_shift_named_and_explored_otherwise_not_assessable() -> None:
    named = judge(
        "6.4",
        padded([("coach", "Something changed in your voice just then. What's happening for you right now?")]),
    )
    assert named.status == "demonstrated"
    unseen = judge("6.4", padded([("client", "Ha. Yeah, I suppose."), ("coach", "What else?")]))
    assert unseen.status == "not_assessable"
    assert "recording" in unseen.rationale


def test_perspective_questions() -> None:
    found = judge(
        "6.5",
        padded(
            [
                ("coach", "What story are you telling yourself about why she hasn't called?"),
                ("client", FILLER_CLIENT),
                ("coach", "How do you see yourself as a leader right now?"),
            ]
        ),
    )
    assert found.status == "demonstrated"


def test_interruptions_need_times_and_are_found_from_overlaps() -> None:
    lines = [
        ("coach", "What's happening with Dev?"),
        ("client", "He's been with us eleven years and I think he could run the install crew if we"),
        ("coach", "No, no, I hear you, but look, promoting your best man never works.", -1.5),
        ("client", "Okay."),
        ("coach", "What else?"),
        ("client", "That's it."),
    ]
    assert judge("6.6", lines).status == "not_assessable"
    cut = judge("6.6", lines, timed=True)
    assert cut.status == "missed"
    assert cut.evidence[0].turn == 2
    polite = [(role, text, 0.6) for role, text, *_ in lines]
    assert judge("6.6", polite, timed=True).status == "demonstrated"


def test_short_reflections_vs_none() -> None:
    lines = []
    for client, reflection in [
        ("I'm the one who always has it ready.", "The one who always has it."),
        ("It really threw me when I didn't have it.", "It threw you."),
        ("I'm being a very expensive extra staff nurse.", "A very expensive extra staff nurse."),
        ("It feels like I've abandoned them.", "Abandoned them."),
    ]:
        lines += [("client", client), ("coach", reflection)]
    session = make_session(lines)
    found = detector_for("6.7")(view_of(session))
    assert found.status == "demonstrated"
    assert_verbatim(found, session)
    none = judge("6.7", [("client", FILLER_CLIENT), ("coach", "What's the deadline?"), ("client", "Friday.")])
    assert none.status == "missed"
