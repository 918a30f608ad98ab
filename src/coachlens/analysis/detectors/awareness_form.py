"""Competency 7 (Evokes Awareness), the form of the coach's questions and talk: markers 7.6-7.8.

One open question at a time, plain and brief language, the client doing most of the talking. Unlike
7.1-7.5 (in `awareness`), these are judged from counts over the whole session rather than from what
single questions say. `question_turn_profile` is also read by the metrics and growth-area summaries.
"""

from __future__ import annotations

import statistics

from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    finding,
    quoted,
    sentence_evidence,
    span_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.questions import evocative_closed, poses_question
from coachlens.analysis.detectors.text import rx, word_count
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding, MarkerStatus

# The client asking what the coach meant is the plainest sign that the language was not clear.
CONFUSION = rx(
    r"\b(?:what do you mean\?|sorry,? (?:what|I don'?t follow)|I'?m not sure what you'?re asking|"
    r"can you (?:repeat|say) that again|I don'?t (?:understand|follow) (?:the|your) question)"
)

# "What would it sound like, and when would you have it, and what if they say no?" is three questions;
# "how you'd tell them, or what the month would look like?" offers a choice inside one question.
_JOINED_QUESTION = rx(
    r",\s*(?:and|but)\s+(?:what|who|when|where|why|how|would|will|do|does|did|is|are|can|could|should|"
    r"have|has)\b"
)


def question_count(text: str) -> int:
    """How many questions one question sentence asks (clauses joined by ', and what ...')."""
    return 1 + len(_JOINED_QUESTION.findall(text))


def question_turn_profile(view: SessionView) -> dict[str, list[int]]:
    """Coach turns grouped by question shape: stacked, single open, single closed, leading, why."""
    return view.memo("question_turn_profile", lambda: _profile(view))


def _profile(view: SessionView) -> dict[str, list[int]]:
    profile: dict[str, list[int]] = {
        "question_turns": [],
        "stacked": [],
        "single_open": [],
        "leading": [],
        "why": [],
        "closed": [],
    }
    for turn in view.coach_turns:
        questions = [
            q for q in view.questions_in(turn.index) if word_count(q.text) >= 2 and poses_question(view, q)
        ]
        if not questions:
            continue
        profile["question_turns"].append(turn.index)
        asked = sum(question_count(q.text) for q in questions if "permission" not in q.acts)
        if asked >= 2:
            profile["stacked"].append(turn.index)
        elif questions[0].is_open_question and not questions[0].is_leading and not questions[0].is_why:
            profile["single_open"].append(turn.index)
        if any(q.is_leading for q in questions):
            profile["leading"].append(turn.index)
        if any(q.is_why for q in questions):
            profile["why"].append(turn.index)
        if all("question.closed" in q.acts for q in questions):
            profile["closed"].append(turn.index)
    return profile


@register("coachlens.marker.7_6.v1", needs=("acts",))
def detect_one_open_question(view: SessionView) -> MarkerFinding:
    """7.6: clear, mostly open questions, one at a time."""
    name = "coachlens.marker.7_6.v1"
    profile = question_turn_profile(view)
    total = len(profile["question_turns"])
    if total == 0:
        return finding(
            "7.6",
            "missed",
            0.7,
            [anchor_evidence(view, 0.1)],
            "The coach asked no questions in the whole session.",
            name,
        )
    questions = [s for s in view.sentences if s.is_question and not s.is_small_talk]
    open_share = sum(1 for s in questions if s.is_open_question) / max(1, len(questions))
    stacked_rate = len(profile["stacked"]) / total
    leading_rate = len(profile["leading"]) / total
    parts = [
        f"{len(profile['single_open'])} of {total} question turns carried one open question",
        f"{open_share:.0%} of all questions were open",
    ]
    if profile["stacked"]:
        stacked_turns = len(profile["stacked"])
        parts.append(f"{stacked_turns} {'turn' if stacked_turns == 1 else 'turns'} stacked two or more")
    if profile["leading"]:
        parts.append(f"{len(profile['leading'])} led the client")
    if profile["why"]:
        parts.append(f"{len(profile['why'])} asked 'why'")
    summary = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    # "Is that the whole story?" is closed in form but asks the client to look again: a mentor notes
    # the form and credits the effect, so such turns are named apart and never held up as the weakest.
    evocative = [i for i in profile["closed"] if all(evocative_closed(q) for q in view.questions_in(i))]
    if evocative:
        first = view.questions_in(evocative[0])[0]
        summary += (
            f"; {len(evocative)} {'was' if len(evocative) == 1 else 'were'} closed in form but still evocative "
            f"({when(view, first.turn)}: {quoted(first.text, 80)})"
        )
    # The worst turns first: the biggest stacks, then leading, then 'why' and closed ones.
    stacked = sorted(
        profile["stacked"], key=lambda i: -sum(question_count(q.text) for q in view.questions_in(i))
    )
    # "May I share something?" is closed by necessity: asking permission is not a closed question to fix.
    closed = [
        i
        for i in profile["closed"]
        if i not in evocative and not all("permission" in q.acts for q in view.questions_in(i))
    ]
    worst = list(dict.fromkeys(stacked + profile["leading"] + profile["why"] + closed))
    worst = [i for i in worst if view.position(i) >= 0.04] or worst
    worst_evidence = [_question_span(view, i) for i in worst[:3]]
    # "One at a time" is the marker itself: a coach who stacks or asks "why" at all has not yet shown
    # it, however good the rest of the questions are.
    if open_share >= 0.6 and not profile["stacked"] and not profile["why"] and leading_rate <= 0.1:
        good = [
            sentence_evidence(view, view.questions_in(i)[0])
            for i in profile["single_open"]
            if view.position(i) >= 0.04
        ]
        return finding("7.6", "demonstrated", 0.8, good[:2] + worst_evidence[:1], summary + ".", name)
    # Mostly closed questions, with a third of the question turns stacked or asking 'why', is an
    # interview, not "primarily open questions, one at a time", even when no single rate is extreme.
    why_rate = len(profile["why"]) / total
    interview = open_share < 0.5 and stacked_rate + why_rate >= 0.3
    status: MarkerStatus = (
        "missed" if open_share < 0.4 or stacked_rate > 0.3 or leading_rate > 0.25 or interview else "partial"
    )
    example = worst[0] if worst else profile["question_turns"][0]
    return finding(
        "7.6",
        status,
        0.75,
        worst_evidence or [_question_span(view, example)],
        f"{summary}; e.g. {when(view, example)}: {quoted(_question_span(view, example).quote, 140)}.",
        name,
    )


