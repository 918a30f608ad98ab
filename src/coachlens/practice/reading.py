"""What the simulated client "hears" in one coach turn.

The acts come from the engine's act classifier (the same one that assesses real sessions), read on a
two-turn session (the client's last words, then the coach turn) so context-aware rules work. On top
of the acts the simulator reads a few things that matter to a client but are not acts: how much the
coach reused the client's words, judgement, a referral to a therapist, a wrap-up, talk of solutions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlens.analysis.types import ActClassifier, TurnActs
from coachlens.models import CoachingSession, Turn
from coachlens.practice import text as tx

HARMFUL_ACTS = frozenset({"advice", "question.leading", "question.stacked"})
WARM_ACTS = frozenset({"empathy", "acknowledgment", "reflection", "summary", "celebration"})

_JUDGEMENT = tx.lexicon("judgement")
_REFERRAL = tx.lexicon("referral")
_NOTICING = tx.lexicon("noticing")
_CLOSING = tx.lexicon("closing")
_FORWARD = tx.lexicon("forward")
_GOAL = tx.lexicon("goal")
_EMPATHY_FALLBACK = re.compile(
    r"\b(that must (?:be|have been|feel)|i'm sorry|i am sorry|"
    r"(?:that|this|it)(?:'s| is| sounds| sounds like| feels like) (?:a lot|so much|hard|tough|heavy|painful|"
    r"difficult|exhausting|lonely|scary|frightening|really hard|really difficult|a heavy load)|"
    r"a lot to carry|so much to carry|what a (?:lot|load)|no wonder you|of course you feel|"
    r"it makes (?:complete |total )?sense (?:that )?you|i can hear how|i can (?:only )?imagine|"
    r"i hear how|that's understandable|anyone would feel)\b"
)
_REFLECTION_FALLBACK = re.compile(
    r"^(?:so )?(?:it )?(?:sounds like|it sounds|you're saying|you are saying|what i'm hearing|"
    r"i'm hearing|i hear|you feel|you're feeling|you seem|it seems like you|so for you|so you)\b"
)
_ACKNOWLEDGMENT_FALLBACK = re.compile(
    r"\b(you've (?:clearly |really )?(?:worked|done|put|carried|kept)|it took courage|that took courage|"
    r"you clearly care|you care a lot|that's a real strength|i admire|you've been (?:so |really )?)"
)


@dataclass(frozen=True)
class CoachReading:
    """One coach turn as the client takes it in."""

    text: str
    acts: tuple[str, ...]
    flags: tuple[str, ...]
    words: int
    questions: int
    echo: float
    judgement: str | None
    referral: str | None
    noticing: str | None
    closing: bool
    forward: bool
    goal_question: bool
    supplemented: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.text.strip() or not tx.words(self.text)

    @property
    def advice(self) -> bool:
        return "advice" in self.acts or "advice_as_question" in self.flags

    @property
    def harmful(self) -> bool:
        return bool(HARMFUL_ACTS & set(self.acts)) or self.advice or self.judgement is not None

    @property
    def closed_only(self) -> bool:
        # "May I share something?" is asking leave, not a closed question about the client.
        acts = set(self.acts)
        return "question.closed" in acts and not acts & {"question.open", "permission"}

    @property
    def warm(self) -> bool:
        return bool(WARM_ACTS & set(self.acts))

    def mentions(self, cues: tuple[str, ...]) -> str | None:
        return tx.contains_any(self.text, cues)


def classify_turn(classifier: ActClassifier, coach_text: str, client_last: str) -> TurnActs:
    """Acts of one coach turn, read after the client's last words so context rules apply."""
    turns: list[Turn] = []
    if client_last:
        turns.append(Turn(0, "Client", "client", None, None, client_last))
    turns.append(Turn(len(turns), "Coach", "coach", None, None, coach_text))
    session = CoachingSession(title="practice turn", source_format="practice", turns=tuple(turns))
    return classifier.classify(session)[-1]


def read_coach_turn(coach_text: str, turn_acts: TurnActs, client_last: str) -> CoachReading:
    """Combine the classifier's acts with the practice-specific readings of one coach turn."""
    acts = list(turn_acts.acts)
    flags = tuple(turn_acts.flags)
    supplemented = _supplement(coach_text, acts)
    acts.extend(a for a in supplemented if a not in acts)
    if len(acts) > 1 and "other" in acts:
        acts.remove("other")
    closing = tx.contains_any(coach_text, _CLOSING) is not None
    return CoachReading(
        text=coach_text,
        acts=tuple(acts),
        flags=flags,
        words=len(tx.words(coach_text)),
        questions=coach_text.count("?"),
        echo=tx.echo_score(coach_text, client_last) if client_last else 0.0,
        judgement=tx.contains_any(coach_text, _JUDGEMENT),
        referral=tx.contains_any(coach_text, _REFERRAL),
        noticing=tx.contains_any(coach_text, _NOTICING),
        closing=closing,
        forward=tx.contains_any(coach_text, _FORWARD) is not None,
        goal_question="?" in coach_text and not closing and tx.contains_any(coach_text, _GOAL) is not None,
        supplemented=tuple(supplemented),
    )


def _supplement(coach_text: str, acts: list[str]) -> list[str]:
    """A safety net for warm acts the classifier left as `other`: a client hears "that must be hard"
    as empathy whatever the model says. Only fills gaps; never removes the classifier's acts."""
    question = bool({"question.open", "question.closed"} & set(acts))
    # A question turn can still open with empathy ("That sounds hard. What...?"), so questions are
    # always checked; other turns only when the classifier found nothing but `other`.
    if set(acts) - {"other"} and not question:
        return []
    lowered = coach_text.lower().strip()
    added: list[str] = []
    if _EMPATHY_FALLBACK.search(lowered) and "empathy" not in acts:
        added.append("empathy")
    if _REFLECTION_FALLBACK.search(lowered) and "reflection" not in acts and "?" not in lowered[:60]:
        added.append("reflection")
    if _ACKNOWLEDGMENT_FALLBACK.search(lowered) and "acknowledgment" not in acts:
        added.append("acknowledgment")
    return added
