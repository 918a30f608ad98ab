"""How much the simulated client trusts the coach, turn by turn.

Trust (0-100) rises with what makes people open up in coaching (empathy, acknowledgment, accurate
reflection of their own words, asking permission, inviting their response, open questions about them)
and falls with what makes them close down (advice, judgement, leading or stacked questions, long coach
monologues, rushing to solutions before they feel heard, strings of closed questions). Each change
carries its reasons so the debrief can show which turns moved it and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from coachlens.practice.personas import Traits
from coachlens.practice.reading import CoachReading
from coachlens.practice.text import content_stems, overlap, words

TRUST_MIN = 0.0
TRUST_MAX = 100.0
MAX_GAIN_PER_TURN = 12.0
MAX_LOSS_PER_TURN = 11.0
LONG_TURN_WORDS = 80
VERY_LONG_TURN_WORDS = 130
# Before this many warm turns (empathy, reflection, summary, acknowledgment) the client does not yet
# feel heard, so talk of solutions feels rushed.
TURNS_TO_FEEL_HEARD = 2
# Above this trust, gains shrink: the last steps towards full openness come slowest.
DAMPING_FROM = 60.0
# Short lines ("Can you delegate?") share too few words to call a repeat a formula.
FORMULA_MIN_WORDS = 2


@dataclass(frozen=True)
class TrustReason:
    """One thing in a coach turn that moved trust: a stable code, words for people, and its (signed)
    points before scaling."""

    code: str
    label: str
    points: float

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "label": self.label, "points": round(self.points, 1)}


@dataclass(frozen=True)
class TrustChange:
    before: float
    after: float
    reasons: tuple[TrustReason, ...]

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class TrustHistory:
    """What the client remembers of earlier coach turns that changes how this one lands."""

    coach_turns: int = 0
    heard_turns: int = 0
    closed_streak: int = 0
    permission_asked: bool = False
    boundary_visible: bool = False
    previous_coach_texts: tuple[str, ...] = ()

    def after(self, reading: CoachReading) -> TrustHistory:
        """The history once `reading` has happened."""
        return TrustHistory(
            coach_turns=self.coach_turns + 1,
            heard_turns=self.heard_turns + (1 if reading.warm else 0),
            closed_streak=self.closed_streak + 1 if reading.closed_only else 0,
            permission_asked=self.permission_asked or "permission" in reading.acts,
            boundary_visible=self.boundary_visible,
            previous_coach_texts=(*self.previous_coach_texts, reading.text)[-12:],
        )


def score_reasons(reading: CoachReading, history: TrustHistory) -> list[TrustReason]:
    """The unscaled reasons this coach turn moves trust (positive and negative)."""
    if reading.empty:
        # Silence after something personal gives room; at the very start it is just awkward.
        return [TrustReason("silence", "left space (silence)", 2.0 if history.heard_turns else 0.0)]
    acts = set(reading.acts)
    reasons: list[TrustReason] = []
    add = reasons.append
    referral_welcome = reading.referral is not None and history.boundary_visible
    if "empathy" in acts:
        add(TrustReason("empathy", "showed empathy", 6))
    if "acknowledgment" in acts:
        add(TrustReason("acknowledgment", "acknowledged the client", 5))
    if "reflection" in acts:
        add(TrustReason("reflection", "reflected back", 4))
        if reading.echo >= 0.2:
            add(
                TrustReason("own_words", "used the client's own words", min(6.0, round(10 * reading.echo, 1)))
            )
    if "summary" in acts:
        add(TrustReason("summary", "summarised", 3))
    if "permission" in acts:
        add(TrustReason("permission", "asked permission", 4))
    if "invitation" in acts:
        add(TrustReason("invitation", "invited the client's view", 3))
    if "question.open" in acts and "question.stacked" not in acts:
        add(TrustReason("open_question", "asked an open question", 3))
        if _about_the_person(reading):
            add(TrustReason("about_person", "asked about the person, not the problem", 2))
    if "celebration" in acts:
        add(TrustReason("celebration", "celebrated progress", 2))
    if "observation" in acts and (history.permission_asked or "invitation" in acts):
        add(TrustReason("observation", "offered an observation lightly", 2))
    if reading.noticing is not None and history.boundary_visible:
        add(TrustReason("noticed_boundary", "noticed what the client needs beyond coaching", 4))
    if referral_welcome:
        add(TrustReason("referral", "took the client's distress seriously and pointed to the right help", 5))
    reasons.extend(_losses(reading, history, acts, referral_welcome))
    if _formulaic(reading, history):
        # A line the client has already heard sounds scripted: its warmth no longer lands.
        reasons = [r for r in reasons if r.points <= 0]
        reasons.append(TrustReason("formula", "repeated an earlier line almost word for word", -1))
    return reasons


def _losses(
    reading: CoachReading, history: TrustHistory, acts: set[str], referral_welcome: bool
) -> list[TrustReason]:
    reasons: list[TrustReason] = []
    add = reasons.append
    if reading.advice and not referral_welcome:
        as_question = "advice_as_question" in reading.flags
        add(
            TrustReason(
                "advice",
                "gave advice" + (" dressed as a question" if as_question else ""),
                -5 if as_question else -7,
            )
        )
    if "information" in acts and not reading.advice:
        add(TrustReason("information", "lectured or informed", -3))
    if "question.leading" in acts:
        add(TrustReason("leading", "asked a leading question", -5))
    if "question.stacked" in acts:
        add(TrustReason("stacked", "stacked several questions", -5))
    if "why_question" in reading.flags:
        add(TrustReason("why", "asked 'why', which can sound like blame", -2))
    if reading.judgement is not None:
        add(TrustReason("judgement", f"judged the client ('{reading.judgement}')", -7))
    if reading.closed_only:
        add(TrustReason("closed", "asked a closed question", -1))
        if history.closed_streak >= 2:
            add(TrustReason("closed_streak", "a string of closed questions", -3))
    if "self_disclosure" in acts:
        add(TrustReason("self_focus", "turned the focus to the coach", -2))
    if reading.words > VERY_LONG_TURN_WORDS:
        add(TrustReason("monologue", f"a long monologue ({reading.words} words)", -8))
    elif reading.words > LONG_TURN_WORDS:
        add(TrustReason("long_turn", f"a long coach turn ({reading.words} words)", -4))
    rushing = (reading.forward and not reading.closing) or reading.advice
    if rushing and history.heard_turns < TURNS_TO_FEEL_HEARD and not referral_welcome:
        add(TrustReason("rushing", "went for solutions before the client felt heard", -3))
    return reasons


def _about_the_person(reading: CoachReading) -> bool:
    lowered = f" {reading.text.lower()} "
    return (" you " in lowered or " your " in lowered or " you?" in lowered) and not reading.forward


def _formulaic(reading: CoachReading, history: TrustHistory) -> bool:
    said = " ".join(words(reading.text))
    if len(said.split()) >= 3 and any(" ".join(words(e)) == said for e in history.previous_coach_texts):
        return True
    if len(content_stems(reading.text)) < FORMULA_MIN_WORDS:
        return False
    return any(overlap(reading.text, earlier) >= 0.8 for earlier in history.previous_coach_texts)


def update_trust(trust: float, reading: CoachReading, history: TrustHistory, traits: Traits) -> TrustChange:
    """Apply one coach turn to the client's trust.

    Gains are scaled by the persona's `trust_gain` and shrink once trust is above DAMPING_FROM (the last
    steps to real openness are the slowest); losses are scaled by `trust_loss`. One turn moves trust by at most
    +12 / -11, so a single line can hurt more than it can help, as with people.
    """
    reasons = score_reasons(reading, history)
    gains = sum(r.points for r in reasons if r.points > 0)
    losses = sum(r.points for r in reasons if r.points < 0)
    damping = min(1.0, (TRUST_MAX - trust) / (TRUST_MAX - DAMPING_FROM))
    # Warmth and damage in one turn: the damage is what the client remembers, so the warmth counts less.
    gain_weight = 0.3 if losses else 1.0
    # A client who has already shut down has less left to lose.
    floor = max(0.4, min(1.0, trust / 30.0))
    scaled = gains * traits.trust_gain * damping * gain_weight + losses * traits.trust_loss * floor
    scaled = max(-MAX_LOSS_PER_TURN, min(MAX_GAIN_PER_TURN, scaled))
    after = round(max(TRUST_MIN, min(TRUST_MAX, trust + scaled)), 1)
    return TrustChange(before=trust, after=after, reasons=tuple(r for r in reasons if r.points != 0))
