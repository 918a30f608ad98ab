"""Growth-area candidates: each habit a mentor would raise, anchored on the line that shows it best.

Every generator looks for one habit (stacked questions, telling, leading or "why" questions, feelings
passed over, no agreement, talking too much, interrupting, a coach-led close, no silence, grading
the client's answers, closed questions), picks its clearest instance, and writes the item the way
a mentor would say it: where, the coach's own words, what it did, and what to try instead. The
feedback module ranks the candidates by weight and keeps the top three distinct habits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from coachlens.analysis.detectors.awareness import question_count, question_turn_profile
from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.emotion import find_feelings
from coachlens.analysis.detectors.evidence import (
    closing_evidence,
    quoted,
    sentence_evidence,
    span_evidence,
    when,
)
from coachlens.analysis.detectors.text import content_stems, format_clock, word_count
from coachlens.analysis.detectors.timing import interruptions
from coachlens.analysis.detectors.trust import GOOD_EVALUATION, first_substantive, responses_to
from coachlens.analysis.metrics import effective_acts
from coachlens.analysis.rewrite_selection import single_question
from coachlens.analysis.rewrites import (
    ADJECTIVE_NOUNS,
    NOT_ADVICE,
    advice_to_question,
    closed_to_open,
    first_of_stack,
    is_check_in,
    leading_to_neutral,
    why_to_what,
)
from coachlens.models import Evidence, FeedbackItem, MarkerFinding

_NUMBERS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}
_ORDINALS = {0: "first", 1: "second", 2: "third", 3: "fourth"}
_HEDGE = re.compile(
    r"^\W*(?:probably|maybe|i suppose|i mean|i guess|i don'?t know|possibly|sort of|yeah,? (?:but|i))", re.I
)
EXPLICIT_ADVICE = re.compile(
    r"\byou (?:should|need to|have to|must|'ve got to|ought to)\b|\bI'?d\b", re.IGNORECASE
)
_JOINED = re.compile(r",\s*(?:and|or|but)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A possible growth area: its habit, how much it matters here, and the item to show."""

    kind: str
    weight: float
    item: FeedbackItem


def _item(title: str, detail: str, evidence: Evidence, marker: str | None) -> FeedbackItem:
    return FeedbackItem(
        title=title,
        detail=detail,
        turn=evidence.turn,
        quote=evidence.quote,
        start_s=evidence.start_s,
        marker=marker,
    )


def _at(view: SessionView, turn: int) -> str:
    clock = format_clock(view.turn(turn).start_s)
    return f"At {clock}" if clock else f"In turn {turn}"


def _later(sentences: Sequence[CoachSentence]) -> list[CoachSentence]:
    """Skip the greeting minutes: a mentor points at the work, not the sound check."""
    return [s for s in sentences if s.position >= 0.04] or list(sentences)


def stacked_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """The biggest stack of questions in one turn, and the one question to keep."""
    profile = question_turn_profile(view)
    turns = [i for i in profile["stacked"] if view.position(i) >= 0.04]
    if not turns:
        return None

    def clauses(i: int) -> list[str]:
        return [part for q in view.questions_in(i) for part in _JOINED.split(q.text) if part.strip()]

    turn = max(turns, key=lambda i: (sum(question_count(q.text) for q in view.questions_in(i)), -i))
    parts = clauses(turn)
    count = max(2, sum(question_count(q.text) for q in view.questions_in(turn)))
    questions = view.questions_in(turn)
    evidence = span_evidence(view, turn, questions[0].start, questions[-1].end)
    answered = _answered_only(view, turn, parts)
    opening = first_of_stack(questions[0].text) if len(questions) == 1 else single_question(questions)
    number = _NUMBERS.get(count, str(count))
    advice = f" Ask one, then wait: {quoted(opening)}." if opening else " Ask one, then wait."
    detail = f"{_at(view, turn)} {number.lower()} questions in one turn ({quoted(evidence.quote, 160)}).{answered}{advice}"
    weight = 0.45 + 1.5 * float(metrics.get("stacked_rate", 0.0)) + (0.15 if count >= 3 else 0.0)
    return Candidate("stacked", weight, _item(f"{number} questions in one turn", detail, evidence, "7.6"))


