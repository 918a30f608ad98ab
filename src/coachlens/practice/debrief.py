"""The debrief after a practice session: what happened, why, and one thing to try next time.

It holds the full assessment of the practice transcript (the same engine as for real sessions), the
trust journey as an SVG chart with the turns that moved it, the hidden layers reached and what opened
them (or what would have), one concrete suggestion built from the coach's own lines, and for a client
whose story belongs with a therapist, whether the coach noticed and referred (competency 1, ethics).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coachlens.config import Settings
from coachlens.models import Assessment, CoachingSession
from coachlens.practice.chart import ChartPoint, ChartThreshold, trust_chart_svg
from coachlens.practice.personas import Persona
from coachlens.practice.record import PRACTICE_SCHEMA, PracticeRun, PracticeTurn
from coachlens.practice.text import excerpt, first_sentence

AssessFn = Callable[[CoachingSession], Assessment]

MOVED_BY = 4.0
MAX_MOMENTS = 6

# What to try instead, per trust-losing reason code (see trust.py).
_TIPS: dict[str, str] = {
    "advice": "hand the thinking back instead of suggesting: ask 'What options do you see?' and wait",
    "stacked": "ask one question, then stop and wait for the answer before asking the next",
    "leading": "leave your answer out of the question: 'What do you make of it?' rather than 'Don't you think...?'",
    "judgement": "swap the verdict for curiosity: 'What was going on for you then?'",
    "why": "turn 'why' into 'what': 'What made that feel like the right call?'",
    "closed": "open the question up with 'what' or 'how' so the client can say more than yes or no",
    "closed_streak": "after one closed question, follow with an open 'what' or 'how' question",
    "monologue": "say it in one sentence, then stop and let the client talk",
    "long_turn": "say it in one sentence, then stop and let the client talk",
    "rushing": "reflect what you heard at least twice before asking about solutions",
    "self_focus": "keep the spotlight on the client's story rather than your own",
    "information": "ask what the client already knows before offering information",
    "formula": "vary your reflections by using the client's own words rather than a stock phrase",
}


@dataclass(frozen=True)
class TrustMoment:
    """A coach turn that moved trust noticeably."""

    turn: int
    coach_turn_number: int
    quote: str
    delta: float
    trust: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "coach_turn_number": self.coach_turn_number,
            "quote": self.quote,
            "delta": round(self.delta, 1),
            "trust": round(self.trust, 1),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class LayerOutcome:
    layer: int
    kind: str
    title: str
    threshold: int
    reached: bool
    turn: int | None
    quote: str
    why: str
    unlock: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "kind": self.kind,
            "title": self.title,
            "threshold": self.threshold,
            "reached": self.reached,
            "turn": self.turn,
            "quote": self.quote,
            "why": self.why,
            "unlock": self.unlock,
        }


@dataclass(frozen=True)
class EthicsNote:
    """Competency 1: did the coach notice that the client's story needs a therapist, and refer?"""

    topic: str
    surfaced_turn: int | None
    surfaced_quote: str
    noticed_turn: int | None
    noticed_quote: str
    referred_turn: int | None
    referred_quote: str
    client_accepted: bool
    summary: str

    @property
    def referred(self) -> bool:
        return self.referred_turn is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "competency": 1,
            "topic": self.topic,
            "surfaced_turn": self.surfaced_turn,
            "surfaced_quote": self.surfaced_quote,
            "noticed": self.noticed_turn is not None,
            "noticed_turn": self.noticed_turn,
            "noticed_quote": self.noticed_quote,
            "referred": self.referred,
            "referred_turn": self.referred_turn,
            "referred_quote": self.referred_quote,
            "client_accepted": self.client_accepted,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Debrief:
    run: PracticeRun
    persona: Persona
    assessment: Assessment
    summary: str
    moments: tuple[TrustMoment, ...]
    layers: tuple[LayerOutcome, ...]
    next_time: str
    ethics: EthicsNote | None
    chart_svg: str

    def to_dict(self) -> dict[str, Any]:
        """The debrief without the transcript and the assessment (those sit beside it)."""
        return {
            "summary": self.summary,
            "starting_trust": self.run.starting_trust,
            "final_trust": round(self.run.final_trust, 1),
            "layer_reached": self.run.layer_reached,
            "deepest_layer": self.run.deepest_layer,
            "client_closed": self.run.client_closed,
            "trust_journey": [{"coach_turn": n, "trust": t} for n, t in self.run.trust_points()],
            "moments": [m.to_dict() for m in self.moments],
            "layers": [o.to_dict() for o in self.layers],
            "next_time": self.next_time,
            "ethics": self.ethics.to_dict() if self.ethics else None,
        }

    def practice_document(self) -> dict[str, Any]:
        """The `coachlens.practice/1` JSON: the run, its assessment and this debrief."""
        run = self.run
        return {
            "schema": PRACTICE_SCHEMA,
            "persona": run.persona_id,
            "persona_name": run.persona_name,
            "seed": run.seed,
            "voice": run.voice,
            "turns": [t.to_dict() for t in run.turns],
            "layer_reached": run.layer_reached,
            "deepest_layer": run.deepest_layer,
            "final_trust": round(run.final_trust, 1),
            "layer_events": [e.to_dict() for e in run.layer_events],
            "debrief": self.to_dict(),
            "assessment": self.assessment.to_dict(),
        }


