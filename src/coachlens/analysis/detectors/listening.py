"""Competency 6 (Listens Actively), the client's words and turns: markers 6.1, 6.2 and 6.5-6.7.

Listening shows in a transcript as coach lines built from the client's own words. These detectors
compare each coach sentence with the client's earlier turns (shared words and phrases) and, for 6.6,
read the turn timings. The feeling and energy markers 6.3 and 6.4 are in `listening_feelings`,
imported below so that loading this module registers all of competency 6.
"""

from __future__ import annotations

import re

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.echo import (
    EXPLORE_WORD,
    distinctive,
    echo,
    refers_back,
    reflective_turns,
    short_echo,
)
from coachlens.analysis.detectors.evidence import (
    finding,
    quoted,
    reply_to_richest,
    sentence_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.listening_feelings import detect_energy_shifts, detect_explores_emotion
from coachlens.analysis.detectors.questions import FACT_FINDING
from coachlens.analysis.detectors.text import rx, stem, words
from coachlens.analysis.detectors.timing import exchanges, interruptions
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding, MarkerStatus

# `listening_feelings` is imported above for its registrations (6.3, 6.4).
__all__ = [
    "detect_customised_questions",
    "detect_energy_shifts",
    "detect_explores_emotion",
    "detect_explores_perspective",
    "detect_explores_words",
    "detect_lets_client_finish",
    "detect_succinct_reflection",
]

_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
PERCEPTION = rx(
    r"\b(?:how do you see (?:yourself|it|this|that|them|him|her|the)|how (?:would|do) you describe (?:yourself|"
    r"it|the)|what do you (?:believe|tell yourself)|what(?:'s| is) the story|what (?:assumptions|beliefs)|"
    r"what are you (?:assuming|telling yourself|believing)|how do you think of yourself|what does (?:that|this|it) "
    r"say about|whose ['\"“‘]?\w+['\"”’]? is (?:that|it)|what do you know about (?:why|yourself)|"
    r"afraid of being|what are you afraid of|what do you think (?:it'?s|it is|it'?d be) like for|"
    r"how do you (?:view|think about) (?:yourself|your)|in your (?:eyes|view)|what'?s true for you|"
    r"what do you (?:believe|think) about (?:yourself|your)|how do you (?:see|understand) (?:your|the) role)"
    r"|\b(?:what story|how do you think (?:the world|people|others) (?:treats?|sees?|views?)|what mak"
    r"es (?:someone|a person|somebody) a good|how much of that view do you share|how do you see your "
    r"(?:own )?(?:part|role)|how would you describe the person|how do you see yourself)\b"
    r"|\b(?:what (?:is it )?you'?d be afraid|afraid (?:they|people|others|he|she)'?d (?:see|think))\b"
    r"|\b(?:who are you when|how do you see yourself when)\b"
)
CONFIRMS = rx(r"^\W*(?:yes|yeah|yep|exactly|that'?s (?:it|right|exactly)|right|mm|absolutely|totally|true)\b")


def _specific_reuse(view: SessionView, sentence: CoachSentence) -> set[str]:
    """Client words (stems) this coach sentence reuses that are specific to the client."""
    mine = {stem(w) for w in words(sentence.text) if distinctive(w)}
    return set(mine & view.client_stems_before(sentence.turn))


@register("coachlens.marker.6_1.v1", needs=("acts", "client_words"))
def detect_customised_questions(view: SessionView) -> MarkerFinding:
    """6.1: open questions built from specifics the client has shared."""
    name = "coachlens.marker.6_1.v1"
    open_questions = [
        s
        for s in view.sentences
        if s.is_open_question
        and not (s.is_leading or s.is_advice or s.is_why or s.is_small_talk or FACT_FINDING.search(s.text))
    ]
    customised = sorted(
        (s for s in open_questions if _specific_reuse(view, s)), key=lambda s: -len(_specific_reuse(view, s))
    )
    total = len(open_questions)
    if len(customised) >= 4 and len(customised) >= 0.25 * total:
        first = customised[0]
        stems = _specific_reuse(view, first)
        reused = ", ".join(dict.fromkeys(w for w in _WORDS.findall(first.text) if stem(w.lower()) in stems))
        return finding(
            "6.1",
            "demonstrated",
            0.6 + min(0.3, len(customised) / max(total, 1) / 2),
            [sentence_evidence(view, s) for s in customised],
            f"{len(customised)} of {total} questions were built on what the client had said, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)} (the client's own {reused}).",
            name,
        )
    if customised:
        first = customised[0]
        return finding(
            "6.1",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in customised],
            f"Only {len(customised)} of {total} open questions used the client's specifics, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}; the rest would fit any client.",
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
        for position, sentence in enumerate(sentences):
            short = short_echo(view, sentence)
            if short:
                explored.append((sentence, short))
                break
            phrase = echo(view, sentence, min_len=2)
            if not phrase or sentence.is_advice:
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
            echoed.append((sentence, phrase))
    if explored:
        first, phrase = explored[0]
        strong = len(explored) >= 2
        return finding(
            "6.2",
            "demonstrated" if strong else "partial",
            0.6 + min(0.3, 0.05 * len(explored)) if strong else 0.5,
            [sentence_evidence(view, s) for s, _ in explored],
            f"The coach took up the client's own words and invited them to explore them {len(explored)} time(s), e.g. "
            f"{when(view, first.turn)} with {quoted(phrase, 50)}: {quoted(first.text)}.",
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


@register("coachlens.marker.6_5.v1", needs=("acts", "exemplars"))
def detect_explores_perspective(view: SessionView) -> MarkerFinding:
    """6.5: questions about how the client sees themself, others and the world."""
    name = "coachlens.marker.6_5.v1"
    hits = [h.sentence for h in view.find(PERCEPTION) if not h.sentence.is_leading]
    hits += [
        s
        for s, _ in view.exemplar_hits("6.5", threshold=0.68, margin=0.08)
        if s not in hits and s.is_question
    ]
    if len(hits) >= 2:
        first = hits[0]
        return finding(
            "6.5",
            "demonstrated",
            0.65 + min(0.25, 0.05 * len(hits)),
            [sentence_evidence(view, s) for s in hits],
            f"The coach explored how the client sees themself and their world, e.g. {when(view, first.turn)}: "
            f"{quoted(first.text)}.",
            name,
        )
    if hits:
        return finding(
            "6.5",
            "partial",
            0.5,
            [sentence_evidence(view, hits[0])],
            f"One question about the client's view {when(view, hits[0].turn)} ({quoted(hits[0].text)}); their "
            "beliefs and assumptions were otherwise left unexplored.",
            name,
        )
    moment = reply_to_richest(view, after=0.15)
    return finding(
        "6.5",
        "missed",
        0.6,
        [moment[0]] if moment else [],
        "No question explored how the client sees themself, other people or their situation"
        + (f"; e.g. {moment[1]}." if moment else "."),
        name,
    )


@register("coachlens.marker.6_6.v1", needs=("timestamps",))
def detect_lets_client_finish(view: SessionView) -> MarkerFinding:
    """6.6: the coach lets the client finish (needs turn timings)."""
    name = "coachlens.marker.6_6.v1"
    if not view.timed:
        return finding(
            "6.6",
            "not_assessable",
            0.9,
            [],
            "Interruptions cannot be judged from an untimed transcript; upload the VTT or the recording to include it.",
            name,
        )
    if not exchanges(view.session):
        return finding(
            "6.6", "not_assessable", 0.5, [], "No timed hand-overs between coach and client to judge.", name
        )
    cut_ins = interruptions(view.session)
    chances = sum(
        1
        for a, b in zip(view.turns, view.turns[1:], strict=False)
        if a.role == "client" and b.role == "coach"
    )
    estimated = not view.has_end_times
    basis = " (turn ends estimated from start times)" if estimated else ""
    if not cut_ins:
        return finding(
            "6.6",
            "demonstrated",
            0.55 if estimated else 0.85,
            [],
            f"In {chances} hand-overs from client to coach the coach never started before the client had finished{basis}.",
            name,
        )
    first = cut_ins[0]
    status: MarkerStatus = "partial" if len(cut_ins) == 1 and chances >= 10 else "missed"
    return finding(
        "6.6",
        status,
        0.5 if estimated else 0.8,
        [turn_evidence(view, g.after, sentences=1) for g in cut_ins],
        f"The coach cut in on the client {len(cut_ins)} time(s) in {chances} hand-overs{basis}, e.g. "
        f"{when(view, first.after)} the coach began {quoted(view.turn(first.after).text, 60)} while the client was "
        f"still saying {quoted(_tail(view.turn(first.before).text), 60)}.",
        name,
    )


def _tail(text: str) -> str:
    """The last words of a turn, for showing where the coach came in."""
    cut = text[-80:]
    return cut.split(" ", 1)[1] if " " in cut and len(text) > 80 else cut


@register("coachlens.marker.6_7.v1", needs=("acts", "client_words"))
def detect_succinct_reflection(view: SessionView) -> MarkerFinding:
    """6.7: brief reflections and summaries, often in the client's own words."""
    name = "coachlens.marker.6_7.v1"
    succinct, long_ones = reflective_turns(view)
    confirmed = [s for s in succinct if _confirmed(view, s)]
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
                [sentence_evidence(view, s) for s in succinct],
                f"{len(succinct)} short reflection(s), e.g. {when(view, first.turn)}: {quoted(first.text)}{note}; "
                "reflect more often and keep it brief.",
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
    moment = reply_to_richest(view)
    return finding(
        "6.7",
        "missed",
        0.65,
        [moment[0]] if moment else [],
        "The coach never reflected or summarised what the client said, so the client never heard their own words back.",
        name,
    )


def _confirmed(view: SessionView, sentence: CoachSentence) -> bool:
    reply = view.next_client(sentence.turn)
    return reply is not None and bool(CONFIRMS.search(reply.text))
