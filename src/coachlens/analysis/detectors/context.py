"""`SessionView`: everything a detector may read about one session, computed once.

Detectors never call the classifier or the embedding model; the pipeline builds this view from the
classifier's TurnActs, the shared sentence embeddings and the exemplar scores, then hands the same
view to every detector.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from coachlens.analysis.detectors.text import STOPWORDS, sentence_spans, stem, word_count, words
from coachlens.analysis.types import FloatArray, TurnActs
from coachlens.errors import AnalysisError
from coachlens.framework.rubric import Rubric
from coachlens.models import CoachingSession, Turn

T = TypeVar("T")
QUESTION_ACTS = frozenset({"question.open", "question.closed", "question.leading"})


@dataclass(frozen=True)
class CoachSentence:
    """One coach sentence with its acts; `index` is its row in the view's embedding matrix."""

    index: int
    turn: int
    start: int
    end: int
    text: str
    acts: frozenset[str]
    flags: frozenset[str]
    position: float

    @property
    def is_question(self) -> bool:
        """A question by its acts or by its question mark."""
        return bool(self.acts & QUESTION_ACTS) or self.text.rstrip().endswith("?")

    @property
    def is_open_question(self) -> bool:
        """An open question according to the act classifier."""
        return "question.open" in self.acts

    @property
    def is_leading(self) -> bool:
        """A leading question: by act or flag, or a statement with a tag ("..., wouldn't he?")."""
        return (
            "question.leading" in self.acts
            or "leading_question" in self.flags
            or bool(_TAG.search(self.text))
        )

    @property
    def is_small_talk(self) -> bool:
        """Greetings and audio checks at the start ("How are you doing?", "Can you hear me?")."""
        return (self.position < 0.04 or self.position > 0.97) and bool(
            _SMALL_TALK.search(self.text) or _GOODBYE.search(self.text)
        )

    @property
    def is_why(self) -> bool:
        """A question that starts with "why"."""
        return "why_question" in self.flags or bool(_WHY.match(self.text))

    @property
    def is_advice(self) -> bool:
        """Advice, including advice phrased as a question."""
        return "advice" in self.acts or "advice_as_question" in self.flags


# A statement turned into a question by a tag ("..., wouldn't he?", "..., right?") steers the answer.
_TAG = re.compile(
    r",\s*(?:wouldn['’]t|isn['’]t|aren['’]t|don['’]t|doesn['’]t|didn['’]t|won['’]t|can['’]t|weren['’]t|"
    r"wasn['’]t|haven['’]t|hasn['’]t|shouldn['’]t|couldn['’]t)\s+(?:he|she|it|you|they|we|I|there|that)\s*\?$",
    re.IGNORECASE,
)
_SMALL_TALK = re.compile(
    r"\b(?:how are you(?: doing| today)?\?|good to see you|can you hear me|hear me (?:all right|okay|ok)|"
    r"how was your (?:weekend|week|day)|nice to see you|how'?s it going|(?:it'?s |lovely to |great to )?good to see you)",
    re.IGNORECASE,
)
_GOODBYE = re.compile(r"^\W*(?:take care|bye|speak soon|see you|good luck|thank you|thanks)\b", re.IGNORECASE)
_WHY = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?why\b(?!\s+not\s+\w+\s+ask)", re.IGNORECASE)


@dataclass(frozen=True)
class SentenceHit:
    """A regular-expression match inside one coach sentence."""

    sentence: CoachSentence
    match: re.Match[str]


@dataclass(frozen=True)
class ExemplarScores:
    """Per marker, each coach sentence's best cosine similarity to the marker's demonstrating
    examples (`positive`) and to its contrast examples (`contrast`); rows follow `view.sentences`."""

    positive: dict[str, FloatArray] = field(default_factory=dict)
    contrast: dict[str, FloatArray] = field(default_factory=dict)


