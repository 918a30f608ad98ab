"""Competency 4 (Cultivates Trust and Safety): markers 4.1-4.4.

These markers are about how the coach meets what the client brings, so most detectors pair a client
turn (a feeling, a concern, a suggestion, a reply to the coach's idea) with the coach turn that
follows it and ask whether the coach received it or steered past it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.emotion import find_feelings
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    finding,
    quoted,
    sentence_around,
    sentence_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.text import content_stems, rx, shared_phrase, word_count
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding, MarkerStatus, Turn

SPECIFIC_ACK = rx(
    r"\b(?:you(?:'ve| have) (?:just |really |clearly |already )?(?:done|shown|worked|thought (?:this|it) through|"
    r"managed|taken|built|found|named|designed|figured|kept|made a|come up with|put (?:a lot|real|so much))|"
    r"that (?:took|takes) (?:courage|guts|honesty)|(?:I )?(?:appreciate|admire|respect|value) (?:your|how|that you|"
    r"the way)|(?:you're|you are|you sound|you were|you've been) (?:so |very |really |quite )?(?:honest|brave|"
    r"courageous|clear|thoughtful|committed|determined|insightful|resourceful|candid|open|generous|caring)|"
    r"it sounds like you (?:know|care|really)|you know how you work|real thinking|big connection|"
    r"came from caring|that'?s (?:a )?(?:real|big|powerful|important) (?:insight|shift|step|connection)|"
    r"it did sound like you|sounded like you|you ended with)\b"
    r"|\b(?:took (?:real |a lot of )?(?:persistence|courage|nerve|guts|honesty|strength|determination"
    r")|takes (?:real |a lot of )?(?:nerve|courage|persistence|guts)|came from you|(?:a|that'?s a) pr"
    r"omise you'?ve kept|I'?m struck by (?:how|your)|you'?ve clearly (?:done|thought|put)|you tend to"
    r" notice|that showed (?:again )?in how you|with (?:a lot of|real|such) (?:care|courage|grace|hon"
    r"esty)|(?:it'?s|that'?s) a sharp one)\b"
    r"|\b(?:you'?ve (?:just )?(?:reframed|spotted|put your finger on|worked out|figured out|turned))\b"
    r"|\b(?:you(?:'ve| have) been (?:coping|managing|holding|carrying|keeping))\b"
)
HARDSHIP = rx(r"\b(?:hard|difficult|tough|a lot|heavy|painful|sorry|awful|rough|exhausting)\b")
NEGATIVE = rx(
    r"\b(?:nothing|not|never|lost|mistake|problem|wrong|but|should|need to|have to|got to|don'?t|"
    r"(?:when|once|until|if|before|after) you'?ve|can'?t|cannot|won'?t)\b"
)
GENERIC_PRAISE = rx(
    r"^\W*(?:that'?s |you'?re doing )?(?:really |so )?(?:great|good|excellent|brilliant|perfect|wonderful|"
    r"well done|nice|awesome|amazing|fantastic|good job|great job|super)\b[\w\s,']{0,25}[.!]*$"
)
# Evaluating the client's answers ("That's a good attitude.") is praise of the answer, not acknowledgement.
GOOD_EVALUATION = rx(
    r"^\W*(?:that|this|it|those|these|\w+)(?:'s|\s+(?:sounds?|is|are|seems?))\s+(?:like\s+)?(?:a\s+)?"
    r"(?:really\s+|very\s+)?(?:good|great|excellent|brilliant|fine)\b"
)
EMPATHY = rx(
    r"\b(?:(?:that|it|this) (?:sounds|must be|must have been|seems|feels) (?:like )?(?:really |so |very |quite |"
    r"incredibly |a )?(?:hard|difficult|tough|painful|exhausting|heavy|a lot|frustrating|stressful|lonely|long|"
    r"upsetting|draining|overwhelming|scary|unsettling)|I'?m (?:so |really |very )?sorry|"
    r"I can (?:hear|see|imagine) (?:how|that|what)|take (?:your|a|the) (?:time|moment)|no rush|"
    r"it makes sense (?:that|you)|that'?s a lot|how are you(?: doing| holding up)?,? in yourself|"
    r"how are you (?:doing|holding up|looking after yourself)|be kind to yourself|understandably|"
    r"(?:it|that) matters|that'?s (?:a )?powerful thing to carry|I'?m here)\b"
)
PLATITUDE = rx(
    r"\b(?:don'?t worry|it'?ll (?:all )?(?:be|work out) (?:fine|okay|ok|alright)|it'?ll all work out|cheer up|"
    r"at least you|look on the bright side|you'?ll be fine|welcome to (?!tell|disagree|push|say|stop|take)|"
    r"get over it|stop worrying|(?:it'?s|that'?s) (?:completely |totally |very )?normal(?! to)|everyone (?:says|feels|goes)|"
    r"(?:they'?ll|you'?ll) survive|they'?ll live)\b"
)
SUPPORT = rx(
    r"\b(?:makes (?:complete |total )?sense|that'?s (?:fair|understandable|completely understandable|valid|okay|"
    r"natural|allowed)|of course|you'?re allowed|it'?s okay to|it'?s (?:natural|normal) to|I hear (?:that|you)(?!,? but)|"
    r"thank you for (?:sharing|telling)|I can understand|no wonder)\b"
    r"|\b(?:(?:it'?s|that'?s) (?:completely |totally |very |perfectly )?(?:understandable|natural|val"
    r"id|allowed)|your (?:reading|view|feeling|way) counts|(?:that'?s|it'?s) a real concern|give it ("
    r"?:as much )?room|let'?s (?:go with that|do it your way|do that)|thank you for putting that into"
    r" words|both of (?:those|these) can be true|as you suggest|that'?s (?:a )?(?:good|fair) (?:point"
    r"|way in))\b"
)
DISMISS = rx(
    r"(?:^\W*(?:okay|ok|sure|yes|yeah|right|mm|no)?[, ]*(?:sure, |okay, )?(?:but|however)\b|"
    r"\b(?:don'?t worry|you shouldn'?t (?:feel|worry)|no need to (?:feel|worry)|that'?s (?:silly|ridiculous|"
    r"not true|not the point)|you'?re overthinking|don'?t overthink|sentiment doesn'?t|nobody'?s saying|"
    r"with respect|I hear you, but|trust me|they'?ll live|I'?d still|I still think)\b)"
)
CLIENT_VIEW = rx(
    r"\b(?:I(?:'m| am) (?:worried|concerned|not sure|scared|afraid|nervous)|my (?:worry|concern|fear)|"
    r"I don'?t (?:think|want) (?:I|to|it)|maybe (?:I|we) could|I could (?:\w+ )?(?:ask|try|do|talk|start|give)|"
    r"what if (?:I|we)|I was (?:thinking|wondering)|I'?d rather|I'?m not convinced)\b"
)
INVITATION = rx(
    r"\b(?:how does (?:that|this|it) (?:land|sound|sit|fit)|does (?:that|this|it) (?:fit|resonate|ring true|"
    r"sound right|land|feel right|feel doable|make sense to you|match)|what do you make of (?:that|this|it)|"
    r"what'?s your (?:reaction|response|take|view)|(?:tell|let) me (?:know )?if (?:that'?s|I'?m|this is|it'?s|"
    r"it doesn'?t|that doesn'?t)|feel free to (?:disagree|push back|tell me)|welcome to (?:tell me|disagree|"
    r"push back|say)|push(?:ed)? back|go on,? say it|I (?:might|may|could) be (?:completely |totally |quite )?wrong|"
    r"is that (?:right|accurate|fair|close)\?|have I got that right|am I (?:right|close|on track)|"
    r"what would you (?:add|change)|what fits|how (?:much )?does that (?:match|compare))"
    r"|\b(?:is that right,? or|is there a better word|thanks? (?:you )?for correcting|fair enough,? ("
    r"?:that|it) didn'?t)\b"
)
OFFER = rx(
    r"\b(?:I(?:'m)? (?:notic|wonder|sens)\w*|my (?:sense|hunch|guess|observation)|can I (?:share|offer|say|"
    r"suggest|give)|here'?s (?:what|my)|I'?d (?:suggest|go|do|recommend)|what I'?d do|if I were you|"
    r"I (?:think|reckon|believe) (?:you|that|the)|in my experience)\b"
)
# "Does that make sense?" after telling checks understanding; it does not invite a response.
COMPREHENSION_CHECK = rx(
    r"^\W*(?:does|did|do) (?:that|this|it|you) (?:make sense|understand|follow|get it)\b"
)
CONTRIBUTION_ACTS = frozenset({"observation", "information", "advice", "self_disclosure", "summary"})


def _next_coach_turn(view: SessionView, client_turn: Turn) -> Turn | None:
    for turn in view.turns[client_turn.index + 1 : client_turn.index + 3]:
        if turn.role == "coach":
            return turn
    return None


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
            or ({"acknowledgment", "celebration"} & sentence.acts and _addresses_client(sentence))
        ):
            specific.append(sentence)
    if len(specific) >= 2:
        first = specific[0]
        return finding(
            "4.1",
            "demonstrated",
            0.6 + min(0.3, 0.08 * len(specific)),
            [sentence_evidence(view, s) for s in specific],
            f"The coach named what is particular to the client {len(specific)} times, e.g. {when(view, first.turn)}: "
            f"{quoted(first.text)}.",
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
    return finding(
        "4.1",
        "missed",
        0.55,
        [anchor_evidence(view, 0.5)],
        "The coach never acknowledged a strength, insight or piece of work of the client's.",
        name,
    )


FILLER = rx(
    r"^\W*(?:okay|ok|right|mm+|hmm+|sure|yeah|yes|I see|great|good|got it|thanks|thank you|alright|all right|uh-huh)\W*$"
)


def _addresses_client(sentence: CoachSentence) -> bool:
    """Long enough and about the client ("you", "your"): the act model's acknowledgement alone also fires
    on remarks like "You can't hold on to people like that forever"."""
    return (
        word_count(sentence.text) >= 6
        and re.search(r"\byou(?:r|'ve|'re)?\b", sentence.text, re.I) is not None
    )


def is_empathic(sentence: CoachSentence) -> bool:
    """Empathy or concern that is not taken back in the same breath ("I'm sorry, but it isn't.")."""
    if sentence.is_advice or sentence.is_small_talk or re.search(r"\bbut\b", sentence.text, re.IGNORECASE):
        return False
    if EMPATHY.search(sentence.text):
        return True
    # The act model's "empathy" counts when the line names what is hard ("Sure, sure." does not).
    return "empathy" in sentence.acts and bool(find_feelings(sentence.text) or HARDSHIP.search(sentence.text))


def _taken_back(view: SessionView, sentence: CoachSentence) -> bool:
    """True when the next sentence of the same turn starts with "But": "It is a lot. But you can do it." """
    following = [s for s in view.sentences_in(sentence.turn) if s.start > sentence.start]
    return bool(following) and bool(re.match(r"\W*but\b", following[0].text, re.IGNORECASE))


def _substantive(view: SessionView, turn: Turn) -> list[CoachSentence]:
    return [s for s in view.sentences_in(turn.index) if not FILLER.search(s.text)]


def first_substantive(view: SessionView, turn: Turn) -> CoachSentence | None:
    """The first sentence of a coach turn that is more than a filler ("Okay.", "Mm.")."""
    return next((s for s in view.sentences_in(turn.index) if not FILLER.search(s.text)), None)


# Handing the decision back to the client receives their concern too ("you can decide as we go").
HANDS_BACK = rx(
    r"\b(?:you (?:can|get to) decide|it'?s (?:up to you|your call|your choice)|what would you like to do)\b"
)
FOLLOWS_CHOICE = rx(
    r"^\W*(?:let'?s do (?:that|it)|go (?:ahead|for it|on)|please|of course|sure,? (?:let'?s|go))\b"
)


def _builds_on(sentence: CoachSentence, client_text: str) -> bool:
    """A follow-up question built on two or more of the client's own content words, or going along with
    the client's proposal ("Let's do that.")."""
    if FOLLOWS_CHOICE.search(sentence.text) or HANDS_BACK.search(sentence.text):
        return True
    return sentence.is_question and len(content_stems(sentence.text) & content_stems(client_text)) >= 2


