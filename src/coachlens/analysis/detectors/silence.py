"""Marker 5.5 (the coach allows silence, pause or reflection), read from turn timings.

Apart from the language-based presence markers in `presence` because it works on time, not words:
`not_assessable` without times, estimated with start times only, measured with start and end times.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import finding, quoted, sentence_evidence, turn_evidence, when
from coachlens.analysis.detectors.timing import Gap, exchanges, pauses
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding


@register("coachlens.marker.5_5.v1", needs=("timestamps",))
def detect_silence(view: SessionView) -> MarkerFinding:
    """5.5: the coach lets silence happen (needs turn timings)."""
    name = "coachlens.marker.5_5.v1"
    if not view.timed:
        return finding(
            "5.5",
            "not_assessable",
            0.9,
            [],
            "Silence cannot be judged from an untimed transcript; upload the VTT or the recording to include it.",
            name,
        )
    found = pauses(view.session)
    chances = exchanges(view.session)
    estimated = not view.has_end_times
    # Silence the coach held: after a coach question before the client answered, or before the coach
    # spoke after the client finished.
    held = [g for g in found if view.is_client(g.after) or view.is_coach(g.after)]
    long_ones = [g for g in held if g.seconds >= 5]
    basis = " (turn ends estimated from start times)" if estimated else ""
    if len(held) >= 3 or (len(held) >= 2 and long_ones):
        gap = max(held, key=lambda g: g.seconds)
        return finding(
            "5.5",
            "demonstrated",
            0.7 if estimated else 0.85,
            [_gap_evidence(view, g) for g in sorted(held, key=lambda g: -g.seconds)],
            f"The coach let {len(held)} silences of 3 s or more happen{basis}; the longest, {gap.seconds:.0f} s, "
            f"{_gap_words(view, gap)}.",
            name,
        )
    if held:
        gap = held[0]
        return finding(
            "5.5",
            "partial",
            0.55,
            [_gap_evidence(view, g) for g in held],
            f"Only {len(held)} pause(s) of 3 s or more in {chances} hand-overs{basis}, e.g. {gap.seconds:.0f} s "
            f"{when(view, gap.after)}; most of the time the next line came straight away.",
            name,
        )
    quick = _quick_replies(view)
    if estimated:
        return finding(
            "5.5",
            "not_assessable",
            0.6,
            [],
            "The transcript has start times but no end times, and no pause is long enough to show through that; "
            "upload the VTT or the recording to judge silence.",
            name,
        )
    return finding(
        "5.5",
        "missed",
        0.6,
        quick,
        f"In {chances} timed hand-overs there was no silence of 3 s or more: the coach filled every pause"
        + (
            f", e.g. answering within a second with {quoted(quick[0].quote, 60)} {when(view, quick[0].turn)}."
            if quick
            else "."
        ),
        name,
    )


def _gap_words(view: SessionView, gap: Gap) -> str:
    """Where a silence sat, in words: after the coach's question, or before the coach's next line."""
    quote = quoted(_gap_evidence(view, gap).quote, 60)
    if view.is_coach(gap.before):
        return f"followed {quote} {when(view, gap.before)}"
    return f"came after the client finished, before the coach said {quote} {when(view, gap.after)}"


def _gap_evidence(view: SessionView, gap: Gap) -> Evidence:
    """The coach's side of a silence: the line before it when the coach asked, else the line after."""
    if view.is_coach(gap.before):
        spans = view.sentences_in(gap.before)
        if spans:
            return sentence_evidence(view, spans[-1])
    return turn_evidence(view, gap.after, sentences=1)


def _quick_replies(view: SessionView) -> list[Evidence]:
    """Coach lines that came within a second of the client's fullest turns: where a pause could have been."""
    quick: list[tuple[int, Evidence]] = []
    for before, after in zip(view.turns, view.turns[1:], strict=False):
        if before.role != "client" or after.role != "coach" or before.end_s is None or after.start_s is None:
            continue
        said = [s for s in view.sentences_in(after.index) if len(s.text.split()) >= 3]
        if after.start_s - before.end_s < 1.0 and said:
            quick.append((len(before.text), sentence_evidence(view, said[0])))
    return [e for _, e in sorted(quick, key=lambda pair: -pair[0])]
