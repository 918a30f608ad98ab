"""Corrections a person makes after parsing: renaming a speaker ("Speaker 1" -> "Maria")."""

from __future__ import annotations

from dataclasses import replace

from coachlens.errors import RoleError
from coachlens.models import CoachingSession
from coachlens.transcripts.labels import speaker_key
from coachlens.transcripts.roles import speakers_of

MAX_SPEAKER_NAME_CHARS = 200


def rename_speaker(session: CoachingSession, old: str, new: str) -> CoachingSession:
    """Rename speaker `old` (any case) to `new` in every turn.

    Renaming onto another existing speaker merges the two people: the renamed turns take that
    speaker's spelling and role. Turns are not re-merged, so turn indexes (which evidence and
    annotations point at) stay the same.
    """
    clean_new = " ".join(new.split())
    if not clean_new or len(clean_new) > MAX_SPEAKER_NAME_CHARS:
        raise RoleError(f"a speaker name must be 1 to {MAX_SPEAKER_NAME_CHARS} characters")
    old_key = speaker_key(old)
    speakers = [turn.speaker for turn in session.turns]
    if old_key not in {speaker_key(name) for name in speakers}:
        listed = ", ".join(speakers_of(session.turns)[:8]) or "none"
        raise RoleError(f"{old!r} is not a speaker in this transcript; speakers are: {listed}")
    new_key = speaker_key(clean_new)
    existing = next(
        (t for t in session.turns if speaker_key(t.speaker) == new_key and speaker_key(t.speaker) != old_key),
        None,
    )
    turns = tuple(
        replace(
            turn,
            speaker=existing.speaker if existing else clean_new,
            role=existing.role if existing else turn.role,
        )
        if speaker_key(turn.speaker) == old_key
        else turn
        for turn in session.turns
    )
    return replace(session, turns=turns)
