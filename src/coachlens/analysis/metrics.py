"""Conversation metrics: who talks, how the coach asks, reflects and tells, pauses, a minute timeline.

Counts of acts are per coach sentence (a stacked turn adds each of its questions); the `*_share`
figures are per coach turn, which is what the scoring leans on because it does not grow with
session length. Keys are part of the assessment JSON (`metrics`), so they are only ever added.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any

from coachlens.analysis.detectors.awareness import question_turn_profile
from coachlens.analysis.detectors.context import SessionView
from coachlens.analysis.detectors.echo import credible_reflection, reflective_turns
from coachlens.analysis.detectors.presence import CLIENT_CHOICE
from coachlens.analysis.detectors.text import rx, word_count
from coachlens.analysis.detectors.timing import interruptions, pauses
from coachlens.analysis.rewrites import NOT_ADVICE, core
from coachlens.models import MarkerFinding

WORDS_PER_MINUTE = 150  # for a timeline of an untimed transcript
SHOULD_HAVE = rx(r"\b(?:should|could|would)(?: not|n'?t)? have\b")
# Suggesting other professional support (the ethical referral of competency 1), not coaching advice.
REFERRAL = rx(
    r"\b(?:counsell?or|counsell?ing|therapist|therapy|psychologist|psychiatrist|your GP|a GP|the GP|doctor|"
    r"helpline|samaritans|crisis (?:line|team)|mental health (?:team|service|professional)|employee assistance|"
    r"bereavement (?:support|service|counsell?ing)|someone (?:trained|qualified) (?:in|to))\b"
)
_COUNTED_ACTS = {
    "reflections": "reflection",
    "summaries": "summary",
    "acknowledgments": "acknowledgment",
    "empathy": "empathy",
    "advice": "advice",
    "information": "information",
    "self_disclosure": "self_disclosure",
    "observations": "observation",
    "permissions": "permission",
    "invitations": "invitation",
    "celebrations": "celebration",
}


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def _turn_seconds(view: SessionView) -> dict[int, float]:
    seconds: dict[int, float] = {}
    for turn, following in zip(view.turns, [*view.turns[1:], None], strict=True):
        if turn.start_s is None:
            continue
        end = turn.end_s
        if end is None:
            estimate = turn.start_s + word_count(turn.text) / (WORDS_PER_MINUTE / 60)
            end = (
                min(estimate, following.start_s)
                if following is not None and following.start_s is not None
                else estimate
            )
        seconds[turn.index] = max(0.0, end - turn.start_s)
    return seconds


def compute_metrics(view: SessionView, findings: Sequence[MarkerFinding] = ()) -> dict[str, Any]:
    """All conversation metrics of one session (see docs/scoring.md for how they are used)."""
    coach_turns, client_turns = view.coach_turns, view.client_turns
    coach_words = sum(word_count(t.text) for t in coach_turns)
    client_words = sum(word_count(t.text) for t in client_turns)
    sentences = view.sentences
    questions = [s for s in sentences if s.is_question]
    profile = question_turn_profile(view)
    metrics: dict[str, Any] = {
        "coach_talk_share": _ratio(coach_words, coach_words + client_words),
        "coach_talk_share_time": None,
        "coach_words": coach_words,
        "client_words": client_words,
        "coach_turns": len(coach_turns),
        "client_turns": len(client_turns),
        "questions": len(questions),
        "questions_open": sum(1 for s in questions if s.is_open_question),
        "questions_closed": sum(1 for s in questions if "question.closed" in s.acts),
        "questions_leading": sum(1 for s in questions if s.is_leading),
        "why_questions": sum(1 for s in questions if s.is_why),
        "question_turns": len(profile["question_turns"]),
        "stacked_question_turns": len(profile["stacked"]),
        "advice_as_question": sum(1 for s in sentences if "advice_as_question" in s.flags),
    }
    for key, act in _COUNTED_ACTS.items():
        metrics[key] = sum(1 for s in sentences if act in s.acts)
    acts = effective_acts(view)
    # Short reflections in the client's own words count even when the act model missed them; a
    # referral to other professional support is not advice in the coaching sense.
    metrics["reflections"] = sum(1 for s in sentences if "reflection" in acts[s.index])
    metrics["advice"] = sum(1 for s in sentences if "advice" in acts[s.index])
    metrics["information"] = sum(1 for s in sentences if "information" in acts[s.index])
    metrics["referrals"] = sum(1 for s in sentences if REFERRAL.search(s.text))
    metrics.update(_shares(view, metrics, acts))
    metrics.update(_lengths(view, metrics))
    metrics.update(_timing(view))
    metrics["timeline"], metrics["timeline_estimated"] = _timeline(view, findings)
    return metrics


def effective_acts(view: SessionView) -> dict[int, frozenset[str]]:
    """Each coach sentence's acts as the metrics count them (by sentence row): the classifier's acts,
    plus "reflection" for a short echo of the client's words, minus advice/information for a referral."""

    def compute() -> dict[int, frozenset[str]]:
        echoed = {s.index for s in reflective_turns(view)[0]}
        result: dict[int, frozenset[str]] = {}
        for sentence in view.sentences:
            acts = set(sentence.acts)
            if sentence.is_advice:
                acts.add("advice")
            # Reflection credit needs the client's content (or a short echo of their words), not only the
            # act model's say-so.
            acts.discard("reflection")
            if sentence.index in echoed or credible_reflection(view, sentence):
                acts.add("reflection")
            # A referral, or the client's own "I should have ..." said back, is not the coach advising.
            if (
                REFERRAL.search(sentence.text)
                or sentence.index in echoed
                or SHOULD_HAVE.search(sentence.text)
            ):
                acts -= {"advice", "information"}
            # Greetings, "take your time" and offering the client a choice are not telling.
            if (
                sentence.is_small_talk
                or NOT_ADVICE.match(core(sentence.text))
                or CLIENT_CHOICE.search(sentence.text)
            ):
                acts -= {"advice", "information"}
            result[sentence.index] = frozenset(acts)
        return result

    return view.memo("effective_acts", compute)


