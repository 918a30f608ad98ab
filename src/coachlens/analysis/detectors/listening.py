"""Competency 6 (Listens Actively), the client's words and turns: markers 6.1, 6.2 and 6.5-6.7.

Listening shows in a transcript as coach lines built from the client's own words. These detectors
compare each coach sentence with the client's earlier turns (shared words and phrases). The feeling
and energy markers 6.3 and 6.4 are in `listening_feelings` 6.6 (letting the client finish) is in
`listening_finish` and 6.5 (how the client sees things) in `listening_views`, all imported below so that loading this module registers all of competency 6.
"""

from __future__ import annotations

import re

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.echo import (
    EXPLORE_WORD,
    corrected,
    credible_reflection,
    distinctive,
    echo,
    handed_back,
    reassures,
    refers_back,
    reflective_turns,
    short_echo,
    word_inquiry,
)
from coachlens.analysis.detectors.evidence import (
    finding,
    quoted,
    reply_to_richest,
    sentence_evidence,
    times,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.listening_feelings import detect_energy_shifts, detect_explores_emotion
from coachlens.analysis.detectors.listening_finish import detect_lets_client_finish
from coachlens.analysis.detectors.listening_views import PERCEPTION, detect_explores_perspective
from coachlens.analysis.detectors.questions import (
    FACT_FINDING,
    asks_openly,
    gathers_facts,
    poses_question,
)
from coachlens.analysis.detectors.text import STOPWORDS, rx, shared_phrase, stem, words
from coachlens.analysis.detectors.trust import DISMISS
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding

# `listening_feelings`, `listening_finish` and `listening_views` are imported above for their
# registrations (6.3, 6.4, 6.6, 6.5).
__all__ = [
    "PERCEPTION",
    "detect_customised_questions",
    "detect_energy_shifts",
    "detect_explores_emotion",
    "detect_explores_perspective",
    "detect_explores_words",
    "detect_lets_client_finish",
    "detect_succinct_reflection",
]

_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# "Will you tell your manager before or after?" opens like a yes/no or either/or question, whatever
# label it was given; "Could you say more about ...?" asks for more and stays open.
_CLOSED_FORM = rx(
    r"^\W*(?:(?:and|so|okay|right|ok)\W+)*(?:will|did|do|does|is|are|was|were|have|has|had|can|could|would|should)"
    r"\s+(?:you|he|she|they|it|we|there|that|this)\b(?![^?]*\b(?:say|tell me|talk) (?:a (?:bit|little) )?more\b)"
)
CONFIRMS = rx(r"^\W*(?:yes|yeah|yep|exactly|that'?s (?:it|right|exactly)|right|mm|absolutely|totally|true)\b")


def _specific_reuse(view: SessionView, sentence: CoachSentence) -> set[str]:
    """Client words (stems) this coach sentence reuses that are specific to the client."""
    mine = {stem(w) for w in words(sentence.text) if distinctive(w)}
    return set(mine & view.client_stems_before(sentence.turn))


def _built_on_client(view: SessionView, sentence: CoachSentence) -> set[str]:
    """The client's specifics a question builds on: its own words, or those of the reflection that
    leads into it in the same turn ("You carry it. What does carrying it give you?")."""
    own = _specific_reuse(view, sentence)
    if own:
        return own
    before = [s for s in view.sentences_in(sentence.turn) if s.index < sentence.index]
    if before and not before[-1].is_question:
        return _specific_reuse(view, before[-1])
    return set()


@register("coachlens.marker.6_1.v1", needs=("acts", "client_words"))
def detect_customised_questions(view: SessionView) -> MarkerFinding:
    """6.1: open questions built from specifics the client has shared."""
    name = "coachlens.marker.6_1.v1"
    open_questions = [
        s
        for s in view.sentences
        if asks_openly(s)
        and poses_question(view, s)
        and not (s.is_leading or s.is_advice or s.is_why or s.is_small_talk or FACT_FINDING.search(s.text))
    ]
    # Reports of what others said or did, and yes/no questions the act model called open, may use
    # the client's words but do not take the client's own thinking further.
    # Each question's own reuse, and the reuse it builds on (its own, else its lead-in's), read once.
    reuse = {
        s.index: (_specific_reuse(view, s), _built_on_client(view, s))
        for s in open_questions
        if not (gathers_facts(s) or _CLOSED_FORM.search(s.text))
    }
    customised = sorted(
        (s for s in open_questions if s.index in reuse and reuse[s.index][1]),
        key=lambda s: (-len(reuse[s.index][0]), -len(reuse[s.index][1])),
    )
    total = len(open_questions)
    if len(customised) >= 4 and len(customised) >= 0.25 * total:
        first = customised[0]
        stems = reuse[first.index][0]
        reused = ", ".join(
            dict.fromkeys(f"“{w}”" for w in _WORDS.findall(first.text) if stem(w.lower()) in stems)
        )
        return finding(
            "6.1",
            "demonstrated",
            0.6 + min(0.3, len(customised) / max(total, 1) / 2),
            [sentence_evidence(view, s) for s in customised],
            f"{len(customised)} of {total} open questions were built on what the client had said, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)} "
            + (f"(with the client's own {reused})." if reused else "(after reflecting the client's words)."),
            name,
        )
    if customised:
        first = customised[0]
        asked = sum(1 for s in view.sentences if s.is_question and not s.is_small_talk)
        return finding(
            "6.1",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in customised],
            f"Only {len(customised)} of {total} open questions ({asked} questions in all) "
            f"{'was' if len(customised) == 1 else 'were'} built on the client's specifics, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}; the rest gathered facts or would fit any client.",
            name,
        )
    questions = [s for s in view.sentences if s.is_question]
    evidence = [sentence_evidence(view, s) for s in questions[:2]] or [
        turn_evidence(view, view.coach_turns[0].index)
    ]
    return finding(
        "6.1",
        "missed",
        0.6,
        evidence,
        "No open question drew on the client's own circumstances; the questions would fit any client.",
        name,
    )


