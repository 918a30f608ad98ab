"""Helpers for the web page tests: a small deterministic stand-in assessor and app builders.

The stand-in assessor writes a real `coachlens.assessment/1` document (through the domain model's
`Assessment.to_dict`) from simple rules, so page tests control exactly which markers are found, which
quotes they rest on and how scores move, without loading the embedding model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from coachlens.config import Settings
from coachlens.framework import load_rubric
from coachlens.models import (
    Assessment,
    CoachingSession,
    CompetencyScore,
    Evidence,
    Feedback,
    FeedbackItem,
    MarkerFinding,
    Readiness,
    Rewrite,
)

OPEN_STARTS = ("what", "how", "tell", "describe", "where")


def classify_turn(text: str) -> tuple[str, ...]:
    """Acts by plain rules: enough to give the charts and detectors something to count."""
    lowered = text.lower().strip()
    acts: list[str] = []
    questions = lowered.count("?")
    if questions >= 2:
        acts.append("question.stacked")
    if questions:
        acts.append("question.open" if lowered.startswith(OPEN_STARTS) else "question.closed")
    if lowered.startswith(("so you", "it sounds", "you feel", "you're saying")):
        acts.append("reflection")
    if "you should" in lowered or "have you tried" in lowered:
        acts.append("advice")
    return tuple(acts) or ("other",)


def fake_assessor(
    session: CoachingSession, progress: Callable[[Any], None] | None = None
) -> Mapping[str, Any]:
    """A deterministic assessment: questions evidence 7.1, reflections 6.1, advice misses 8.3."""
    if progress is not None:
        progress("detecting")
    rubric = load_rubric()
    acts = tuple(classify_turn(t.text) if t.role == "coach" else () for t in session.turns)
    coach_turns = [(t, a) for t, a in zip(session.turns, acts, strict=True) if t.role == "coach"]
    questions = [t for t, a in coach_turns if any(x.startswith("question") for x in a)]
    reflections = [t for t, a in coach_turns if "reflection" in a]
    advice = [t for t, a in coach_turns if "advice" in a]

    def evidence(turns: list[Any]) -> tuple[Evidence, ...]:
        return tuple(Evidence(turn=t.index, quote=t.text[:60].strip(), start_s=t.start_s) for t in turns[:3])

    findings: list[MarkerFinding] = []
    for marker in rubric.markers:
        if marker.id == "7.1" and questions:
            status, ev = "demonstrated", evidence(questions)
        elif marker.id == "6.1" and reflections:
            status, ev = "demonstrated", evidence(reflections)
        elif marker.id == "8.3":
            status, ev = ("missed", evidence(advice)) if advice else ("partial", ())
        elif marker.id == "5.5":
            status, ev = "not_assessable", ()
        else:
            status, ev = ("partial", ()) if marker.id.endswith("2") else ("missed", ())
        findings.append(
            MarkerFinding(
                id=marker.id,
                competency=marker.competency,
                status=status,
                confidence=0.7,
                evidence=ev,
                rationale=f"Stand-in finding for {marker.id}.",
                detector="tests.fake.v1",
            )
        )
    competencies = []
    for competency in rubric.competencies:
        own = [f for f in findings if f.competency == competency.id]
        shown = sum(1 for f in own if f.status == "demonstrated")
        score = 100.0 * shown / len(own) if own else 50.0
        competencies.append(CompetencyScore(competency.id, competency.name, score, shown, len(own)))
    first_question = questions[0] if questions else None
    strengths = (
        (
            FeedbackItem(
                "An open question",
                "It opened the topic.",
                first_question.index,
                first_question.text[:40],
                first_question.start_s,
                "7.1",
            ),
        )
        if first_question
        else ()
    )
    growth = (
        (
            FeedbackItem(
                "Advice",
                "You offered a solution.",
                advice[0].index,
                advice[0].text[:40],
                advice[0].start_s,
                "8.3",
            ),
        )
        if advice
        else ()
    )
    rewrites = (
        (
            Rewrite(
                advice[0].index,
                advice[0].text,
                "What options do you see?",
                "advice_to_question",
                "Let the client find it.",
                advice[0].start_s,
            ),
        )
        if advice
        else ()
    )
    coach_words = sum(len(t.text.split()) for t in session.turns if t.role == "coach")
    all_words = sum(len(t.text.split()) for t in session.turns) or 1
    assessment = Assessment(
        session=session,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        turn_acts=acts,
        markers=tuple(findings),
        competencies=tuple(competencies),
        metrics={
            "coach_talk_share": round(coach_words / all_words, 3),
            "questions_open": sum(1 for _, a in coach_turns if "question.open" in a),
            "questions_closed": sum(1 for _, a in coach_turns if "question.closed" in a),
            "stacked_question_turns": sum(1 for _, a in coach_turns if "question.stacked" in a),
            "reflections": len(reflections),
            "advice": len(advice),
        },
        readiness=Readiness("acc" if not advice else "below_acc", "Stand-in readiness rationale citing 8.3."),
        feedback=Feedback(
            strengths=strengths,
            growth_areas=growth,
            rewrites=rewrites,
            next_step="Ask one question at a time (7.1).",
        ),
        overall_score=sum(c.score for c in competencies) / len(competencies),
    )
    return assessment.to_dict()


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test app: its own data dir, no demo sessions unless asked for."""
    values: dict[str, Any] = {"data_dir": data_dir, "seed_demo_sessions": False, **overrides}
    return Settings(**values)


