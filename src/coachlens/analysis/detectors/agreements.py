"""Competency 3 (Establishes and Maintains Agreements): markers 3.1-3.4.

Agreement work belongs early in the session; a later re-contract ("is this still what you want
from today?") counts too. Each detector looks for coach questions with the marker's shape, weighs
where they fall, and points at the first coach question when the agreement is missing.
"""

from __future__ import annotations

from coachlens.analysis.detectors.agreements_recontract import (
    COACH_NAMES_PROBLEM,
    CONFIRM_OUTCOME,
    IN_THE_WAY,
    RECONFIRM_MEASURE,
    RECONTRACT,
    client_named_outcome,
    corrected_recontracts,
    hands_back_client_question,
    reconfirmed_measures,
)
from coachlens.analysis.detectors.context import CoachSentence, SentenceHit, SessionView
from coachlens.analysis.detectors.evidence import finding, quoted, sentence_evidence, turn_evidence, when
from coachlens.analysis.detectors.growth import PROGRESS
from coachlens.analysis.detectors.text import rx
from coachlens.analysis.registry import register
from coachlens.models import MarkerFinding, MarkerStatus

EARLY = 0.35  # agreement questions are expected in roughly the first third of the session

_SESSION_SCOPE = (
    r"(?:today|this session|our (?:time|session|conversation|hour)|this conversation|"
    r"(?:by|at) the end|this hour|right now|here today)"
)
OUTCOME = rx(
    r"\b(?:walk away with|leave (?:here )?with|take away|come away with|get out of|want(?:ed)? from|like from|"
    r"hoping (?:for|to get)|(?:like|want) to (?:get|have|achieve|accomplish|leave)|achieve|accomplish|"
    r"outcome|make (?:this|it|today|our time) (?:useful|worthwhile|valuable|a success)|"
    r"would (?:make|be) (?:this|it|today) (?:useful|worthwhile|valuable))\b"
)
TOPIC = rx(
    r"\b(?:what (?:would|do) you (?:like|want) to (?:focus on|work on|talk about|bring|explore|look at|cover|start with)|"
    r"what(?:'s| is) on your (?:mind|agenda|list)|what (?:have you|did you) (?:brought|bring)|"
    r"where would you like to (?:start|begin)|what would you like to use (?:the|our) time for|"
    r"what shall we (?:focus on|talk about|work on))\b"
)
SESSION_SCOPE = rx(_SESSION_SCOPE)
MEASURE = rx(
    r"\b(?:how (?:will|would|do|might|could) (?:you|we) know|what would (?:success|a good (?:outcome|result)|"
    r"good|done) look like|what would tell you|what (?:would|will) (?:make|have made) (?:this|today|it|our time)"
    r"(?: session| conversation| hour)? (?:a success|successful|worthwhile|useful|valuable)|measure of success|what (?:would|will) be different "
    r"(?:at|by) the end|what would you (?:need|like) to (?:have|see|leave with) by the end|"
    r"(?:by|at) the end of (?:our|this|the|today)[^?]*\?)"
    r"|\b(?:what would you need to (?:walk away|leave|come away) with|worth your time|if (?:today|thi"
    r"s|our (?:time|conversation)) goes well|what will be different when you leave|what would a good "
    r"(?:result|outcome|session|conversation) look like|what would (?:that|it|this) (?:\w+ )?look lik"
    r"e by the end|how (?:would|will|do) you (?:recognise|recognize|notice|see) (?:that )?you'?d? (?:"
    r"made|make|making) progress)\b"
)
LONG_RANGE = rx(r"\b(?:months?|years?|weeks?|long[- ]term|eventually|fast[- ]forward)\b")
IMPORTANCE = rx(
    r"\b(?:what makes (?:this|that|it) (?:so |really )?(?:important|matter|significant)|"
    r"why is (?:this|that|it) (?:so )?important|what(?:'s| is) (?:so |most )?important (?:to you )?about|"
    r"what would it mean (?:to|for) you|what (?:would|will) (?:getting |having |achieving )?(?:this|that|it) "
    r"(?:mean|give you)|what(?:'s| is) at stake|why (?:this|that|it) now|why now|"
    r"what difference would (?:it|that|this|getting) make|what matters (?:most )?(?:to you )?(?:about|in|here)|"
    r"how important is (?:this|that|it)|what(?:'s| is) (?:so )?meaningful|why does (?:this|that|it) matter)"
    r"|\b(?:what makes (?:\w+ ){0,4}(?:matter|important|significant|meaningful)|what makes this the (?:one|thing|topic))\b"
    # What the goal is worth is asked through its cost as often as its value ("What's riding on it?").
    r"|\b(?:what(?:'s| is| would be) riding on|what(?:'s| is) (?:(?:not \w+ing|this|that|it) )?costing you|"
    r"what(?:'s| is| would be) the cost of not)\b"
)
ADDRESS = rx(
    r"\b(?:what (?:do you think )?(?:do |would )?(?:you|we) (?:need|have) to (?:look at|address|explore|"
    r"work (?:on|through)|figure out|untangle|resolve|sort out|get clear|talk about|understand|focus on|cover)|"
    r"what do you think (?:we|you) (?:need|should|want) to (?:look at|explore|address|work on|cover)|"
    r"what needs to (?:happen|be (?:addressed|looked at|explored|resolved|different)|shift|change)|"
    r"what would (?:we|you) need to (?:look at|cover|explore|address)|"
    r"where (?:would you like to|shall we|should we|do you want to) (?:start|begin)|"
    r"what(?:'s| is) the (?:real |main |biggest )?(?:issue|challenge|obstacle|question) (?:for you )?(?:here|in this))"
    r"|\b(?:what (?:do you think )?needs to be (?:addressed|looked at|explored|resolved|untangled|und"
    r"erstood)|what'?s standing between you and|what do (?:we|you) need to (?:explore|look at|talk ab"
    r"out|address|cover|understand) first|what needs to fall into place|what would we need to (?:talk"
    r" about|explore|look at)|which part of this do you (?:most )?need to|what do (?:we|you) need to "
    r"(?:explore|look at|talk about|address))\b"
)
# Offering the client the choice of which part of the issue to take on ("Where would you like to go from
# here: how you'd tell them, or what the month itself would look like?"): the client decides what to
# address, though among options the coach has framed.
CHOOSES_FOCUS = rx(
    r"\bwhere would you like to (?:go|start|begin|take (?:this|it))(?: from here| next| first)?\s*[:;,\u2014-]\s*"
    r"[^?]{3,}\bor\b|\b(?:which|what) (?:of (?:these|those|them|the two)|one|part)\b[^?]{0,40}\b(?:would you like|"
    r"do you want|would be (?:most |more )?(?:useful|helpful)) to (?:look at|work on|start with|explore|focus on|take)"
)