@register("coachlens.marker.6_2.v1", needs=("acts", "client_words"))
def detect_explores_words(view: SessionView) -> MarkerFinding:
    """6.2: the coach picks up the client's own word or image and invites them to explore it."""
    name = "coachlens.marker.6_2.v1"
    explored: list[tuple[CoachSentence, str]] = []
    echoed: list[tuple[CoachSentence, str]] = []
    for turn in view.coach_turns:
        sentences = view.sentences_in(turn.index)
        bare = handed_back(view, turn.index)
        if bare and sentences:
            explored.append((sentences[0], bare))
            continue
        # Words echoed in a turn that waves the client's experience away ("don't say that!") are not taken up.
        misread = corrected(view, turn.index) or any(DISMISS.search(s.text) for s in sentences)
        for position, sentence in enumerate(sentences):
            short = short_echo(view, sentence) or word_inquiry(view, sentence)
            if short:
                explored.append((sentence, short))
                break
            phrase = echo(view, sentence, min_len=2) or _quoted_phrase(view, sentence)
            # A topic named in a question ("What did you tell the client?") is not the client's words
            # handed back, and words the client then corrected did not fit.
            if not phrase or sentence.is_advice or misread:
                continue
            following = next(
                (q for q in sentences[position + 1 :] if q.is_question and not q.is_leading), None
            )
            own_question = sentence.is_question and EXPLORE_WORD.search(sentence.text)
            # "'I'll just die.' That's a strong way of putting it." explores the words without a question.
            remark = sentences[position + 1] if position + 1 < len(sentences) else None
            remarked = remark is not None and EXPLORE_WORD.search(remark.text) is not None
            if own_question or remarked or (following is not None and refers_back(following, phrase)):
                explored.append((sentence, phrase))
                break
            # The coach's own story and a denial of the client's word repeat words, not the client's meaning.
            if not (sentence.is_question or "self_disclosure" in sentence.acts or reassures(view, sentence)):
                echoed.append((sentence, phrase))
    if explored:
        first, phrase = explored[0]
        strong = len(explored) >= 2
        return finding(
            "6.2",
            "demonstrated" if strong else "partial",
            0.6 + min(0.3, 0.05 * len(explored)) if strong else 0.5,
            [sentence_evidence(view, s) for s, _ in explored],
            f"The coach took up the client's own words and invited them to explore them {times(len(explored))}, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}"
            + (
                "."
                if phrase.lower() in first.text.lower()[: len(phrase) + 2]
                else f" (the client's {quoted(phrase, 50)})."
            ),
            name,
        )
    if echoed:
        first, phrase = echoed[0]
        return finding(
            "6.2",
            "partial",
            0.5,
            [sentence_evidence(view, s) for s, _ in echoed],
            f"The coach repeated the client's words ({quoted(phrase, 50)} {when(view, first.turn)}) but never asked "
            "what they meant to the client.",
            name,
        )
    moment = reply_to_richest(view)
    return finding(
        "6.2",
        "missed",
        0.6,
        [moment[0]] if moment else [],
        "The coach never picked up a word or image the client used; the client's language was replaced by the coach's"
        + (f" (e.g. {moment[1]})." if moment else "."),
        name,
    )


