"""Competency 5 (Maintains Presence): markers 5.1-5.5.

5.1-5.4 read the coach's language (the who, the what, client choice, curiosity); 5.5 reads the
silences between turns and is `not_assessable` on a transcript without times.
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
from coachlens.analysis.detectors.questions import client_questions, follows_thread
from coachlens.analysis.detectors.text import rx
from coachlens.analysis.detectors.timing import Gap, exchanges, pauses
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding, MarkerStatus

WHOLE_PERSON = rx(
    r"\b(?:how are you,? in yourself|in yourself|how are you (?:doing|feeling|holding up|looking after)|"
    r"what (?:do you|does) (?:value|care (?:about|most))|what matters (?:most )?to you|"
    r"what(?:'s| is) (?:really |most )?important to you|who (?:are you|do you want to be|you are|you want to be)|"
    r"what kind of (?:person|leader|manager|parent|partner|mum|dad|mother|father|colleague|boss)|"
    r"(?:say|tell you|mean|show you) about (?:you|yourself)|as a person|your (?:values|wellbeing|health|"
    r"sense of (?:self|who you are))|costing you|ask of you|what(?:'s| is) (?:it|that) like for you|"
    r"for you as (?:a|the)|who you are)\b"
    r"|\b(?:who do you want to be|where are you in (?:this|all this|all of this)|as the person who|(?"
    r":I want to|let me) check in with you|how are you doing,? with|ask of (?:that part of )?you|what"
    r" does (?:leaving|this|that|it) mean for (?:you|the person)|what do you need,? as|(?:about|for) "
    r"you in all (?:this|of this)|the person you'?ve been|mean to you as a person)\b"
)
GOAL_REFERENCE = rx(
    r"\b(?:(?:at|from) the (?:start|beginning)(?: of (?:our|the|this) (?:session|conversation|time))?,? you "
    r"(?:said|wanted|mentioned|told me)|you (?:said|mentioned|told me) (?:at the start|earlier|you wanted)|"
    r"(?:coming|going|come|go) back to (?:what you (?:wanted|said)|your (?:goal|outcome|aim))|"
    r"you wanted something|where are (?:we|you) (?:with|on) (?:those|that|these|your|what)|"
    r"is (?:this|that) (?:still )?(?:what you want|useful|helping|the right (?:focus|thing))|"
    r"are we (?:still )?(?:on track|working on (?:what|the right))|how does (?:this|that) (?:connect|relate|fit) "
    r"(?:to|with) (?:what you|your)|closer to (?:what you|your)|what you came (?:in )?(?:with|for)|"
    r"(?:still|still feel like) the (?:right )?(?:focus|thing to)|in terms of what you want(?:ed)?)\b"
    r"|\b(?:you came in wanting|earlier you said (?:success|you wanted|you'?d)|what you (?:wanted|ask"
    r"ed for|came for) (?:from|at|in) (?:today|the start|this)|you wanted to (?:leave|feel|decide|get"
    r"|have|know|make|find)|(?:connect|fit) with the (?:decision|goal|outcome|aim) you|serving what y"
    r"ou wanted|are we working on the right thing|how close is (?:this|what)|has your aim changed)\b"
)
CLIENT_CHOICE = rx(
    r"\b(?:where would you like to (?:start|begin|go|take this)|where do you want to (?:start|go|take)|"
    r"what would you like to (?:explore|focus on|look at|do|start with|work on)(?: next| first| now)?\?|"
    r"would you like to (?:come back|stay|explore|look|go|try|start|spend|keep)|"
    r"(?:which|what) (?:of (?:these|those)|part)\b[^?]{0,30}(?:would you like to (?:explore|start|look)|first)|"
    r"how would you like to (?:use|spend|finish|close|end|proceed|approach|work|hold)|"
    r"(?:would|might|could) it (?:help|be (?:useful|helpful)) to (?:try|explore|look|stay|spend|take|pause|come back|say|"
    r"go back|slow|start|focus|think)|do you want to (?:stay|go|explore|look|come back|try)|"
    r"shall we|is it (?:okay|ok|all right|alright) (?:if|to|with you)|(?:it'?s|that'?s) (?:up to you|your (?:call|choice))|"
    r"(?:it'?s|this is) your session|what feels (?:most )?(?:useful|important|right)|you (?:can|get to) decide|"
    r"or would you (?:rather|prefer)|what would be (?:most )?(?:useful|helpful) (?:now|next|to)|"
    r"can I (?:share|offer|ask)|would you be (?:open|willing) to)\b"
    r"|\b(?:which (?:one )?(?:would you prefer|do you want to start with|would you like to start with"
    r")|which would you (?:prefer|like)|how would you like to use (?:them|it|the time|what'?s left)|w"
    r"here would you like to take this|would it help more to|what feels like the right thing to|do yo"
    r"u want to stay with|or is something else more pressing|or we could)\b"
)
COACH_DIRECTS = rx(
    r"(?:^\W*(?:right|okay|ok|so|now)?[,. ]*(?:I want you to|I'?d like you to|here'?s what (?:we|I|you)|"
    r"let me (?:just )?pull this together|let'?s (?:think about|move on|talk about|look at|get into|get started|"
    r"start with|begin with) )|"
    r"\bwhere were we\b|\bthat'?s your homework\b)"
)
CHOICE_ACTS = frozenset({"permission"})
# Client turns where the person, not just the problem, comes into view: family, health, feelings.
PERSONAL = rx(
    r"\b(?:wife|husband|partner|kids?|children|daughter|son|mum|mom|dad|father|mother|family|home|sleep|sleeping|"
    r"tired|exhausted|health|myself|who I am|my (?:own )?(?:values|life))\b"
)


@register("coachlens.marker.5_1.v1", needs=("acts", "exemplars"))
def detect_whole_person(view: SessionView) -> MarkerFinding:
    """5.1: the coach responds to who the client is, not only to the problem."""
    name = "coachlens.marker.5_1.v1"
    hits: list[CoachSentence] = [h.sentence for h in view.find(WHOLE_PERSON) if not h.sentence.is_small_talk]
    hits += [
        s
        for s, _ in view.exemplar_hits("5.1", threshold=0.68, margin=0.08)
        if s not in hits and s.is_question and not s.is_small_talk
    ]
    if len(hits) >= 2:
        first = hits[0]
        return finding(
            "5.1",
            "demonstrated",
            0.65 + min(0.25, 0.06 * len(hits)),
            [sentence_evidence(view, s) for s in hits],
            f"The coach turned from the problem to the person, e.g. {when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if hits:
        only = hits[0]
        return finding(
            "5.1",
            "partial",
            0.5,
            [sentence_evidence(view, only)],
            f"One move toward the person {when(view, only.turn)} ({quoted(only.text)}); otherwise the session "
            "stayed on the task.",
            name,
        )
    moment = reply_to_richest(view, prefer=PERSONAL)
    return finding(
        "5.1",
        "missed",
        0.6,
        [moment[0]] if moment else [],
        "The coach stayed with tasks, facts and options throughout; nothing asked about who the client is, what "
        "they value or how they are" + (f" (e.g. {moment[1]})." if moment else "."),
        name,
    )


@register("coachlens.marker.5_2.v1", needs=("acts", "position"))
def detect_stays_with_goal(view: SessionView) -> MarkerFinding:
    """5.2: mid- and late-session references back to what the client wanted from the session."""
    name = "coachlens.marker.5_2.v1"
    hits = [h.sentence for h in view.find(GOAL_REFERENCE, after=0.25)]
    if hits:
        first = hits[0]
        status: MarkerStatus = "demonstrated" if len(hits) >= 2 or first.position < 0.8 else "partial"
        return finding(
            "5.2",
            status,
            0.8 if status == "demonstrated" else 0.55,
            [sentence_evidence(view, s) for s in hits],
            f"{when(view, first.turn).capitalize()} the coach linked the work back to the client's aim: "
            f"{quoted(first.text)}" + ("." if status == "demonstrated" else ", but only at the very end."),
            name,
        )
    return finding(
        "5.2",
        "missed",
        0.6,
        [anchor_evidence(view, 0.5)],
        "After the opening the coach never connected the conversation back to what the client wanted from it.",
        name,
    )


@register("coachlens.marker.5_3.v1", needs=("acts",))
def detect_client_chooses(view: SessionView) -> MarkerFinding:
    """5.3: the client is invited to choose the direction, focus or process."""
    name = "coachlens.marker.5_3.v1"
    choices = [
        s
        for s in view.sentences
        if (CLIENT_CHOICE.search(s.text) or CHOICE_ACTS & s.acts) and not s.is_advice
    ]
    directs = [h.sentence for h in view.find(COACH_DIRECTS)]
    if len(choices) >= 2 and len(directs) < len(choices):
        first = choices[0]
        return finding(
            "5.3",
            "demonstrated",
            0.7 + min(0.2, 0.04 * len(choices)),
            [sentence_evidence(view, s) for s in choices],
            f"The coach handed choices to the client {len(choices)} times, e.g. {when(view, first.turn)}: "
            f"{quoted(first.text)}.",
            name,
        )
    if choices:
        first = choices[0]
        note = f"; elsewhere the coach set the direction ({quoted(directs[0].text, 70)})." if directs else "."
        return finding(
            "5.3",
            "partial",
            0.55,
            [sentence_evidence(view, first), *(sentence_evidence(view, d) for d in directs)],
            f"{when(view, first.turn).capitalize()} the coach offered a choice ({quoted(first.text, 80)}){note}",
            name,
        )
    evidence = [sentence_evidence(view, d) for d in directs] or [anchor_evidence(view, 0.02)]
    return finding(
        "5.3",
        "missed",
        0.65,
        evidence,
        "The coach never asked the client where to go next or how to use the time"
        + (f"; they decided it themselves, e.g. {quoted(directs[0].text, 80)}." if directs else "."),
        name,
    )


@register("coachlens.marker.5_4.v1", needs=("acts", "client_words"))
def detect_curiosity(view: SessionView) -> MarkerFinding:
    """5.4: curious questions about the client that follow the client's own thread."""
    name = "coachlens.marker.5_4.v1"
    about = client_questions(view)
    threaded = [s for s in about if follows_thread(view, s)]
    questions = sum(1 for s in view.sentences if s.is_question and not s.is_small_talk) or 1
    share = len(about) / questions
    if len(about) >= 5 and share >= 0.25:
        shown = (threaded + [s for s in about if s not in threaded])[:3]
        first = shown[0]
        return finding(
            "5.4",
            "demonstrated",
            0.6 + min(0.3, share / 2),
            [sentence_evidence(view, s) for s in shown],
            f"{len(about)} of {questions} questions sought to know the client better ({len(threaded)} following their "
            f"last words), e.g. {when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if about:
        first = (threaded or about)[0]
        return finding(
            "5.4",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in (threaded or about)],
            f"Only {len(about)} of {questions} questions were about the client as a person, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}; most gathered facts about the situation.",
            name,
        )
    first_q = next((s for s in view.sentences if s.is_question), None)
    evidence = (
        [sentence_evidence(view, first_q)] if first_q else [turn_evidence(view, view.coach_turns[0].index)]
    )
    return finding(
        "5.4",
        "missed",
        0.6,
        evidence,
        "None of the coach's questions sought to know the client better; they gathered facts about the situation.",
        name,
    )


