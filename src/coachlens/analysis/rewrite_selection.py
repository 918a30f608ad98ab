"""Choosing which of the coach's own lines to rewrite, and how (see `rewrites.py` for the transforms).

One kind at a time (stacked, advice, leading, "why", closed) so the list shows the range of habits;
check-ins, offers of choice and closing questions are left alone because they are fine as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coachlens.analysis.detectors.awareness import question_count, question_turn_profile
from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import same_line, span_evidence
from coachlens.analysis.detectors.growth import CLOSE_PARTNER
from coachlens.analysis.detectors.listening import CONFIRMS
from coachlens.analysis.detectors.presence import CLIENT_CHOICE
from coachlens.analysis.detectors.text import word_count
from coachlens.analysis.rewrites import (
    advice_to_question,
    closed_to_open,
    core,
    first_of_stack,
    is_advice_line,
    is_check_in,
    is_rhetorical,
    leading_to_neutral,
    why_to_what,
)
from coachlens.models import Rewrite

MAX_REWRITES = 5
_HAS_VERB = re.compile(
    r"\b(?:would|will|do|does|did|is|are|was|were|can|could|should|might|have|has|feel|want|need|know|think)\b",
    re.I,
)
_EXPLICIT_LEADING = re.compile(
    r"^\W*(?:(?:and|so|but)\W+)?(?:don'?t|wouldn'?t|isn'?t|aren'?t|doesn'?t)\b", re.I
)
# A question whose subject is someone else: "Is he ...?", "How long has Graham been ...?", "Did they ...?".
_THIRD_PARTY = re.compile(
    r"^(?:(?:how (?:long|often|much|many|old)|what|when|where|which)\s+)?"
    r"(?:is|are|was|were|has|have|had|does|do|did|will|would|can|could)\s+"
    r"(?:he|she|they|(?-i:[A-Z][a-z]+))\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<!^)(?<![.?!] )\b(?!I\b)[A-Z][a-z]+\b")
# "And what about our coaching?", "And the orders?": a topic named, not a question asked.
_FRAGMENT = re.compile(
    r"^\W*(?:(?:and|so|but|or)\W+)?(?:(?:what|how) about\b|(?:the|your|his|her|their|my|our)\b)",
    re.IGNORECASE,
)
# "So you want to ...?", "You're saying ...?": a statement with a question mark, not an inverted question.
_DECLARATIVE = re.compile(r"^\W*(?:(?:so|and|okay|right)\W+)*(?:you(?:'re|'ve)?|it'?s|that'?s)\s", re.I)
_STILL_CLOSED = re.compile(r"^(?:would|could|can|do|does|did|is|are|was|were|have|has|will|should)\b", re.I)
REWRITE_WHY = {
    "stacked_to_one": "One question at a time leaves the client room to think; with several, they answer the last or the easiest.",
    "advice_to_question": "The client's own options come first; your idea can follow, offered with permission.",
    "leading_to_neutral": "A neutral question leaves the answer to the client instead of inviting agreement with yours.",
    "why_to_what": "'Why' can sound like a demand to justify; 'what' invites the client to explore.",
    "closed_to_open": "An open question lets the client answer in their own terms instead of yes or no.",
}


def collect_rewrites(view: SessionView, limit: int = MAX_REWRITES) -> list[Rewrite]:
    """Rewrites of the coach's own weak lines, one kind at a time so the list shows the range."""
    pools: dict[str, list[Rewrite]] = {kind: [] for kind in REWRITE_WHY}
    profile = question_turn_profile(view)
    for turn in profile["stacked"]:
        questions = view.questions_in(turn)
        if not questions or view.position(turn) < 0.04:
            continue
        # A stack the client heard as one block: not questions scattered through a speech.
        between = [
            s
            for s in view.sentences_in(turn)
            if questions[0].start < s.start < questions[-1].start and not s.is_question
        ]
        if sum(word_count(s.text) for s in between) > 15:
            continue
        if echoes_client(view, turn, questions) or one_real_question(questions):
            continue
        suggestion = single_question(questions)
        # Two short questions ("... a standard patio? Per square metre?") are a clarification, not a stack.
        substantial = sum(question_count(q.text) for q in questions) >= 3 or all(
            word_count(q.text) >= 4 for q in questions
        )
        if suggestion and substantial and not _STILL_CLOSED.match(suggestion):
            evidence = span_evidence(view, turn, questions[0].start, questions[-1].end)
            pools["stacked_to_one"].append(_rewrite(view, turn, evidence.quote, suggestion, "stacked_to_one"))
    for sentence in view.sentences:
        if sentence.position < 0.04:
            continue
        kind, suggestion = rewrite_sentence(sentence)
        if kind == "closed_to_open" and confirmed_reflection(view, sentence):
            continue
        if kind and suggestion and suggestion.rstrip("?").lower() != sentence.text.rstrip("?. ").lower():
            pools[kind].append(_rewrite(view, sentence.turn, sentence.text, suggestion, kind))
    pools["stacked_to_one"].sort(key=lambda r: -question_count(r.original) - r.original.count("?"))
    pools["leading_to_neutral"].sort(key=lambda r: not _EXPLICIT_LEADING.match(r.original))
    chosen: list[Rewrite] = []
    while len(chosen) < limit and any(pools.values()):
        for kind in REWRITE_WHY:
            pool = pools[kind]
            # One rewrite per line: a turn with advice and then a stack of questions gets both.
            while pool and any(same_line(pool[0].turn, pool[0].original, c.turn, c.original) for c in chosen):
                pool.pop(0)
            if pool and len(chosen) < limit:
                chosen.append(pool.pop(0))
    return sorted(chosen, key=lambda r: r.turn)


