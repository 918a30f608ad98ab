"""Competency 4 (Cultivates Trust and Safety): markers 4.1-4.4.

These markers are about how the coach meets what the client brings, so most detectors pair a client
turn (a feeling, a concern, a suggestion, a reply to the coach's idea) with the coach turn that
follows it and ask whether the coach received it or steered past it.

The wording they look for is in `trust_cues`, the pairing of client and coach turns in
`trust_responses` and 4.4 (inviting a response to the coach's own contribution) in `trust_invites`;
the names other modules have always imported from here are re-exported below.
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
from coachlens.analysis.detectors.trust_cues import (
    CLIENT_DOING,
    CLIENT_VIEW,
    DISMISS,
    EMPATHY,
    FILLER,
    GENERIC_PRAISE,
    GOOD_EVALUATION,
    HARDSHIP,
    INVITATION,
    NEGATIVE,
    PLATITUDE,
    SPECIFIC_ACK,
    SUPPORT,
)
from coachlens.analysis.detectors.trust_invites import detect_invites_response
from coachlens.analysis.detectors.trust_responses import (
    CoachResponse,
    addresses_client,
    coach_centred,
    first_substantive,
    is_empathic,
    receives,
    responses_to,
    split_responses,
    stayed_with,
    steering_sentence,
    taken_back,
)
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding, MarkerStatus

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
            or (
                {"acknowledgment", "celebration"} & sentence.acts
                and addresses_client(sentence)
                and not _validates_or_observes(sentence)
            )
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


def _validates_or_observes(sentence: CoachSentence) -> bool:
    """A line that validates a concern ("you're still checking, which makes sense") is support (4.2/4.3),
    and one that describes what the client did in the room ("you sat up and your voice got quicker") is
    an observation (7.5): neither names a strength, insight or effort, whatever the act model's label."""
    return (
        bool(SUPPORT.search(sentence.text) or EMPATHY.search(sentence.text)) or "observation" in sentence.acts
    )


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
        note, shown_instead = _coach_centred_note(view, dismissed + ignored)
        tail = (
            f"; but {missed_count} of {len(responses)} hard moments {_were(missed_count)} passed over, e.g. after "
            f"{quoted(example.evidence.quote, 70)} {when(view, example.client.index)}{note}."
            if example
            else "."
        )
        return finding(
            "4.2",
            "partial",
            0.6,
            evidence + [r.evidence for r in (dismissed + ignored)] + shown_instead,
            f"The coach {'showed support' if empathic else 'took up the difficulty'} {when(view, shown.turn)} "
            f"({quoted(shown.quote, 60)}){tail}",
            name,
        )
    worst = (dismissed or ignored)[0]
    reply = steering_sentence(view, worst.coach)
    said = quoted(reply.text, 70) if reply else "nothing about it"
    note, shown_instead = _coach_centred_note(view, dismissed + ignored, reply)
    return finding(
        "4.2",
        "missed",
        0.7,
        [
            worst.evidence,
            *([sentence_evidence(view, reply)] if reply else []),
            *shown_instead,
            *(turn_evidence(view, r.coach.index, sentences=1) for r in dismissed + ignored),
        ],
        f"The client said {quoted(worst.evidence.quote, 80)} {when(view, worst.client.index)} and the coach answered "
        f"{said}; in {missed_count} hard moment{'' if missed_count == 1 else 's'} there was no word of support or "
        f"concern{note}.",
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
    # Staying with one feeling for a whole exchange (asking into it, then taking up the answer) is the
    # marker shown at least once, however many other moments were passed over.
    stay = next(((r, line) for r in met if (line := stayed_with(view, r)) is not None), None)
    status: MarkerStatus = "partial" if stay or (met and len(met) >= len(passed)) else "missed"
    note, shown_instead = _coach_centred_note(view, passed, reply)
    steered = (
        f"steered past what the client expressed in {len(passed)} of {total} replies, e.g. after "
        f"{quoted(worst.evidence.quote, 70)} {when(view, worst.client.index)} the coach said "
        f"{quoted(reply.text if reply else worst.coach.text, 70)}{note}."
    )
    if stay is not None:
        held, line = stay
        return finding(
            "4.3",
            "partial",
            0.65,
            [held.evidence, sentence_evidence(view, line), worst.evidence, *shown_instead],
            f"The coach stayed with what the client felt for a full exchange {when(view, held.coach.index)} "
            f"({quoted(held.evidence.quote, 60)}, then {quoted(line.text, 60)}), but {steered}",
            name,
        )
    return finding(
        "4.3",
        status,
        0.7,
        [
            worst.evidence,
            *([sentence_evidence(view, reply)] if reply else []),
            *shown_instead,
            *(turn_evidence(view, r.coach.index, sentences=1) for r in passed),
            *(r.evidence for r in met),
        ],
        f"The coach {steered}",
        name,
    )


def _coach_centred_note(
    view: SessionView, passed: list[CoachResponse], quoted_already: CoachSentence | None = None
) -> tuple[str, list[Evidence]]:
    """A clause naming what the coach said in place of the client's feeling, quoted: reassurance and
    stories about themselves are the pattern a mentor names first, so the rationale says so plainly."""
    reassured, self_talk = coach_centred(view, passed)
    reassured = [s for s in reassured if s != quoted_already]
    parts: list[str] = []
    if reassured:
        lines = ", ".join(f"{quoted(s.text, 50)} {when(view, s.turn)}" for s in reassured[:2])
        parts.append(f"the coach reassured instead ({lines})")
    if self_talk:
        lines = ", ".join(f"{quoted(s.text, 60)} {when(view, s.turn)}" for s in self_talk[:2])
        count = len(self_talk)
        parts.append(
            f"{'' if reassured else 'the coach '}talked about themselves in {'one turn' if count == 1 else f'{count} turns'} "
            f"({lines})"
        )
    # Stories first: the reply already quoted is usually a reassurance, and evidence is capped.
    shown = [
        sentence_evidence(view, s) for s in self_talk[:1] + reassured[:1] + self_talk[1:2] + reassured[1:2]
    ]
    return (": " + " and ".join(parts) if parts else ""), shown


def _were(count: int) -> str:
    return "was" if count == 1 else "were"


def _reception_depth(view: SessionView, response: CoachResponse) -> int:
    """How many of the reply's opening sentences took up what the client said: "Guilty on both sides.
    It makes sense that you'd feel that." shows more of 4.3 than "Take your time." alone."""
    opening = [s for s in view.sentences_in(response.coach.index) if not FILLER.search(s.text)][:2]
    return sum(1 for s in opening if receives(s, response.client.text))
