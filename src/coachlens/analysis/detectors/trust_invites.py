"""Marker 4.4: after offering something, the coach invites the client's response and accepts it.

Kept apart from the other competency-4 detectors because it reads a different pairing: not the
client's feeling and the coach's reply, but the coach's own contribution, the invitation after it
and what the coach did with the client's answer.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import finding, quoted, sentence_evidence, turn_evidence, when
from coachlens.analysis.detectors.presence_cues import GOAL_REFERENCE
from coachlens.analysis.detectors.trust_cues import (
    ACCEPTS_PUSHBACK,
    COMPREHENSION_CHECK,
    CONFIRMATION,
    CONTRIBUTION_ACTS,
    CORRECTS,
    DISMISS,
    INVITATION,
    OFFER,
    PARAPHRASE_OF_CLIENT,
    PLATITUDE,
)
from coachlens.analysis.detectors.trust_responses import next_coach_turn
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding, Turn


@register("coachlens.marker.4_4.v1", needs=("acts",))
def detect_invites_response(view: SessionView) -> MarkerFinding:
    """4.4: after offering something, the coach invites the client's response and accepts it."""
    name = "coachlens.marker.4_4.v1"
    contributions = [t for t in view.coach_turns if _contributes(view, t)]
    invited: list[CoachSentence] = []
    overridden: list[Turn] = []
    # The fullest evidence of 4.4 is the client disagreeing and the coach taking it ("I don't think it's
    # about the starters." -> "That's closer than what I said."): the invitation was meant.
    took: list[tuple[Turn, CoachSentence]] = []
    for turn in view.coach_turns:
        invitation = next((s for s in view.sentences_in(turn.index) if _invites(view, s)), None)
        if invitation is None:
            continue
        invited.append(invitation)
        reply = view.next_client(turn.index)
        if reply is None:
            continue
        # Whatever the client answered: did the coach follow it, or argue on?
        follow = next_coach_turn(view, reply)
        if follow is not None and any(DISMISS.search(s.text) for s in view.sentences_in(follow.index)[:3]):
            overridden.append(follow)
        elif follow is not None and CORRECTS.search(reply.text[:90]):
            accepting = _accepting_line(view, follow)
            if accepting is not None:
                took.append((reply, accepting))
    if not contributions and not invited:
        return finding(
            "4.4",
            "no_opportunity",
            0.5,
            [],
            "The coach offered no observation, idea or summary of their own, so there was nothing to invite a response to.",
            name,
        )
    invited.sort(key=lambda s: not _follows_offer(view, s))
    if invited and not overridden:
        first = invited[0]
        took_note = ""
        if took:
            reply, line = took[0]
            took_note = (
                f" When the client disagreed {when(view, reply.index)} ({quoted(reply.text, 70)}), the coach took "
                f"it: {quoted(line.text)}."
            )
        return finding(
            "4.4",
            "demonstrated",
            0.7 + min(0.2, 0.05 * len(invited)) + (0.05 if took else 0.0),
            [sentence_evidence(view, s) for s in invited]
            + [sentence_evidence(view, line) for _, line in took[:1]],
            f"{when(view, first.turn).capitalize()} the coach offered something and invited the client's response: "
            f"{quoted(first.text)}.{took_note}",
            name,
        )
    if invited:
        follow = overridden[0]
        return finding(
            "4.4",
            "partial",
            0.65,
            [sentence_evidence(view, invited[0]), turn_evidence(view, follow.index, sentences=1)],
            f"The coach invited a response ({quoted(invited[0].text, 70)}) but when the client pushed back argued "
            f"on, {when(view, follow.index)}: {quoted(follow.text, 90)}.",
            name,
        )
    accepted = _accepted_pushback(view, contributions)
    if accepted is not None:
        return finding(
            "4.4",
            "partial",
            0.6,
            [turn_evidence(view, accepted.index, sentences=1)],
            f"The coach did not ask how their ideas landed, but when the client pushed back they took it "
            f"{when(view, accepted.index)}: {quoted(accepted.text, 90)}.",
            name,
        )
    # Lead with an idea or story the coach put forward rather than a reassurance that merely carries an
    # advice label ("Don't worry about it."): that is what the client was never asked about.
    contributions.sort(key=lambda t: not _offers_idea(view, t))
    offered: list[CoachSentence | None] = [_offered_line(view, t) for t in contributions]
    lead = offered[0]
    count = len(contributions)
    check = next((s for s in view.sentences if COMPREHENSION_CHECK.search(s.text)), None)
    checked = (
        f"; {quoted(check.text)} {when(view, check.turn)} checked understanding rather than inviting a response"
        if check
        else ""
    )
    return finding(
        "4.4",
        "missed",
        0.65 if count >= 2 else 0.5,
        [
            sentence_evidence(view, s) if s else turn_evidence(view, t.index, sentences=1)
            for s, t in zip(offered, contributions, strict=True)
        ],
        f"The coach offered views or ideas in {'one turn' if count == 1 else f'{count} turns'} "
        f"({'' if count == 1 else 'first '}{when(view, contributions[0].index)}: "
        f"{quoted(lead.text if lead else contributions[0].text, 90)}) without once asking how they landed"
        f"{checked}.",
        name,
    )


