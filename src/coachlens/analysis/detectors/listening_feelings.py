"""Competency 6 (Listens Actively), the client's feelings and energy: markers 6.3 and 6.4.

These detectors read what the client felt rather than the words they used: whether the coach asked
about or named the client's feelings (and stayed with them), and whether the coach named a shift in
the client's energy. The word-based listening markers are in `listening`, which imports this module
so that loading it registers all of competency 6.
"""

from __future__ import annotations

import re

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.echo import corrected, echo, reassures, short_echo
from coachlens.analysis.detectors.emotion import (
    FEELING_QUESTION,
    FEELING_WORDS,
    FeelingHit,
    find_feelings,
    names_feeling,
)
from coachlens.analysis.detectors.evidence import (
    finding,
    quoted,
    sentence_around,
    sentence_evidence,
    span_evidence,
    when,
)
from coachlens.analysis.detectors.questions import about_someone_else, asks_openly, suggests
from coachlens.analysis.detectors.text import content_stems, rx, stem, words
from coachlens.analysis.detectors.trust_cues import PLATITUDE
from coachlens.analysis.detectors.trust_responses import is_empathic
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding, Turn

ENERGY_SHIFT = rx(
    r"\b(?:(?:something|that|it) (?:changed|shifted) in (?:your|the) (?:voice|face|energy|tone)|"
    r"your (?:voice|energy|face|tone|pace) (?:just |really )?(?:changed|dropped|picked up|lifted|went|softened|"
    r"shifted|rose)|you (?:just )?(?:laughed|sighed|smiled|paused|went quiet|lit up|leaned|looked away|"
    r"(?:have )?gone quiet(?:er)?)|you'?re (?:smiling|laughing|sighing|frowning|nodding|grinning|leaning \w+|"
    r"shaking your head|speaking (?:faster|slower|more (?:slowly|quickly|softly)))|I (?:noticed|heard|saw|'m noticing) (?:a|your|you)\s+(?:\w+\s+)?(?:sigh|laugh|"
    r"smile|pause|shift|change)|you sound (?:quite |really |a bit )?(?:lighter|different|brighter|flat|tired|"
    r"energi[sz]ed|quieter|clear|clearer|excited)|there'?s (?:more|a lot of|real) energy)"
)
CLIENT_CUE = rx(
    r"(?:\[(?:laughs?|laughter|sighs?|crying|cries|long pause|silence)\]|\bI feel (?:lighter|better|different|"
    r"heavier|clearer)|\b(?:something'?s|it'?s|that'?s) (?:shifted|changed)\b|\bha\b|\bwow\b)"
)


@register("coachlens.marker.6_3.v1", needs=("acts", "emotion"))
def detect_explores_emotion(view: SessionView) -> MarkerFinding:
    """6.3: the coach asks about or explores what the client feels."""
    name = "coachlens.marker.6_3.v1"
    voiced = [(t, h) for t in view.client_turns for h in find_feelings(t.text)[:1]]
    # Direct feeling questions first, so that the evidence leads with the plainest one.
    asked = sorted(
        (s for s in view.sentences if _asks_about_feeling(view, s)),
        key=lambda s: (_plain_feeling_question(s) is None, not asks_openly(s), s.index),
    )
    stayed = [s for s in asked if not _moved_past(view, s)]
    # A feeling named back to the client (not a remark about how someone else will feel, and not a
    # feeling the coach supplied that the client then corrected: "you're frustrated" / "more embarrassed").
    named = [
        s
        for s in view.sentences
        if not s.is_question
        and not s.is_advice
        and names_feeling(s.text)
        and (THIRD_PERSON.search(s.text) is None or bool({"reflection", "empathy"} & s.acts))
        and _client_feeling(view, s)
        and not corrected(view, s.turn)
    ]
    named.sort(key=lambda s: -sum(1 for h in find_feelings(s.text) if h.word in FEELING_WORDS))
    ignored = [(t, h) for t, h in voiced if h.difficult and not _taken_up(view, t, h)]
    if not voiced and not asked:
        return finding(
            "6.3",
            "no_opportunity",
            0.55,
            [],
            "The client voiced no feelings and the conversation stayed on facts, so there was no emotion to explore.",
            name,
        )
    if stayed and len(stayed) + len(named) >= 2 and len(ignored) <= len(stayed):
        first = stayed[0]
        return finding(
            "6.3",
            "demonstrated",
            0.65 + min(0.25, 0.05 * len(stayed)),
            [sentence_evidence(view, s) for s in stayed + named],
            f"The coach invited the client's feelings into the conversation, e.g. {when(view, first.turn)}: "
            f"{quoted(first.text)}.",
            name,
        )
    if asked or named:
        first = (asked or named)[0]
        if ignored:
            why = f"explored feelings at times but passed over {len(ignored)} other{'s' if len(ignored) != 1 else ''}"
        elif asked and not stayed:
            why = "asked about feelings but moved on when they came"
        else:
            why = "named or asked about a feeling once but did not explore it further"
        return finding(
            "6.3",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in asked + named],
            f"The coach {why}, e.g. {when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    # Lead with named, difficult feelings ("embarrassed", "scared") over loose frames ("it feels like").
    voiced.sort(key=lambda th: (not th[1].difficult, th[1].word not in FEELING_WORDS, th[0].index))
    turn, hit = voiced[0]
    return finding(
        "6.3",
        "missed",
        0.7,
        [sentence_around(view, t.index, h.start) for t, h in voiced[:3]],
        f"The client voiced feelings ({len(voiced)} turn{'s' if len(voiced) != 1 else ''}, e.g. {when(view, turn.index)}: "
        f"{quoted(sentence_around(view, turn.index, hit.start).quote, 80)}) and the coach never asked about them.",
        name,
    )