def receives(sentence: CoachSentence, client_text: str) -> bool:
    """True when a coach sentence takes up what the client just said: empathy, support, a reflection,
    the client's own words back, or a question about the feeling."""
    if sentence.is_why or sentence.is_leading or sentence.is_advice:
        return False
    return bool(
        EMPATHY.search(sentence.text)
        or SUPPORT.search(sentence.text)
        or SPECIFIC_ACK.search(sentence.text)
        # The act model's labels count when the line bears them out: a reflection of the client's content,
        # empathy that names the difficulty, acknowledgement addressed to the client.
        or (
            {"reflection", "summary"} & sentence.acts
            and content_stems(sentence.text) & content_stems(client_text)
        )
        or is_empathic(sentence)
        or ("acknowledgment" in sentence.acts and _addresses_client(sentence))
        or shared_phrase(sentence.text, [client_text], min_len=2)
        or _builds_on(sentence, client_text)
        or (find_feelings(sentence.text) and not sentence.is_advice)
    )


@dataclass(frozen=True)
class _Response:
    """How the coach answered one client turn that carried a feeling or a view."""

    client: Turn
    coach: Turn
    kind: str  # "met", "dismissed" or "ignored"
    evidence: Evidence


def responses_to(view: SessionView, *, feelings_only: bool, difficult_only: bool = False) -> list[_Response]:
    """For each client turn voicing a feeling (or also a concern/suggestion), how the coach answered."""
    key = f"responses:{feelings_only}:{difficult_only}"
    return view.memo(key, lambda: _responses(view, feelings_only, difficult_only))


