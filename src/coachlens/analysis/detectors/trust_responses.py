"""How the coach answered what the client brought: the client-turn/coach-turn pairing behind 4.2-4.4.

Each client turn that voices a feeling (or also a concern or suggestion) is paired with the coach
turn after it and classed as met, dismissed or ignored. The result is memoised on the view because
several markers and the growth-area summary ask the same question of the same session.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.emotion import FEELING_QUESTION, find_feelings
from coachlens.analysis.detectors.evidence import sentence_around, sentence_evidence
from coachlens.analysis.detectors.presence_cues import CLIENT_CHOICE, COACH_DIRECTS
from coachlens.analysis.detectors.text import content_stems, ngrams, shared_phrase, word_count, words
from coachlens.analysis.detectors.trust_cues import (
    ACCEPTS_PUSHBACK,
    CLIENT_VIEW,
    CORRECTS,
    DISMISS,
    EMPATHY,
    FILLER,
    FOLLOWS_CHOICE,
    HANDS_BACK,
    HARDSHIP,
    PLATITUDE,
    SELF_TALK,
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
    But you can do it.") or asks why ("That sounds frustrating. Why didn't you say something?"), or a
    later one changes the subject ("I'm sorry. Let's get back to the slides.")."""
    following = [s for s in view.sentences_in(sentence.turn) if s.start > sentence.start]
    return bool(following) and (
        bool(re.match(r"\W*but\b", following[0].text, re.IGNORECASE))
        or following[0].is_why
        or any(SUBJECT_CHANGE.search(s.text) for s in following)
    )


def _substantive(view: SessionView, turn: Turn) -> list[CoachSentence]:
    return [s for s in view.sentences_in(turn.index) if not FILLER.search(s.text)]


def first_substantive(view: SessionView, turn: Turn) -> CoachSentence | None:
    """The first sentence of a coach turn that is more than a filler ("Okay.", "Mm.")."""
    return next((s for s in view.sentences_in(turn.index) if not FILLER.search(s.text)), None)


def steering_sentence(view: SessionView, turn: Turn) -> CoachSentence | None:
    """The line of a coach reply that moved past the client: a change of subject, then a brush-off
    ("Don't worry"), then advice, then a judging "why" ("Why didn't you say something?"), else its
    first substantive sentence."""
    sentences = view.sentences_in(turn.index)
    moved_on = next((s for s in sentences if SUBJECT_CHANGE.search(s.text)), None)
    brushed_off = next((s for s in sentences if DISMISS.search(s.text) or PLATITUDE.search(s.text)), None)
    advice = next((s for s in sentences if "advice" in s.acts), None)
    judged = next((s for s in sentences if s.is_why), None)
    return moved_on or brushed_off or advice or judged or first_substantive(view, turn)


def _follows_choice(sentence: CoachSentence) -> bool:
    return bool(FOLLOWS_CHOICE.search(sentence.text) or HANDS_BACK.search(sentence.text))


def _builds_on(sentence: CoachSentence, client_text: str) -> bool:
    """A follow-up question built on two or more of the client's own content words, or going along with
    the client's proposal ("Let's do that.")."""
    if _follows_choice(sentence):
        return True
    return sentence.is_question and len(content_stems(sentence.text) & content_stems(client_text)) >= 2


def receives(sentence: CoachSentence, client_text: str, *, feeling: bool = False) -> bool:
    """True when a coach sentence takes up what the client just said: empathy, support, a reflection,
    the client's own words back, or a question about the feeling. With `feeling` (the client has just
    voiced a difficult one), a question that only reuses the facts around it ("I feel embarrassed. The
    client asked me why things keep slipping." -> "What did you tell the client?") passes the feeling by."""
    if (
        sentence.is_why
        or sentence.is_leading
        or (sentence.is_advice and not echoes_client(sentence, client_text))
    ):
        return False
    if (
        feeling
        and sentence.is_question
        and not (
            find_feelings(sentence.text)
            or FEELING_QUESTION.search(sentence.text)
            or _follows_choice(sentence)
        )
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
        or _says_back(sentence.text, client_text)
        or _builds_on(sentence, client_text)
        or (find_feelings(sentence.text) and not sentence.is_advice)
        # Asking into the feeling just voiced ("What's that feeling like?"), or taking the client's
        # objection to the coach's own words ("Sorry, that came out wrong.").
        or (sentence.is_question and FEELING_QUESTION.search(sentence.text))
        or ACCEPTS_PUSHBACK.search(sentence.text)
    )


_SAID_BACK = {
    "i": "you",
    "me": "you",
    "my": "your",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "am": "are",
}


