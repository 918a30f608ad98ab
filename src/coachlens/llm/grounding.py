"""Grounding: every quote a model cites is checked against the transcript before anyone sees it.

A quote passes when, after whitespace normalisation, it is a verbatim substring of the turn it names.
Two leniencies, both keeping the evidence verbatim: quote marks or an ellipsis wrapped around the whole
quote are ignored, and an ellipsis inside a quote (an elision) matches when every part appears in that
order in one turn (the evidence is then the turn's own text from the first part to the last). A quote
found in a different turn than the one cited is moved there only when exactly one turn holds it.

What is returned is always the transcript's own text (`Evidence.quote` is a substring of the turn), so
a paraphrasing model cannot put words in the coach's mouth. Failures are counted in `GroundingReport`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from coachlens.models import CoachingSession, Evidence, MarkerFinding, MarkerStatus, Turn

_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
_WRAPPING = "\"'“”‘’«» "
# Shorter than this, a "quote" matches too much of any transcript to count as evidence.
MIN_QUOTE_CHARS = 4
# An elided quote may not stretch across more of the turn than this.
MAX_ELIDED_SPAN = 600

# Statuses that claim something happened, so need at least one checked quote to stand.
_CLAIMS = frozenset({"demonstrated", "partial"})


@dataclass(frozen=True)
class QuoteRef:
    """A model's citation: the turn it names and the words it says are there."""

    turn: int
    quote: str


@dataclass(frozen=True)
class GroundingReport:
    """How the model's citations fared. Added up across chunks and competencies."""

    quotes_checked: int = 0
    quotes_verified: int = 0
    quotes_relocated: int = 0
    quotes_failed: int = 0
    findings_kept: int = 0
    findings_downgraded: int = 0
    findings_dropped: int = 0

    def __add__(self, other: GroundingReport) -> GroundingReport:
        return GroundingReport(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, ...]:
        return (
            self.quotes_checked,
            self.quotes_verified,
            self.quotes_relocated,
            self.quotes_failed,
            self.findings_kept,
            self.findings_downgraded,
            self.findings_dropped,
        )

    def to_dict(self) -> dict[str, int]:
        return {
            "quotes_checked": self.quotes_checked,
            "quotes_verified": self.quotes_verified,
            "quotes_relocated": self.quotes_relocated,
            "quotes_failed": self.quotes_failed,
            "findings_kept": self.findings_kept,
            "findings_downgraded": self.findings_downgraded,
            "findings_dropped": self.findings_dropped,
        }


def normalise_whitespace(text: str) -> str:
    """Runs of whitespace (spaces, tabs, line breaks) become one space; ends trimmed."""
    return _SPACE.sub(" ", text).strip()


def locate_in_turn(turn: Turn, quote: str) -> Evidence | None:
    """The turn's own text matching `quote` (whitespace-normalised), or None if it is not there."""
    parts = [p for p in _ELLIPSIS.split(_unwrap(quote)) if p.strip()]
    if not parts or sum(len(normalise_whitespace(p)) for p in parts) < MIN_QUOTE_CHARS:
        return None
    normalised, offsets = _normalise_with_offsets(turn.text)
    cursor = 0
    first_start: int | None = None
    last_end = 0
    for part in parts:
        needle = normalise_whitespace(part)
        found = normalised.find(needle, cursor)
        if found < 0:
            return None
        if first_start is None:
            first_start = found
        last_end = found + len(needle)
        cursor = last_end
    assert first_start is not None
    start, end = offsets[first_start], offsets[last_end - 1] + 1
    if len(parts) > 1 and end - start > MAX_ELIDED_SPAN:
        return None
    return Evidence(turn=turn.index, quote=turn.text[start:end], start_s=turn.start_s)


def locate_quote(session: CoachingSession, ref: QuoteRef) -> tuple[Evidence | None, bool]:
    """Check one citation. Returns (evidence or None, whether it was moved to another turn)."""
    by_index = {t.index: t for t in session.turns}
    cited = by_index.get(ref.turn)
    if cited is not None:
        evidence = locate_in_turn(cited, ref.quote)
        if evidence is not None:
            return evidence, False
    elsewhere = [e for t in session.turns if t.index != ref.turn and (e := locate_in_turn(t, ref.quote))]
    if len(elsewhere) == 1:
        return elsewhere[0], True
    return None, False


def check_quotes(
    session: CoachingSession, refs: Sequence[QuoteRef]
) -> tuple[tuple[Evidence, ...], GroundingReport]:
    """Check every citation; the verified ones come back as Evidence (duplicates removed)."""
    kept: list[Evidence] = []
    verified = relocated = failed = 0
    for ref in refs:
        evidence, moved = locate_quote(session, ref)
        if evidence is None:
            failed += 1
            continue
        verified += 1
        relocated += int(moved)
        if all((e.turn, e.quote) != (evidence.turn, evidence.quote) for e in kept):
            kept.append(evidence)
    report = GroundingReport(
        quotes_checked=len(refs), quotes_verified=verified, quotes_relocated=relocated, quotes_failed=failed
    )
    return tuple(kept), report


def ground_finding(
    finding: MarkerFinding, refs: Sequence[QuoteRef], session: CoachingSession
) -> tuple[MarkerFinding | None, GroundingReport]:
    """Apply the grounding rules to a model's finding (its `evidence` is replaced by checked quotes).

    - A claim (demonstrated, partial) with no checked quote is dropped.
    - A claim that lost some quotes keeps the checked ones, loses confidence in proportion, and a
      "demonstrated" whose quotes mostly failed becomes "partial": counted as downgraded.
    - Any other status whose quotes were all wrong is dropped (the model misread the session); with
      no quotes at all it stands, ungrounded, and the merge rules give it no power to change anything.
    """
    evidence, report = check_quotes(session, refs)
    total, failed = report.quotes_checked, report.quotes_failed
    if (finding.status in _CLAIMS and not evidence) or (total and not evidence):
        return None, replace(report, findings_dropped=1)
    if failed == 0:
        return replace(finding, evidence=evidence), replace(report, findings_kept=1)
    status: MarkerStatus = finding.status
    if status == "demonstrated" and failed > report.quotes_verified:
        status = "partial"
    confidence = finding.confidence * (report.quotes_verified / total)
    downgraded = replace(finding, status=status, confidence=confidence, evidence=evidence)
    return downgraded, replace(report, findings_kept=1, findings_downgraded=1)


def _unwrap(quote: str) -> str:
    text = quote.strip()
    for mark in ("...", "…"):
        text = text.removeprefix(mark).removesuffix(mark)
    return text.strip(_WRAPPING)


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Whitespace-normalised text and, for each of its characters, the index in the original."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for index, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            offsets.append(index - 1)
            pending_space = False
        chars.append(ch)
        offsets.append(index)
    return "".join(chars), offsets
