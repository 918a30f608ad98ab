"""How the coach answered what the client brought: the client-turn/coach-turn pairing behind 4.2-4.4.

Each client turn that voices a feeling (or also a concern or suggestion) is paired with the coach
turn after it and classed as met, dismissed or ignored. The result is memoised on the view because
several markers and the growth-area summary ask the same question of the same session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.emotion import find_feelings
from coachlens.analysis.detectors.evidence import sentence_around, sentence_evidence
from coachlens.analysis.detectors.text import content_stems, shared_phrase, word_count
from coachlens.analysis.detectors.trust_cues import (
    CLIENT_VIEW,
    DISMISS,
    EMPATHY,
    FILLER,
    FOLLOWS_CHOICE,
    HANDS_BACK,
    HARDSHIP,
    PLATITUDE,
    SPECIFIC_ACK,
    SUBJECT_CHANGE,
    SUPPORT,
)
from coachlens.models import Evidence, Turn


def next_coach_turn(view: SessionView, client_turn: Turn) -> Turn | None:
    """The coach turn answering `client_turn` (within the next two turns), if any."""
    for turn in view.turns[client_turn.index + 1 : client_turn.index + 3]:
        if turn.role == "coach":
            return turn
    return None


def addresses_client(sentence: CoachSentence) -> bool:
    """Long enough and about the client ("you", "your"): the act model's acknowledgement alone also fires
    on remarks like "You can't hold on to people like that forever"."""
    return (
        word_count(sentence.text) >= 6
        and re.search(r"\byou(?:r|'ve|'re)?\b", sentence.text, re.I) is not None
    )


def is_empathic(sentence: CoachSentence) -> bool:
    """Empathy or concern that is not taken back in the same breath ("I'm sorry, but it isn't.")."""
    if sentence.is_advice or sentence.is_small_talk or re.search(r"\bbut\b", sentence.text, re.IGNORECASE):
        return False
    if EMPATHY.search(sentence.text):
        return True
    # The act model's "empathy" counts when the line names what is hard ("Sure, sure." does not).
    return "empathy" in sentence.acts and bool(find_feelings(sentence.text) or HARDSHIP.search(sentence.text))


def taken_back(view: SessionView, sentence: CoachSentence) -> bool:
    """True when the same turn takes the sympathy back: the next sentence starts with "But" ("It is a lot.
    But you can do it.") or a later one changes the subject ("I'm sorry. Let's get back to the slides.")."""
    following = [s for s in view.sentences_in(sentence.turn) if s.start > sentence.start]
    return bool(following) and (
        bool(re.match(r"\W*but\b", following[0].text, re.IGNORECASE))
        or any(SUBJECT_CHANGE.search(s.text) for s in following)
    )


def _substantive(view: SessionView, turn: Turn) -> list[CoachSentence]:
    return [s for s in view.sentences_in(turn.index) if not FILLER.search(s.text)]


def first_substantive(view: SessionView, turn: Turn) -> CoachSentence | None:
    """The first sentence of a coach turn that is more than a filler ("Okay.", "Mm.")."""
    return next((s for s in view.sentences_in(turn.index) if not FILLER.search(s.text)), None)


def steering_sentence(view: SessionView, turn: Turn) -> CoachSentence | None:
    """The line of a coach reply that moved past the client: a change of subject, then a brush-off
    ("Don't worry"), then advice, else its first substantive sentence."""
    sentences = view.sentences_in(turn.index)
    moved_on = next((s for s in sentences if SUBJECT_CHANGE.search(s.text)), None)
    brushed_off = next((s for s in sentences if DISMISS.search(s.text) or PLATITUDE.search(s.text)), None)
    advice = next((s for s in sentences if "advice" in s.acts), None)
    return moved_on or brushed_off or advice or first_substantive(view, turn)


def _builds_on(sentence: CoachSentence, client_text: str) -> bool:
    """A follow-up question built on two or more of the client's own content words, or going along with
    the client's proposal ("Let's do that.")."""
    if FOLLOWS_CHOICE.search(sentence.text) or HANDS_BACK.search(sentence.text):
        return True
    return sentence.is_question and len(content_stems(sentence.text) & content_stems(client_text)) >= 2


def receives(sentence: CoachSentence, client_text: str) -> bool:
    """True when a coach sentence takes up what the client just said: empathy, support, a reflection,
    the client's own words back, or a question about the feeling."""
    if (
        sentence.is_why
        or sentence.is_leading
        or (sentence.is_advice and not echoes_client(sentence, client_text))
    ):
        return False
    return bool(
        EMPATHY.search(sentence.text)
        or SUPPORT.search(sentence.text)
        or SPECIFIC_ACK.search(sentence.text)
        # The act model's labels count when the line bears them out: a reflection of the client's content,
        # empathy that names the difficulty, acknowledgement addressed to the client.
        or (
            {"reflection", "summary"} & sentence.acts
            and content_stems(sentence.text) & content_stems(client_text)
        )
        or is_empathic(sentence)
        or ("acknowledgment" in sentence.acts and addresses_client(sentence))
        or shared_phrase(sentence.text, [client_text], min_len=2)
        or _builds_on(sentence, client_text)
        or (find_feelings(sentence.text) and not sentence.is_advice)
    )


@dataclass(frozen=True)
class CoachResponse:
    """How the coach answered one client turn that carried a feeling or a view."""

    client: Turn
    coach: Turn
    kind: str  # "met", "dismissed" or "ignored"
    evidence: Evidence


def responses_to(
    view: SessionView, *, feelings_only: bool, difficult_only: bool = False
) -> list[CoachResponse]:
    """For each client turn voicing a feeling (or also a concern/suggestion), how the coach answered."""
    key = f"responses:{feelings_only}:{difficult_only}"
    return view.memo(key, lambda: _responses(view, feelings_only, difficult_only))


def _responses(view: SessionView, feelings_only: bool, difficult_only: bool) -> list[CoachResponse]:
    found: list[CoachResponse] = []
    for client in view.client_turns:
        feelings = [h for h in find_feelings(client.text) if h.difficult or not difficult_only]
        view_match = None if feelings_only else CLIENT_VIEW.search(client.text)
        if not feelings and view_match is None:
            continue
        coach = next_coach_turn(view, client)
        opening = first_substantive(view, coach) if coach is not None else None
        if coach is None or opening is None:
            continue
        sentences = view.sentences_in(coach.index)
        if (
            DISMISS.search(opening.text)
            or any(PLATITUDE.search(s.text) for s in sentences)
            or any(SUBJECT_CHANGE.search(s.text) for s in sentences)
        ):
            kind = "dismissed"
        elif any(_fixes(s, client.text) for s in sentences):
            # "That sounds hard. You should just apply.": the feeling is named, then fixed; the
            # client's own view of it is never asked for.
            kind = "ignored"
        elif any(
            receives(s, client.text) and not taken_back(view, s) for s in _substantive(view, coach)[:3]
        ) or any(is_empathic(s) and not taken_back(view, s) for s in sentences):
            kind = "met"
        elif feelings and view_match is None and not any(h.difficult for h in feelings):
            # Relief or pride ("That feels lighter") followed by the coach's next question is the client
            # moving on, not a feeling steered past; only a dismissal of it counts against the coach.
            continue
        else:
            kind = "ignored"
        anchor = feelings[0].start if feelings else (view_match.start() if view_match else 0)
        evidence = (
            sentence_evidence(view, opening) if kind == "met" else sentence_around(view, client.index, anchor)
        )
        found.append(CoachResponse(client, coach, kind, evidence))
    return found


_DIRECTIVE = re.compile(r"\b(?:should|must|need to|have to|ought to|got to)\b", re.IGNORECASE)


def echoes_client(sentence: CoachSentence, client_text: str) -> bool:
    """True when the line's "should" is the client's own, said back to them: "the thought that you should
    have pushed for the scan" after "I should have pushed for the scan". "You should apply for the job"
    after "I want to apply for the job" repeats words too, but the telling is the coach's."""
    phrase = shared_phrase(sentence.text, [client_text], min_len=3)
    if phrase is None:
        return False
    outside = sentence.text.replace(phrase, " ")
    return _DIRECTIVE.search(outside) is None


def _fixes(sentence: CoachSentence, client_text: str) -> bool:
    """Advice that moves to fixing, not a line the act model mislabels as advice: "Take all the time you
    need." is care, and a reflection that carries the client's own "should" back ("the thought that you
    should have pushed for the scan") repeats their words rather than telling them what to do."""
    if "advice" not in sentence.acts:
        return False
    if EMPATHY.search(sentence.text) or SUPPORT.search(sentence.text):
        return False
    return not echoes_client(sentence, client_text)


def _weight(response: CoachResponse) -> tuple[int, int]:
    """How much a passed-over moment mattered: feelings voiced, then length."""
    return len(find_feelings(response.client.text)), len(response.client.text)


def split_responses(
    responses: list[CoachResponse],
) -> tuple[list[CoachResponse], list[CoachResponse], list[CoachResponse]]:
    """Met, dismissed and ignored responses; the last two with the weightiest moment first."""
    met = [r for r in responses if r.kind == "met"]
    dismissed = sorted((r for r in responses if r.kind == "dismissed"), key=_weight, reverse=True)
    ignored = sorted((r for r in responses if r.kind == "ignored"), key=_weight, reverse=True)
    return met, dismissed, ignored