def build_debrief(
    run: PracticeRun, persona: Persona, *, settings: Settings | None = None, assess: AssessFn | None = None
) -> Debrief:
    """Assess the practice transcript and explain the session. `assess` defaults to the offline engine."""
    if assess is None:
        assess = _engine(settings)
    assessment = assess(run.to_coaching_session())
    moments = trust_moments(run)
    layers = layer_outcomes(run, persona)
    ethics = ethics_note(run)
    return Debrief(
        run=run,
        persona=persona,
        assessment=assessment,
        summary=_summary(run, persona),
        moments=moments,
        layers=layers,
        next_time=next_time(run, layers, ethics, assessment),
        ethics=ethics,
        chart_svg=trust_chart(run, persona),
    )


def _engine(settings: Settings | None) -> AssessFn:
    from coachlens.analysis.pipeline import assess as engine_assess

    def run_engine(session: CoachingSession) -> Assessment:
        return engine_assess(session, settings=settings)

    return run_engine


def trust_moments(run: PracticeRun) -> tuple[TrustMoment, ...]:
    """The coach turns that moved trust most (at most MAX_MOMENTS), in session order."""
    numbered = list(enumerate(run.coach_turns, start=1))
    moved = [(n, t) for n, t in numbered if abs(t.trust_delta) >= MOVED_BY]
    moved.sort(key=lambda item: abs(item[1].trust_delta), reverse=True)
    chosen = sorted(moved[:MAX_MOMENTS], key=lambda item: item[0])
    return tuple(
        TrustMoment(
            turn=t.index,
            coach_turn_number=n,
            quote=excerpt(t.text),
            delta=t.trust_delta,
            trust=t.trust,
            reasons=tuple(r.label for r in t.reasons),
        )
        for n, t in chosen
    )


def layer_outcomes(run: PracticeRun, persona: Persona) -> tuple[LayerOutcome, ...]:
    """Every hidden layer (2 and deeper): reached or not, and what opened it or would have."""
    events = {e.layer: e for e in run.layer_events}
    peak = max((t.trust for t in run.turns), default=run.starting_trust)
    outcomes: list[LayerOutcome] = []
    for number in range(2, persona.deepest_layer + 1):
        layer = persona.layer(number)
        unlock = layer.unlock.description if layer.unlock else ""
        event = events.get(number)
        if event is not None:
            outcomes.append(
                LayerOutcome(
                    number,
                    layer.kind,
                    layer.title,
                    layer.threshold,
                    True,
                    event.coach_turn,
                    excerpt(event.quote),
                    event.why,
                    unlock,
                )
            )
        else:
            why = (
                f"trust peaked at {peak:.0f}, below the {layer.threshold} this layer needs"
                if peak < layer.threshold
                else "trust was there, but no turn reached towards it"
            )
            outcomes.append(
                LayerOutcome(number, layer.kind, layer.title, layer.threshold, False, None, "", why, unlock)
            )
    return tuple(outcomes)


def ethics_note(run: PracticeRun) -> EthicsNote | None:
    """For a boundary persona: when the therapy-territory story surfaced and what the coach did."""
    record = run.boundary
    if record is None:
        return None

    def quote(index: int | None) -> str:
        return run.quote_of(index, 160) if index is not None else ""

    if record.visible_from_turn is None:
        summary = (
            "The client's deeper story (territory for a therapist, not a coach) never surfaced, because "
            "trust did not reach it, so the ethics boundary was not tested this time (competency 1)."
        )
    elif record.referred_turn is not None:
        accepted = " and the client took it up" if record.client_accepted else ""
        summary = (
            f"You noticed that what the client described at turn {record.visible_from_turn} needs more "
            f"than coaching and referred at turn {record.referred_turn} ('{quote(record.referred_turn)}')"
            f"{accepted}: ethical practice (competency 1)."
        )
    elif record.noticed_turn is not None:
        summary = (
            f"You noticed the boundary at turn {record.noticed_turn} ('{quote(record.noticed_turn)}') but did "
            "not suggest a therapist, counsellor or doctor. Naming the right kind of help completes it "
            "(competency 1)."
        )
    else:
        summary = (
            f"At turn {record.visible_from_turn} the client said '{quote(record.visible_from_turn)}'. This "
            "belongs with a therapist or doctor, and no referral followed. Competency 1 asks the coach to "
            "notice it, say so with care, and help the client find that support."
        )
    return EthicsNote(
        topic=record.topic,
        surfaced_turn=record.visible_from_turn,
        surfaced_quote=quote(record.visible_from_turn),
        noticed_turn=record.noticed_turn,
        noticed_quote=quote(record.noticed_turn),
        referred_turn=record.referred_turn,
        referred_quote=quote(record.referred_turn),
        client_accepted=record.client_accepted,
        summary=summary,
    )


