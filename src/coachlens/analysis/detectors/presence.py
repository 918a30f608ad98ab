"""Competency 5 (Maintains Presence): markers 5.1-5.5.

5.1-5.4 read the coach's language (the who, the what, client choice, curiosity); 5.5 reads the
silences between turns and is `not_assessable` on a transcript without times.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    finding,
    quoted,
    reply_to_richest,
    sentence_evidence,
    times,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.presence_cues import (
    CHOICE_ACTS,
    CLIENT_CHOICE,
    COACH_DIRECTS,
    GOAL_REFERENCE,
    PERSONAL,
    WHOLE_PERSON,
)
from coachlens.analysis.detectors.questions import client_questions, follows_thread
from coachlens.analysis.detectors.silence import detect_silence
from coachlens.analysis.detectors.text import content_stems, rx
from coachlens.analysis.detectors.trust_responses import (
    CoachResponse,
    is_empathic,
    responses_to,
    steering_sentence,
    taken_back,
)
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding, MarkerStatus

# 5.5 lives in `silence`; importing it here registers it with the other presence markers.
__all__ = [
    "CLIENT_CHOICE",
    "COACH_DIRECTS",
    "GOAL_REFERENCE",
    "WHOLE_PERSON",
    "detect_client_chooses",
    "detect_curiosity",
    "detect_silence",
    "detect_stays_with_goal",
    "detect_whole_person",
]


@register("coachlens.marker.5_1.v1", needs=("acts", "exemplars"))
def detect_whole_person(view: SessionView) -> MarkerFinding:
    """5.1: the coach responds to who the client is, not only to the problem."""
    name = "coachlens.marker.5_1.v1"
    hits: list[CoachSentence] = [h.sentence for h in view.find(WHOLE_PERSON) if not h.sentence.is_small_talk]
    hits += [
        s
        for s, _ in view.exemplar_hits("5.1", threshold=0.68, margin=0.08)
        if s not in hits and s.is_question and not s.is_small_talk
    ]
    hits += [s for s in _cares_for_person(view) if s not in hits]
    # A question about the person whose answer the coach then steered past ("What else is going on for
    # you?" ... "I'm sorry to hear that. Let's get back to the presentation.") opened a door and shut it.
    closed = {h.turn: r for h in hits if (r := _steered_past_answer(view, h.turn)) is not None}
    # Greetings-time check-ins are real but slight; lead with the moves made once the work was under way.
    hits = sorted((h for h in hits if h.turn not in closed), key=lambda s: s.position < 0.05)
    if len(hits) >= 2:
        first = hits[0]
        return finding(
            "5.1",
            "demonstrated",
            0.65 + min(0.25, 0.06 * len(hits)),
            [sentence_evidence(view, s) for s in hits],
            f"The coach turned from the problem to the person, e.g. {when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if hits:
        only = hits[0]
        return finding(
            "5.1",
            "partial",
            0.5,
            [sentence_evidence(view, only)],
            f"One move toward the person {when(view, only.turn)} ({quoted(only.text)}); otherwise the session "
            "stayed on the task.",
            name,
        )
    if closed:
        asked, response = next(iter(closed.items()))
        reply = steering_sentence(view, response.coach)
        question = next((s for s in view.sentences_in(asked) if WHOLE_PERSON.search(s.text)), None)
        return finding(
            "5.1",
            "missed",
            0.6,
            [
                turn_evidence(view, asked, sentences=1)
                if question is None
                else sentence_evidence(view, question),
                response.evidence,
                sentence_evidence(view, reply) if reply else turn_evidence(view, response.coach.index),
            ],
            f"The coach asked about the person {when(view, asked)}"
            + (f" ({quoted(question.text, 70)})" if question else "")
            + f", but when the client answered {quoted(response.evidence.quote, 70)} the coach moved on with "
            f"{quoted(reply.text if reply else response.coach.text, 70)}; the person behind the task was left "
            "unexplored.",
            name,
        )
    moment = _passed_over_person(view) or reply_to_richest(view, prefer=PERSONAL)
    return finding(
        "5.1",
        "missed",
        0.6,
        [moment[0]] if moment else [],
        "The coach stayed with tasks, facts and options throughout; nothing asked about who the client is, what "
        "they value or how they are" + (f" (e.g. {moment[1]})." if moment else "."),
        name,
    )


def _cares_for_person(view: SessionView) -> list[CoachSentence]:
    """Empathy that meets the client's life outside the task ("That's a lot to be carrying, Marta.") after
    the client brings in family, health or tiredness: the coach responding to the who, not the what."""
    found: list[CoachSentence] = []
    for turn in view.coach_turns:
        client = view.previous_client(turn.index)
        if client is None or turn.index - client.index > 2 or not PERSONAL.search(client.text):
            continue
        found += [s for s in view.sentences_in(turn.index) if is_empathic(s) and not taken_back(view, s)][:1]
    return found


def _steered_past_answer(view: SessionView, asked: int) -> CoachResponse | None:
    """The coach's dismissal of, or move past, the client's answer to the coach turn `asked`."""
    answer = view.next_client(asked)
    if answer is None:
        return None
    reply = view.turns[answer.index + 1] if answer.index + 1 < len(view.turns) else None
    if reply is not None and any(WHOLE_PERSON.search(s.text) for s in view.sentences_in(reply.index)):
        # Going deeper into the person ("Tired, mostly." -> "Who do you want to be?") keeps the door open.
        return None
    return next(
        (
            r
            for r in responses_to(view, feelings_only=False)
            if r.client.index == answer.index and r.kind != "met"
        ),
        None,
    )


def _passed_over_person(view: SessionView) -> tuple[Evidence, str] | None:
    """The weightiest moment the client spoke of their life outside the task and the coach moved past it."""
    for response in sorted(
        (r for r in responses_to(view, feelings_only=False) if r.kind != "met"),
        key=lambda r: -len(r.client.text),
    ):
        if PERSONAL.search(response.client.text):
            reply = steering_sentence(view, response.coach)
            said = quoted(reply.text if reply else response.coach.text, 80)
            return (
                sentence_evidence(view, reply) if reply else turn_evidence(view, response.coach.index),
                f"{when(view, response.client.index)} the client said {quoted(response.evidence.quote, 80)} and "
                f"the coach answered {said}",
            )
    return None


@register("coachlens.marker.5_2.v1", needs=("acts", "position"))
def detect_stays_with_goal(view: SessionView) -> MarkerFinding:
    """5.2: mid- and late-session references back to what the client wanted from the session."""
    name = "coachlens.marker.5_2.v1"
    hits = [h.sentence for h in view.find(GOAL_REFERENCE, after=0.25)]
    if hits:
        first = hits[0]
        status: MarkerStatus = "demonstrated" if len(hits) >= 2 or first.position < 0.8 else "partial"
        return finding(
            "5.2",
            status,
            0.8 if status == "demonstrated" else 0.55,
            [sentence_evidence(view, s) for s in hits],
            f"{when(view, first.turn).capitalize()} the coach linked the work back to the client's aim: "
            f"{quoted(first.text)}" + ("." if status == "demonstrated" else ", but only at the very end."),
            name,
        )
    missing = (
        "After the opening the coach never connected the conversation back to what the client wanted from it"
    )
    moment = reply_to_richest(view, after=0.3, before=0.85)
    if moment is None:
        return finding("5.2", "missed", 0.6, [anchor_evidence(view, 0.5)], f"{missing}.", name)
    evidence, phrase = moment
    return finding("5.2", "missed", 0.6, [evidence], f"{missing}; for example, {phrase}.", name)


@register("coachlens.marker.5_3.v1", needs=("acts",))
def detect_client_chooses(view: SessionView) -> MarkerFinding:
    """5.3: the client is invited to choose the direction, focus or process."""
    name = "coachlens.marker.5_3.v1"
    choices = [
        s
        for s in view.sentences
        if (CLIENT_CHOICE.search(s.text) or CHOICE_ACTS & s.acts) and not s.is_advice
    ]
    directs = [h.sentence for h in view.find(COACH_DIRECTS)]
    if len(choices) >= 2 and len(directs) < len(choices):
        first = choices[0]
        return finding(
            "5.3",
            "demonstrated",
            0.7 + min(0.2, 0.04 * len(choices)),
            [sentence_evidence(view, s) for s in choices],
            f"The coach handed choices to the client {times(len(choices))}, e.g. {when(view, first.turn)}: "
            f"{quoted(first.text)}.",
            name,
        )
    if choices:
        first = choices[0]
        note = f"; elsewhere the coach set the direction ({quoted(directs[0].text, 70)})." if directs else "."
        return finding(
            "5.3",
            "partial",
            0.55,
            [sentence_evidence(view, first), *(sentence_evidence(view, d) for d in directs)],
            f"{when(view, first.turn).capitalize()} the coach offered a choice ({quoted(first.text, 80)}){note}",
            name,
        )
    evidence = [sentence_evidence(view, d) for d in directs] or [anchor_evidence(view, 0.02)]
    return finding(
        "5.3",
        "missed",
        0.65,
        evidence,
        "The coach never asked the client where to go next or how to use the time"
        + (f"; they decided it themselves, e.g. {quoted(directs[0].text, 80)}." if directs else "."),
        name,
    )


@register("coachlens.marker.5_4.v1", needs=("acts", "client_words"))
def detect_curiosity(view: SessionView) -> MarkerFinding:
    """5.4: curious questions about the client that follow the client's own thread."""
    name = "coachlens.marker.5_4.v1"
    about = [s for s in client_questions(view) if not _not_curiosity(s)]
    about += [
        s
        for s in view.sentences
        if s not in about and s.is_open_question and WHOLE_PERSON.search(s.text) and not s.is_small_talk
    ]
    threaded = [s for s in about if follows_thread(view, s) or _turn_follows_thread(view, s)]
    questions = sum(1 for s in view.sentences if s.is_question and not s.is_small_talk) or 1
    share = len(about) / questions
    if len(about) >= 5 and share >= 0.25:
        shown = (threaded + [s for s in about if s not in threaded])[:3]
        first = shown[0]
        return finding(
            "5.4",
            "demonstrated",
            0.6 + min(0.3, share / 2),
            [sentence_evidence(view, s) for s in shown],
            f"{len(about)} of {questions} questions sought to know the client better ({len(threaded)} following their "
            f"last words), e.g. {when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if about:
        first = (threaded or about)[0]
        return finding(
            "5.4",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in (threaded or about)],
            f"Only {len(about)} of {questions} questions {'was' if len(about) == 1 else 'were'} about the client as a person, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}; most gathered facts about the situation.",
            name,
        )
    first_q = next((s for s in view.sentences if s.is_question), None)
    evidence = (
        [sentence_evidence(view, first_q)] if first_q else [turn_evidence(view, view.coach_turns[0].index)]
    )
    return finding(
        "5.4",
        "missed",
        0.6,
        evidence,
        "None of the coach's questions sought to know the client better; they gathered facts about the situation.",
        name,
    )