def _first_question(view: SessionView) -> CoachSentence | None:
    """The question with which the coach opened the work: the last question of the first coach turn
    after the greeting that asks something other than small talk."""
    for turn in view.coach_turns:
        questions = [q for q in view.questions_in(turn.index) if not q.is_small_talk]
        # The opening turn is often only a greeting, unless it already asks what the client wants.
        if (
            turn.index < 2
            and len(view.coach_turns) > 3
            and not any(OUTCOME.search(q.text) for q in questions)
        ):
            continue
        if questions:
            return questions[-1]
    return next((s for s in view.sentences if s.is_question), None)


def _absent(view: SessionView, marker_id: str, name: str, what: str) -> MarkerFinding:
    """Missed: point at the first real coach question, where the agreement should have happened."""
    first = _first_question(view)
    if first is None:
        opener = view.coach_turns[0].index
        return finding(
            marker_id,
            "missed",
            0.6,
            [turn_evidence(view, opener)],
            f"The coach asked no questions at all, so the client was never invited to {what}.",
            name,
        )
    return finding(
        marker_id,
        "missed",
        0.7,
        [sentence_evidence(view, first)],
        f"No coach question invites the client to {what}; the coach opened the work {when(view, first.turn)} with "
        f"{quoted(first.text)}.",
        name,
    )


def _questions(hits: list[SentenceHit]) -> list[SentenceHit]:
    return [h for h in hits if h.sentence.is_question or h.sentence.text.rstrip().endswith("?")]