def _quoted_phrase(view: SessionView, sentence: CoachSentence) -> str | None:
    """A run of three or more of the client's words, two of them content words, put back to the client
    with an invitation ("What do you make of that now, being good with people?"): everyday words,
    but the client's own phrase."""
    if not sentence.is_question or not EXPLORE_WORD.search(sentence.text):
        return None
    recent = [t.text for t in view.client_turns_before(sentence.turn, window=3)]
    phrase = shared_phrase(sentence.text, recent, min_len=3)
    if phrase is None or sum(1 for w in words(phrase) if w not in STOPWORDS) < 2:
        return None
    return phrase


@register("coachlens.marker.6_7.v1", needs=("acts", "client_words"))
def detect_succinct_reflection(view: SessionView) -> MarkerFinding:
    """6.7: brief reflections and summaries, often in the client's own words."""
    name = "coachlens.marker.6_7.v1"
    succinct, long_ones = reflective_turns(view)
    confirmed = [s for s in succinct if _confirmed(view, s)]
    misread = _misread_reflections(view)
    misread_note = (
        f"; {len(misread)} {'reflection' if len(misread) == 1 else 'reflections'} put the client's experience in the coach's words and the client "
        f"corrected them, e.g. {when(view, misread[0].turn)}: {quoted(misread[0].text, 90)}"
        if misread
        else ""
    )
    # A pattern, not a one-off: at least three, and in at least one coach turn in ten.
    if (
        len(succinct) >= 3
        and len(succinct) >= 2 * len(long_ones)
        and len(succinct) >= 0.1 * len(view.coach_turns)
    ):
        best = (confirmed or succinct)[0]
        reply = view.next_client(best.turn)
        tail = f"; the client answered {quoted(reply.text, 40)}" if best in confirmed and reply else ""
        return finding(
            "6.7",
            "demonstrated",
            0.65 + min(0.3, 0.03 * len(succinct)),
            [sentence_evidence(view, s) for s in (confirmed + [s for s in succinct if s not in confirmed])],
            f"{len(succinct)} short reflections or summaries, e.g. {when(view, best.turn)}: {quoted(best.text)}{tail}.",
            name,
        )
    if succinct or long_ones:
        if succinct:
            first = succinct[0]
            note = f"; {len(long_ones)} more ran long" if long_ones else ""
            return finding(
                "6.7",
                "partial",
                0.55,
                [sentence_evidence(view, s) for s in succinct + misread],
                f"{len(succinct)} short {'reflection' if len(succinct) == 1 else 'reflections'}, e.g. {when(view, first.turn)}: {quoted(first.text)}{note}"
                f"{misread_note}; reflect more often, briefly and in the client's own words.",
                name,
            )
        turn_index, length = long_ones[0]
        return finding(
            "6.7",
            "partial",
            0.5,
            [turn_evidence(view, turn_index)],
            f"The coach reflected back, but at length ({length} words {when(view, turn_index)}); a short reflection in "
            "the client's words lets them hear it.",
            name,
        )
    if misread:
        return finding(
            "6.7",
            "missed",
            0.6,
            [sentence_evidence(view, s) for s in misread],
            "The coach's reflections did not land" + misread_note + ".",
            name,
        )
    moment = reply_to_richest(view)
    return finding(
        "6.7",
        "missed",
        0.65,
        [moment[0]] if moment else [],
        "The coach never reflected or summarised what the client said, so the client never heard their own words back.",
        name,
    )


def _misread_reflections(view: SessionView) -> list[CoachSentence]:
    """Reflections the client had to correct ("I mean, partly. It's more that ..."): the coach's reading
    replaced the client's, which is the opposite of what 6.7 looks for."""
    found = []
    for turn in view.coach_turns:
        if not corrected(view, turn.index):
            continue
        sentence = next(
            (
                s
                for s in view.sentences_in(turn.index)
                if not s.is_question and ("reflection" in s.acts or credible_reflection(view, s))
            ),
            None,
        )
        if sentence is not None:
            found.append(sentence)
    return found


def _confirmed(view: SessionView, sentence: CoachSentence) -> bool:
    reply = view.next_client(sentence.turn)
    return reply is not None and bool(CONFIRMS.search(reply.text))
