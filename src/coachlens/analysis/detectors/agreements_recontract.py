"""Competency 3 helpers: whose words the agreement is in.

A short session often contracts in two or three turns: the client names the result they want, and
the coach checks it back instead of asking a fresh "how will you know?". ICF 3.2 is "define *or
reconfirm* measures of success", so a check on the client's own words counts. Likewise a coach who
frames the goal wrongly, is corrected, and restates the client's version for a yes has re-contracted
(3.1), which matters more than the slip. The other side lives here too: an outcome the coach words
for a yes, a question handed back from the client's own sentence, a problem the coach names.
"""

from __future__ import annotations

from collections.abc import Sequence

from coachlens.analysis.detectors.context import CoachSentence, SentenceHit, SessionView
from coachlens.analysis.detectors.text import content_stems, rx

__all__ = [
    "CLIENT_CORRECTS",
    "CLIENT_OUTCOME",
    "COACH_NAMES_PROBLEM",
    "CONFIRM_OUTCOME",
    "FOCUS_CHECK",
    "IN_THE_WAY",
    "RECONFIRM_MEASURE",
    "RECONTRACT",
    "client_named_outcome",
    "corrected_recontracts",
    "hands_back_client_question",
    "reconfirmed_measures",
]

# The coach restates an outcome and asks for a yes ("So you'd like to get better at X, is that right?"):
# the client agrees to the coach's wording instead of naming what they want.
CONFIRM_OUTCOME = rx(
    r"(?:,\s*(?:is that|am I|have I got (?:that|it)) (?:right|correct|it)\W*$|,\s*(?:right|yes|yeah)\?$|"
    r"^\W*(?:(?:so|okay|ok|right)\W+)?(?:you(?:'d| would| want| wanna)|it sounds like you)\b)"
)
CLIENT_OUTCOME = rx(
    r"\b(?:by the end(?: of (?:today|this|our|the session))?|(?:leave|walk away|come away|finish) (?:here |today )?"
    r"with|(?:from|out of) (?:today|this session|our (?:time|session|conversation))|today I(?:'d| would) like)\b"
)
IN_THE_WAY = rx(r"\bwhat(?:'s| is) (?:getting|standing|been getting) in (?:the|your) way\b")
COACH_NAMES_PROBLEM = rx(
    r"\b(?:that'?s (?:the|your) (?:real )?(?:problem|issue)|the (?:real )?(?:problem|issue) (?:is|here is)|"
    r"that'?s (?:exactly )?(?:the|your) (?:cash flow )?problem right there|here'?s (?:the|your) problem)\b"
)
# A mid-session check that the focus still holds, or a choice between the old and the new focus.
RECONTRACT = rx(
    r"\b(?:(?:most|more) (?:useful|helpful|important)(?: thing)?(?: for (?:us|you))? (?:to (?:focus on|look at|spend|"
    r"use|talk about|work on)|for (?:the rest|what'?s left|the remaining))|for the rest of (?:our|the|this) "
    r"(?:time|session|conversation|hour)|(?:is|are) (?:this|that|we) still (?:what|the (?:right|most))|"
    r"(?:do|would) you (?:still )?(?:want|like|rather|prefer) to (?:stay with|carry on with|continue with|switch|"
    r"go back|change (?:focus|direction|tack))|shall we (?:stay with|switch|change|go back))\b"
)
# The coach checks a restated focus for a yes ("Is that the one to work on?"). On its own that is the
# coach's wording; right after the client has corrected the coach it is the client's goal taken back up.
FOCUS_CHECK = rx(
    r"\b(?:is|would) (?:that|this) (?:be )?(?:the (?:one|thing|question|focus|goal)|what (?:we|you)(?:'d| should| want)?)"
    r"(?: (?:to|we should|you want to|want to|like to))? (?:work on|focus on|look at|explore|take on|go for)\b"
    r"|\b(?:have I got (?:it|that) right (?:this time|now)|is that (?:closer|better|more like it))\b"
)
CLIENT_CORRECTS = rx(
    r"^\W*(?:no|nope|not really|not quite|not exactly)\b[,.!]"
    r"|\b(?:that'?s not (?:it|quite it|what I (?:mean|meant|said|want|need))|it'?s not about|"
    r"(?:it'?s|that'?s) (?:an? )?\w+ (?:question|problem|issue),? not (?:an? )?\w+ (?:question|problem|issue))\b"
)
# "If you leave with both, is that a good fifteen minutes?": the client's stated result checked back as
# the measure of the session.
RECONFIRM_MEASURE = rx(
    r"\bif (?:you|we) (?:leave|walk away|come away|finish|end|go away) (?:here |today )?with\b"
    r"|\bwould (?:that|those|both|it) (?:make|be) (?:this|it|today|our time|a) (?:\w+ )?(?:good|useful|worthwhile|"
    r"success|successful)\b"
    r"|\bis that (?:how you'?(?:d|ll) know|what would make (?:this|it|today))\b"
)


def client_named_outcome(view: SessionView, turn: int) -> bool:
    """The client has just said what they want from this session, so the coach's check is contracting
    on the client's own words."""
    before = view.previous_client(turn)
    return before is not None and turn - before.index <= 2 and CLIENT_OUTCOME.search(before.text) is not None


def reconfirmed_measures(view: SessionView, *, before: float) -> list[CoachSentence]:
    """Early coach questions that check the client's own stated result back as the session's measure."""
    return [
        h.sentence
        for h in view.find(RECONFIRM_MEASURE, before=before)
        if h.sentence.text.rstrip().endswith("?") and client_named_outcome(view, h.sentence.turn)
    ]


def corrected_recontracts(
    view: SessionView, *, after_turn: int, known: Sequence[CoachSentence] = ()
) -> list[tuple[int, CoachSentence]]:
    """(client turn, coach question) pairs where the client corrected the coach's framing and the coach's
    next turn checked a restated focus with them."""
    pairs: list[tuple[int, CoachSentence]] = []
    for hit in view.find(FOCUS_CHECK):
        sentence = hit.sentence
        before = view.previous_client(sentence.turn)
        if (
            sentence.turn > after_turn
            and sentence not in known
            and sentence.text.rstrip().endswith("?")
            and before is not None
            and sentence.turn - before.index == 1
            and CLIENT_CORRECTS.search(before.text)
        ):
            pairs.append((before.index, sentence))
    return pairs


def hands_back_client_question(view: SessionView, hit: SentenceHit) -> bool:
    """The coach repeats a question the client has just put to themself ("Why a second shop, and why
    now?"): that follows the client's agenda rather than asking what makes it matter to them."""
    before = view.previous_client(hit.sentence.turn)
    if before is None or hit.sentence.turn - before.index > 2:
        return False
    # A bare "Why now?" after "I don't know why now" still probes; a whole sentence repeated does not.
    rest = content_stems(hit.sentence.text[: hit.match.start()] + " " + hit.sentence.text[hit.match.end() :])
    return (
        hit.match.group(0).lower() in before.text.lower()
        and bool(rest)
        and rest <= content_stems(before.text)
    )