@register("coachlens.marker.5_5.v1", needs=("timestamps",))
def detect_silence(view: SessionView) -> MarkerFinding:
    """5.5: the coach lets silence happen (needs turn timings)."""
    name = "coachlens.marker.5_5.v1"
    if not view.timed:
        return finding(
            "5.5",
            "not_assessable",
            0.9,
            [],
            "Silence cannot be judged from an untimed transcript; upload the VTT or the recording to include it.",
            name,
        )
    found = pauses(view.session)
    chances = exchanges(view.session)
    estimated = not view.has_end_times
    # Silence the coach held: after a coach question before the client answered, or before the coach
    # spoke after the client finished.
    held = [g for g in found if view.is_client(g.after) or view.is_coach(g.after)]
    long_ones = [g for g in held if g.seconds >= 5]
    basis = " (turn ends estimated from start times)" if estimated else ""
    if len(held) >= 3 or (len(held) >= 2 and long_ones):
        gap = max(held, key=lambda g: g.seconds)
        return finding(
            "5.5",
            "demonstrated",
            0.7 if estimated else 0.85,
            [_gap_evidence(view, g) for g in sorted(held, key=lambda g: -g.seconds)],
            f"The coach let {len(held)} silences of 3 s or more happen{basis}; the longest, {gap.seconds:.0f} s, "
            f"{_gap_words(view, gap)}.",
            name,
        )
    if held:
        gap = held[0]
        return finding(
            "5.5",
            "partial",
            0.55,
            [_gap_evidence(view, g) for g in held],
            f"Only {len(held)} pause(s) of 3 s or more in {chances} hand-overs{basis}, e.g. {gap.seconds:.0f} s "
            f"{when(view, gap.after)}; most of the time the next line came straight away.",
            name,
        )
    quick = _quick_replies(view)
    if estimated:
        return finding(
            "5.5",
            "not_assessable",
            0.6,
            [],
            "The transcript has start times but no end times, and no pause is long enough to show through that; "
            "upload the VTT or the recording to judge silence.",
            name,
        )
    return finding(
        "5.5",
        "missed",
        0.6,
        quick,
        f"In {chances} timed hand-overs there was no silence of 3 s or more: the coach filled every pause"
        + (
            f", e.g. answering within a second with {quoted(quick[0].quote, 60)} {when(view, quick[0].turn)}."
            if quick
            else "."
        ),
        name,
    )


