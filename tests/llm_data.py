"""Small hand-built sessions and assessments for the LLM tests (no offline engine run: fast).

`offline_assessment()` scores the session with the real scoring functions over hand-written offline
findings, so re-scoring after a merge is exercised for real. `scripted_judge` answers marker-judgement
requests the way a well-behaved model would: it quotes the (redacted) transcript lines it was sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from coachlens.analysis.scoring import competency_scores, overall_score, readiness
from coachlens.framework import load_rubric
from coachlens.models import (
    Assessment,
    CoachingSession,
    Evidence,
    Feedback,
    MarkerFinding,
    MarkerStatus,
    Turn,
)

COACH = "Dana Whitfield"
CLIENT = "Mei Lin Tan"

LINES: tuple[tuple[str, str], ...] = (
    ("coach", "Welcome, Mei. What would you like to focus on today?"),
    (
        "client",
        "My manager Sam Patel keeps booking over my focus time. You can reach me at mei.tan@example.com "
        "or +65 9123 4567 if the call drops.",
    ),
    ("coach", "It sounds exhausting to hold all of that while Sam keeps moving things."),
    ("client", "It is. I feel like I'm letting the team down."),
    (
        "coach",
        "You went back to Sam a second time after the first talk went badly. That took real persistence.",
    ),
    ("client", "I suppose it did. Nobody else would have."),
    ("coach", "What do you want to be different by Friday?"),
    ("client", "Evenings back. Our office is at 42 Orchard Road and I leave at nine."),
)

PERSONAL_DETAILS = (
    "Mei",
    "Sam Patel",
    "Sam",
    "mei.tan@example.com",
    "+65 9123 4567",
    "42 Orchard Road",
    COACH,
)


def make_session(lines: tuple[tuple[str, str], ...] = LINES, *, timed: bool = True) -> CoachingSession:
    turns = []
    for index, (role, text) in enumerate(lines):
        speaker = COACH if role == "coach" else CLIENT
        start = 10.0 * index if timed else None
        end = 10.0 * index + 9 if timed else None
        turns.append(Turn(index, speaker, "coach" if role == "coach" else "client", start, end, text))
    return CoachingSession(title="Focus time", source_format="txt", turns=tuple(turns))


def offline_findings(session: CoachingSession) -> tuple[MarkerFinding, ...]:
    """One finding per rubric marker: mostly missed, a few with evidence, 5.5 not assessable."""
    special: dict[str, tuple[MarkerStatus, tuple[Evidence, ...]]] = {
        "4.2": ("partial", (Evidence(2, "It sounds exhausting", 20.0),)),
        "5.5": ("not_assessable", ()),
        "6.1": ("demonstrated", (Evidence(2, "while Sam keeps moving things", 20.0),)),
        "7.6": ("demonstrated", (Evidence(6, "What do you want to be different by Friday?", 60.0),)),
    }
    findings = []
    for marker in load_rubric().markers:
        status, evidence = special.get(marker.id, ("missed", ()))
        findings.append(
            MarkerFinding(
                id=marker.id,
                competency=marker.competency,
                status=status,
                confidence=0.6,
                evidence=evidence,
                rationale=f"offline rule for {marker.id}",
                detector="test.rule.v1",
            )
        )
    return tuple(findings)


def offline_assessment(session: CoachingSession | None = None) -> Assessment:
    session = session or make_session()
    rubric = load_rubric()
    findings = offline_findings(session)
    metrics: dict[str, Any] = {"coach_talk_share": 0.42, "questions_open": 2, "reflections": 1, "advice": 0}
    competencies = competency_scores(rubric, findings, metrics)
    overall, components = overall_score(findings, metrics)
    return Assessment(
        session=session,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        turn_acts=tuple(() for _ in session.turns),
        markers=findings,
        competencies=competencies,
        metrics=metrics,
        readiness=readiness(overall, competencies, findings, metrics),
        feedback=Feedback(),
        overall_score=overall,
        extra={"score_components": components},
    )


_TURN_LINE = re.compile(r"^\[turn (\d+)\] [^:]+?(?: \([\d:]+\))?: (.*)$", re.MULTILINE)


def sent_turns(user_message: str) -> dict[int, str]:
    """The transcript lines of a request, by turn number, as the model received them."""
    return {int(m.group(1)): m.group(2) for m in _TURN_LINE.finditer(user_message)}


def requested_markers(user_message: str) -> list[str]:
    match = re.search(r"Reply with one finding for each of ([\d., ]+), as JSON", user_message)
    return [m.strip() for m in match.group(1).split(",")] if match else []


def user_message(body: dict[str, Any]) -> str:
    return str(next(m["content"] for m in body["messages"] if m["role"] == "user"))


def judge_reply(user: str, overrides: dict[str, dict[str, Any]] | None = None) -> str:
    """A valid judgement for every requested marker: "no_opportunity" unless overridden.

    An override may give `quote_turn` and `quote_words` (a slice of words of that sent line), which
    become an evidence quote copied from what was sent, placeholders and all.
    """
    overrides = overrides or {}
    turns = sent_turns(user)
    findings = []
    for marker in requested_markers(user):
        spec = dict(overrides.get(marker, {}))
        evidence = []
        if "quote_turn" in spec:
            turn = int(spec.pop("quote_turn"))
            start, stop = spec.pop("quote_words", (0, 6))
            words = turns[turn].split()[start:stop]
            evidence.append({"turn": turn, "quote": " ".join(words)})
        if "quote" in spec:
            evidence.append(spec.pop("quote"))
        findings.append(
            {
                "marker": marker,
                "status": spec.get("status", "no_opportunity"),
                "confidence": spec.get("confidence", 0.8),
                "evidence": evidence,
                "rationale": spec.get("rationale", f"model view of {marker}"),
            }
        )
    return json.dumps({"findings": findings})


def narrative_reply(user: str, turn: int = 4, words: tuple[int, int] = (0, 6)) -> str:
    turns = sent_turns(user)
    quote = " ".join(turns[turn].split()[words[0] : words[1]]) if turn in turns else "not there"
    return json.dumps(
        {
            "opening": "You kept the attention on the client throughout.",
            "claims": [
                {"text": "You named the persistence it took.", "turn": turn, "quote": quote, "marker": "4.1"},
                {"text": "An invented moment.", "turn": 1, "quote": "words nobody said", "marker": None},
            ],
            "next_step": "Try one more reflection before each question.",
        }
    )


GOOD_OVERRIDES: dict[str, dict[str, Any]] = {
    # Upgrade 4.1 from missed, quoting the acknowledgement in turn 4 (which holds a redacted name).
    "4.1": {"status": "demonstrated", "quote_turn": 4, "quote_words": (0, 8)},
    # Agree with the offline "partial" on 4.2.
    "4.2": {"status": "partial", "quote_turn": 2, "quote_words": (0, 4)},
}


def smart_model(overrides: dict[str, dict[str, Any]] | None = None) -> Callable[[dict[str, Any]], str]:
    """Reply content for any request: judgements for judge requests, a narrative otherwise."""

    def answer(body: dict[str, Any]) -> str:
        user = user_message(body)
        if "Reply with one finding for each of" in user:
            return judge_reply(user, GOOD_OVERRIDES if overrides is None else overrides)
        return narrative_reply(user)

    return answer