def make_app(settings: Settings) -> FastAPI:
    from coachlens.web.app import create_app

    return create_app(settings, assessor=fake_assessor)


# A labelled session (roles fixed by the labels) with a question, a reflection, advice and a stacked turn.
LABELLED_SESSION = b"""Coach: What would you like to focus on today?
Client: I keep saying yes to every project and I am exhausted.
Coach: So you feel stretched thin by all the yeses.
Client: Yes, exactly. I hate letting people down.
Coach: You should just say no more often. Have you tried blocking your calendar?
Client: I have, it never sticks.
Coach: What would a good outcome from today look like? And how will you know?
Client: A way to decide which requests to accept.
"""

# Two named speakers and no Coach/Client labels: the roles are guessed and must be confirmed.
UNLABELLED_VTT = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v Priya Shah>What would you like to explore in our time today?

00:00:05.000 --> 00:00:12.000
<v Tom Berg>I have been thinking about leaving my job, but I am scared of what my family will say.

00:00:13.000 --> 00:00:16.000
<v Priya Shah>So you feel torn between your wish and your family.

00:00:17.000 --> 00:00:25.000
<v Tom Berg>Yes. Torn is the word. I have wanted this for years and never said it out loud.

00:00:26.000 --> 00:00:30.000
<v Priya Shah>What would saying it out loud make possible?

00:01:02.000 --> 00:01:20.000
<v Tom Berg>Maybe I could finally plan it properly instead of dreaming about it every night.
"""

HOSTILE_SESSION = b"""Coach: What is on your mind <script>alert('coach')</script> today?
Client: My manager wrote <img src=x onerror=alert(1)> in the team chat & I froze.
Coach: So you feel frozen by that message.
Client: Yes, and "stuck" too.
"""


def wait_for_jobs(app: FastAPI, timeout: float = 30.0) -> None:
    """Block until the app's in-process job queue has run everything enqueued."""
    assert app.state.context.jobs.wait_until_idle(timeout)


def upload_files(client: Any, *files: tuple[str, bytes], **fields: str) -> Any:
    """POST the HTML upload form with one or more files; redirects are not followed."""
    return client.post(
        "/upload",
        files=[("files", (name, content, "application/octet-stream")) for name, content in files],
        data=fields,
        follow_redirects=False,
    )


def session_id_from(location: str) -> str:
    """`/sessions/<id>` or `/sessions/<id>/roles` -> `<id>`."""
    return location.split("/")[2]