def _responses(view: SessionView, feelings_only: bool, difficult_only: bool) -> list[_Response]:
    found: list[_Response] = []
    for client in view.client_turns:
        feelings = [h for h in find_feelings(client.text) if h.difficult or not difficult_only]
        view_match = None if feelings_only else CLIENT_VIEW.search(client.text)
        if not feelings and view_match is None:
            continue
        coach = _next_coach_turn(view, client)
        opening = first_substantive(view, coach) if coach is not None else None
        if coach is None or opening is None:
            continue
        sentences = view.sentences_in(coach.index)
        if DISMISS.search(opening.text) or any(PLATITUDE.search(s.text) for s in sentences):
            kind = "dismissed"
        elif any(receives(s, client.text) for s in _substantive(view, coach)[:2]) or any(
            is_empathic(s) for s in sentences
        ):
            kind = "met"
        else:
            kind = "ignored"
        anchor = feelings[0].start if feelings else (view_match.start() if view_match else 0)
        evidence = (
            sentence_evidence(view, opening) if kind == "met" else sentence_around(view, client.index, anchor)
        )
        found.append(_Response(client, coach, kind, evidence))
    return found


def _weight(response: _Response) -> tuple[int, int]:
    """How much a passed-over moment mattered: feelings voiced, then length."""
    return len(find_feelings(response.client.text)), len(response.client.text)