# "What's that feeling like?": the client's feeling, taken up as a thing to look at.
_FEELING_THING = rx(
    r"\bwhat(?:'s| is| was) (?:that|this|the) (?:feeling|sensation|emotion|fear|worry|guilt|anger|sadness|"
    r"tightness|knot|dread|panic)\b[^?]{0,30}\blike\b"
)
# Who a statement is about: the coach ("I was shaking like a leaf"), everyone ("Everybody gets
# impostor syndrome") or the client ("you").
_NOT_CLIENT = re.compile(
    r"\b(?:I|I'?m|I'?ve|me|my|we|us|our|everyone|everybody|nobody|we all|all of us)\b", re.I
)


def _plain_feeling_question(sentence: CoachSentence) -> re.Match[str] | None:
    return FEELING_QUESTION.search(sentence.text) or _FEELING_THING.search(sentence.text)


def _asks_about_feeling(view: SessionView, sentence: CoachSentence) -> bool:
    """A question that invites the client's own feelings. Questions about someone else's feelings
    ("Do you think Graham will be annoyed?"), rhetorical or leading ones ("Who wouldn't feel lighter?")
    and either/or questions that hand the client the coach's options ("Is it that you're afraid of the
    conflict, or ...?") do not explore what the client feels."""
    if not sentence.is_question or sentence.is_why or sentence.is_leading or sentence.is_small_talk:
        return False
    if suggests(sentence) or about_someone_else(sentence.text):
        return False
    if not asks_openly(sentence) and _CHOICE.search(sentence.text):
        return False
    return bool(_plain_feeling_question(sentence)) or _asks_after_feeling(view, sentence)


_CHOICE = rx(
    r",?\s+or\s+(?:is it|are you|do you|was it|would you|it'?s|maybe)\b|\bor\s+(?:not|something else)\b"
)


def _client_feeling(view: SessionView, sentence: CoachSentence) -> bool:
    """A named feeling that is the client's: the coach's own ("I was shaking like a leaf"), everyone's
    ("Everybody gets impostor syndrome") or one denied back to the client ("You won't get flustered")
    is not the client's feeling explored."""
    if "self_disclosure" in sentence.acts or PLATITUDE.search(sentence.text) or reassures(view, sentence):
        return False
    other = _NOT_CLIENT.search(sentence.text)
    you = _YOU.search(sentence.text)
    return other is None or (you is not None and you.start() < other.start())


THIRD_PERSON = re.compile(r"\b(?:he|she|they|him|her|them)\b", re.IGNORECASE)


def _asks_after_feeling(view: SessionView, sentence: CoachSentence) -> bool:
    """A question holding a feeling word counts when it is put to the client ("Are you angry with
    him?") or hands back the client's own feeling word ("Relieved?"); "What's alive in that room?"
    uses a feeling word about something else."""
    if not names_feeling(sentence.text):
        return False
    return bool(_YOU.search(sentence.text)) or short_echo(view, sentence) is not None


