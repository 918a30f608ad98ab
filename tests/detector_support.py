"""Small sessions and a tiny rule-based act classifier for the engine tests.

The engine's own classifier (`coachlens.analysis.acts`) is tested by its own suite; the detector
tests use this stand-in so that they check the detectors' logic, run in milliseconds and do not
change when the act model is retrained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coachlens.analysis.detectors.context import SessionView, build_view
from coachlens.analysis.detectors.text import sentence_spans, word_count
from coachlens.analysis.registry import detector_for
from coachlens.analysis.types import SentenceActs, TurnActs
from coachlens.framework import Rubric, load_rubric
from coachlens.models import CoachingSession, MarkerFinding, Turn

OPEN_START = re.compile(r"^\W*(?:(?:and|so|but)\W+)?(?:what|how|tell|where|who|which|when|why|say)\b", re.I)
LEADING = re.compile(r"^\W*(?:don'?t|wouldn'?t|isn'?t|aren'?t|doesn'?t|couldn'?t|shouldn'?t)\b", re.I)
ADVICE = re.compile(
    r"\b(?:you should|you need to|you have to|you'?ve got to|have you tried|why don'?t you|I'?d)\b", re.I
)
REFLECTION = re.compile(r"^\W*(?:so\b|it sounds like|you'?re|you feel|you'?ve)", re.I)
EMPATHY = re.compile(r"\b(?:sounds (?:really )?(?:hard|difficult|tough)|I'?m sorry)\b", re.I)

Line = tuple[str, str] | tuple[str, str, float]


class SimpleClassifier:
    """Question/advice/reflection/empathy by surface form; enough for detector tests."""

    name = "tests.simple.v1"

    def classify(self, session: CoachingSession) -> tuple[TurnActs, ...]:
        results: list[TurnActs] = []
        for turn in session.turns:
            if turn.role != "coach":
                results.append(TurnActs(turn=turn.index, acts=()))
                continue
            sentences = []
            for start, end in sentence_spans(turn.text):
                text = turn.text[start:end]
                acts, flags = self._acts(text)
                sentences.append(SentenceActs(turn.index, start, end, text, tuple(acts), flags=tuple(flags)))
            rolled = {a for s in sentences for a in s.acts}
            if sum(1 for s in sentences if s.text.endswith("?")) >= 2:
                rolled.add("question.stacked")
            results.append(TurnActs(turn=turn.index, acts=tuple(sorted(rolled)), sentences=tuple(sentences)))
        return tuple(results)

    @staticmethod
    def _acts(text: str) -> tuple[list[str], list[str]]:
        acts: list[str] = []
        flags: list[str] = []
        if text.rstrip().endswith("?"):
            acts.append("question.open" if OPEN_START.search(text) else "question.closed")
            if LEADING.search(text):
                acts.append("question.leading")
            if re.match(r"^\W*why\b", text, re.I):
                flags.append("why_question")
        elif REFLECTION.search(text) and not ADVICE.search(text):
            acts.append("reflection")
        if ADVICE.search(text):
            acts.append("advice")
        if EMPATHY.search(text):
            acts.append("empathy")
        return acts or ["other"], flags


def make_session(
    lines: Sequence[Line], *, timed: bool = False, title: str = "test session"
) -> CoachingSession:
    """A session from (role, text) pairs; `timed` adds start/end times at 2.5 words a second with a
    0.5 s gap, or the gap given as a third element (negative for an overlap)."""
    turns: list[Turn] = []
    clock = 0.0
    for index, line in enumerate(lines):
        role, text = line[0], line[1]
        gap = line[2] if len(line) == 3 else 0.5  # type: ignore[misc]
        start = end = None
        if timed:
            start = round(clock + gap, 2)
            end = round(start + max(1.0, word_count(text) / 2.5), 2)
            clock = end
        speaker = "Coach" if role == "coach" else "Client"
        turns.append(Turn(index, speaker, role, start, end, text))  # type: ignore[arg-type]
    return CoachingSession(title=title, source_format="text", turns=tuple(turns))


def rubric() -> Rubric:
    return load_rubric("icf-2019-pcc-2020")


def view_of(session: CoachingSession) -> SessionView:
    return build_view(session, SimpleClassifier().classify(session), rubric())


def judge(marker_id: str, lines: Sequence[Line], *, timed: bool = False) -> MarkerFinding:
    """Run the registered detector of one marker on a session built from `lines`."""
    view = view_of(make_session(lines, timed=timed))
    return detector_for(marker_id)(view)


FILLER_CLIENT = "I've been turning this over all week and I still don't know where to begin with it."
FILLER_COACH = "Mm, go on."


def padded(middle: Sequence[Line], *, before: int = 2, after: int = 2) -> list[Line]:
    """`middle` with neutral exchanges around it, so a line can sit early, mid or late in a session."""
    pad: list[Line] = []
    for _ in range(before):
        pad += [("client", FILLER_CLIENT), ("coach", FILLER_COACH)]
    tail: list[Line] = []
    for _ in range(after):
        tail += [("client", FILLER_CLIENT), ("coach", FILLER_COACH)]
    return [*pad, *middle, *tail]


def assert_verbatim(finding: MarkerFinding, session: CoachingSession) -> None:
    """Every evidence quote of a finding is a substring of the turn it names."""
    for evidence in finding.evidence:
        assert evidence.quote in session.turns[evidence.turn].text, (finding.id, evidence)