def _counts(responses: list[_Response]) -> tuple[list[_Response], list[_Response], list[_Response]]:
    """Met, dismissed and ignored responses; the last two with the weightiest moment first."""
    met = [r for r in responses if r.kind == "met"]
    dismissed = sorted((r for r in responses if r.kind == "dismissed"), key=_weight, reverse=True)
    ignored = sorted((r for r in responses if r.kind == "ignored"), key=_weight, reverse=True)
    return met, dismissed, ignored


@register("coachlens.marker.4_2.v1", needs=("acts", "emotion"))
def detect_empathy(view: SessionView) -> MarkerFinding:
    """4.2: support, empathy or concern when the client is finding something hard."""
    name = "coachlens.marker.4_2.v1"
    responses = responses_to(view, feelings_only=True, difficult_only=True)
    met, dismissed, ignored = _counts(responses)
    empathic = [s for s in view.sentences if is_empathic(s) and not _taken_back(view, s)]
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
            f"{len(met)} of {len(responses)} hard moments were taken up.",
            name,
        )
    if empathic or met:
        shown = sentence_evidence(view, empathic[0]) if empathic else met[0].evidence
        example = (dismissed or ignored)[0] if missed_count else None
        tail = (
            f"; but {missed_count} of {len(responses)} hard moments were passed over, e.g. after "
            f"{quoted(example.evidence.quote, 70)} {when(view, example.client.index)}."
            if example
            else "."
        )
        return finding(
            "4.2",
            "partial",
            0.6,
            evidence + [r.evidence for r in (dismissed + ignored)],
            f"The coach showed support {when(view, shown.turn)} ({quoted(shown.quote, 60)}){tail}",
            name,
        )
    worst = (dismissed or ignored)[0]
    reply = first_substantive(view, worst.coach)
    said = quoted(reply.text, 70) if reply else "nothing about it"
    return finding(
        "4.2",
        "missed",
        0.7,
        [worst.evidence, *(turn_evidence(view, r.coach.index, sentences=1) for r in dismissed + ignored)],
        f"The client said {quoted(worst.evidence.quote, 80)} {when(view, worst.client.index)} and the coach answered "
        f"{said}; in {missed_count} hard moments there was no word of support or concern.",
        name,
    )


@register("coachlens.marker.4_3.v1", needs=("acts", "emotion", "client_words"))
def detect_supports_expression(view: SessionView) -> MarkerFinding:
    """4.3: the coach receives the client's feelings, views, concerns and suggestions without steering past them."""
    name = "coachlens.marker.4_3.v1"
    responses = responses_to(view, feelings_only=False)
    met, dismissed, ignored = _counts(responses)
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
    worst = (dismissed or ignored)[0] if passed else met[0]
    reply = first_substantive(view, worst.coach)
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
        if invitation is None or invitation.is_leading or COMPREHENSION_CHECK.search(invitation.text):
            continue
        invited.append(invitation)
        reply = view.next_client(turn.index)
        if reply is None:
            continue
        # Whatever the client answered: did the coach follow it, or argue on?
        follow = _next_coach_turn(view, reply)
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