def confirmed_reflection(view: SessionView, sentence: CoachSentence) -> bool:
    """True for the coach's reading of the client put as a question ("So you want to tell her before it
    gets to HR?") that the client confirms ("Yes. Actually, yes."): a reflection checked with a question
    mark is listening, not a closed question to open. An inverted question ("Is it that ...?") is a
    question however it is answered."""
    if not _DECLARATIVE.match(sentence.text):
        return False
    reply = view.next_client(sentence.turn)
    return reply is not None and reply.index == sentence.turn + 1 and CONFIRMS.search(reply.text) is not None


def one_real_question(questions: Sequence[CoachSentence]) -> bool:
    """True when all but one of the 'questions' are verbless fragments that name the topic ("And
    what about our coaching, and the application? How would you like to go from here?"): one
    question asked, with its subject set out first."""
    full = [q for q in questions if not (_FRAGMENT.match(q.text) and word_count(q.text) <= 8)]
    return len(questions) >= 2 and len(full) == 1 and question_count(full[0].text) == 1


def echoes_client(view: SessionView, turn: int, questions: Sequence[CoachSentence]) -> bool:
    """True when the 'stack' is the client's own question handed back word for word ("Why a second
    shop, and why now." -> "So, why a second shop, and why now?"): the client set both parts, so it
    asks nothing new, and echoing it is listening rather than piling on. A menu built from the
    client's words ("Is it the credit, or how the team sees you?") is the coach's and still counts."""
    before = view.previous_client(turn)
    asked = _words(core(" ".join(q.text for q in questions)))
    if before is None or len(asked) < 3:
        return False
    return f" {' '.join(asked)} " in f" {' '.join(_words(before.text))} "


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def single_question(questions: Sequence[CoachSentence]) -> str | None:
    """The one question to keep from a stack: the first open, neutral one; else the first that can be
    reshaped into one (a closed, leading, 'why' or advice question made open)."""
    # Prefer a full question ("How would you like to go from here?") to a fragment ("What about X?").
    # A rhetorical question ("Who wouldn't feel lighter?") asks nothing, so it is never the one to keep.
    questions = [q for q in questions if not is_rhetorical(q.text)]
    if (person := _only_about(questions)) is not None:
        return f"What's going on for you with {person}?"
    ordered = sorted(questions, key=lambda q: _HAS_VERB.search(q.text) is None)
    for question in ordered:
        if question.is_open_question and not (question.is_leading or question.is_why or question.is_advice):
            single = first_of_stack(question.text)
            if single:
                return single
    for question in questions:
        _, reshaped = rewrite_sentence(question)
        if reshaped and not _STILL_CLOSED.match(reshaped):
            return reshaped
    return None


def _only_about(questions: Sequence[CoachSentence]) -> str | None:
    """The named person a stack gathers facts about, when every question in it is about them or
    another third party ("How long has Graham been on the team? Is he senior to you?"). Keeping one
    of those keeps the coach's fact-finding; a question about the client's experience of the person
    is the one worth asking."""
    if len(questions) < 2 or not all(_THIRD_PARTY.match(core(q.text)) for q in questions):
        return None
    names = (m.group(0) for q in questions for m in _NAME.finditer(core(q.text)))
    return next(names, None)


def rewrite_sentence(sentence: CoachSentence) -> tuple[str | None, str | None]:
    """The kind of rewrite a coach sentence needs and the rewritten line (None when it cannot be built)."""
    # A leading question that carries advice ("Wouldn't it be better to...?") is shown as leading,
    # the way the growth area names it, when the neutral version can be built.
    if sentence.is_question and sentence.is_leading and (neutral := leading_to_neutral(sentence.text)):
        return "leading_to_neutral", neutral
    if (sentence.is_advice or is_advice_line(sentence.text)) and (
        word_count(sentence.text) >= 4 or sentence.is_question
    ):
        suggestion = advice_to_question(sentence.text)
        if suggestion or not sentence.is_question:
            return "advice_to_question", suggestion
    if not sentence.is_question:
        return None, None
    if sentence.is_leading:
        return "leading_to_neutral", leading_to_neutral(sentence.text) or closed_to_open(sentence.text)
    if sentence.is_why:
        return "why_to_what", why_to_what(sentence.text)
    offers_choice = (
        CLIENT_CHOICE.search(sentence.text) is not None or CLOSE_PARTNER.search(sentence.text) is not None
    )
    if (
        "question.closed" in sentence.acts
        and not is_check_in(sentence.text)
        and not offers_choice
        and not {"permission", "invitation"} & sentence.acts
    ):
        return "closed_to_open", closed_to_open(sentence.text)
    return None, None


def _rewrite(view: SessionView, turn: int, original: str, suggestion: str, kind: str) -> Rewrite:
    return Rewrite(
        turn=turn,
        original=original,
        suggestion=suggestion,
        kind=kind,
        why=REWRITE_WHY[kind],
        start_s=view.turn(turn).start_s,
    )