@dataclass(frozen=True)
class SessionView:
    """A session prepared for the detectors (built by `build_view`)."""

    session: CoachingSession
    rubric: Rubric
    turn_acts: tuple[TurnActs, ...]
    sentences: tuple[CoachSentence, ...]
    positions: tuple[float, ...]
    vectors: FloatArray | None = None
    exemplars: ExemplarScores | None = None
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a value once per view (several detectors share, e.g., the question profile)."""
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    @property
    def turns(self) -> tuple[Turn, ...]:
        """All turns of the session."""
        return self.session.turns

    def turn(self, index: int) -> Turn:
        """The turn with this index."""
        return self.session.turns[index]

    def is_coach(self, index: int) -> bool:
        """True when the turn is the coach's."""
        return self.session.turns[index].role == "coach"

    def is_client(self, index: int) -> bool:
        """True when the turn is the client's."""
        return self.session.turns[index].role == "client"

    @cached_property
    def coach_turns(self) -> tuple[Turn, ...]:
        """The coach's turns, in order."""
        return tuple(t for t in self.turns if t.role == "coach")

    @cached_property
    def client_turns(self) -> tuple[Turn, ...]:
        """The client's turns, in order."""
        return tuple(t for t in self.turns if t.role == "client")

    @cached_property
    def timed(self) -> bool:
        """True when turns carry start times (a VTT, SRT or time-stamped text export)."""
        known = sum(1 for t in self.turns if t.start_s is not None)
        return known >= max(2, len(self.turns) // 2)

    @cached_property
    def has_end_times(self) -> bool:
        """True when turns carry end times too (VTT, SRT), not only start times."""
        known = sum(1 for t in self.turns if t.end_s is not None)
        return self.timed and known >= max(2, len(self.turns) // 2)

    def acts_of(self, index: int) -> frozenset[str]:
        """The acts the classifier rolled up for a turn."""
        return frozenset(self.turn_acts[index].acts)

    def flags_of(self, index: int) -> frozenset[str]:
        """The flags of a turn and of its sentences."""
        acts = self.turn_acts[index]
        return frozenset(acts.flags).union(*(s.flags for s in self.sentences_in(index)))

    @cached_property
    def _by_turn(self) -> dict[int, tuple[CoachSentence, ...]]:
        grouped: dict[int, list[CoachSentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.turn, []).append(sentence)
        return {k: tuple(v) for k, v in grouped.items()}

    def sentences_in(self, turn_index: int) -> tuple[CoachSentence, ...]:
        """The coach sentences of a turn, in order."""
        return self._by_turn.get(turn_index, ())

    def questions_in(self, turn_index: int) -> tuple[CoachSentence, ...]:
        """The question sentences of a coach turn."""
        return tuple(s for s in self.sentences_in(turn_index) if s.is_question)

    def position(self, turn_index: int) -> float:
        """How far through the session (0-1, by spoken words) the middle of this turn is."""
        return self.positions[turn_index]

    def previous_client(self, turn_index: int) -> Turn | None:
        """The nearest client turn before this one, if any."""
        for turn in reversed(self.turns[:turn_index]):
            if turn.role == "client":
                return turn
        return None

    def next_client(self, turn_index: int) -> Turn | None:
        """The client turn that answers this coach turn (within the next two turns), if any."""
        for turn in self.turns[turn_index + 1 : turn_index + 3]:
            if turn.role == "client":
                return turn
        return None

    @cached_property
    def _client_stems_upto(self) -> tuple[frozenset[str], ...]:
        """For each turn index, the stems of the client's content words said before it."""
        seen: set[str] = set()
        upto: list[frozenset[str]] = []
        for turn in self.turns:
            upto.append(frozenset(seen))
            if turn.role == "client":
                seen |= {stem(w) for w in words(turn.text) if len(w) >= 4 and w not in STOPWORDS}
        return tuple(upto)

    def client_stems_before(self, turn_index: int) -> frozenset[str]:
        """Stems of the client's content words (four letters or more) spoken before this turn."""
        return self._client_stems_upto[turn_index]

    @cached_property
    def _client_indexes(self) -> list[int]:
        return [t.index for t in self.turns if t.role == "client"]

    def client_turns_before(self, turn_index: int, window: int | None = None) -> list[Turn]:
        """The client's turns before this one (the last `window` of them when given)."""
        count = bisect.bisect_left(self._client_indexes, turn_index)
        first = 0 if window is None else max(0, count - window)
        return [self.turns[i] for i in self._client_indexes[first:count]]

    def find(
        self,
        pattern: re.Pattern[str],
        *,
        where: Callable[[CoachSentence], bool] | None = None,
        after: float = 0.0,
        before: float = 1.01,
    ) -> list[SentenceHit]:
        """Coach sentences matching `pattern` between two positions (0-1), optionally filtered."""
        hits: list[SentenceHit] = []
        for sentence in self.sentences:
            if not after <= sentence.position < before:
                continue
            if where is not None and not where(sentence):
                continue
            match = pattern.search(sentence.text)
            if match:
                hits.append(SentenceHit(sentence, match))
        return hits

    def exemplar_hits(
        self,
        marker_id: str,
        *,
        threshold: float,
        margin: float = 0.03,
        after: float = 0.0,
        before: float = 1.01,
    ) -> list[tuple[CoachSentence, float]]:
        """Coach sentences whose similarity to the marker's examples is at least `threshold` and beats
        the similarity to its contrast examples by `margin`, best first."""
        if self.exemplars is None or marker_id not in self.exemplars.positive:
            return []
        positive = self.exemplars.positive[marker_id]
        contrast = self.exemplars.contrast.get(marker_id)
        found: list[tuple[CoachSentence, float]] = []
        for sentence in self.sentences:
            if not after <= sentence.position < before or word_count(sentence.text) < 4:
                continue
            score = float(positive[sentence.index])
            against = float(contrast[sentence.index]) if contrast is not None else 0.0
            if score >= threshold and score - against >= margin:
                found.append((sentence, score))
        return sorted(found, key=lambda pair: -pair[1])


def build_view(
    session: CoachingSession,
    turn_acts: Sequence[TurnActs],
    rubric: Rubric,
    *,
    vectors: FloatArray | None = None,
    exemplars: ExemplarScores | None = None,
) -> SessionView:
    """Prepare a session for the detectors: coach sentences with verbatim offsets and positions."""
    if len(turn_acts) != len(session.turns):
        raise AnalysisError(
            f"the act classifier returned {len(turn_acts)} results for {len(session.turns)} turns; "
            "it must return one per turn"
        )
    if not any(t.role == "coach" for t in session.turns):
        raise AnalysisError(
            "no turn is marked as the coach's; name the coach with --coach NAME so the session can be assessed"
        )
    positions = _positions(session)
    sentences: list[CoachSentence] = []
    for turn, acts in zip(session.turns, turn_acts, strict=True):
        if turn.role != "coach":
            continue
        for start, end, text, sentence_acts, flags in _sentences_of(turn, acts):
            sentences.append(
                CoachSentence(
                    index=len(sentences),
                    turn=turn.index,
                    start=start,
                    end=end,
                    text=text,
                    acts=frozenset(sentence_acts),
                    flags=frozenset(flags),
                    position=positions[turn.index],
                )
            )
    return SessionView(
        session=session,
        rubric=rubric,
        turn_acts=tuple(turn_acts),
        sentences=tuple(sentences),
        positions=positions,
        vectors=vectors,
        exemplars=exemplars,
    )


def coach_sentence_texts(session: CoachingSession, turn_acts: Sequence[TurnActs]) -> list[str]:
    """The coach sentences in the order `build_view` numbers them (rows of the embedding matrix)."""
    texts: list[str] = []
    for turn, acts in zip(session.turns, turn_acts, strict=True):
        if turn.role == "coach":
            texts.extend(text for _, _, text, _, _ in _sentences_of(turn, acts))
    return texts


def _sentences_of(turn: Turn, acts: TurnActs) -> list[tuple[int, int, str, tuple[str, ...], tuple[str, ...]]]:
    found: list[tuple[int, int, str, tuple[str, ...], tuple[str, ...]]] = []
    for sentence in acts.sentences:
        start, end = sentence.start, sentence.end
        if turn.text[start:end] != sentence.text:
            # Offsets that do not line up would break the verbatim-quote promise: find the text.
            located = turn.text.find(sentence.text)
            if located < 0:
                continue
            start, end = located, located + len(sentence.text)
        found.append((start, end, turn.text[start:end], sentence.acts, sentence.flags))
    if not found:
        rolled = acts.acts or ("other",)
        for start, end in sentence_spans(turn.text):
            found.append((start, end, turn.text[start:end], rolled, acts.flags))
    return found


def _positions(session: CoachingSession) -> tuple[float, ...]:
    counts = [word_count(t.text) for t in session.turns]
    total = sum(counts) or 1
    positions: list[float] = []
    running = 0
    for count in counts:
        positions.append((running + count / 2) / total)
        running += count
    return tuple(positions)