@register("coachlens.marker.3_1.v1", needs=("acts", "position"))
def detect_session_outcome(view: SessionView) -> MarkerFinding:
    """3.1: a question asking what the client wants from this session (outcome, not just topic)."""
    name = "coachlens.marker.3_1.v1"
    # Early, any outcome question counts; later only one tied to this session (a re-contract). A look
    # back ("where are you now with what you wanted from today?") is a progress check (8.1), and a
    # coach's paraphrase put up for a yes is the coach's outcome, not the client's.
    candidates = [
        h
        for h in _questions(view.find(OUTCOME))
        if (h.sentence.position < EARLY or SESSION_SCOPE.search(h.sentence.text))
        and not PROGRESS.search(h.sentence.text)
    ]
    confirmed = [
        h.sentence
        for h in candidates
        if not h.sentence.is_open_question
        and CONFIRM_OUTCOME.search(h.sentence.text.strip())
        and not client_named_outcome(view, h.sentence.turn)
    ]
    outcome = [h for h in candidates if h.sentence not in confirmed]
    outcome_early = [h for h in outcome if h.sentence.position < EARLY]
    if outcome_early or outcome:
        best = (outcome_early or outcome)[0].sentence
        early = bool(outcome_early)
        # "I wonder whether X is the most important thing to look at today. What do you think?" asks too.
        recontract = [
            h.sentence
            for h in view.find(RECONTRACT)
            if h.sentence.turn > best.turn
            and not PROGRESS.search(h.sentence.text)
            and any(q.start >= h.sentence.start for q in view.questions_in(h.sentence.turn))
        ]
        corrected = corrected_recontracts(view, after_turn=best.turn, known=recontract)
        recontract = sorted([*recontract, *(q for _, q in corrected)], key=lambda s: s.index)
        # Checking the client's own result back as the measure is 3.2's evidence, not a second outcome.
        later = [
            h.sentence
            for h in outcome
            if h.sentence.turn > best.turn
            and h.sentence not in recontract
            and not RECONFIRM_MEASURE.search(h.sentence.text)
        ]
        rationale = (
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}, inviting the client to "
            f"name what they want from this conversation"
            + ("" if early else ", though only later in the session (a re-contract)")
        )
        if early and corrected:
            rationale += (
                f"; when the client corrected the coach's framing of the goal {when(view, corrected[0][0])}, the "
                f"coach took the client's version back up and checked it ({quoted(corrected[0][1].text, 90)})"
            )
        elif early and recontract:
            rationale += (
                f"; when the focus shifted, the coach re-contracted {when(view, recontract[0].turn)} "
                f"({quoted(recontract[0].text, 90)})"
            )
        return finding(
            "3.1",
            "demonstrated",
            0.85 if early else 0.65,
            [sentence_evidence(view, s) for s in [best, *recontract, *later]],
            rationale + ".",
            name,
        )
    topic = [h for h in _questions(view.find(TOPIC, before=EARLY)) if h.sentence not in confirmed]
    if confirmed:
        first = confirmed[0]
        opener = (
            f"{when(view, topic[0].sentence.turn).capitalize()} the coach asked {quoted(topic[0].sentence.text, 70)} "
            f"and {when(view, first.turn)} "
            if topic
            else f"{when(view, first.turn).capitalize()} the coach "
        )
        return finding(
            "3.1",
            "partial",
            0.6,
            [sentence_evidence(view, s) for s in [*(h.sentence for h in topic[:1]), first]],
            f"{opener}put an outcome in their own words for the "
            f"client to confirm ({quoted(first.text, 90)}): the client agreed with a direction but never named "
            "what they wanted to leave this session with.",
            name,
        )
    measure = _questions(view.find(MEASURE, before=EARLY))
    if topic and measure:
        # "What would you like to focus on?" followed by "what would make this a success?" together
        # ask for an outcome of this session.
        best = topic[0].sentence
        return finding(
            "3.1",
            "demonstrated",
            0.65,
            [sentence_evidence(view, best), sentence_evidence(view, measure[0].sentence)],
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)} and then what would make the "
            f"session worthwhile ({quoted(measure[0].sentence.text, 70)}), so the client named an outcome.",
            name,
        )
    if topic:
        best = topic[0].sentence
        return finding(
            "3.1",
            "partial",
            0.6,
            [sentence_evidence(view, best)],
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}: that opens a topic, but no "
            "question asks what the client wants to leave this session with.",
            name,
        )
    return _absent(view, "3.1", name, "say what they want from this session")


