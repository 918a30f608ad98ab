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

_JUDGEMENT = (
    "you should have",
    "you shouldn't have",
    "you need to",
    "you must",
    "you have to",
    "why didn't you",
    "why would you",
    "why don't you just",
    "that's wrong",
    "that was wrong",
    "that's a mistake",
    "that's silly",
    "that's ridiculous",
    "the problem is you",
    "you always",
    "you never",
    "obviously",
    "to be honest you",
    "just get over",
    "man up",
    "stop complaining",
    "overreacting",
    "being dramatic",
    "you're too",
    "that's not a real problem",
    "come on",
)
_REFERRAL = (
    "therapist",
    "therapy",
    "counsellor",
    "counselor",
    "counselling",
    "counseling",
    "psychologist",
    "psychiatrist",
    "your doctor",
    "a doctor",
    "gp",
    "physician",
    "mental health professional",
    "mental health support",
    "employee assistance",
    "eap",
    "grief support",
    "bereavement",
    "support group",
    "crisis line",
    "helpline",
    "specialist",
    "professional support",
    "professional help",
    "someone who specialises",
    "someone who specializes",
    "medical help",
)
_NOTICING = (
    "beyond what coaching",
    "outside what coaching",
    "more than coaching",
    "outside the scope",
    "beyond the scope",
    "not something coaching",
    "coaching isn't the right",
    "coaching is not the right",
    "i'm not a therapist",
    "i am not a therapist",
    "what support do you have",
    "who can support you",
    "are you safe",
    "who else knows",
    "who do you have",
    "what help do you have",
    "outside my role",
    "the limits of coaching",
    "the boundaries of coaching",
    "other support",
    "right kind of help",
    "right kind of support",
)
_CLOSING = (
    "coming to the end",
    "coming to a close",
    "near the end of our",
    "nearing the end",
    "towards the end of our",
    "nearly out of time",
    "almost out of time",
    "nearly at time",
    "nearly time to stop",
    "time to wrap",
    "wrap up",
    "wrap this up",
    "wrap things up",
    "before we finish",
    "before we close",
    "before we end",
    "as we finish",
    "as we close",
    "last few minutes",
    "few minutes left",
    "close the session",
    "close our session",
    "end the session",
    "end our session",
    "end here",
    "stop here",
    "leave it there",
)
_FORWARD = (
    "next step",
    "first step",
    "will you do",
    "going to do",
    "what will you",
    "take away",
    "take from",
    "commit",
    "by when",
    "action",
    "plan",
    "this week",
    "tomorrow",
    "how will you",
    "what would you do",
    "who could support",
    "what support",
    "accountab",
    "what's one thing",
    "what is one thing",
    "make happen",
    "do with that",
    "do differently",
)
_GOAL = (
    "want from today",
    "like from today",
    "need from today",
    "get from today",
    "hope for today",
    "focus on today",
    "from this session",
    "from our session",
    "from our time",
    "by the end of our",
    "by the end of today",
    "by the end of this",
    "want to get out",
    "what would make this",
    "want to work on",
    "what brings you",
    "how will you know",
    "what would success",
    "what does success",
    "would be useful",
    "most useful",
    "like to explore",
    "like to talk about",
    "want to focus",
    "like to focus",
    "most helpful today",
    "look like at the end",
    "would you like to have",
    "want to leave with",
    "like to leave with",
    "like to walk away",
    "want to walk away",
    "get out of",
    "take away from our",
    "make our time",
)
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