def _says_back(coach_text: str, client_text: str, run: int = 5) -> bool:
    """The coach repeats a run of the client's words, even one of only small words ("You don't want to be
    the one who says no."), which `shared_phrase` passes over for want of a content word."""
    client = {tuple(gram) for gram in ngrams([_SAID_BACK.get(w, w) for w in words(client_text)], run)}
    return any(gram in client for gram in ngrams(words(coach_text), run))


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
    received: set[str] = set()
    for client in view.client_turns:
        feelings = [h for h in find_feelings(client.text) if h.difficult or not difficult_only]
        if feelings and {h.word for h in feelings} <= received:
            # The client saying again a feeling the coach has just met ("Angry and scared." -> "I can't go
            # in there angry") is not a new moment to take up: the coach may follow where they go next.
            feelings = []
        received = set()
        view_match = None if feelings_only else CLIENT_VIEW.search(client.text)
        if not feelings and view_match is None:
            continue
        coach = next_coach_turn(view, client)
        opening = first_substantive(view, coach) if coach is not None else None
        if coach is None or opening is None:
            continue
        sentences = view.sentences_in(coach.index)
        difficult = any(h.difficult for h in feelings)
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
        elif _corrected(view, coach):
            # "So you're frustrated..." -> "It's more that I feel embarrassed.": the client's correction
            # shows the reply missed what they expressed, whatever its wording.
            kind = "ignored"
        elif (
            receiving := _receiving_line(view, coach, client.text, difficult)
        ) is not None or _goes_with_choice(view, client, coach):
            kind = "met"
            opening = receiving or opening
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
        if kind == "met":
            received = {h.word for h in feelings}
    return found


def _receiving_line(
    view: SessionView, coach: Turn, client_text: str, difficult: bool
) -> CoachSentence | None:
    """The line that met what the client voiced, as the evidence: empathy first ("No wonder you're
    careful."), then the first line that takes it up. The reflection before the empathy ("So this has
    been used against you before.") received the content; the empathy is what met the feeling."""
    sentences = view.sentences_in(coach.index)
    empathic = next((s for s in sentences if is_empathic(s) and not taken_back(view, s)), None)
    caring = next(
        (
            s
            for s in _substantive(view, coach)[:3]
            if (EMPATHY.search(s.text) or SUPPORT.search(s.text))
            and not taken_back(view, s)
            and receives(s, client_text, feeling=difficult)
        ),
        None,
    )
    taken = next(
        (
            s
            for s in _substantive(view, coach)[:3]
            if receives(s, client_text, feeling=difficult) and not taken_back(view, s)
        ),
        None,
    )
    if taken is None and empathic is None:
        return None
    return empathic or caring or taken


def _corrected(view: SessionView, coach: Turn) -> bool:
    """The client's next turn opens by correcting what the coach just said."""
    answer = view.next_client(coach.index)
    return (
        answer is not None
        and answer.index - coach.index <= 2
        and CORRECTS.search(answer.text[:90]) is not None
    )


def _goes_with_choice(view: SessionView, client: Turn, coach: Turn) -> bool:
    """The client has just answered a choice the coach offered ("Which of those would be most useful?" ->
    "The Luis thing. There's no point polishing a pitch...") and the coach goes with it: following the
    client's choice receives the view it carries, even without repeating it."""
    asked = next((t for t in reversed(view.coach_turns) if t.index < client.index), None)
    if asked is None or client.index - asked.index > 2:
        return False
    offered = any(
        CLIENT_CHOICE.search(q.text) and "permission" not in q.acts for q in view.questions_in(asked.index)
    )
    return offered and not any(COACH_DIRECTS.search(s.text) for s in view.sentences_in(coach.index))


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


def stayed_with(view: SessionView, response: CoachResponse) -> CoachSentence | None:
    """When the coach met a feeling and, after the client's next answer, took that up too ("What's that
    feeling like?" ... "It doesn't sound silly to me."), the line that kept the coach with it: a full
    exchange spent on the feeling, not a single nod to it."""
    if response.kind != "met" or not find_feelings(response.client.text):
        return None
    answer = view.next_client(response.coach.index)
    follow = next_coach_turn(view, answer) if answer is not None else None
    if answer is None or follow is None:
        return None
    sentences = view.sentences_in(follow.index)
    if any(
        DISMISS.search(s.text) or PLATITUDE.search(s.text) or SUBJECT_CHANGE.search(s.text) for s in sentences
    ):
        return None
    return next(
        (s for s in _substantive(view, follow)[:2] if receives(s, answer.text) and not taken_back(view, s)),
        None,
    )


def coach_centred(
    view: SessionView, passed: list[CoachResponse]
) -> tuple[list[CoachSentence], list[CoachSentence]]:
    """What the coach put in place of the client's feeling: the reassurances in the replies that passed
    it over ("You'll be brilliant", "everyone feels that"), and the coach's talk about themselves (one
    line per turn). The stories count when they answer a passed-over moment or recur (two turns or more):
    a single brief disclosure elsewhere is not the pattern a mentor would name."""
    replies = {r.coach.index for r in passed}
    reassured = _one_per_turn(
        s for r in passed for s in view.sentences_in(r.coach.index) if PLATITUDE.search(s.text)
    )
    self_talk = _one_per_turn(
        s for s in view.sentences if "self_disclosure" in s.acts or SELF_TALK.search(s.text)
    )
    if len(self_talk) < 2 and not any(s.turn in replies for s in self_talk):
        self_talk = []
    return reassured, self_talk


def _one_per_turn(sentences: Iterable[CoachSentence]) -> list[CoachSentence]:
    kept: dict[int, CoachSentence] = {}
    for sentence in sentences:
        kept.setdefault(sentence.turn, sentence)
    return [kept[turn] for turn in sorted(kept)]
