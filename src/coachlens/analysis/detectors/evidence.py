"""Building findings: verbatim evidence, "at 03:12" anchors and the MarkerFinding itself.

Every quote is cut from the turn text by offsets, so it is a verbatim substring of its turn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.text import format_clock, sentence_spans, shorten
from coachlens.models import Evidence, MarkerFinding, MarkerStatus

MAX_QUOTE_CHARS = 280


def span_evidence(view: SessionView, turn_index: int, start: int, end: int) -> Evidence:
    """Evidence for text[start:end] of a turn, trimmed of outer whitespace."""
    turn = view.turn(turn_index)
    text = turn.text
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > MAX_QUOTE_CHARS:
        # Cut long spans at a sentence boundary inside the limit, or at a word boundary.
        cut = max((e for s, e in sentence_spans(text[start:end]) if e <= MAX_QUOTE_CHARS), default=0)
        if cut == 0:
            cut = text[start : start + MAX_QUOTE_CHARS].rfind(" ")
            cut = cut if cut > 0 else MAX_QUOTE_CHARS
        end = start + cut
        while end > start and text[end - 1].isspace():
            end -= 1
    return Evidence(turn=turn_index, quote=text[start:end], start_s=turn.start_s)


def sentence_evidence(view: SessionView, sentence: CoachSentence) -> Evidence:
    """Evidence quoting one coach sentence exactly."""
    return span_evidence(view, sentence.turn, sentence.start, sentence.end)


def turn_evidence(view: SessionView, turn_index: int, *, sentences: int = 2) -> Evidence:
    """The opening sentence(s) of a turn as evidence."""
    text = view.turn(turn_index).text
    spans = sentence_spans(text)
    if not spans:
        return span_evidence(view, turn_index, 0, len(text))
    chosen = spans[: max(1, sentences)]
    return span_evidence(view, turn_index, chosen[0][0], chosen[-1][1])


def sentence_around(view: SessionView, turn_index: int, offset: int) -> Evidence:
    """The sentence of a turn that contains character `offset`."""
    text = view.turn(turn_index).text
    for start, end in sentence_spans(text):
        if start <= offset < end:
            return span_evidence(view, turn_index, start, end)
    return turn_evidence(view, turn_index, sentences=1)


def anchor_evidence(view: SessionView, at: float) -> Evidence:
    """Where a missing move belonged: the first coach turn from position `at` (0-1) that says something
    (at least four words), quoted from its first such sentence."""
    candidates = [t for t in view.coach_turns if view.position(t.index) >= at] or list(view.coach_turns[-1:])
    for turn in candidates:
        for sentence in view.sentences_in(turn.index):
            if len(sentence.text.split()) >= 4 and not sentence.is_small_talk:
                return sentence_evidence(view, sentence)
    return turn_evidence(view, candidates[0].index, sentences=1)


def closing_evidence(view: SessionView) -> Evidence:
    """How the coach closed: the fullest coach turn in the last 15% of the session."""
    closing = [t for t in view.coach_turns if view.position(t.index) >= 0.85] or list(view.coach_turns[-1:])
    turn = max(closing, key=lambda t: len(t.text))
    for sentence in view.sentences_in(turn.index):
        if len(sentence.text.split()) >= 6:
            return sentence_evidence(view, sentence)
    return turn_evidence(view, turn.index, sentences=1)


def reply_to_richest(
    view: SessionView, *, after: float = 0.0, before: float = 1.01, prefer: re.Pattern[str] | None = None
) -> tuple[Evidence, str] | None:
    """The coach's reply to the client's fullest turn in a stretch of the session (client turns matching
    `prefer` first): the moment with the most to work with. Returns the evidence and a phrase for a
    rationale, or None when there is no such pair."""
    pairs = []
    for turn in view.client_turns:
        if not after <= view.position(turn.index) < before:
            continue
        reply = next((t for t in view.turns[turn.index + 1 : turn.index + 2] if t.role == "coach"), None)
        if reply is None:
            continue
        sentences = [s for s in view.sentences_in(reply.index) if len(s.text.split()) >= 3]
        if not sentences:
            continue
        preferred = bool(prefer and prefer.search(turn.text))
        pairs.append((preferred, len(turn.text.split()), turn, sentences[0]))
    if not pairs:
        return None
    _, _, client, sentence = max(pairs, key=lambda p: (p[0], p[1]))
    phrase = (
        f"after the client's {len(client.text.split())}-word turn {when(view, client.index)} the coach "
        f"answered {quoted(sentence.text, 80)}"
    )
    return sentence_evidence(view, sentence), phrase


def times(count: int) -> str:
    """'once', 'twice', '3 times': counts in rationales read as plain English."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def when(view: SessionView, turn_index: int) -> str:
    """'at 03:12' for a timed turn, 'in turn 12' otherwise."""
    clock = format_clock(view.turn(turn_index).start_s)
    return f"at {clock}" if clock else f"in turn {turn_index}"


def quoted(text: str, limit: int = 140) -> str:
    """Text in quotation marks for a rationale, shortened for reading. A closing full stop is left
    out: the rationale's own punctuation follows the quote ("...: “Write it down”." not "down.”.")."""
    clean = shorten(text, limit)
    if clean.endswith(".") and not clean.endswith(".."):
        clean = clean[:-1]
    return f"\u201c{clean}\u201d"


def dedupe(evidence: Iterable[Evidence], limit: int = 3) -> tuple[Evidence, ...]:
    """The first `limit` pieces of evidence (callers put the best first), one per turn."""
    seen: set[int] = set()
    kept: list[Evidence] = []
    for item in evidence:
        if item.turn in seen or not item.quote:
            continue
        seen.add(item.turn)
        kept.append(item)
        if len(kept) == limit:
            break
    return tuple(kept)


def finding(
    marker_id: str,
    status: MarkerStatus,
    confidence: float,
    evidence: Sequence[Evidence],
    rationale: str,
    detector: str,
    *,
    limit: int = 3,
) -> MarkerFinding:
    """A MarkerFinding with the competency taken from the marker id and evidence de-duplicated."""
    return MarkerFinding(
        id=marker_id,
        competency=int(marker_id.split(".")[0]),
        status=status,
        confidence=max(0.05, min(0.99, confidence)),
        evidence=dedupe(evidence, limit),
        rationale=rationale,
        detector=detector,
    )


def same_line(turn_a: int, quote_a: str, turn_b: int, quote_b: str) -> bool:
    """Whether two quotes are about the same line: one turn, and one quote inside the other. The
    feedback keeps one item per line, so two habits in one turn are both raised only when they
    quote different lines."""
    return turn_a == turn_b and (quote_a in quote_b or quote_b in quote_a)