def _gap_words(view: SessionView, gap: Gap) -> str:
    """Where a silence sat, in words: after the coach's question, or before the coach's next line."""
    quote = quoted(_gap_evidence(view, gap).quote, 60)
    if view.is_coach(gap.before):
        return f"followed {quote} {when(view, gap.before)}"
    return f"came after the client finished, before the coach said {quote} {when(view, gap.after)}"


def _gap_evidence(view: SessionView, gap: Gap) -> Evidence:
    """The coach's side of a silence: the line before it when the coach asked, else the line after."""
    if view.is_coach(gap.before):
        spans = view.sentences_in(gap.before)
        if spans:
            return sentence_evidence(view, spans[-1])
    return turn_evidence(view, gap.after, sentences=1)


def _quick_replies(view: SessionView) -> list[Evidence]:
    """Coach lines that came within a second of the client's fullest turns: where a pause could have been."""
    quick: list[tuple[int, Evidence]] = []
    for before, after in zip(view.turns, view.turns[1:], strict=False):
        if before.role != "client" or after.role != "coach" or before.end_s is None or after.start_s is None:
            continue
        said = [s for s in view.sentences_in(after.index) if len(s.text.split()) >= 3]
        if after.start_s - before.end_s < 1.0 and said:
            quick.append((len(before.text), sentence_evidence(view, said[0])))
    return [e for _, e in sorted(quick, key=lambda pair: -pair[0])]
