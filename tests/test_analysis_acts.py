"""The act classifier end to end: real embedding model, shipped weights, roll-up, no network."""

from __future__ import annotations

import socket

import pytest

from coachlens.analysis.acts import CLASSIFIER_NAME, EmbeddingActClassifier, load_default_classifier
from coachlens.analysis.types import ActClassifier, TurnActs
from coachlens.config import Settings
from coachlens.models import CoachingSession, Turn


def session_of(*lines: tuple[str, str]) -> CoachingSession:
    turns = tuple(
        Turn(i, role.title(), role, float(i * 10), float(i * 10 + 8), text)  # type: ignore[arg-type]
        for i, (role, text) in enumerate(lines)
    )
    return CoachingSession(title="test", source_format="plain", turns=turns)


@pytest.fixture(scope="module")
def classifier() -> ActClassifier:
    return load_default_classifier(Settings())


def coach_acts(classifier: ActClassifier, client: str, coach: str) -> TurnActs:
    return classifier.classify(session_of(("client", client), ("coach", coach)))[1]


def test_default_classifier_is_cached_and_named(classifier: ActClassifier) -> None:
    assert classifier.name == CLASSIFIER_NAME
    assert load_default_classifier(Settings()) is classifier
    assert isinstance(classifier, EmbeddingActClassifier) and classifier.model is not None


def test_one_result_per_turn_and_client_turns_get_no_acts(classifier: ActClassifier) -> None:
    session = session_of(
        ("coach", "What would you like to focus on today?"),
        ("client", "My team. They never listen to me?"),
        ("unknown", "Sorry, who is speaking?"),
        ("coach", "What happens when they don't listen?"),
    )
    result = classifier.classify(session)
    assert [r.turn for r in result] == [0, 1, 2, 3]
    assert result[1].acts == () and result[1].sentences == ()
    assert result[2].acts == ()
    assert "question.open" in result[0].acts and "question.open" in result[3].acts


def test_sentence_offsets_are_verbatim(classifier: ActClassifier) -> None:
    text = "Okay.  So the deadline moved again? What does that mean for you?"
    session = session_of(("client", "The deadline moved again."), ("coach", text))
    for sentence in classifier.classify(session)[1].sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_stacked_questions_roll_up_to_the_turn(classifier: ActClassifier) -> None:
    acts = coach_acts(
        classifier,
        "I don't know what to do about the job.",
        "What do you want? What's stopping you? And how will you know?",
    )
    assert "question.stacked" in acts.acts and "stacked_questions" in acts.flags


def test_one_question_is_not_stacked_and_permission_does_not_stack(classifier: ActClassifier) -> None:
    single = coach_acts(classifier, "It has been a hard week.", "What made it hard?")
    assert "question.stacked" not in single.acts
    offered = coach_acts(
        classifier,
        "I keep saying yes to everything.",
        "May I share something I noticed? You said yes three times today. What do you make of that?",
    )
    assert "question.stacked" not in offered.acts
    assert {"permission", "invitation"} <= set(offered.acts)


def test_leading_why_and_advice_as_question(classifier: ActClassifier) -> None:
    leading = coach_acts(classifier, "I might leave.", "Don't you think it would be better to stay?")
    assert "question.leading" in leading.acts and "leading_question" in leading.flags
    why = coach_acts(classifier, "I said yes again.", "Why did you agree to that?")
    assert "why_question" in why.flags
    advice = coach_acts(
        classifier, "My manager ignores my emails.", "Have you tried talking to her in person?"
    )
    assert "advice" in advice.acts and "advice_as_question" in advice.flags
    assert "question.closed" in advice.acts


def test_reflection_reuses_the_clients_words(classifier: ActClassifier) -> None:
    acts = coach_acts(
        classifier,
        "I love the work itself but the commute is killing me and I never see my kids.",
        "So the work is good, but the commute is costing you time with your kids.",
    )
    assert "reflection" in acts.acts
    assert not any(a.startswith("question.") for a in acts.acts)


def test_advice_statement(classifier: ActClassifier) -> None:
    acts = coach_acts(
        classifier, "I can't sleep before big meetings.", "You should stop drinking coffee after lunch."
    )
    assert "advice" in acts.acts


