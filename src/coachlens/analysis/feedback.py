"""Personalised feedback: strengths with quotes, three growth areas tied to turns, rewrites of the
coach's own lines, and the framework's development tips with a next practice step.

No generic praise: every strength is a demonstrated (or, when there are few, partly shown) marker
with the line that showed it and what the client did next; every growth area points at a turn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import quoted, same_line
from coachlens.analysis.detectors.text import format_clock, word_count
from coachlens.analysis.growth_areas import growth_candidates
from coachlens.analysis.growth_findings import CLOSING_POSITION
from coachlens.analysis.rewrite_selection import collect_rewrites
from coachlens.analysis.rewrites import is_advice_line, is_check_in, is_rhetorical
from coachlens.errors import FrameworkError
from coachlens.models import Feedback, FeedbackItem, MarkerFinding

# Markers a check-in ("Are you happy to leave it there?", "Does that fit?") can show; for any other
# marker a check-in is a courtesy, not the evidence of a skill.
_CHECK_IN_MARKERS = frozenset(["4.4", "5.3", "6.7", "7.5", "8.9"])
MAX_STRENGTHS = 3
MAX_GROWTH_AREAS = 3

# What each marker's evidence line did, in a mentor's words (used for strengths).
WHAT_IT_DID = {
    "3.1": "you asked what the client wants from this conversation, in their own words",
    "3.2": "you let the client set their own measure of success for the session",
    "3.3": "you asked what makes the goal matter to the client",
    "3.4": "you let the client map what needs working through",
    "4.1": "you named something particular to the client, not generic praise",
    "4.2": "you met the client's difficulty with care and kept the attention on them",
    "4.3": "you received what the client expressed before moving on",
    "4.4": "you offered something and invited the client to respond to it",
    "5.1": "you turned from the problem to the person",
    "5.2": "you linked the work back to what the client wanted from the session",
    "5.3": "you handed the choice of direction to the client",
    "5.4": "a curious question about the client, not the situation",
    "5.5": "you let the silence do the work",
    "6.1": "a question that could only have been asked of this client",
    "6.2": "you picked up the client's own word and invited them to explore it",
    "6.3": "an open question that invited the feeling into the conversation",
    "6.4": "you named a shift you noticed and let the client say what it was",
    "6.5": "you explored how the client sees themself and their world",
    "6.7": "a short reflection in the client's own words",
    "7.1": "a question about the client's own thinking and wants",
    "7.2": "a question that opened a new view of who the client is",
    "7.3": "a question that widened the client's view of the situation",
    "7.4": "a question that moved the client's thinking toward their outcome",
    "7.5": "an observation offered lightly, with room for the client to reject it",
    "8.1": "you invited the client to judge their own progress",
    "8.2": "you asked the client to name what they learned about themself",
    "8.3": "you asked the client what is now clearer",
    "8.4": "you asked how the client will use what they learned",
    "8.5": "you let the client design their own next step",
    "8.6": "you asked about support and obstacles and let the client name them",
    "8.7": "you let the client choose how to hold themself accountable",
    "8.8": "you celebrated something specific the client achieved",
    "8.9": "you let the client shape the close",
}
# When the evidence line is a statement rather than a question.
STATEMENT_VERSION = {
    "6.3": "you named the feeling the client voiced",
    "5.1": "you spoke to the person, not only the problem",
    "6.2": "you handed the client's own words back to them",
}
# Markers whose evidence is a count or a timing rather than one line: their rationale says it best.
SUMMARY_MARKERS = frozenset({"5.5", "6.6", "7.6", "7.7", "7.8"})
STRENGTH_PRIORITY = {
    "6.7": 1.0,
    "6.2": 0.95,
    "7.5": 0.95,
    "6.3": 0.9,
    "7.2": 0.9,
    "6.4": 0.85,
    "6.5": 0.85,
    "7.3": 0.85,
    "8.5": 0.85,
    "3.1": 0.8,
    "4.4": 0.8,
    "5.1": 0.8,
    "5.3": 0.8,
    "7.4": 0.8,
    "8.2": 0.8,
    "3.2": 0.75,
    "4.1": 0.75,
    "4.2": 0.75,
    "6.1": 0.75,
    "8.3": 0.75,
    "8.7": 0.75,
    "5.5": 0.7,
    "8.1": 0.7,
    "8.9": 0.7,
}
# Partly shown markers worth building on, when a session has few strengths (most useful first).
PARTIAL_STRENGTHS = {"6.3": 1.0, "4.4": 0.9, "5.1": 0.85, "4.1": 0.75, "4.2": 0.6}
_CONFIRMS = re.compile(
    r"^\W*(?:yes|yeah|yep|exactly|that'?s (?:it|right|exactly)|absolutely|totally|true)\b", re.I
)
_SENTENCE = re.compile(r".*?[.!?]+(?=\s|$)", re.S)


def build_feedback(view: SessionView, findings: Sequence[MarkerFinding], metrics: dict[str, Any]) -> Feedback:
    """Strengths, growth areas, rewrites, tips and a next step for one assessed session."""
    growth = [c.item for c in _distinct(growth_candidates(view, findings, metrics))][:MAX_GROWTH_AREAS]
    shown = strengths(view, findings)
    tips, next_step = _tips(view, growth, shown)
    return Feedback(
        strengths=tuple(shown),
        growth_areas=tuple(growth),
        rewrites=tuple(collect_rewrites(view)),
        tips=tuple(tips),
        next_step=next_step,
    )


def _distinct(candidates: Sequence[Any]) -> list[Any]:
    """Keep one candidate per habit and per line, in weight order. Two habits in one turn are both
    kept when they quote different lines ("You should just apply." and the two questions after it
    are two things a mentor would raise); two items about the same line are not."""
    kinds: set[str] = set()
    lines: list[tuple[int, str]] = []
    kept = []
    for candidate in candidates:
        turn, quote = candidate.item.turn, candidate.item.quote
        if candidate.kind in kinds or any(same_line(turn, quote, t, q) for t, q in lines):
            continue
        kinds.add(candidate.kind)
        lines.append((turn, quote))
        kept.append(candidate)
    return kept


def strengths(view: SessionView, findings: Sequence[MarkerFinding]) -> list[FeedbackItem]:
    """Up to three strengths from different competencies, each with its line and the client's response.
    Partly shown markers fill in only when fewer than two markers were demonstrated."""
    shown = [f for f in findings if f.status == "demonstrated" and f.evidence]
    if len(shown) < 2:
        shown += [f for f in findings if f.status == "partial" and f.evidence and f.id in PARTIAL_STRENGTHS]
    ranked = sorted(
        shown,
        key=lambda f: (
            f.status != "demonstrated",
            -STRENGTH_PRIORITY.get(f.id, 0.5) * f.confidence
            if f.status == "demonstrated"
            else -PARTIAL_STRENGTHS[f.id],
        ),
    )
    items: list[FeedbackItem] = []
    competencies: set[int] = set()
    turns: set[int] = set()
    for found in ranked:
        usable = [
            e
            for e in found.evidence
            if e.turn not in turns
            and view.is_coach(e.turn)
            and not _weak_line(view, e.turn, e.quote)
            and (found.id in _CHECK_IN_MARKERS or not is_check_in(e.quote))
            # An outcome asked for only at the close is a check before ending, not the session's agreement.
            and not (found.id == "3.1" and view.position(e.turn) >= CLOSING_POSITION)
        ]
        if not usable or found.competency in competencies:
            continue
        # The line the client answered most fully shows a strength best, an open question before a
        # closed one; for a partly shown marker the detector's first evidence is the one to build on.
        if found.status == "demonstrated":
            evidence = max(
                usable,
                key=lambda e: (not _closed_question(view, e.turn, e.quote), _effect_score(view, e.turn)),
            )
        else:
            evidence = usable[0]
        competencies.add(found.competency)
        turns.add(evidence.turn)
        items.append(_strength_item(view, found, evidence.turn, evidence.quote))
        if len(items) == MAX_STRENGTHS:
            break
    return items


def _sentences_of(view: SessionView, turn: int, quote: str) -> list[CoachSentence]:
    return [s for s in view.sentences_in(turn) if s.text in quote or quote in s.text]


def _weak_line(view: SessionView, turn: int, quote: str) -> bool:
    """A line the report would rewrite or raise as a habit is never quoted as a strength: advice (also
    as a question or a wondering), a leading, rhetorical or 'why' question, or one of a stack."""
    stacked = "question.stacked" in view.acts_of(turn)
    for sentence in _sentences_of(view, turn, quote):
        if sentence.is_advice or is_advice_line(sentence.text):
            return True
        if sentence.is_question and (
            sentence.is_leading or sentence.is_why or is_rhetorical(sentence.text) or stacked
        ):
            return True
    return False


def _closed_question(view: SessionView, turn: int, quote: str) -> bool:
    return any("question.closed" in s.acts for s in _sentences_of(view, turn, quote))


def _strength_item(view: SessionView, found: MarkerFinding, turn: int, quote: str) -> FeedbackItem:
    marker = view.rubric.marker(found.id)
    clock = format_clock(view.turn(turn).start_s)
    where = f"{clock}" if clock else f"turn {turn}"
    if found.id in SUMMARY_MARKERS or found.id not in WHAT_IT_DID:
        detail = found.rationale
    else:
        did = WHAT_IT_DID[found.id]
        if not quote.rstrip().endswith("?") and found.id in STATEMENT_VERSION:
            did = STATEMENT_VERSION[found.id]
        elif did.startswith("an open question") and _closed_question(view, turn, quote):
            # A yes/no question can still earn the marker; calling it open would praise the habit the
            # growth areas ask the coach to change.
            did = f"a question{did[len('an open question') :]} (asked open, it would invite more)"
        detail = f"{quoted(quote)} ({where}): {did}{_client_effect(view, turn)}."
    if found.status == "partial":
        detail = f"A start: {detail[0].lower()}{detail[1:]} To build on: {found.rationale}"
    return FeedbackItem(
        title=f"{found.id} {marker.short_name}",
        detail=detail,
        turn=turn,
        quote=quote,
        start_s=view.turn(turn).start_s,
        marker=found.id,
    )


def _effect_score(view: SessionView, turn: int) -> tuple[bool, int]:
    reply = view.next_client(turn)
    if reply is None:
        return False, 0
    return bool(_CONFIRMS.search(reply.text)), min(word_count(reply.text), 120)


def _opening(text: str) -> str:
    """The first sentence of a reply, or the first two when the first is a mere "Yeah."."""
    spans = list(_SENTENCE.finditer(text.strip()))
    if not spans:
        return text
    end = spans[1].end() if len(spans) > 1 and len(spans[0].group().split()) <= 2 else spans[0].end()
    return text.strip()[:end]


def _client_effect(view: SessionView, turn: int) -> str:
    reply = view.next_client(turn)
    if reply is None:
        return ""
    opening = _opening(reply.text)
    length = word_count(reply.text)
    if _CONFIRMS.search(reply.text):
        more = f" and went on for {length} words" if length >= 40 else ""
        return f"; the client answered {quoted(opening, 60)}{more}"
    if length >= 60:
        return f"; the client went on for {length} words"
    return ""


def _tips(
    view: SessionView, growth: Sequence[FeedbackItem], shown: Sequence[FeedbackItem] = ()
) -> tuple[list[str], str]:
    """The framework's development tip for each growth area's marker, and a next step from the first."""
    tips: list[str] = []
    first: tuple[str, str, str] | None = None
    for item in growth:
        if item.marker is None:
            continue
        try:
            marker = view.rubric.marker(item.marker)
        except FrameworkError:
            continue
        tip = f"{marker.id} {marker.short_name}: {marker.development_tip}"
        if tip not in tips:
            tips.append(tip)
        if first is None:
            first = (marker.id, marker.short_name, marker.development_tip)
    if first is None:
        return tips, ""
    marker_id, short_name, tip = first
    step = f"Next session, practise {marker_id} ({short_name.lower()}): {tip}"
    # The habit to practise is sometimes also a strength elsewhere in the session: the coach's own
    # moment is the model to repeat, and saying so keeps the report from reading as a contradiction.
    model = next((s for s in shown if s.marker == marker_id and s.turn is not None), None)
    if model is not None and model.turn is not None:
        clock = format_clock(model.start_s)
        where = f"at {clock}" if clock else f"in turn {model.turn}"
        step += f" You already did this {where}; do it that way every time."
    return tips, step
