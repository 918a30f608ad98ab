"""Act classification of coach turns: sentence level, rolled up to the turn.

Each coach sentence gets rule facts (`act_rules`) and, when the shipped weights are present, the
scores of small linear heads over its embedding plus lexical and context features
(`act_features`, `act_model`). Rules decide where wording alone is decisive; the heads decide the
acts that need meaning (reflection, advice, information, open vs closed when the form does not
tell). A turn's acts are the union of its sentences' acts, plus `question.stacked` when it holds
two or more questions. Client and unknown-role turns get no acts.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence

from coachlens.analysis.act_features import SentenceContext, build_contexts
from coachlens.analysis.act_model import ActModel, load_packaged_model
from coachlens.analysis.act_rules import SentenceFacts
from coachlens.analysis.types import ActClassifier, Embedder, SentenceActs, TurnActs
from coachlens.config import Settings
from coachlens.models import ACTS, CoachingSession

CLASSIFIER_NAME = "coachlens.acts.v1"

# Acts are listed on a turn in the DESIGN.md vocabulary order.
_ACT_ORDER = ACTS
_MIN_INFORMATION_WORDS = 4
_QUESTION_ACTS = frozenset({"question.open", "question.closed"})


class EmbeddingActClassifier:
    """Rules plus linear heads over sentence embeddings; numpy only at run time."""

    name = CLASSIFIER_NAME

    def __init__(self, embedder: Embedder | None, model: ActModel | None) -> None:
        """`embedder` and `model` may be None: the classifier then runs on rules alone."""
        self.embedder = embedder
        self.model = model if embedder is not None else None

    def classify(self, session: CoachingSession) -> tuple[TurnActs, ...]:
        """One TurnActs per turn, in turn order; one batched embedding call for the session."""
        contexts = build_contexts(session)
        scores: list[dict[str, float]] = [{} for _ in contexts]
        if self.model is not None and self.embedder is not None and contexts:
            vectors = self.embedder.embed([c.text for c in contexts])
            scores = self.model.score(contexts, vectors)
        by_turn: dict[int, list[SentenceActs]] = {}
        for context, sentence_scores in zip(contexts, scores, strict=True):
            by_turn.setdefault(context.turn, []).append(self._sentence_acts(context, sentence_scores))
        return tuple(_roll_up(turn.index, by_turn.get(turn.index, [])) for turn in session.turns)

    def _sentence_acts(self, context: SentenceContext, scores: dict[str, float]) -> SentenceActs:
        acts = decide_acts(context.facts, scores, self.model)
        flags = _sentence_flags(context.facts)
        return SentenceActs(
            turn=context.turn,
            start=context.start,
            end=context.end,
            text=context.text,
            acts=tuple(a for a in _ACT_ORDER if a in acts),
            scores={k: round(v, 4) for k, v in scores.items()},
            flags=flags,
        )


def decide_acts(facts: SentenceFacts, scores: dict[str, float], model: ActModel | None) -> set[str]:
    """The acts of one sentence from its rule facts and (optional) head scores."""
    acts: set[str] = set()

    def above(head: str) -> bool:
        return model is not None and head in scores and scores[head] >= model.threshold(head)

    is_question = facts.is_question
    if (
        is_question
        and model is not None
        and "question" in scores
        and not facts.question_kind
        and facts.question_mark
    ):
        # A declarative line with a question mark ("You drink on weekends?") is often a
        # reflection with rising intonation; the head decides.
        is_question = above("question") or not above("reflection")
    if is_question:
        kind = facts.question_kind
        if kind is None:
            kind = "open" if above("open") else "closed"
        acts.add(f"question.{kind}")
        if facts.leading:
            acts.add("question.leading")
    if facts.reflection_cue or (
        above("reflection") and not (is_question and facts.question_kind) and not facts.steering
    ):
        acts.add("reflection")
    if facts.summary_cue:
        acts.update(("summary", "reflection"))
    if facts.advice or (above("advice") and not facts.permission):
        acts.add("advice")
    # A line under four words ("Right.", "Loud and clear.") tells the client nothing.
    if (
        above("information")
        and not facts.steering
        and not is_question
        and "advice" not in acts
        and facts.word_count >= _MIN_INFORMATION_WORDS
    ):
        acts.add("information")
    for act, fired in (
        ("permission", facts.permission),
        ("invitation", facts.invitation),
        ("self_disclosure", facts.self_disclosure),
        ("celebration", facts.celebration),
        ("acknowledgment", facts.acknowledgment),
        ("empathy", facts.empathy),
        ("observation", facts.observation),
    ):
        if fired or (above(act) and not facts.steering):
            acts.add(act)
    if not acts:
        acts.add("other")
    return acts


def _sentence_flags(facts: SentenceFacts) -> tuple[str, ...]:
    flags = []
    if facts.why:
        flags.append("why_question")
    if facts.advice_as_question:
        flags.append("advice_as_question")
    if facts.leading:
        flags.append("leading_question")
    return tuple(flags)


def question_kind(acts: Collection[str]) -> str | None:
    """ "open" or "closed" for a sentence that asks the client something, else None. A permission
    question ("May I share something?") asks leave, so it is not one: it does not make a stack,
    and validation does not judge a turn by it."""
    if "permission" in acts or _QUESTION_ACTS.isdisjoint(acts):
        return None
    return "open" if "question.open" in acts else "closed"


def _roll_up(turn: int, sentences: Sequence[SentenceActs]) -> TurnActs:
    acts: set[str] = set()
    flags: dict[str, None] = {}
    questions = 0
    offered = False  # the last question was said as a statement ("I'm wondering what...")
    for sentence in sentences:
        acts.update(sentence.acts)
        flags.update(dict.fromkeys(sentence.flags))
        if question_kind(sentence.acts) is None:
            continue
        # "I'm wondering what it would be like to stop. What do you make of that?": the invitation
        # asks for a response to the thought just offered; it is not a second question.
        if not (offered and "invitation" in sentence.acts):
            questions += 1
        offered = not sentence.text.rstrip().endswith("?")
    if questions >= 2:
        acts.add("question.stacked")
        flags["stacked_questions"] = None
    if len(acts) > 1:
        acts.discard("other")
    return TurnActs(
        turn=turn,
        acts=tuple(a for a in _ACT_ORDER if a in acts),
        sentences=tuple(sentences),
        flags=tuple(flags),
    )


_default_lock = threading.Lock()
_default_classifiers: dict[str, ActClassifier] = {}


def load_default_classifier(settings: Settings | None = None) -> ActClassifier:
    """The process-wide classifier: the packaged weights over the configured embedding model."""
    from coachlens.analysis.embeddings import load_default_embedder

    embedder = load_default_embedder(settings)
    key = f"{embedder.model_path}|{embedder.tokenizer_path}"
    with _default_lock:
        classifier = _default_classifiers.get(key)
        if classifier is None:
            classifier = EmbeddingActClassifier(embedder, load_packaged_model())
            _default_classifiers[key] = classifier
        return classifier