def _shares(view: SessionView, counts: dict[str, Any], acts: dict[int, frozenset[str]]) -> dict[str, Any]:
    turns = len(view.coach_turns)

    def turn_share(*wanted: str) -> float:
        hits = sum(
            1
            for t in view.coach_turns
            if any(set(wanted) & acts[s.index] for s in view.sentences_in(t.index))
        )
        return _ratio(hits, turns)

    reflective = counts["reflections"] + counts["summaries"]
    asked = counts["questions"]
    return {
        "open_question_share": _ratio(
            counts["questions_open"], counts["questions_open"] + counts["questions_closed"]
        ),
        "reflection_to_question_ratio": _ratio(reflective, asked) if asked else float(reflective > 0),
        "reflection_share": turn_share("reflection", "summary"),
        "question_share": turn_share("question.open", "question.closed", "question.leading"),
        "advice_share": turn_share("advice"),
        "information_share": turn_share("information"),
        "telling_share": turn_share("advice", "information"),
        "stacked_rate": _ratio(counts["stacked_question_turns"], counts["question_turns"]),
        "leading_rate": _ratio(counts["questions_leading"], counts["question_turns"]),
        "why_rate": _ratio(counts["why_questions"], counts["question_turns"]),
    }


def _lengths(view: SessionView, counts: dict[str, Any]) -> dict[str, Any]:
    lengths = {t.index: word_count(t.text) for t in view.coach_turns}
    longest = max(lengths, key=lambda i: lengths[i]) if lengths else None
    return {
        "avg_coach_turn_words": round(statistics.fmean(lengths.values()), 1) if lengths else 0.0,
        "median_coach_turn_words": float(statistics.median(lengths.values())) if lengths else 0.0,
        "avg_client_turn_words": round(statistics.fmean(word_count(t.text) for t in view.client_turns), 1)
        if view.client_turns
        else 0.0,
        "longest_coach_monologue_words": lengths[longest] if longest is not None else 0,
        "longest_coach_monologue_turn": longest,
        "client_words_per_coach_question": _ratio(counts["client_words"], counts["questions"]),
    }


def _timing(view: SessionView) -> dict[str, Any]:
    if not view.timed:
        return {
            "pauses": None,
            "pause_details": [],
            "interruptions": None,
            "interruption_turns": [],
            "timing_estimated": None,
        }
    seconds = _turn_seconds(view)
    coach_s = sum(seconds.get(t.index, 0.0) for t in view.coach_turns)
    client_s = sum(seconds.get(t.index, 0.0) for t in view.client_turns)
    found = pauses(view.session)
    cut_ins = interruptions(view.session)
    return {
        "coach_talk_share_time": _ratio(coach_s, coach_s + client_s),
        "pauses": len(found),
        "pause_details": [
            {"after_turn": g.before, "before_turn": g.after, "seconds": g.seconds} for g in found
        ],
        "interruptions": len(cut_ins),
        "interruption_turns": [g.after for g in cut_ins],
        "timing_estimated": not view.has_end_times,
    }


def _timeline(view: SessionView, findings: Sequence[MarkerFinding]) -> tuple[list[dict[str, Any]], bool]:
    """Per minute: seconds and words of each side and the markers with evidence in that minute."""
    estimated = not view.timed
    starts: dict[int, float] = {}
    durations: dict[int, float] = {}
    if estimated:
        clock = 0.0
        for turn in view.turns:
            starts[turn.index] = clock
            durations[turn.index] = word_count(turn.text) / (WORDS_PER_MINUTE / 60)
            clock += durations[turn.index]
    else:
        durations = _turn_seconds(view)
        starts = {t.index: t.start_s for t in view.turns if t.start_s is not None}
    if not starts:
        return [], estimated
    end = max(starts[i] + durations.get(i, 0.0) for i in starts)
    minutes: list[dict[str, Any]] = [
        {"minute": m, "coach_s": 0.0, "client_s": 0.0, "coach_words": 0, "client_words": 0, "markers": []}
        for m in range(max(1, math.ceil(end / 60)))
    ]
    for turn in view.turns:
        if turn.index not in starts or turn.role not in ("coach", "client"):
            continue
        start, length = starts[turn.index], durations.get(turn.index, 0.0)
        bucket = minutes[min(len(minutes) - 1, int(start // 60))]
        bucket[f"{turn.role}_words"] += word_count(turn.text)
        _spread(minutes, f"{turn.role}_s", start, length)
    for item in findings:
        if item.status not in ("demonstrated", "partial"):
            continue
        for evidence in item.evidence:
            if evidence.turn in starts and view.is_coach(evidence.turn):
                bucket = minutes[min(len(minutes) - 1, int(starts[evidence.turn] // 60))]
                if item.id not in bucket["markers"]:
                    bucket["markers"].append(item.id)
    for bucket in minutes:
        bucket["coach_s"] = round(bucket["coach_s"], 1)
        bucket["client_s"] = round(bucket["client_s"], 1)
    return minutes, estimated


def _spread(minutes: list[dict[str, Any]], key: str, start: float, length: float) -> None:
    """Add `length` seconds starting at `start` to the minute buckets it covers."""
    position, remaining = start, length
    while remaining > 1e-6:
        index = min(len(minutes) - 1, int(position // 60))
        room = (index + 1) * 60 - position if index < len(minutes) - 1 else remaining
        used = min(room, remaining)
        minutes[index][key] += used
        position += used
        remaining -= used
