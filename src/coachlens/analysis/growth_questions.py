"""Growth areas in how the coach asks: stacked, leading, "why" and closed questions.

Separate from the other habits because each of these points at one question and offers it rewritten,
so they lean on the rewrite transforms rather than on timing or marker findings.
"""

from __future__ import annotations

import re
from typing import Any

from coachlens.analysis.detectors.awareness import question_count, question_turn_profile
from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import quoted, sentence_evidence, span_evidence, when
from coachlens.analysis.detectors.text import content_stems
from coachlens.analysis.growth_candidate import Candidate, after_greeting, at_moment, feedback_item
from coachlens.analysis.rewrite_questions import QUESTION_JOINS
from coachlens.analysis.rewrite_selection import echoes_client, one_real_question, single_question
from coachlens.analysis.rewrites import (
    closed_to_open,
    core,
    first_of_stack,
    is_check_in,
    is_rhetorical,
    leading_to_neutral,
    why_to_what,
)

# "How long has he been there?" is answered by "About two years." without a shared word.
_ASKS_AMOUNT = re.compile(r"^(?:how (?:long|often|much|many|old)|when|what time)\b", re.IGNORECASE)
_AMOUNT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|a few|several|half)\b"
    r"|\b(?:years?|months?|weeks?|days?|hours?|minutes?|yesterday|today|tomorrow|monday|tuesday|"
    r"wednesday|thursday|friday)\b",
    re.IGNORECASE,
)
_NUMBERS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}
_ORDINALS = {0: "first", 1: "second", 2: "third", 3: "fourth"}
_HEDGE = re.compile(
    r"^\W*(?:probably|maybe|i suppose|i mean|i guess|i don'?t know|possibly|sort of|yeah,? (?:but|i))", re.I
)
# "Is it the credit, or is it how they see you?": the coach's own answers offered as a menu.
_MENU = re.compile(r",\s+or (?:is it|are you|do you|was it|is that|maybe)\b", re.IGNORECASE)
# "I'm not sure that's fair", "That's not it": the client rejecting the premise of the question.
_PUSHBACK = re.compile(
    r"^\W*(?:i\W+)*(?:i'?m not sure (?:that'?s|it'?s) (?:fair|true|right)|that'?s not (?:fair|true|it|right)|"
    r"i don'?t think (?:that'?s|i)\b|no,? i (?:don'?t|didn'?t)|hang on|well,? no\b)",
    re.IGNORECASE,
)


def stacked_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """The biggest stack of questions in one turn, and the one question to keep."""
    profile = question_turn_profile(view)
    turns = [
        i
        for i in profile["stacked"]
        if view.position(i) >= 0.04
        and not echoes_client(view, i, view.questions_in(i))
        and not one_real_question(view.questions_in(i))
    ]
    if not turns:
        return None

    def clauses(i: int) -> list[str]:
        # A rhetorical question ("Who wouldn't feel lighter?") waits for no answer.
        asked = [q for q in view.questions_in(i) if not is_rhetorical(q.text)]
        return [part for q in asked for part in QUESTION_JOINS.split(q.text) if part.strip()]

    turn = max(turns, key=lambda i: (sum(question_count(q.text) for q in view.questions_in(i)), -i))
    parts = clauses(turn)
    rhetorical = [q for q in view.questions_in(turn) if is_rhetorical(q.text)]
    count = max(2, sum(question_count(q.text) for q in view.questions_in(turn)), len(parts) + len(rhetorical))
    questions = view.questions_in(turn)
    evidence = span_evidence(view, turn, questions[0].start, questions[-1].end)
    answered = _answered_only(view, turn, parts)
    opening = first_of_stack(questions[0].text) if len(questions) == 1 else single_question(questions)
    number = _NUMBERS.get(count, str(count))
    advice = f" Ask one, then wait: {quoted(opening)}." if opening else " Ask one, then wait."
    menu = ""
    if any(_MENU.search(q.text) for q in questions):
        menu = " The options you listed were your guesses; the client's own answer may be none of them."
    detail = (
        f"{at_moment(view, turn)} {number.lower()} questions in one turn ({quoted(evidence.quote, 160)})."
        f"{answered}{menu}{advice}"
    )
    weight = 0.45 + 1.5 * float(metrics.get("stacked_rate", 0.0)) + (0.15 if count >= 3 else 0.0)
    return Candidate(
        "stacked", weight, feedback_item(f"{number} questions in one turn", detail, evidence, "7.6")
    )