_YOU = re.compile(r"\b(?:you|you'?re|your|yourself)\b", re.IGNORECASE)


def _taken_up(view: SessionView, client_turn: Turn, hit: FeelingHit) -> bool:
    """True when the coach's next turn reflects, names or asks about what the client felt. Echoing
    some other word of the turn ("What did you tell the client?") does not take up the feeling."""
    felt = {stem(w) for w in words(hit.word)}
    for turn in view.turns[client_turn.index + 1 : client_turn.index + 2]:
        if turn.role != "coach":
            return False
        for sentence in view.sentences_in(turn.index)[:3]:
            if sentence.is_advice:
                return False
            if (
                FEELING_QUESTION.search(sentence.text)
                or names_feeling(sentence.text)
                or (
                    "reflection" in sentence.acts
                    and content_stems(sentence.text) & content_stems(client_turn.text)
                )
                or is_empathic(sentence)
                or felt & {stem(w) for w in words(echo(view, sentence, min_len=1) or "")}
            ):
                return True
    return False


def _moved_past(view: SessionView, question: CoachSentence) -> bool:
    """True when the client answered with a feeling and the coach's next turn advised or reassured."""
    reply = view.next_client(question.turn)
    if reply is None or not find_feelings(reply.text):
        return False
    for turn in view.turns[reply.index + 1 : reply.index + 2]:
        if turn.role == "coach":
            sentences = view.sentences_in(turn.index)
            return any(PLATITUDE.search(s.text) or s.is_advice for s in sentences[:3])
    return False


def _cue_left_open(view: SessionView, client_turn: Turn) -> bool:
    """A cue the coach could have named: not the client's goodbye (nothing is left to explore once the
    session closes) and not the answer to the coach's own "How does it feel?" (the coach invited it)."""
    if client_turn is view.client_turns[-1]:
        return False
    before = view.turns[client_turn.index - 1] if client_turn.index > 0 else None
    return before is None or before.role != "coach" or FEELING_QUESTION.search(before.text) is None


def _named_and_asked(view: SessionView, sentence: CoachSentence) -> Evidence:
    """The named shift with the question that invites the client into it, as the client heard them."""
    question = next(
        (q for q in view.sentences_in(sentence.turn) if q.is_question and q.start >= sentence.start), sentence
    )
    return span_evidence(view, sentence.turn, sentence.start, question.end)


@register("coachlens.marker.6_4.v1", needs=("acts",))
def detect_energy_shifts(view: SessionView) -> MarkerFinding:
    """6.4 (text part only): the coach names a shift in the client's energy and invites exploration."""
    name = "coachlens.marker.6_4.v1"
    named = [h.sentence for h in view.find(ENERGY_SHIFT)]
    invited = [
        s
        for s in named
        if s.is_question or any(q.is_question for q in view.sentences_in(s.turn) if q.start > s.start)
    ]
    if invited:
        first = invited[0]
        return finding(
            "6.4",
            "demonstrated",
            0.6,
            [_named_and_asked(view, s) for s in invited]
            + [sentence_evidence(view, s) for s in named if s not in invited],
            f"{when(view, first.turn).capitalize()} the coach named a shift they noticed and invited the client to "
            f"explore it: {quoted(_named_and_asked(view, first).quote, 160)} (the recording would show the unspoken cues "
            "too).",
            name,
        )
    if named:
        first = named[0]
        return finding(
            "6.4",
            "partial",
            0.45,
            [sentence_evidence(view, s) for s in named],
            f"{when(view, first.turn).capitalize()} the coach named a shift ({quoted(first.text)}) without inviting "
            "the client to explore it.",
            name,
        )
    cues = [
        (t, m)
        for t in view.client_turns
        for m in [CLIENT_CUE.search(t.text)]
        if m and _cue_left_open(view, t)
    ]
    note = (
        f"; in the text, the client's {quoted(cues[0][1].group(), 30)} {when(view, cues[0][0].index)} was a cue "
        "the coach did not name"
        if cues
        else ""
    )
    return finding(
        "6.4",
        "not_assessable",
        0.5,
        [sentence_around(view, t.index, m.start()) for t, m in cues[:2]],
        "Energy, tone and body language are only in the recording, so this cannot be judged from text"
        + note
        + ".",
        name,
    )