def _question_span(view: SessionView, turn_index: int) -> Evidence:
    """From the first to the last question of a turn: the stack as the client heard it."""
    questions = view.questions_in(turn_index)
    if not questions:
        return turn_evidence(view, turn_index)
    return span_evidence(view, turn_index, questions[0].start, questions[-1].end)


@register("coachlens.marker.7_7.v1", needs=("acts",))
def detect_concise_language(view: SessionView) -> MarkerFinding:
    """7.7: clear, concise coach language (short turns, no long set-ups, no confusion)."""
    name = "coachlens.marker.7_7.v1"
    lengths = {t.index: word_count(t.text) for t in view.coach_turns}
    median = statistics.median(lengths.values())
    long_turns = [i for i, n in lengths.items() if n > 80]
    long_share = len(long_turns) / len(lengths)
    confused = [t for t in view.client_turns if CONFUSION.search(t.text)]
    longest = max(lengths, key=lambda i: lengths[i])
    stats = f"median coach turn {median:.0f} words, {len(long_turns)} of {len(lengths)} turns over 80 words"
    if median <= 25 and long_share <= 0.1 and not confused:
        # A typical clear question: a single open question of ordinary length.
        typical = [
            s
            for s in view.sentences
            if s.is_open_question
            and 6 <= word_count(s.text) <= 14
            and not (s.is_small_talk or s.is_why or s.is_leading)
        ]
        example = typical[len(typical) // 2] if typical else None
        evidence = [sentence_evidence(view, example)] if example else []
        shown = f", e.g. {when(view, example.turn)}: {quoted(example.text, 90)}" if example else ""
        return finding(
            "7.7",
            "demonstrated",
            0.75,
            evidence,
            f"The coach's language was brief and plain ({stats}){shown}.",
            name,
        )
    status: MarkerStatus = "missed" if median > 45 or long_share > 0.3 else "partial"
    extra = (
        f"; the client had to ask what the coach meant {when(view, confused[0].index)}" if confused else ""
    )
    return finding(
        "7.7",
        status,
        0.7,
        [
            turn_evidence(view, longest, sentences=2),
            *(turn_evidence(view, t.index, sentences=1) for t in confused),
        ],
        f"The coach's turns ran long ({stats}); the longest, {lengths[longest]} words {when(view, longest)}, began "
        f"{quoted(view.turn(longest).text, 80)}{extra}.",
        name,
    )


@register("coachlens.marker.7_8.v1", needs=("acts", "metrics"))
def detect_client_talks_most(view: SessionView) -> MarkerFinding:
    """7.8: the client does most of the talking."""
    name = "coachlens.marker.7_8.v1"
    coach_words = sum(word_count(t.text) for t in view.coach_turns)
    client_words = sum(word_count(t.text) for t in view.client_turns)
    share = coach_words / max(1, coach_words + client_words)
    longest_coach = max(view.coach_turns, key=lambda t: word_count(t.text))
    pct = f"{share:.0%}"
    if share <= 0.35:
        longest_client = max(view.client_turns, key=lambda t: word_count(t.text), default=None)
        evidence = [turn_evidence(view, longest_client.index, sentences=1)] if longest_client else []
        return finding(
            "7.8",
            "demonstrated",
            0.9 if share <= 0.3 else 0.7,
            evidence,
            f"The coach spoke {pct} of the words; the client did most of the talking.",
            name,
        )
    status: MarkerStatus = "partial" if share <= 0.5 else "missed"
    return finding(
        "7.8",
        status,
        0.85,
        [turn_evidence(view, longest_coach.index, sentences=2)],
        f"The coach spoke {pct} of the words; the longest coach turn ({word_count(longest_coach.text)} words "
        f"{when(view, longest_coach.index)}) began {quoted(longest_coach.text, 80)}.",
        name,
    )