def _answered_only(view: SessionView, turn: int, parts: list[str]) -> str:
    """' The client answered only the last.' when the reply picks up exactly one of the questions."""
    reply = view.next_client(turn)
    if reply is None or len(parts) < 2:
        return ""
    said = content_stems(reply.text)
    touched = [
        i
        for i, part in enumerate(parts)
        if content_stems(part) & said or (_ASKS_AMOUNT.match(core(part)) and _AMOUNT.search(reply.text))
    ]
    # A question that names nothing ("when will you do it") may be answered without sharing a word
    # with it ("Thursday"), so the claim is made only when every other question named something.
    if len(touched) != 1 or any(not content_stems(p) for i, p in enumerate(parts) if i != touched[0]):
        return ""
    which = "last" if touched[0] == len(parts) - 1 else _ORDINALS.get(touched[0], "one")
    return f" The client answered only the {which} one."


def leading_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Questions that carry the coach's answer, and a neutral version."""
    leading = after_greeting([s for s in view.sentences if s.is_question and s.is_leading])
    if not leading:
        return None
    pairs = [(s, leading_to_neutral(s.text) or closed_to_open(s.text)) for s in leading]
    # "Don't you think ...?" shows the habit more plainly than a tag question.
    pairs.sort(
        key=lambda p: (
            p[1] is None,
            not re.match(r"^\W*(?:don'?t|wouldn'?t|isn'?t|aren'?t)\b", p[0].text, re.I),
        )
    )
    sentence, rewrite = pairs[0]
    reply = view.next_client(sentence.turn)
    reply_note = ""
    if reply is not None and _HEDGE.search(reply.text):
        reply_note = f"; the client hedged ({quoted(reply.text, 70)})"
    instead = (
        f" Leave the answer to the client: {quoted(rewrite)}."
        if rewrite
        else " Ask it without your answer inside."
    )
    count = f" ({len(leading)} in the session)" if len(leading) > 1 else ""
    detail = f"{at_moment(view, sentence.turn)} you asked {quoted(sentence.text)}{count}: the question carries your answer{reply_note}.{instead}"
    weight = min(0.9, 0.35 + 0.06 * len(leading))
    title = "Leading questions" if len(leading) > 1 else "A leading question"
    return Candidate(
        "leading", weight, feedback_item(title, detail, sentence_evidence(view, sentence), "7.6")
    )


def why_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """'Why' questions that can sound like a demand to justify, and a 'what' version."""
    whys = after_greeting([s for s in view.sentences if s.is_question and s.is_why and not s.is_advice])
    pairs = [(s, why_to_what(s.text)) for s in whys]
    usable = [(s, r) for s, r in pairs if r]
    if not usable:
        return None
    sentence, rewrite = usable[0]
    count = f"{len(whys)} 'why' questions, e.g. " if len(whys) > 1 else ""
    detail = (
        f"{count}{when(view, sentence.turn)} {quoted(sentence.text)}: 'why' can sound like a demand to justify. "
        f"Ask 'what' instead: {quoted(rewrite)}."
    )
    # A 'why' the client pushed back on shows the cost plainly; a mentor would point at it too.
    pushed = next((s for s in whys if _pushed_back(view, s.turn)), None)
    reply = view.next_client(pushed.turn) if pushed is not None else None
    if pushed is not None and reply is not None:
        if pushed is sentence:
            lead = " The client"
        else:
            lead = f" {at_moment(view, pushed.turn)} you asked {quoted(pushed.text)} and the client"
        detail += f"{lead} pushed back ({quoted(reply.text, 60)}): the judgement in the question was yours."
    return Candidate(
        "why",
        0.25 + 0.12 * len(whys) + (0.15 if pushed is not None else 0.0),
        feedback_item(
            "'Why' questions", detail[0].upper() + detail[1:], sentence_evidence(view, sentence), "7.6"
        ),
    )


def closed_questions(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Mostly yes/no questions, with one reshaped into an open question."""
    share = float(metrics.get("open_question_share", 1.0))
    if share >= 0.55:
        return None
    closed = after_greeting(
        [
            s
            for s in view.sentences
            if "question.closed" in s.acts and not is_check_in(s.text) and not s.is_advice
        ]
    )
    pairs = [(s, closed_to_open(s.text)) for s in closed]
    usable = [(s, r) for s, r in pairs if r]
    if not usable:
        return None
    sentence, rewrite = usable[0]
    detail = (
        f"{metrics.get('questions_closed', 0)} of {metrics.get('questions', 0)} questions could be answered yes or no, e.g. "
        f"{when(view, sentence.turn)}: {quoted(sentence.text)}. Open it: {quoted(rewrite)}."
    )
    return Candidate(
        "closed",
        0.2 + 1.5 * (0.55 - share),
        feedback_item("Mostly closed questions", detail, sentence_evidence(view, sentence), "7.6"),
    )


def _pushed_back(view: SessionView, turn: int) -> bool:
    reply = view.next_client(turn)
    return reply is not None and _PUSHBACK.search(reply.text) is not None
