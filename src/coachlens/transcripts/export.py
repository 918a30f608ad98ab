"""Writing a session back out as plain text that the plain-text reader reads again."""

from __future__ import annotations

from coachlens.models import CoachingSession
from coachlens.transcripts.timecodes import format_clock


def to_plain_text(session: CoachingSession) -> str:
    """`[00:01:02] Maria Lopez (coach): text` per turn, a blank line between turns.

    The time is left out when unknown and the role when `unknown`. Paragraphs inside a turn are
    separated by a blank line, so parsing the result gives the same speakers, roles, start times
    and text (end times are not written).
    """
    blocks: list[str] = []
    for turn in session.turns:
        when = f"[{format_clock(turn.start_s)}] " if turn.start_s is not None else ""
        role = f" ({turn.role})" if turn.role != "unknown" else ""
        paragraphs = [p for p in turn.text.split("\n") if p.strip()] or [""]
        first, rest = paragraphs[0], paragraphs[1:]
        blocks.append("\n\n".join([f"{when}{turn.speaker}{role}: {first}".rstrip(), *rest]))
    return "\n\n".join(blocks) + "\n"
