"""Competency 6 (Listens Actively), marker 6.6: the coach lets the client finish speaking.

Read from the turn timings when there are any; an untimed transcript can still show a cut-in where the
client's line breaks off with a dash and the coach speaks next. `listening` imports this module so
that loading it registers all of competency 6.
"""

from __future__ import annotations

import re

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import finding, quoted, times, turn_evidence, when
from coachlens.analysis.detectors.timing import exchanges, interruptions
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding, MarkerStatus


@register("coachlens.marker.6_6.v1", needs=("timestamps",))
def detect_lets_client_finish(view: SessionView) -> MarkerFinding:
    """6.6: the coach lets the client finish (needs turn timings)."""
    name = "coachlens.marker.6_6.v1"
    if not view.timed:
        return _cut_offs_in_text(view, name)
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
        f"The coach cut in on the client {times(len(cut_ins))} in {chances} hand-overs{basis}, e.g. "
        f"{when(view, first.after)} the coach began {quoted(view.turn(first.after).text, 60)} while the client was "
        f"still saying {quoted(_tail(view.turn(first.before).text), 60)}.",
        name,
    )


# A transcript marks a speaker cut off mid-word or mid-sentence with a dash: "and I'm already—".
_BROKEN_OFF = re.compile(r"(?:\w|,)\s*(?:—|–|--|-)\s*$")


def _cut_offs_in_text(view: SessionView, name: str) -> MarkerFinding:
    """6.6 without timings: a client turn that breaks off with a dash, with the coach speaking next,
    shows the coach came in before the client had finished."""
    handovers = [
        (a, b)
        for a, b in zip(view.turns, view.turns[1:], strict=False)
        if a.role == "client" and b.role == "coach"
    ]
    cut = [(a, b) for a, b in handovers if _BROKEN_OFF.search(a.text)]
    if not cut:
        return finding(
            "6.6",
            "not_assessable",
            0.9,
            [],
            "Interruptions cannot be judged from an untimed transcript; upload the VTT or the recording to include it.",
            name,
        )
    before, after = cut[0]
    status: MarkerStatus = "partial" if len(cut) == 1 and len(handovers) >= 10 else "missed"
    return finding(
        "6.6",
        status,
        0.6,
        [turn_evidence(view, b.index, sentences=1) for _, b in cut],
        f"The client broke off mid-sentence {times(len(cut))} and the coach took over, e.g. {when(view, after.index)} "
        f"the client was saying {quoted(_tail(before.text), 60)} and the coach came in with "
        f"{quoted(after.text, 60)} (from the transcript's dashes; timings would show every cut-in).",
        name,
    )


def _tail(text: str) -> str:
    """The last words of a turn, for showing where the coach came in."""
    cut = text[-80:]
    return cut.split(" ", 1)[1] if " " in cut and len(text) > 80 else cut
