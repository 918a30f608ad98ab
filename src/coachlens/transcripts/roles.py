"""Deciding who is the coach: overrides, then labels, then an inference that reports its confidence.

Order of authority:
1. `coach=` / `client=` overrides (the `--coach` / `--client` flags). With `coach=` given, every
   other speaker is a client.
2. Roles the transcript states: labels starting `Coach`/`Client`/`Coachee` (any case, also
   `Coach Maria`) or annotated `Maria (coach)`; JSON roles.
3. Inference among the speakers still open: the coach asks more questions, talks less, and says
   "you" more than "I". One coach; everyone else is a client (group and team coaching).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from coachlens.errors import RoleError
from coachlens.models import CoachingSession, Role, Turn
from coachlens.transcripts.cues import UNLABELLED_SPEAKER
from coachlens.transcripts.labels import role_from_name, speaker_key

# Weights of the three signals; each is a share among the candidate speakers (sums to 1).
_QUESTION_WEIGHT = 0.45
_QUIETNESS_WEIGHT = 0.30
_YOU_WEIGHT = 0.25
# Steepness of the margin -> confidence curve: a margin of 0.3 between the top two scores is ~0.92.
_CONFIDENCE_STEEPNESS = 8.0
# Below this many turns the guess is pulled toward 0.5: a few lines say little about who coaches.
_TURNS_FOR_FULL_CONFIDENCE = 10
LOW_CONFIDENCE = 0.7

_QUESTION_RE = re.compile(r"\?+")
_YOU_RE = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_I_RE = re.compile(r"\b(?:i|me|my|mine|myself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RoleDecision:
    """Role per speaker key; `inferred` and `confidence` describe how the coach was chosen."""

    roles: Mapping[str, Role]
    inferred: bool
    confidence: float | None
    note: str | None = None


def speakers_of(turns: Sequence[Turn]) -> list[str]:
    """Distinct speaker names in order of first appearance (case-insensitive), unlabelled excluded."""
    seen: dict[str, str] = {}
    for turn in turns:
        if turn.speaker != UNLABELLED_SPEAKER:
            seen.setdefault(speaker_key(turn.speaker), turn.speaker)
    return list(seen.values())


def resolve_speaker(wanted: str, speakers: Sequence[str], *, flag: str) -> str:
    """The speaker `wanted` names: exact (any case), else a unique first name or prefix match."""
    key = speaker_key(wanted)
    if not key:
        raise RoleError(f"{flag} needs a speaker name")
    exact = [s for s in speakers if speaker_key(s) == key]
    if exact:
        return exact[0]
    partial = [s for s in speakers if speaker_key(s).startswith(key) or key in speaker_key(s).split()]
    if len(partial) == 1:
        return partial[0]
    listed = ", ".join(speakers[:8]) + (" ..." if len(speakers) > 8 else "") or "none"
    if len(partial) > 1:
        raise RoleError(f"{flag} {wanted!r} matches several speakers ({listed}); give the full name")
    raise RoleError(f"{flag} {wanted!r} is not a speaker in this transcript; speakers are: {listed}")


def decide_roles(
    turns: Sequence[Turn],
    hints: Mapping[str, Role],
    *,
    coach: str | None = None,
    client: str | None = None,
) -> RoleDecision:
    """Roles for every named speaker, following the order of authority in the module docstring."""
    speakers = speakers_of(turns)
    coach_name = resolve_speaker(coach, speakers, flag="--coach") if coach else None
    client_name = resolve_speaker(client, speakers, flag="--client") if client else None
    if coach_name and client_name and speaker_key(coach_name) == speaker_key(client_name):
        raise RoleError(
            f"{coach_name!r} cannot be both the coach and the client; name two different speakers"
        )
    keys = [speaker_key(s) for s in speakers]
    if not keys:
        return RoleDecision({}, False, None)
    if coach_name:
        roles: dict[str, Role] = {k: "client" for k in keys}
        roles[speaker_key(coach_name)] = "coach"
        return RoleDecision(roles, False, 1.0)

    roles = {}
    for key in keys:
        stated = hints.get(key) or role_from_name(key)
        if stated is not None and stated != "unknown":
            roles[key] = stated
    if client_name:
        roles[speaker_key(client_name)] = "client"
    open_keys = [k for k in keys if k not in roles]
    if not open_keys:
        return RoleDecision(roles, False, 1.0)
    if "coach" in roles.values():
        roles.update({k: "client" for k in open_keys})
        return RoleDecision(roles, False, 1.0)
    if len(keys) == 1:
        return RoleDecision({keys[0]: "unknown"}, False, None)
    if len(open_keys) == 1:
        # Everyone else is a client, so the one speaker left must be the coach.
        roles[open_keys[0]] = "coach"
        return RoleDecision(roles, False, 1.0)
    chosen, confidence = infer_coach(turns, open_keys)
    roles.update({k: "coach" if k == chosen else "client" for k in open_keys})
    name = next(s for s in speakers if speaker_key(s) == chosen)
    note = None
    if confidence < LOW_CONFIDENCE:
        note = (
            f"roles are a guess (confidence {confidence:.2f}): {name!r} was taken as the coach; "
            "pass --coach NAME if that is wrong"
        )
    return RoleDecision(roles, True, confidence, note)


def infer_coach(turns: Sequence[Turn], candidate_keys: Sequence[str]) -> tuple[str, float]:
    """The candidate most likely to be the coach and a confidence in [0.5, 1)."""
    stats = {key: [0, 0, 0, 0, 0] for key in candidate_keys}  # words, questions, you, i, turns
    for turn in turns:
        row = stats.get(speaker_key(turn.speaker))
        if row is None:
            continue
        text = turn.text.replace("’", "'")
        row[0] += len(text.split())
        row[1] += len(_QUESTION_RE.findall(text))
        row[2] += len(_YOU_RE.findall(text))
        row[3] += len(_I_RE.findall(text))
        row[4] += 1
    count = len(candidate_keys)
    questions = _shares([stats[k][1] for k in candidate_keys])
    words = _shares([stats[k][0] for k in candidate_keys])
    quietness = [(1 - share) / (count - 1) for share in words]
    you_leaning = _shares([(stats[k][2] + 1) / (stats[k][2] + stats[k][3] + 2) for k in candidate_keys])
    scores = [
        _QUESTION_WEIGHT * q + _QUIETNESS_WEIGHT * quiet + _YOU_WEIGHT * you
        for q, quiet, you in zip(questions, quietness, you_leaning, strict=True)
    ]
    ranked = sorted(range(count), key=lambda i: scores[i], reverse=True)
    top, second = scores[ranked[0]], scores[ranked[1]]
    margin = (top - second) / max(top + second, 1e-9)
    confidence = 1 / (1 + math.exp(-_CONFIDENCE_STEEPNESS * margin))
    total_turns = sum(row[4] for row in stats.values())
    confidence = 0.5 + (confidence - 0.5) * min(1.0, total_turns / _TURNS_FOR_FULL_CONFIDENCE)
    return candidate_keys[ranked[0]], round(confidence, 3)


def _shares(values: Sequence[float]) -> list[float]:
    total = sum(values)
    if total <= 0:
        return [1 / len(values)] * len(values)
    return [value / total for value in values]


def apply_roles(turns: Sequence[Turn], roles: Mapping[str, Role]) -> tuple[Turn, ...]:
    """Turns with `role` set from `roles` (by speaker key); unlisted speakers are `unknown`."""
    return tuple(replace(turn, role=roles.get(speaker_key(turn.speaker), "unknown")) for turn in turns)


def assign_roles(
    session: CoachingSession, coach: str | None = None, client: str | None = None
) -> CoachingSession:
    """Decide roles again, e.g. after a person picked the coach in the web app.

    Overrides win. Roles the session already holds that were not guessed (labels, JSON, an
    earlier override) are kept for the speakers the overrides leave open.
    """
    hints: dict[str, Role] = {}
    if not session.roles_inferred:
        for turn in session.turns:
            if turn.role != "unknown":
                hints.setdefault(speaker_key(turn.speaker), turn.role)
    decision = decide_roles(session.turns, hints, coach=coach, client=client)
    return _with_decision(session, decision)


def swap_roles(session: CoachingSession) -> CoachingSession:
    """Exchange coach and client in a one-coach, one-client session (the guess was the wrong way round)."""
    coaches = {speaker_key(t.speaker) for t in session.turns if t.role == "coach"}
    clients = {speaker_key(t.speaker) for t in session.turns if t.role == "client"}
    if len(coaches) != 1 or len(clients) != 1:
        raise RoleError(
            "swapping roles needs exactly one coach and one client; name the coach instead (--coach NAME)"
        )
    swapped: dict[Role, Role] = {"coach": "client", "client": "coach", "unknown": "unknown"}
    turns = tuple(replace(turn, role=swapped[turn.role]) for turn in session.turns)
    return replace(
        session, turns=turns, roles_inferred=False, role_confidence=1.0, warnings=_without_role_notes(session)
    )


def _with_decision(session: CoachingSession, decision: RoleDecision) -> CoachingSession:
    warnings = _without_role_notes(session)
    if decision.note:
        warnings = (*warnings, decision.note)
    return replace(
        session,
        turns=apply_roles(session.turns, decision.roles),
        roles_inferred=decision.inferred,
        role_confidence=decision.confidence,
        warnings=warnings,
    )


def _without_role_notes(session: CoachingSession) -> tuple[str, ...]:
    return tuple(w for w in session.warnings if not w.startswith("roles are a guess"))
