"""The transcript as the report page shows it: each turn split into plain and highlighted segments.

An evidence quote is a verbatim substring of its turn (the assessment contract), so highlighting is a
matter of finding each quote's span and cutting the turn text at every span boundary. Overlapping
quotes of different markers give segments that carry several marker ids. Each piece of evidence gets
an anchor id at the start of its quote, so a marker's evidence can link straight to the line and the
highlight can link back to the marker. The text stays plain text; the template escapes it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def marker_slug(marker_id: str) -> str:
    """A marker id usable in an HTML id and a CSS selector: "4.2" -> "4-2"."""
    return re.sub(r"[^0-9A-Za-z]+", "-", marker_id).strip("-") or "marker"


def evidence_anchor(marker_id: str, turn: int, position: int) -> str:
    """The id of the anchor placed where one piece of a marker's evidence starts."""
    return f"ev-{marker_slug(marker_id)}-t{turn}-{position}"


@dataclass(frozen=True)
class EvidenceRef:
    """One quote of one marker, located in the transcript."""

    marker_id: str
    turn: int
    quote: str
    start_s: float | None
    anchor: str
    found: bool


@dataclass(frozen=True)
class Segment:
    """A run of a turn's text.

    `markers` covers the run (empty for plain text); `anchors` are the evidence ids starting here;
    `ends` the markers whose quote ends here (the page puts the marker links there, once per quote).
    """

    text: str
    markers: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()

    @property
    def highlighted(self) -> bool:
        return bool(self.markers)


@dataclass(frozen=True)
class TurnView:
    index: int
    speaker: str
    role: str
    start_s: float | None
    acts: tuple[str, ...]
    segments: tuple[Segment, ...]
    markers: tuple[str, ...]
    competencies: tuple[int, ...]

    @property
    def anchor(self) -> str:
        return f"turn-{self.index}"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    marker_id: str
    anchor: str


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` sits in `text`: exact first, then ignoring case and runs of whitespace."""
    if not quote:
        return None
    exact = text.find(quote)
    if exact >= 0:
        return exact, exact + len(quote)
    words = [re.escape(w) for w in quote.split()]
    if not words:
        return None
    loose = re.search(r"\s+".join(words), text, flags=re.IGNORECASE)
    return (loose.start(), loose.end()) if loose else None


def collect_evidence(
    markers: Sequence[Mapping[str, Any]], turns_text: Mapping[int, str]
) -> list[EvidenceRef]:
    """Every evidence quote of every marker finding, with its anchor id and whether it was found."""
    refs: list[EvidenceRef] = []
    for finding in markers:
        marker_id = str(finding.get("id", ""))
        for position, item in enumerate(finding.get("evidence") or []):
            if not isinstance(item, Mapping):
                continue
            turn = item.get("turn")
            if not isinstance(turn, int):
                continue
            quote = str(item.get("quote") or "")
            text = turns_text.get(turn)
            found = text is not None and locate_quote(text, quote) is not None
            start = item.get("start_s")
            refs.append(
                EvidenceRef(
                    marker_id=marker_id,
                    turn=turn,
                    quote=quote,
                    start_s=float(start) if isinstance(start, int | float) else None,
                    anchor=evidence_anchor(marker_id, turn, position),
                    found=found,
                )
            )
    return refs


def split_turn(text: str, spans: Sequence[_Span]) -> tuple[Segment, ...]:
    """Cut `text` at every span boundary; each piece lists the markers covering it."""
    if not spans:
        return (Segment(text=text),)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    segments: list[Segment] = []
    for begin, end in itertools.pairwise(cuts):
        if begin >= end:
            continue
        covering = tuple(dict.fromkeys(s.marker_id for s in spans if s.start <= begin and s.end >= end))
        anchors = tuple(s.anchor for s in spans if s.start == begin)
        ends = tuple(dict.fromkeys(s.marker_id for s in spans if s.end == end))
        segments.append(Segment(text=text[begin:end], markers=covering, anchors=anchors, ends=ends))
    return tuple(segments)


def build_turns(
    turns: Sequence[Mapping[str, Any]],
    evidence: Sequence[EvidenceRef],
    competency_of: Mapping[str, int],
) -> tuple[TurnView, ...]:
    """The transcript's turns with their evidence highlighted."""
    spans_by_turn: dict[int, list[_Span]] = {}
    texts = {int(t.get("index", i)): str(t.get("text") or "") for i, t in enumerate(turns)}
    for ref in evidence:
        text = texts.get(ref.turn)
        if text is None:
            continue
        where = locate_quote(text, ref.quote)
        if where is None:
            continue
        spans_by_turn.setdefault(ref.turn, []).append(_Span(where[0], where[1], ref.marker_id, ref.anchor))
    views: list[TurnView] = []
    for position, turn in enumerate(turns):
        index = int(turn.get("index", position))
        spans = spans_by_turn.get(index, [])
        markers = tuple(dict.fromkeys(s.marker_id for s in spans))
        competencies = tuple(sorted({competency_of[m] for m in markers if m in competency_of}))
        start = turn.get("start_s")
        views.append(
            TurnView(
                index=index,
                speaker=str(turn.get("speaker") or "?"),
                role=str(turn.get("role") or "unknown"),
                start_s=float(start) if isinstance(start, int | float) else None,
                acts=tuple(str(a) for a in turn.get("acts") or ()),
                segments=split_turn(texts[index], spans),
                markers=markers,
                competencies=competencies,
            )
        )
    return tuple(views)


def filter_visibility(turns: Sequence[TurnView], marker: str, competency: int | None) -> dict[int, str]:
    """For a transcript filter: each turn is a "match", "context" (the reply right after a match) or "hidden".

    With no filter every turn is a match. The reply is kept because evidence is often read in the
    light of how the client answered it.
    """
    if not marker and competency is None:
        return {t.index: "match" for t in turns}
    visibility: dict[int, str] = {}
    previous_matched = False
    for turn in turns:
        matched = (not marker or marker in turn.markers) and (
            competency is None or competency in turn.competencies
        )
        visibility[turn.index] = "match" if matched else "context" if previous_matched else "hidden"
        previous_matched = matched
    return visibility