def _offered_line(view: SessionView, turn: Turn) -> CoachSentence | None:
    """The line of a turn that carries the coach's contribution, not the "That's interesting." before it."""
    lines = [s for s in view.sentences_in(turn.index) if CONTRIBUTION_ACTS & s.acts or OFFER.search(s.text)]
    ideas = [s for s in lines if not PLATITUDE.search(s.text) and not DISMISS.search(s.text)]
    return next(iter(ideas or lines), None)


def _contributes(view: SessionView, turn: Turn) -> bool:
    """The coach put something of their own forward: an observation, idea, story or summary, or whatever
    the coach said right after asking permission to share ("Can I offer something?" ... "Go on.")."""
    if any((CONTRIBUTION_ACTS & s.acts) or OFFER.search(s.text) for s in view.sentences_in(turn.index)):
        return True
    previous = _previous_coach_turn(view, turn.index)
    return previous is not None and any("permission" in s.acts for s in view.sentences_in(previous.index))


def _invites(view: SessionView, sentence: CoachSentence) -> bool:
    """An invitation to respond to what the coach offered. A bare "is that right?" (or the act model's
    label on a line with no invitation wording) put on the coach's paraphrase of what the client wants or
    said ("So you'd like to get better at delegating, is that right?") asks the client to confirm the
    coach's understanding, not to respond to a contribution of the coach's: it counts only when the coach
    has offered something of their own first."""
    if not (INVITATION.search(sentence.text) or "invitation" in sentence.acts):
        return False
    if (
        sentence.is_leading
        or COMPREHENSION_CHECK.search(sentence.text)
        # "How does that sit with what you wanted today?" checks progress against the client's goal
        # (5.2, 8.1); it does not put the coach's own contribution up for the client's response.
        or GOAL_REFERENCE.search(sentence.text)
    ):
        return False
    if any(not CONFIRMATION.fullmatch(m.group(0)) for m in INVITATION.finditer(sentence.text)):
        return True
    before = [s for s in view.sentences_in(sentence.turn) if s.start < sentence.start][-1:]
    paraphrase = any(PARAPHRASE_OF_CLIENT.search(s.text) for s in [sentence, *before])
    return not paraphrase or _follows_offer(view, sentence)


def _previous_coach_turn(view: SessionView, index: int) -> Turn | None:
    previous = next((t for t in reversed(view.coach_turns) if t.index < index), None)
    return previous if previous is not None and index - previous.index <= 2 else None


def _follows_offer(view: SessionView, invitation: CoachSentence) -> bool:
    """True when the invitation comes after something the coach offered, in the same turn or the coach's
    turn before it (a permission question, then the observation, then "What do you make of that?")."""
    earlier = [s for s in view.sentences_in(invitation.turn) if s.start < invitation.start]
    previous = _previous_coach_turn(view, invitation.turn)
    if previous is not None:
        earlier += list(view.sentences_in(previous.index))
    return any((CONTRIBUTION_ACTS | {"permission"}) & s.acts or OFFER.search(s.text) for s in earlier)


def _offers_idea(view: SessionView, turn: Turn) -> bool:
    return any(
        CONTRIBUTION_ACTS & s.acts and not PLATITUDE.search(s.text) and not DISMISS.search(s.text)
        for s in view.sentences_in(turn.index)
    )


def _accepted_pushback(view: SessionView, contributions: list[Turn]) -> Turn | None:
    """The first coach turn that takes the client's answer to a contribution on board."""
    for turn in contributions:
        reply = view.next_client(turn.index)
        follow = next_coach_turn(view, reply) if reply is not None else None
        if follow is not None and _accepting_line(view, follow) is not None:
            return follow
    return None


def _accepting_line(view: SessionView, follow: Turn) -> CoachSentence | None:
    """The line of a coach turn that takes the client's disagreement on board; any sentence, since the
    coach often says the client's better word back first ("On guard with Simon. That's closer than what I
    said.")."""
    return next((s for s in view.sentences_in(follow.index) if ACCEPTS_PUSHBACK.search(s.text)), None)