def test_open_question_is_not_advice_or_reflection(classifier: ActClassifier) -> None:
    acts = coach_acts(
        classifier, "I can't sleep before big meetings.", "What happens in the hours before you sleep?"
    )
    assert "question.open" in acts.acts
    assert "advice" not in acts.acts and "question.closed" not in acts.acts


@pytest.mark.parametrize(
    ("coach", "act"),
    [
        ("That sounds really painful.", "empathy"),
        ("Congratulations, you did it!", "celebration"),
        ("You kept going even when nobody supported you, that took real persistence.", "acknowledgment"),
        ("I notice your voice drops every time you mention your father.", "observation"),
        ("When I left my first job I felt just as lost.", "self_disclosure"),
    ],
)
def test_other_acts_on_clear_lines(classifier: ActClassifier, coach: str, act: str) -> None:
    acts = coach_acts(classifier, "It was a hard year, but I finally finished the course.", coach)
    assert act in acts.acts


def test_plain_logistics_is_other(classifier: ActClassifier) -> None:
    acts = coach_acts(classifier, "Can you hear me?", "Yes, I can hear you fine.")
    assert acts.acts == ("other",)


def test_classification_makes_no_network_connection(
    classifier: ActClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network connection attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    session = session_of(
        ("client", "Fresh text the cache has not seen, about gardening."), ("coach", "What grows best?")
    )
    assert "question.open" in classifier.classify(session)[1].acts


def test_rules_only_classifier_still_labels_questions() -> None:
    rules_only = EmbeddingActClassifier(embedder=None, model=None)
    result = rules_only.classify(session_of(("coach", "What do you want? Is it the money?")))
    assert {"question.open", "question.closed", "question.stacked"} <= set(result[0].acts)


def test_empty_session() -> None:
    empty = CoachingSession(title="empty", source_format="plain", turns=())
    assert EmbeddingActClassifier(embedder=None, model=None).classify(empty) == ()


def test_short_back_channel_lines_are_not_information(classifier: ActClassifier) -> None:
    from coachlens.analysis.act_rules import read_sentence
    from coachlens.analysis.acts import decide_acts

    model = classifier.model  # type: ignore[attr-defined]
    sure = dict.fromkeys(model.heads, 0.0) | {"information": 0.99}
    assert "information" not in decide_acts(read_sentence("Loud and clear."), sure, model)
    assert "information" in decide_acts(read_sentence("Most sprains heal within six weeks."), sure, model)


@pytest.mark.parametrize(
    "coach",
    ["Let's go back to the marking for a minute.", "Can we come back to your team's rota later?"],
)
def test_steering_the_conversation_is_no_reflection_or_celebration(
    classifier: ActClassifier, coach: str
) -> None:
    acts = coach_acts(classifier, "The marking is what keeps me up, and the rota.", coach)
    assert not set(acts.acts) & {"reflection", "celebration", "acknowledgment", "empathy"}


def test_a_steering_word_does_not_hide_a_celebration_rule(classifier: ActClassifier) -> None:
    acts = coach_acts(classifier, "I finally sent it.", "Let's celebrate that, you did it!")
    assert "celebration" in acts.acts


@pytest.mark.parametrize("coach", ["Take all the time you need.", "There's nothing to apologise for."])
def test_giving_the_client_time_is_empathy_not_advice_or_reflection(
    classifier: ActClassifier, coach: str
) -> None:
    acts = coach_acts(classifier, "Sorry, I need a second. This is harder to say than I thought.", coach)
    assert "empathy" in acts.acts
    assert not set(acts.acts) & {"advice", "reflection"}


def test_an_invitation_after_an_offered_thought_is_not_a_stack(classifier: ActClassifier) -> None:
    offered = coach_acts(
        classifier,
        "I keep pretending it's fine, at work and at home.",
        "I'm wondering what it would be like to stop pretending. What do you make of that?",
    )
    assert "question.stacked" not in offered.acts
    two = coach_acts(
        classifier,
        "I keep pretending it's fine, at work and at home.",
        "What would it be like to stop pretending? What do you make of that?",
    )
    assert "question.stacked" in two.acts


@pytest.mark.parametrize("coach", ["Yes, I can hear you fine.", "Sorry, you're on mute, I think."])
def test_call_logistics_tell_the_client_nothing(classifier: ActClassifier, coach: str) -> None:
    acts = coach_acts(classifier, "Can you hear me? My headphones are new.", coach)
    assert acts.acts == ("other",)
