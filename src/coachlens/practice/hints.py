"""Live hints: after each coach turn, a short note of a marker just shown or an opportunity just missed.

Hints look at the coach turn just made and at the client's line before it ("the client named a
feeling: an opportunity for 6.3"). They cite PCC marker ids (and competency 1 for the ethics
boundary) so the coach can look them up in the library. At most two hints per turn, cautions first,
because a practising coach can take in one or two notes, not a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coachlens.practice import text as tx
from coachlens.practice.moves import Move
from coachlens.practice.reading import CoachReading

HintKind = Literal["shown", "missed", "caution"]
MAX_HINTS_PER_TURN = 2
BOUNDARY_REMINDER_EVERY = 3
_KIND_ORDER: dict[HintKind, int] = {"caution": 0, "missed": 1, "shown": 2}


@dataclass(frozen=True)
class Hint:
    kind: HintKind
    text: str
    markers: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "markers": list(self.markers)}


@dataclass(frozen=True)
class HintContext:
    """What the hint rules need besides the coach turn itself."""

    client_last: str
    client_last_move: Move | None
    coach_turn_number: int
    closed_streak: int
    agreement_asked: bool
    boundary_visible: bool
    boundary_noticed: bool
    turns_since_boundary: int = 1


def hints_for_turn(reading: CoachReading, context: HintContext) -> tuple[Hint, ...]:
    """The notes for one coach turn, most important first (at most MAX_HINTS_PER_TURN)."""
    found = _cautions(reading, context) + _missed(reading, context) + _shown(reading, context)
    found.sort(key=lambda h: _KIND_ORDER[h.kind])
    return tuple(found[:MAX_HINTS_PER_TURN])


def _cautions(reading: CoachReading, context: HintContext) -> list[Hint]:
    hints: list[Hint] = []
    acts = set(reading.acts)
    if (
        context.boundary_visible
        and not context.boundary_noticed
        and reading.referral is None
        and reading.noticing is None
        # Right after the story surfaces, then every third turn: a reminder, not a nag.
        and context.turns_since_boundary % BOUNDARY_REMINDER_EVERY == 1
    ):
        hints.append(
            Hint(
                "caution",
                "What the client describes may need a therapist or doctor, not coaching: name the boundary "
                "with care and explore support (competency 1, ethics).",
                ("1",),
            )
        )
    if reading.advice:
        after_request = context.client_last_move == "ask_advice"
        lead = "The client asked for advice and got it" if after_request else "That was advice"
        hints.append(
            Hint(
                "caution",
                f"{lead}: hand the thinking back, e.g. 'What options do you see?' (5.3, 7.5).",
                ("5.3", "7.5"),
            )
        )
    if "question.stacked" in acts:
        hints.append(Hint("caution", "Several questions in one turn: ask one, then wait (7.6).", ("7.6",)))
    if "question.leading" in acts:
        hints.append(
            Hint("caution", "A leading question carries your answer; open it up (7.6, 5.3).", ("7.6", "5.3"))
        )
    if reading.judgement is not None:
        hints.append(
            Hint(
                "caution",
                f"'{reading.judgement}' can land as judgement; get curious instead (4.3, competency 2).",
                ("4.3", "2"),
            )
        )
    if reading.closed_only and context.closed_streak >= 2:
        hints.append(
            Hint("caution", "A string of closed questions: try one open 'what' question (7.6).", ("7.6",))
        )
    if reading.words > 80:
        hints.append(
            Hint(
                "caution",
                f"A long turn ({reading.words} words): say less and let the client talk (7.7, 7.8).",
                ("7.7", "7.8"),
            )
        )
    return hints


def _missed(reading: CoachReading, context: HintContext) -> list[Hint]:
    hints: list[Hint] = []
    acts = set(reading.acts)
    warm = bool(acts & {"empathy", "reflection", "summary"})
    feelings = tx.feeling_words(context.client_last)
    if feelings and not warm and not tx.feeling_words(reading.text) and "question.open" not in acts:
        hints.append(
            Hint("missed", f"The client named a feeling ('{feelings[0]}'): an opportunity for 6.3.", ("6.3",))
        )
    elif tx.states_belief(context.client_last) and not warm and "question.open" not in acts:
        hints.append(
            Hint(
                "missed",
                "The client voiced a belief or rule about themself: an opportunity for 6.5 and 7.2.",
                ("6.5", "7.2"),
            )
        )
    if context.client_last_move == "drift" and not reading.goal_question and "summary" not in acts:
        hints.append(
            Hint(
                "missed",
                "The client drifted from their goal: check whether this is where they want to be (5.2).",
                ("5.2",),
            )
        )
    if context.client_last_move == "insight" and not (warm or reading.forward or "acknowledgment" in acts):
        hints.append(
            Hint(
                "missed",
                "The client just reached an insight: invite them to name the learning (8.2, 8.4).",
                ("8.2", "8.4"),
            )
        )
    if context.coach_turn_number == 3 and not context.agreement_asked and not reading.goal_question:
        hints.append(
            Hint(
                "missed",
                "No session agreement yet: ask what they want from today (3.1, 3.2).",
                ("3.1", "3.2"),
            )
        )
    return hints


def _shown(reading: CoachReading, context: HintContext) -> list[Hint]:
    hints: list[Hint] = []
    acts = set(reading.acts)
    if reading.referral is not None and context.boundary_visible:
        hints.append(
            Hint("shown", "You noticed the boundary and pointed to the right help (competency 1).", ("1",))
        )
    if reading.goal_question:
        hints.append(Hint("shown", "You asked what the client wants from the session (3.1).", ("3.1",)))
    if "empathy" in acts:
        hints.append(Hint("shown", "Empathy for what the client is carrying (4.2).", ("4.2",)))
    if "acknowledgment" in acts:
        hints.append(Hint("shown", "You acknowledged the client's effort or insight (4.1).", ("4.1",)))
    if "reflection" in acts and reading.echo >= 0.2:
        hints.append(Hint("shown", "A reflection in the client's own words (6.2, 6.7).", ("6.2", "6.7")))
    elif "reflection" in acts or "summary" in acts:
        hints.append(Hint("shown", "A reflection or summary (6.7).", ("6.7",)))
    if "question.open" in acts and "question.stacked" not in acts and reading.questions <= 1:
        if tx.feeling_words(reading.text) or reading.mentions(("feel", "feeling")):
            hints.append(Hint("shown", "An open question about feelings (6.3).", ("6.3",)))
        elif reading.forward and context.client_last_move in ("insight", "plan", "elaborate"):
            hints.append(
                Hint(
                    "shown", "You invited the client to turn learning into action (8.4, 8.5).", ("8.4", "8.5")
                )
            )
        else:
            hints.append(Hint("shown", "One clear, open question (7.6).", ("7.6",)))
    if "permission" in acts:
        hints.append(
            Hint("shown", "You asked permission before offering something (5.3, 7.5).", ("5.3", "7.5"))
        )
    if "invitation" in acts and "observation" in acts:
        hints.append(
            Hint("shown", "An observation offered with an invitation to respond (7.5, 4.4).", ("7.5", "4.4"))
        )
    if "celebration" in acts:
        hints.append(Hint("shown", "You celebrated the client's progress (8.8).", ("8.8",)))
    return hints