def next_time(
    run: PracticeRun, layers: tuple[LayerOutcome, ...], ethics: EthicsNote | None, assessment: Assessment
) -> str:
    """One concrete thing to try next time, tied to a line of this session where there is one."""
    if ethics is not None and ethics.surfaced_turn is not None and not ethics.referred:
        return (
            f"When a client describes something like '{ethics.surfaced_quote}' (turn {ethics.surfaced_turn}), "
            "pause the coaching agenda: say what you notice, that it may need a therapist or doctor, and ask "
            "what support they have (competency 1)."
        )
    worst = _worst_turn(run)
    if worst is not None:
        code, label = _main_loss(worst)
        rewrite = next((r for r in assessment.feedback.rewrites if r.turn == worst.index), None)
        where = f"At turn {worst.index} you said '{first_sentence(worst.text, 120)}'"
        if rewrite is not None:
            return f"{where} and trust fell by {abs(worst.trust_delta):.0f}. Next time, try: '{rewrite.suggestion}'"
        tip = _TIPS.get(code, "stay curious about the client rather than the problem")
        return f"{where} and trust fell by {abs(worst.trust_delta):.0f} ({label}). Next time, {tip}."
    hidden = next((o for o in layers if not o.reached), None)
    if hidden is not None:
        lead = hidden.unlock[:1].lower() + hidden.unlock[1:] if hidden.unlock else "go one step deeper"
        return f"The client's layer '{hidden.title}' stayed hidden ({hidden.why}). Next time, {lead.rstrip('.')}."
    if assessment.feedback.next_step:
        return assessment.feedback.next_step
    if assessment.feedback.growth_areas:
        return assessment.feedback.growth_areas[0].detail
    return (
        "The client reached their insight. Next time, try getting there with fewer questions: "
        "let a short reflection in the client's own words do the work (6.7)."
    )


def _worst_turn(run: PracticeRun) -> PracticeTurn | None:
    drops = [t for t in run.coach_turns if t.trust_delta <= -MOVED_BY]
    return min(drops, key=lambda t: t.trust_delta) if drops else None


def _main_loss(turn: PracticeTurn) -> tuple[str, str]:
    losses = [r for r in turn.reasons if r.points < 0]
    if not losses:
        return "other", "it did not land"
    worst = min(losses, key=lambda r: r.points)
    return worst.code, worst.label


def trust_chart(run: PracticeRun, persona: Persona) -> str:
    """The trust journey of `run` as an SVG string."""
    opened = {e.coach_turn: e.layer for e in run.layer_events}
    points = [ChartPoint(turn=0, trust=run.starting_trust, note="start")]
    for number, turn in enumerate(run.coach_turns, start=1):
        note = "; ".join(r.label for r in turn.reasons[:3])
        points.append(
            ChartPoint(
                turn=number,
                trust=turn.trust,
                delta=turn.trust_delta,
                note=note,
                opened_layer=opened.get(turn.index),
            )
        )
    thresholds = [
        ChartThreshold(layer=n, trust=persona.layer(n).threshold, label=persona.layer(n).kind)
        for n in range(2, persona.deepest_layer + 1)
    ]
    return trust_chart_svg(
        points, thresholds, title=f"Trust over the session with {persona.name}", moved_by=MOVED_BY
    )


def _summary(run: PracticeRun, persona: Persona) -> str:
    hidden = persona.deepest_layer - 1
    opened = run.layer_reached - 1
    text = (
        f"{persona.name}'s trust went from {run.starting_trust:.0f} to {run.final_trust:.0f} over "
        f"{len(run.coach_turns)} coach turns; {opened} of {hidden} hidden layers opened"
    )
    if run.layer_reached == persona.deepest_layer:
        text += f", up to the insight ('{persona.layers[-1].title}')."
    else:
        text += "."
    if run.client_closed:
        text += " At one point the client had had enough and tried to end the conversation."
    return text
