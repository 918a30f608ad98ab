"""Competency 4 (Cultivates Trust and Safety): markers 4.1-4.4.

These markers are about how the coach meets what the client brings, so most detectors pair a client
turn (a feeling, a concern, a suggestion, a reply to the coach's idea) with the coach turn that
follows it and ask whether the coach received it or steered past it.

The wording they look for is in `trust_cues` and the pairing of client and coach turns in
`trust_responses`; the names other modules have always imported from here are re-exported below.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    finding,
    quoted,
    reply_to_richest,
    sentence_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.presence import GOAL_REFERENCE
from coachlens.analysis.detectors.trust_cues import (
    ACCEPTS_PUSHBACK,
    CLIENT_DOING,
    CLIENT_VIEW,
    COMPREHENSION_CHECK,
    CONTRIBUTION_ACTS,
    DISMISS,
    EMPATHY,
    FILLER,
    GENERIC_PRAISE,
    GOOD_EVALUATION,
    HARDSHIP,
    INVITATION,
    NEGATIVE,
    OFFER,
    PLATITUDE,
    SPECIFIC_ACK,
    SUPPORT,
)
from coachlens.analysis.detectors.trust_responses import (
    CoachResponse,
    addresses_client,
    first_substantive,
    is_empathic,
    next_coach_turn,
    receives,
    responses_to,
    split_responses,
    steering_sentence,
    taken_back,
)
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding, MarkerStatus, Turn

# Re-exported: echo, growth_areas and others import these from here.
__all__ = [
    "CLIENT_VIEW",
    "DISMISS",
    "EMPATHY",
    "FILLER",
    "GOOD_EVALUATION",
    "HARDSHIP",
    "INVITATION",
    "NEGATIVE",
    "PLATITUDE",
    "SPECIFIC_ACK",
    "SUPPORT",
    "detect_acknowledgment",
    "detect_empathy",
    "detect_invites_response",
    "detect_supports_expression",
    "first_substantive",
    "is_empathic",
    "receives",
    "responses_to",
]


@register("coachlens.marker.4_1.v1", needs=("acts", "client_words"))
def detect_acknowledgment(view: SessionView) -> MarkerFinding:
    """4.1: specific acknowledgement of the client's strengths, insight or work."""
    name = "coachlens.marker.4_1.v1"
    specific: list[CoachSentence] = []
    generic: list[CoachSentence] = []
    for sentence in view.sentences:
        if sentence.is_question or sentence.is_advice:
            continue
        if GENERIC_PRAISE.search(sentence.text) or GOOD_EVALUATION.search(sentence.text):
            generic.append(sentence)
        elif not NEGATIVE.search(sentence.text) and (
            SPECIFIC_ACK.search(sentence.text)
            or ({"acknowledgment", "celebration"} & sentence.acts and addresses_client(sentence))
        ):
            specific.append(sentence)
    specific = _best_per_turn(specific)
    if len(specific) >= 2:
        first = specific[0]
        return finding(
            "4.1",
            "demonstrated",
            0.6 + min(0.3, 0.08 * len(specific)),
            [sentence_evidence(view, s) for s in specific],
            f"The coach named what is particular to the client in {len(specific)} turns, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if specific:
        only = specific[0]
        return finding(
            "4.1",
            "partial",
            0.55,
            [sentence_evidence(view, only)],
            f"One specific acknowledgement {when(view, only.turn)} ({quoted(only.text)}); elsewhere the client's "
            "strengths and effort went unnamed.",
            name,
        )
    if generic:
        first = generic[0]
        return finding(
            "4.1",
            "missed",
            0.6,
            [sentence_evidence(view, s) for s in generic],
            f"Only generic praise such as {quoted(first.text)} {when(view, first.turn)}; nothing names a specific "
            "strength, insight or effort of the client.",
            name,
        )
    missing = "The coach never acknowledged a strength, insight or piece of work of the client's"
    # The reply to the client's fullest account of what they did or realised: where it belonged.
    moment = reply_to_richest(view, after=0.1, prefer=CLIENT_DOING)
    if moment is None:
        return finding("4.1", "missed", 0.55, [anchor_evidence(view, 0.5)], f"{missing}.", name)
    evidence, phrase = moment
    return finding("4.1", "missed", 0.55, [evidence], f"{missing}; for example, {phrase}.", name)


def _best_per_turn(sentences: list[CoachSentence]) -> list[CoachSentence]:
    """One acknowledgement per turn, preferring the sentence that speaks to the client about what they
    did ("You've just named what the plan rests on.") over a label beside it ("That's a real insight.")."""
    best: dict[int, CoachSentence] = {}
    for sentence in sentences:
        kept = best.get(sentence.turn)
        if kept is None or (addresses_client(sentence) and not addresses_client(kept)):
            best[sentence.turn] = sentence
    return [best[turn] for turn in sorted(best)]


@register("coachlens.marker.4_2.v1", needs=("acts", "emotion"))
def detect_empathy(view: SessionView) -> MarkerFinding:
    """4.2: support, empathy or concern when the client is finding something hard."""
    name = "coachlens.marker.4_2.v1"
    responses = responses_to(view, feelings_only=True, difficult_only=True)
    met, dismissed, ignored = split_responses(responses)
    empathic = [s for s in view.sentences if is_empathic(s) and not taken_back(view, s)]
    if not responses and not empathic:
        return finding(
            "4.2",
            "no_opportunity",
            0.6,
            [],
            "The client did not voice a difficult feeling, and the coach had no call to show support or concern.",
            name,
        )
    missed_count = len(dismissed) + len(ignored)
    evidence = [sentence_evidence(view, s) for s in empathic] + [r.evidence for r in met]
    if empathic and len(met) >= 2 and missed_count <= len(met):
        first = empathic[0]
        return finding(
            "4.2",
            "demonstrated",
            0.75 + min(0.15, 0.03 * len(empathic)),
            evidence,
            f"The coach met the client's difficulty with care, e.g. {when(view, first.turn)}: {quoted(first.text)}; "
            f"{len(met)} of {len(responses)} hard moments {_were(len(met))} taken up.",
            name,
        )
    if empathic or met:
        shown = sentence_evidence(view, empathic[0]) if empathic else met[0].evidence
        example = (dismissed or ignored)[0] if missed_count else None
        tail = (
            f"; but {missed_count} of {len(responses)} hard moments {_were(missed_count)} passed over, e.g. after "
            f"{quoted(example.evidence.quote, 70)} {when(view, example.client.index)}."
            if example
            else "."
        )
        return finding(
            "4.2",
            "partial",
            0.6,
            evidence + [r.evidence for r in (dismissed + ignored)],
            f"The coach {'showed support' if empathic else 'took up the difficulty'} {when(view, shown.turn)} "
            f"({quoted(shown.quote, 60)}){tail}",
            name,
        )
    worst = (dismissed or ignored)[0]
    reply = steering_sentence(view, worst.coach)
    said = quoted(reply.text, 70) if reply else "nothing about it"
    return finding(
        "4.2",
        "missed",
        0.7,
        [worst.evidence, *(turn_evidence(view, r.coach.index, sentences=1) for r in dismissed + ignored)],
        f"The client said {quoted(worst.evidence.quote, 80)} {when(view, worst.client.index)} and the coach answered "
        f"{said}; in {missed_count} hard moment{'' if missed_count == 1 else 's'} there was no word of support or "
        "concern.",
        name,
    )


@register("coachlens.marker.4_3.v1", needs=("acts", "emotion", "client_words"))
def detect_supports_expression(view: SessionView) -> MarkerFinding:
    """4.3: the coach receives the client's feelings, views, concerns and suggestions without steering past them."""
    name = "coachlens.marker.4_3.v1"
    responses = responses_to(view, feelings_only=False)
    met, dismissed, ignored = split_responses(responses)
    if not responses:
        return finding(
            "4.3",
            "no_opportunity",
            0.5,
            [],
            "The client voiced no feeling, concern or suggestion for the coach to receive.",
            name,
        )
    total = len(responses)
    passed = dismissed + ignored
    met = sorted(met, key=lambda r: (-_reception_depth(view, r), len(r.evidence.quote.split()) < 4))
    if len(met) >= 2 and len(met) >= 2 * len(passed):
        first = met[0]
        return finding(
            "4.3",
            "demonstrated",
            0.7 + min(0.2, 0.02 * len(met)),
            [r.evidence for r in met],
            f"The coach received what the client expressed in {len(met)} of {total} replies, e.g. "
            f"{when(view, first.coach.index)}: {quoted(first.evidence.quote)}.",
            name,
        )
    if not passed:
        # Every expression was received, but there were few of them: shown, with less certainty.
        first = met[0]
        return finding(
            "4.3",
            "demonstrated",
            0.6,
            [r.evidence for r in met],
            f"The coach received what the client expressed in {len(met)} of {total} replies, e.g. "
            f"{when(view, first.coach.index)}: {quoted(first.evidence.quote)}; there were few such moments.",
            name,
        )
    worst = (dismissed or ignored)[0]
    reply = steering_sentence(view, worst.coach)
    status: MarkerStatus = "partial" if met and len(met) >= len(passed) else "missed"
    return finding(
        "4.3",
        status,
        0.7,
        [
            worst.evidence,
            *(turn_evidence(view, r.coach.index, sentences=1) for r in passed),
            *(r.evidence for r in met),
        ],
        f"The coach steered past what the client expressed in {len(passed)} of {total} replies, e.g. after "
        f"{quoted(worst.evidence.quote, 70)} {when(view, worst.client.index)} the coach said "
        f"{quoted(reply.text if reply else worst.coach.text, 70)}.",
        name,
    )


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


def _reception_depth(view: SessionView, response: CoachResponse) -> int:
    """How many of the reply's opening sentences took up what the client said: "Guilty on both sides.
    It makes sense that you'd feel that." shows more of 4.3 than "Take your time." alone."""
    opening = [s for s in view.sentences_in(response.coach.index) if not FILLER.search(s.text)][:2]
    return sum(1 for s in opening if receives(s, response.client.text))


@register("coachlens.marker.4_4.v1", needs=("acts",))
def detect_invites_response(view: SessionView) -> MarkerFinding:
    """4.4: after offering something, the coach invites the client's response and accepts it."""
    name = "coachlens.marker.4_4.v1"
    contributions = [
        t
        for t in view.coach_turns
        if any((CONTRIBUTION_ACTS & s.acts) or OFFER.search(s.text) for s in view.sentences_in(t.index))
    ]
    invited: list[CoachSentence] = []
    overridden: list[Turn] = []
    for turn in view.coach_turns:
        invitation = next(
            (s for s in view.sentences_in(turn.index) if INVITATION.search(s.text) or "invitation" in s.acts),
            None,
        )
        if (
            invitation is None
            or invitation.is_leading
            or COMPREHENSION_CHECK.search(invitation.text)
            # "How does that sit with what you wanted today?" checks progress against the client's goal
            # (5.2, 8.1); it does not put the coach's own contribution up for the client's response.
            or GOAL_REFERENCE.search(invitation.text)
        ):
            continue
        invited.append(invitation)
        reply = view.next_client(turn.index)
        if reply is None:
            continue
        # Whatever the client answered: did the coach follow it, or argue on?
        follow = next_coach_turn(view, reply)
        if follow is not None and any(DISMISS.search(s.text) for s in view.sentences_in(follow.index)[:3]):
            overridden.append(follow)
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
        return finding(
            "4.4",
            "demonstrated",
            0.7 + min(0.2, 0.05 * len(invited)),
            [sentence_evidence(view, s) for s in invited],
            f"{when(view, first.turn).capitalize()} the coach offered something and invited the client's response: "
            f"{quoted(first.text)}.",
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
    first_turn = contributions[0]
    return finding(
        "4.4",
        "missed",
        0.65 if len(contributions) >= 2 else 0.5,
        [turn_evidence(view, t.index, sentences=1) for t in contributions],
        f"The coach offered views or ideas in {len(contributions)} turns (first {when(view, first_turn.index)}: "
        f"{quoted(first_turn.text, 90)}) without once asking how they landed.",
        name,
    )


def _follows_offer(view: SessionView, invitation: CoachSentence) -> bool:
    """True when the invitation comes after something the coach offered, in the same turn or the coach's
    turn before it (a permission question, then the observation, then "What do you make of that?")."""
    earlier = [s for s in view.sentences_in(invitation.turn) if s.start < invitation.start]
    previous = next((t for t in reversed(view.coach_turns) if t.index < invitation.turn), None)
    if previous is not None and invitation.turn - previous.index <= 2:
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
        if follow is not None and ACCEPTS_PUSHBACK.search(follow.text):
            return follow
    return None