def _answered_only(view: SessionView, turn: int, parts: list[str]) -> str:
    """' The client answered only the last.' when the reply picks up exactly one of the questions."""
    reply = view.next_client(turn)
    if reply is None or len(parts) < 2:
        return ""
    said = content_stems(reply.text)
    touched = [i for i, part in enumerate(parts) if content_stems(part) & said]
    if len(touched) != 1:
        return ""
    which = "last" if touched[0] == len(parts) - 1 else _ORDINALS.get(touched[0], "one")
    return f" The client answered only the {which} one."


def telling(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Advice and information instead of the client's own ideas, with the clearest example rewritten."""
    acts = effective_acts(view)
    advice = _later(
        [
            s
            for s in view.sentences
            if {"advice", "information"} & acts[s.index]
            and word_count(s.text) >= 4
            and not NOT_ADVICE.match(s.text)
        ]
    )
    share = float(metrics.get("telling_share", 0.0))
    # Leading questions have their own growth area.
    advising = [s for s in advice if "advice" in acts[s.index] and not s.is_leading]
    # A habit, not a moment: telling in a good share of the turns, or advice again and again.
    if not advice or (share < 0.12 and len(advising) < 6):
        return None
    # The clearest example: explicit advice ("You should ...") that rewrites well, then any that rewrites.
    with_rewrite = [(s, advice_to_question(s.text)) for s in advice if "advice" in acts[s.index]]
    explicit = [(s, r) for s, r in with_rewrite if r and EXPLICIT_ADVICE.search(s.text)]
    fallback = (advising or advice)[0]
    sentence, rewrite = next(iter(explicit), next(((s, r) for s, r in with_rewrite if r), (fallback, None)))
    count = round(share * len(view.coach_turns))
    ask = (
        f" Ask for the client's ideas first: {quoted(rewrite)}; offer yours afterwards, with permission, if it is still needed."
        if rewrite
        else " Ask for the client's ideas first; offer yours afterwards, with permission, if it is still needed."
    )
    detail = (
        f"{count} of your {len(view.coach_turns)} turns gave advice or information, e.g. {when(view, sentence.turn)}: "
        f"{quoted(sentence.text)}.{ask}"
    )
    weight = 0.4 + 3 * share
    return Candidate(
        "telling",
        weight,
        _item("Advice instead of the client's own ideas", detail, sentence_evidence(view, sentence), "7.4"),
    )


def leading_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Questions that carry the coach's answer, and a neutral version."""
    leading = _later([s for s in view.sentences if s.is_question and s.is_leading])
    if not leading:
        return None
    pairs = [(s, leading_to_neutral(s.text) or closed_to_open(s.text)) for s in leading]
    # "Don't you think ...?" shows the habit more plainly than a tag question.
    pairs.sort(
        key=lambda p: (
            p[1] is None,
            not re.match(r"^\W*(?:don'?t|wouldn'?t|isn'?t|aren'?t)\b", p[0].text, re.I),
        )
    )
    sentence, rewrite = pairs[0]
    reply = view.next_client(sentence.turn)
    reply_note = ""
    if reply is not None and _HEDGE.search(reply.text):
        reply_note = f"; the client hedged ({quoted(reply.text, 70)})"
    instead = (
        f" Leave the answer to the client: {quoted(rewrite)}."
        if rewrite
        else " Ask it without your answer inside."
    )
    count = f" ({len(leading)} in the session)" if len(leading) > 1 else ""
    detail = f"{_at(view, sentence.turn)} you asked {quoted(sentence.text)}{count}: the question carries your answer{reply_note}.{instead}"
    weight = min(0.9, 0.35 + 0.06 * len(leading))
    title = "Leading questions" if len(leading) > 1 else "A leading question"
    return Candidate("leading", weight, _item(title, detail, sentence_evidence(view, sentence), "7.6"))


def why_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """'Why' questions that can sound like a demand to justify, and a 'what' version."""
    whys = _later([s for s in view.sentences if s.is_question and s.is_why and not s.is_advice])
    pairs = [(s, why_to_what(s.text)) for s in whys]
    usable = [(s, r) for s, r in pairs if r]
    if not usable:
        return None
    sentence, rewrite = usable[0]
    count = f"{len(whys)} 'why' questions, e.g. " if len(whys) > 1 else ""
    detail = (
        f"{count}{when(view, sentence.turn)} {quoted(sentence.text)}: 'why' can sound like a demand to justify. "
        f"Ask 'what' instead: {quoted(rewrite)}."
    )
    return Candidate(
        "why",
        0.25 + 0.12 * len(whys),
        _item("'Why' questions", detail[0].upper() + detail[1:], sentence_evidence(view, sentence), "7.6"),
    )


def feelings_passed_over(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Difficult feelings the coach moved past, the weightiest first, and a question to stay with it."""
    moments = responses_to(view, feelings_only=True, difficult_only=True)
    responses = [r for r in moments if r.kind != "met"]
    # One feeling left aside is a judgement call; a habit is two or more, and more than a third of them.
    if len(responses) < 2 or len(responses) < len(moments) / 3:
        return None
    worst = max(responses, key=lambda r: (len(find_feelings(r.client.text)), len(r.client.text)))
    reply = first_substantive(view, worst.coach)
    feeling = next((h.word for h in find_feelings(worst.evidence.quote) if h.word in ADJECTIVE_NOUNS), None)
    stay = (
        f"What's the {ADJECTIVE_NOUNS[feeling]} about for you?" if feeling else "What was that like for you?"
    )
    answered = f" and the next line was {quoted(reply.text, 80)}" if reply else ""
    more = f" It happened {len(responses)} times." if len(responses) > 2 else ""
    detail = (
        f"{_at(view, worst.client.index)} the client said {quoted(worst.evidence.quote, 110)}{answered}.{more} "
        f"Stay with it first: {quoted(stay)}"
    )
    weight = 0.3 + 0.08 * min(len(responses), 8)
    return Candidate("feelings", weight, _item("Feelings passed over", detail, worst.evidence, "6.3"))


def missing_agreement(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """No outcome agreed for the session (or only a topic)."""
    found = findings.get("3.1")
    if found is None or found.status not in ("missed", "partial") or not found.evidence:
        return None
    evidence = found.evidence[0]
    if found.status == "missed":
        detail = (
            f"{_at(view, evidence.turn)} you opened with {quoted(evidence.quote)} without asking what the client "
            "wanted from this session. Start with their outcome: \u201cWhat would you like to take away from our "
            "time today?\u201d"
        )
        return Candidate(
            "agreement", 0.95, _item("No agreement on what the client wants", detail, evidence, "3.1")
        )
    detail = (
        f"{_at(view, evidence.turn)} {quoted(evidence.quote)} opened a topic; follow it with the outcome: \u201cWhat "
        "would you like to have by the end of our conversation?\u201d"
    )
    return Candidate(
        "agreement", 0.35, _item("A topic, but no outcome for the session", detail, evidence, "3.1")
    )


def talking_too_much(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """The coach speaking more than 40% of the words, with the longest turn."""
    share = float(metrics.get("coach_talk_share", 0.0))
    if share <= 0.4:
        return None
    turn = max(view.coach_turns, key=lambda t: word_count(t.text))
    sentences = view.sentences_in(turn.index)
    evidence = span_evidence(view, turn.index, sentences[0].start, sentences[min(1, len(sentences) - 1)].end)
    detail = (
        f"You spoke {share:.0%} of the words. {_at(view, turn.index)} one turn ran {word_count(turn.text)} words "
        f"({quoted(evidence.quote, 100)}). Say it in one sentence, then hand back with a question."
    )
    return Candidate(
        "talk", 0.3 + 2 * (share - 0.35), _item("You did most of the talking", detail, evidence, "7.8")
    )


def cutting_in(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """The coach starting while the client was still speaking."""
    cut_ins = interruptions(view.session) if view.timed else []
    if not cut_ins:
        return None
    gap = cut_ins[0]
    client_text = view.turn(gap.before).text.rstrip()
    tail = client_text[-60:].split(" ", 1)[-1] if len(client_text) > 60 else client_text
    evidence = span_evidence(view, gap.before, len(client_text) - len(tail), len(client_text))
    echo = re.sub(r"[\s.…—–-]+$", "", tail).split(".")[-1].strip()
    hand_back = (
        f" If they trail off, hand their words back: \u201c{echo}…?\u201d"
        if echo and len(echo.split()) <= 8
        else ""
    )
    detail = (
        f"{_at(view, gap.after)} you came in while the client was still saying {quoted(evidence.quote, 80)}. "
        f"Let them finish.{hand_back}"
    )
    return Candidate("interrupt", 0.3 + 0.25 * len(cut_ins), _item("Cutting in", detail, evidence, "6.6"))


def coach_led_close(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """A close where the client never put their learning into words."""
    learning = [findings[m] for m in ("8.2", "8.3") if m in findings]
    # Only when no learning question was asked at all: one of them is enough to let the client name it.
    if not learning or any(f.status == "demonstrated" for f in learning):
        return None
    evidence = closing_evidence(view)
    detail = (
        f"The session closed {when(view, evidence.turn)} with {quoted(evidence.quote)}; the client never put their "
        "learning into words. Before you close, ask: \u201cWhat are you taking away from today?\u201d, then \u201cHow "
        "would you like to finish?\u201d"
    )
    return Candidate("closing", 0.45, _item("A close led by the coach", detail, evidence, "8.3"))


def no_silence(view: SessionView, findings: dict[str, MarkerFinding]) -> Candidate | None:
    """No pause of three seconds anywhere in a timed session."""
    found = findings.get("5.5")
    if found is None or found.status != "missed" or not found.evidence:
        return None
    evidence = found.evidence[0]
    detail = (
        f"No pause of three seconds anywhere; e.g. {when(view, evidence.turn)} {quoted(evidence.quote, 80)} came within "
        "a second of the client finishing. After a question that matters, count to five and let the client break the silence."
    )
    return Candidate("silence", 0.35, _item("No room for silence", detail, evidence, "5.5"))


def grading_answers(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Praise that grades the client's answers ("That's a good list.")."""
    graded = _later([s for s in view.sentences if GOOD_EVALUATION.search(s.text) and not s.is_question])
    if not graded:
        return None
    sentence = graded[0]
    count = f" ({len(graded)} times)" if len(graded) > 1 else ""
    detail = (
        f"{_at(view, sentence.turn)} {quoted(sentence.text)}{count} grades the client's answer. Name what they did "
        "and what it shows about them instead, or simply reflect it back."
    )
    return Candidate(
        "grading",
        0.2 + 0.05 * len(graded),
        _item("Grading the client's answers", detail, sentence_evidence(view, sentence), "4.1"),
    )


def closed_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Mostly yes/no questions, with one reshaped into an open question."""
    share = float(metrics.get("open_question_share", 1.0))
    if share >= 0.55:
        return None
    closed = _later(
        [
            s
            for s in view.sentences
            if "question.closed" in s.acts and not is_check_in(s.text) and not s.is_advice
        ]
    )
    pairs = [(s, closed_to_open(s.text)) for s in closed]
    usable = [(s, r) for s, r in pairs if r]
    if not usable:
        return None
    sentence, rewrite = usable[0]
    detail = (
        f"{metrics.get('questions_closed', 0)} of {metrics.get('questions', 0)} questions could be answered yes or no, e.g. "
        f"{when(view, sentence.turn)}: {quoted(sentence.text)}. Open it: {quoted(rewrite)}."
    )
    return Candidate(
        "closed",
        0.2 + 1.5 * (0.55 - share),
        _item("Mostly closed questions", detail, sentence_evidence(view, sentence), "7.6"),
    )


MetricGenerator = Callable[[SessionView, dict[str, Any]], Candidate | None]
FindingGenerator = Callable[[SessionView, dict[str, MarkerFinding]], Candidate | None]
METRIC_GENERATORS: tuple[MetricGenerator, ...] = (
    stacked_questions,
    telling,
    leading_questions,
    why_questions,
    feelings_passed_over,
    talking_too_much,
    cutting_in,
    grading_answers,
    closed_questions,
)
FINDING_GENERATORS: tuple[FindingGenerator, ...] = (missing_agreement, coach_led_close, no_silence)


def growth_candidates(
    view: SessionView, findings: Sequence[MarkerFinding], metrics: dict[str, Any]
) -> list[Candidate]:
    """Every habit this session shows, heaviest first."""
    by_id = {f.id: f for f in findings}
    found = [c for g in METRIC_GENERATORS if (c := g(view, metrics)) is not None]
    found += [c for g in FINDING_GENERATORS if (c := g(view, by_id)) is not None]
    if metrics.get("referrals"):
        # The coach referred the client on: the session's goal changed on purpose and explaining the
        # referral takes words. Do not hold the close or the talk share against them as usual.
        found = [
            replace(c, weight=c.weight * 0.5) if c.kind == "talk" else c for c in found if c.kind != "closing"
        ]
    return sorted(found, key=lambda c: -c.weight)
