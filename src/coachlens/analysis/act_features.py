"""Per-sentence context and the lexical/structural features the act heads read.

The same code builds features at run time and in `scripts/train_acts.py`, so the shipped weights
always see features computed the way they were trained. A reflection re-uses the client's
content, so the overlap between a coach sentence and the client's previous turn is a feature.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from coachlens.analysis.act_rules import SentenceFacts, read_sentence
from coachlens.analysis.sentences import split_sentences
from coachlens.analysis.types import FloatArray
from coachlens.models import CoachingSession

_WORD = re.compile(r"[a-z][a-z']*")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _wordset(
    "a about after again all also am an and any are as at be because been before being but by can "
    "could did do does doing don't for from get got had has have having he her here him his how i i'm "
    "i've if in into is it it's its just know like me more my no not now of oh okay on one or other "
    "our out really right said say see she so some still that that's the their them then there they "
    "thing things think this those to too um uh up very want was we well were what when where which "
    "who why will with would yeah yes you you're your going gonna kind sort mean lot much maybe feel"
)
_SECOND_PERSON = frozenset(["you", "you're", "you've", "you'd", "you'll", "your", "yours", "yourself"])
_FIRST_PERSON = frozenset(["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"])

# Names of the hand-made features, in vector order (the weights' metadata records this list).
FEATURE_NAMES: tuple[str, ...] = (
    "question_mark",
    "is_question",
    "kind_open",
    "kind_closed",
    "kind_unknown",
    "leading",
    "why",
    "advice_as_question",
    "advice_rule",
    "permission",
    "invitation",
    "self_disclosure",
    "celebration",
    "acknowledgment",
    "empathy",
    "observation",
    "summary_cue",
    "reflection_cue",
    "log_words",
    "first_in_turn",
    "last_in_turn",
    "log_turn_sentences",
    "log_turn_words",
    "turn_questions",
    "second_person",
    "first_person",
    "overlap_previous_client",
    "shares_previous_client",
    "overlap_recent_client",
    "log_previous_client_words",
    "previous_client_question",
)


@dataclass(frozen=True)
class SentenceContext:
    """One coach sentence with its position, the rule facts and what the client said before."""

    turn: int
    start: int
    end: int
    text: str
    facts: SentenceFacts
    sentence_index: int
    turn_sentences: int
    turn_words: int
    turn_questions: int
    previous_client: str
    recent_client: str


def content_stems(text: str) -> set[str]:
    """Content words of `text`, crudely stemmed so "worried"/"worry" and "plans"/"plan" meet."""
    stems = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if len(word) < 3 or word in _STOP:
            continue
        for suffix in ("ing", "ied", "ies", "ed", "es", "s", "y", "ly"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        stems.add(word)
    return stems


@lru_cache(maxsize=512)
def _client_stems(text: str) -> frozenset[str]:
    """Stems of a client passage; cached because every sentence of a coach turn reads the same
    client turns, and the client speaks most of the words of a session."""
    return frozenset(content_stems(text))


def build_contexts(session: CoachingSession, recent_client_turns: int = 3) -> list[SentenceContext]:
    """A SentenceContext for every sentence of every coach turn, in order."""
    contexts: list[SentenceContext] = []
    client_history: list[str] = []
    for turn in session.turns:
        if turn.role == "client":
            client_history.append(turn.text)
            continue
        if turn.role != "coach":
            continue
        contexts.extend(
            turn_contexts(
                turn.index,
                turn.text,
                client_history[-1] if client_history else "",
                " ".join(client_history[-recent_client_turns:]),
            )
        )
    return contexts


def turn_contexts(turn: int, text: str, previous_client: str, recent_client: str) -> list[SentenceContext]:
    """The sentence contexts of one coach turn given the client's previous and recent words."""
    spans = split_sentences(text)
    facts = [read_sentence(s.text) for s in spans]
    questions = sum(f.is_question for f in facts)
    words = len(_WORD.findall(text.lower()))
    return [
        SentenceContext(
            turn=turn,
            start=span.start,
            end=span.end,
            text=span.text,
            facts=fact,
            sentence_index=i,
            turn_sentences=len(spans),
            turn_words=words,
            turn_questions=questions,
            previous_client=previous_client,
            recent_client=recent_client,
        )
        for i, (span, fact) in enumerate(zip(spans, facts, strict=True))
    ]


def feature_vector(context: SentenceContext) -> list[float]:
    """The hand-made features of one sentence, in FEATURE_NAMES order."""
    f = context.facts
    tokens = _WORD.findall(f.normalised)
    n = max(len(tokens), 1)
    own = content_stems(context.text)
    previous = _client_stems(context.previous_client)
    recent = _client_stems(context.recent_client)
    overlap_previous = len(own & previous) / len(own) if own else 0.0
    overlap_recent = len(own & recent) / len(own) if own else 0.0
    previous_words = len(_WORD.findall(context.previous_client.lower()))
    return [
        float(f.question_mark),
        float(f.is_question),
        float(f.question_kind == "open"),
        float(f.question_kind == "closed"),
        float(f.is_question and f.question_kind is None),
        float(f.leading),
        float(f.why),
        float(f.advice_as_question),
        float(f.advice),
        float(f.permission),
        float(f.invitation),
        float(f.self_disclosure),
        float(f.celebration),
        float(f.acknowledgment),
        float(f.empathy),
        float(f.observation),
        float(f.summary_cue),
        float(f.reflection_cue),
        math.log1p(f.word_count),
        float(context.sentence_index == 0),
        float(context.sentence_index == context.turn_sentences - 1),
        math.log1p(context.turn_sentences),
        math.log1p(context.turn_words),
        min(context.turn_questions, 3) / 3.0,
        sum(t in _SECOND_PERSON for t in tokens) / n,
        sum(t in _FIRST_PERSON for t in tokens) / n,
        overlap_previous,
        float(bool(own & previous)),
        overlap_recent,
        math.log1p(previous_words),
        float(context.previous_client.rstrip().endswith("?")),
    ]


def feature_matrix(contexts: list[SentenceContext]) -> FloatArray:
    """Hand-made features of many sentences as a float32 matrix (rows in `contexts` order)."""
    if not contexts:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    return np.asarray([feature_vector(c) for c in contexts], dtype=np.float32)