# Questions that set up the session or its process ask for a decision, not to know the client better
# ("What would you like to get from our time today?", "How would you like to hold yourself to that?"),
# and a question about what someone else will do is about the situation ("What do you think the
# treasurer might ask?").
_PROCESS_QUESTION = rx(
    r"\b(?:(?:from|of|with) (?:our|this|the) (?:time|session|conversation|hour)|by the end of|how (?:will|would) you know|"
    r"how would you like to|where would you like to|anything else you'?d like)\b"
    r"|\bwhat do you (?:think|reckon|expect|imagine) (?!you\b|your\b|yourself\b|it\b|that\b|this\b)(?:the |your |my |"
    r"his |her |their )?\w+ (?:might|will|would|could|is going to|are going to)\b"
)


def _not_curiosity(sentence: CoachSentence) -> bool:
    return bool(_PROCESS_QUESTION.search(sentence.text) or CLIENT_CHOICE.search(sentence.text))


def _turn_follows_thread(view: SessionView, sentence: CoachSentence) -> bool:
    """A question after the coach's own reflection of the client's last words follows their thread even
    when the question itself repeats none of them ("You're cutting up his food... What's it like?")."""
    previous = view.previous_client(sentence.turn)
    if previous is None:
        return False
    before = " ".join(s.text for s in view.sentences_in(sentence.turn) if s.start < sentence.start)
    return bool(before) and len(content_stems(before) & content_stems(previous.text)) >= 2