@register("coachlens.marker.3_2.v1", needs=("acts", "position"))
def detect_success_measure(view: SessionView) -> MarkerFinding:
    """3.2: a question about how the client will know this session succeeded."""
    name = "coachlens.marker.3_2.v1"
    # Early in the session a success question is about the session; later only when it says so.
    hits = [
        h
        for h in _questions(view.find(MEASURE))
        if h.sentence.position < 0.5 or SESSION_SCOPE.search(h.sentence.text)
    ]
    session_level = [
        h for h in hits if not LONG_RANGE.search(h.sentence.text) or SESSION_SCOPE.search(h.sentence.text)
    ]
    reconfirmed = [s for s in reconfirmed_measures(view, before=EARLY) if not MEASURE.search(s.text)]
    if reconfirmed and not [h for h in session_level if not OUTCOME.search(h.sentence.text)]:
        best = reconfirmed[0]
        return finding(
            "3.2",
            "demonstrated",
            0.75,
            [sentence_evidence(view, best)],
            f"{when(view, best.turn).capitalize()} the coach checked the client's own stated result back as the "
            f"measure of the session ({quoted(best.text)}), reconfirming how they would know it had worked.",
            name,
        )
    if session_level:
        # A separate success question shows 3.2 better than an outcome question that mentions "the end".
        session_level.sort(key=lambda h: (OUTCOME.search(h.sentence.text) is not None, h.sentence.index))
        best = session_level[0].sentence
        if OUTCOME.search(best.text):
            return finding(
                "3.2",
                "partial",
                0.5,
                [sentence_evidence(view, best)],
                f"{when(view, best.turn).capitalize()} the outcome question {quoted(best.text)} set a time frame, but "
                "no question asked how the client would know the session had worked.",
                name,
            )
        early = best.position < 0.5
        return finding(
            "3.2",
            "demonstrated",
            0.85 if early else 0.7,
            [sentence_evidence(view, h.sentence) for h in session_level],
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}, so the client set their own "
            "measure of success for the session.",
            name,
        )
    if hits:
        best = hits[0].sentence
        return finding(
            "3.2",
            "partial",
            0.55,
            [sentence_evidence(view, best)],
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}: a measure for the longer "
            "term, not for what this session should achieve.",
            name,
        )
    return _absent(view, "3.2", name, "say how they would know this session had been worthwhile")


@register("coachlens.marker.3_3.v1", needs=("acts", "position"))
def detect_importance(view: SessionView) -> MarkerFinding:
    """3.3: a question about what makes the client's goal important or meaningful to them."""
    name = "coachlens.marker.3_3.v1"
    hits = [
        h
        for h in _questions(view.find(IMPORTANCE))
        if not h.sentence.is_leading and not hands_back_client_question(view, h)
    ]
    if hits:
        best = min(hits, key=lambda h: h.sentence.position).sentence
        early = best.position < 0.6
        return finding(
            "3.3",
            "demonstrated" if early else "partial",
            0.8 if early else 0.5,
            [sentence_evidence(view, h.sentence) for h in hits],
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}, inviting the client to say "
            "why this matters to them" + ("." if early else ", but only late, after the work was under way."),
            name,
        )
    return _absent(view, "3.3", name, "say what makes their goal important to them")


@register("coachlens.marker.3_4.v1", needs=("acts", "position"))
def detect_what_to_address(view: SessionView) -> MarkerFinding:
    """3.4: a question about what the client needs to address to reach their outcome."""
    name = "coachlens.marker.3_4.v1"
    hits = _questions(view.find(ADDRESS, before=0.7))
    named = view.find(COACH_NAMES_PROBLEM, before=0.6)
    if hits:
        best = hits[0].sentence
        status: MarkerStatus = "demonstrated" if not named else "partial"
        rationale = (
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}, letting the client define "
            "what to work through"
        )
        if named:
            rationale += (
                f"; elsewhere the coach named the problem for them ({quoted(named[0].sentence.text, 80)})."
            )
        else:
            rationale += "."
        return finding(
            "3.4", status, 0.75 if not named else 0.55, [sentence_evidence(view, best)], rationale, name
        )
    choice = _questions(view.find(CHOOSES_FOCUS, before=0.7))
    if choice:
        best = choice[0].sentence
        return finding(
            "3.4",
            "partial",
            0.55,
            [sentence_evidence(view, best)],
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}, letting the client choose "
            "which part of the issue to take on; no question asked what they believe they need to address to reach "
            "their outcome.",
            name,
        )
    obstacle = _questions(view.find(IN_THE_WAY, before=0.7))
    if obstacle:
        best = obstacle[0].sentence
        return finding(
            "3.4",
            "partial",
            0.5,
            [sentence_evidence(view, best)],
            f"{when(view, best.turn).capitalize()} the coach asked {quoted(best.text)}: it looks for obstacles but "
            "does not ask the client what they need to address to reach their outcome.",
            name,
        )
    if named:
        first = named[0].sentence
        return finding(
            "3.4",
            "missed",
            0.75,
            [sentence_evidence(view, first)],
            f"Instead of asking what the client needed to address, the coach named it for them "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    return _absent(view, "3.4", name, "define what they need to address to get what they want")
