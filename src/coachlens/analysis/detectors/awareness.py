"""Competency 7 (Evokes Awareness): markers 7.1-7.8.

7.1-7.5 judge the content of the coach's questions and observations; 7.6-7.8 judge their form
(one open question at a time, plain and brief language, the client doing most of the talking) from
counts over the whole session.
"""

from __future__ import annotations

import statistics

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.evidence import (
    anchor_evidence,
    finding,
    quoted,
    reply_to_richest,
    sentence_evidence,
    span_evidence,
    turn_evidence,
    when,
)
from coachlens.analysis.detectors.questions import client_questions
from coachlens.analysis.detectors.text import rx, word_count
from coachlens.analysis.detectors.trust import DISMISS, INVITATION
from coachlens.analysis.registry import register
from coachlens.models import Evidence, MarkerFinding, MarkerStatus

WIDEN_SELF = rx(
    r"\b(?:what does (?:this|that|it) (?:say|tell you|show you) about (?:you|yourself|who you are)|"
    r"who (?:are you becoming|do you want to be|would you be|were you when)|what (?:part|side) of you|"
    r"what strengths? (?:do you|are you|have you|did you)|what would (?:the|a) (?:braver|wiser|future|older|"
    r"younger|confident|kinder) (?:you|version)|how else could you see yourself|what do you know about yourself|"
    r"what kind of (?:leader|manager|person|parent|partner) (?:do you want|are you|would you)|"
    r"(?:if|when) you (?:saw|see) yourself (?:as|differently)|what would you say to (?:a friend|someone|a colleague)|"
    r"how would (?:a friend|someone who|your best friend|people who know you) (?:describe|see) you|"
    r"what does (?:that|this|the) \w+ ask of you|you'?d give (?:a|them|her|him)|"
    r"what (?:are you|is it you'?re) afraid of being)\b"
    r"|\b(?:who would you be (?:in|if|when)|how true is that of|tell(?:s)? you about yourself|what wo"
    r"uld they say about you|which part of you|what are you discovering about yourself|who are you be"
    r"coming)\b"
)
WIDEN_SITUATION = rx(
    r"\b(?:how (?:might|would|could|do you think) (?:he|she|they|your \w+) (?:see|view|experience|describe|feel)|"
    r"what do you think it'?s like for|what (?:is|was|would) it (?:be )?like for (?:him|her|them|\w+) when|"
    r"if you were (?:in )?(?:her|his|their|\w+'s) (?:shoes|position)|what (?:else|more) (?:could|might) (?:it|this|"
    r"that) (?:mean|be)|what are you (?:assuming|missing|not seeing|overlooking)|what might you be (?:missing|assuming)|"
    r"(?:a|one|five|ten) years? from now|looking back (?:on|at) (?:this|it)|another way (?:of|to) (?:look|see)|"
    r"what would happen if|what if (?:you|it|this|they)|what would \w+ say (?:about|if)|what'?s possible|"
    r"what (?:does|would|could) (?:this|that) make possible|from (?:her|his|their) (?:side|perspective|point of view)|"
    r"what else could|how else (?:could|might) you (?:look|see)|if you imagine|imagine (?:you'?ve|that|it'?s))\b"
    r"|\b(?:if you imagine (?:the|it|this|that) from|from (?:your|his|her|their) \w+'?s? (?:chair|sea"
    r"t|point of view|perspective|shoes)|what are you assuming|(?:were|was) a kind of|what (?:weather"
    r"|colour|color|animal|image|metaphor) would|looking back from|how might this (?:\w+ )?look|what "
    r"else could (?:\w+ ){0,4}mean|making possible|nobody (?:\w+ ){0,4}is talking about)\b"
)
TOWARD_OUTCOME = rx(
    r"\b(?:what would (?:need to|have to) (?:change|happen|be different)|what (?:haven'?t you|have you not) "
    r"(?:yet )?(?:tried|considered)|what are you (?:now )?willing to|what would it take|what could you do "
    r"differently|what would (?:move|get|take|bring) you (?:closer|toward|forward|there)|"
    r"what would \w+ing (?:it|that|this)? ?look like|how (?:might|could|would) you (?:approach|handle|get|do|make)|"
    r"what options do you (?:see|have)|what would help you|what(?:'s| is) (?:one|the first|a) (?:small )?(?:thing|step) "
    r"(?:that )?(?:would|could|you)|what would you do (?:if|differently)|what do you want to do (?:about|with)|"
    r"what would be different|what would (?:that|it) (?:look|sound) like|what would you like to do|"
    r"what would a (?:good|better|great|realistic) \w+ look like)\b"
    r"|\b(?:what would you need to (?:think|do|feel|believe|stop|start) (?:\w+ )?differently|what wou"
    r"ld have to change|would you need to let go of|what are you now willing|what haven'?t you tried "
    r"yet)\b"
)
TENTATIVE = rx(
    r"\b(?:I(?:'m)? (?:notic|wonder|sens)\w*|I have a (?:hunch|sense|thought)|my (?:sense|hunch|guess|observation)|"
    r"I could be wrong|I might be (?:completely |totally |quite )?wrong|I'?m struck by|can I (?:share|offer) "
    r"(?:something|an observation|a thought|what)|what I'?m hearing is|it occurs to me|I'?m curious whether)\b"
)
OPINION_ACTS = frozenset({"advice", "information", "self_disclosure"})
CONFUSION = rx(
    r"\b(?:what do you mean\?|sorry,? (?:what|I don'?t follow)|I'?m not sure what you'?re asking|"
    r"can you (?:repeat|say) that again|I don'?t (?:understand|follow) (?:the|your) question)"
)


def _question_findings(
    view: SessionView, marker_id: str, name: str, hits: list[CoachSentence], *, what: str, missing: str
) -> MarkerFinding:
    if len(hits) >= 2:
        first = hits[0]
        return finding(
            marker_id,
            "demonstrated",
            0.65 + min(0.25, 0.05 * len(hits)),
            [sentence_evidence(view, s) for s in hits],
            f"{len(hits)} questions {what}, e.g. {when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if hits:
        only = hits[0]
        return finding(
            marker_id,
            "partial",
            0.5,
            [sentence_evidence(view, only)],
            f"One question {what} {when(view, only.turn)} ({quoted(only.text)}); one is a start, not a pattern.",
            name,
        )
    moment = reply_to_richest(view, after=0.15)
    if moment is None:
        return finding(marker_id, "missed", 0.6, [anchor_evidence(view, 0.5)], missing, name)
    evidence, phrase = moment
    return finding(
        marker_id, "missed", 0.6, [evidence], f"{missing.rstrip('.')}; for example, {phrase}.", name
    )


def _with_exemplars(
    view: SessionView, marker_id: str, hits: list[CoachSentence], after: float = 0.0
) -> list[CoachSentence]:
    extra = [
        s
        for s, _ in view.exemplar_hits(marker_id, threshold=0.68, margin=0.08, after=after)
        if s.is_question and s not in hits
    ]
    return sorted(hits + extra, key=lambda s: s.index)


@register("coachlens.marker.7_1.v1", needs=("acts",))
def detect_asks_about_client(view: SessionView) -> MarkerFinding:
    """7.1: questions about the client's own thinking, feeling, values and wants."""
    name = "coachlens.marker.7_1.v1"
    about = [s for s in client_questions(view)]
    questions = sum(1 for s in view.sentences if s.is_question) or 1
    share = len(about) / questions
    if len(about) >= 4 and share >= 0.3:
        first = about[0]
        return finding(
            "7.1",
            "demonstrated",
            0.6 + min(0.3, share / 2),
            [sentence_evidence(view, s) for s in about],
            f"{len(about)} of {questions} questions asked about the client's own thinking, feeling or wants, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    if about:
        first = about[0]
        return finding(
            "7.1",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in about],
            f"Only {len(about)} of {questions} questions were about the client rather than the situation, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    first_q = next((s for s in view.sentences if s.is_question), None)
    evidence = (
        [sentence_evidence(view, first_q)] if first_q else [turn_evidence(view, view.coach_turns[0].index)]
    )
    return finding(
        "7.1",
        "missed",
        0.65,
        evidence,
        "Every question was about events, facts or other people, none about the client.",
        name,
    )


@register("coachlens.marker.7_2.v1", needs=("acts", "exemplars"))
def detect_widens_self_view(view: SessionView) -> MarkerFinding:
    """7.2: questions that open a new view of who the client is."""
    hits = _with_exemplars(
        view, "7.2", [h.sentence for h in view.find(WIDEN_SELF) if not h.sentence.is_leading]
    )
    return _question_findings(
        view,
        "7.2",
        "coachlens.marker.7_2.v1",
        hits,
        what="invited the client to see themself differently",
        missing="No question invited the client to look at who they are (strengths, patterns, who they are becoming).",
    )


@register("coachlens.marker.7_3.v1", needs=("acts", "exemplars"))
def detect_widens_situation_view(view: SessionView) -> MarkerFinding:
    """7.3: questions that widen the client's view of the situation."""
    hits = _with_exemplars(
        view, "7.3", [h.sentence for h in view.find(WIDEN_SITUATION) if not h.sentence.is_leading]
    )
    return _question_findings(
        view,
        "7.3",
        "coachlens.marker.7_3.v1",
        hits,
        what="widened the client's view of the situation",
        missing="No question offered the client another angle on the situation (another person's view, another time frame, an assumption).",
    )


@register("coachlens.marker.7_4.v1", needs=("acts", "position", "exemplars"))
def detect_moves_toward_outcome(view: SessionView) -> MarkerFinding:
    """7.4: questions that move the client's thinking toward what they want."""
    hits = [
        h.sentence
        for h in view.find(TOWARD_OUTCOME, after=0.2)
        if h.sentence.is_question and not h.sentence.is_leading
    ]
    hits = _with_exemplars(view, "7.4", hits, after=0.2)
    return _question_findings(
        view,
        "7.4",
        "coachlens.marker.7_4.v1",
        hits,
        what="moved the client's thinking toward what they want",
        missing="No question invited the client to find a new way of thinking or acting toward their outcome; ideas came from the coach.",
    )


@register("coachlens.marker.7_5.v1", needs=("acts",))
def detect_shares_lightly(view: SessionView) -> MarkerFinding:
    """7.5: an observation or intuition held lightly and offered for the client to explore."""
    name = "coachlens.marker.7_5.v1"
    tentative = [s for s in view.sentences if TENTATIVE.search(s.text) or "observation" in s.acts]
    invited = [
        s
        for s in tentative
        if any(
            (q.is_question or INVITATION.search(q.text)) and q.start >= s.start
            for q in view.sentences_in(s.turn)
        )
    ]
    held_on = [s for s in invited if _argued_after(view, s.turn)]
    opinions = sorted(
        (s for s in view.sentences if (OPINION_ACTS & s.acts or s.is_advice) and word_count(s.text) >= 4),
        key=lambda s: (s.is_question, s.index),
    )
    if invited and len(held_on) < len(invited):
        first = next(s for s in invited if s not in held_on)
        # The whole offer as the client heard it: the observation, its hedge and the invitation.
        offers = sorted((_offer_span(view, s.turn) for s in invited), key=lambda e: -len(e.quote))
        return finding(
            "7.5",
            "demonstrated",
            0.75,
            offers,
            f"{when(view, offers[0].turn).capitalize()} the coach offered an observation tentatively and invited the "
            f"client to explore it: {quoted(offers[0].quote, 200)}.",
            name,
        )
    if tentative:
        first = tentative[0]
        why = (
            "then argued for it when the client answered"
            if held_on
            else "without inviting the client's view of it"
        )
        return finding(
            "7.5",
            "partial",
            0.55,
            [sentence_evidence(view, s) for s in tentative],
            f"{when(view, first.turn).capitalize()} the coach shared an observation ({quoted(first.text, 90)}) {why}.",
            name,
        )
    if len(opinions) >= 3:
        first = opinions[0]
        return finding(
            "7.5",
            "missed",
            0.7,
            [sentence_evidence(view, s) for s in opinions],
            f"The coach shared views {len(opinions)} times as statements to accept, not offers to explore, e.g. "
            f"{when(view, first.turn)}: {quoted(first.text)}.",
            name,
        )
    return finding(
        "7.5",
        "missed",
        0.45,
        [anchor_evidence(view, 0.5)],
        "The coach never offered an observation or intuition of their own for the client to explore.",
        name,
    )


def _offer_span(view: SessionView, turn_index: int) -> Evidence:
    sentences = view.sentences_in(turn_index)
    last_question = max((s for s in sentences if s.is_question), key=lambda s: s.start, default=sentences[-1])
    return span_evidence(view, turn_index, sentences[0].start, last_question.end)


def _argued_after(view: SessionView, turn_index: int) -> bool:
    reply = view.next_client(turn_index)
    if reply is None:
        return False
    for turn in view.turns[reply.index + 1 : reply.index + 2]:
        if turn.role == "coach":
            return any(DISMISS.search(s.text) for s in view.sentences_in(turn.index)[:3])
    return False


# "What would it sound like, and when would you have it, and what if they say no?" is three questions.
_JOINED_QUESTION = rx(
    r",\s*(?:and|or|but)\s+(?:what|who|when|where|why|how|would|will|do|does|did|is|are|can|could|should|"
    r"have|has)\b"
)


_QUESTION_START = rx(
    r"^\W*(?:(?:and|so|but|or|okay|right|well)\W+)*(?:what|who|whom|whose|when|where|why|how|which|do|does|did|is|are|"
    r"was|were|have|has|had|can|could|will|would|should|shall|may|might|must|don'?t|isn'?t|aren'?t|wouldn'?t|"
    r"couldn'?t|won'?t|tell me|say more)\b"
)


def _asks(view: SessionView, sentence: CoachSentence) -> bool:
    """A sentence that asks the client something: a question mark, or a question's opening words.
    "I'm wondering whether ..." offers a thought; it does not stack on the question after it."""
    if sentence.text.rstrip().endswith("?"):
        return True
    # Without punctuation (raw captions) fall back to the wording; with it, a statement that starts
    # with "And what you've described ..." is not a question.
    punctuated = view.memo("question_marks", lambda: any("?" in s.text for s in view.sentences))
    return not punctuated and bool(_QUESTION_START.search(sentence.text))


def question_count(text: str) -> int:
    """How many questions one question sentence asks (clauses joined by ', and what ...')."""
    return 1 + len(_JOINED_QUESTION.findall(text))


def question_turn_profile(view: SessionView) -> dict[str, list[int]]:
    """Coach turns grouped by question shape: stacked, single open, single closed, leading, why."""
    return view.memo("question_turn_profile", lambda: _profile(view))


def _profile(view: SessionView) -> dict[str, list[int]]:
    profile: dict[str, list[int]] = {
        "question_turns": [],
        "stacked": [],
        "single_open": [],
        "leading": [],
        "why": [],
        "closed": [],
    }
    for turn in view.coach_turns:
        questions = [q for q in view.questions_in(turn.index) if word_count(q.text) >= 2 and _asks(view, q)]
        if not questions:
            continue
        profile["question_turns"].append(turn.index)
        asked = sum(question_count(q.text) for q in questions if "permission" not in q.acts)
        if asked >= 2:
            profile["stacked"].append(turn.index)
        elif questions[0].is_open_question and not questions[0].is_leading and not questions[0].is_why:
            profile["single_open"].append(turn.index)
        if any(q.is_leading for q in questions):
            profile["leading"].append(turn.index)
        if any(q.is_why for q in questions):
            profile["why"].append(turn.index)
        if all("question.closed" in q.acts for q in questions):
            profile["closed"].append(turn.index)
    return profile


@register("coachlens.marker.7_6.v1", needs=("acts",))
def detect_one_open_question(view: SessionView) -> MarkerFinding:
    """7.6: clear, mostly open questions, one at a time."""
    name = "coachlens.marker.7_6.v1"
    profile = question_turn_profile(view)
    total = len(profile["question_turns"])
    if total == 0:
        return finding(
            "7.6",
            "missed",
            0.7,
            [anchor_evidence(view, 0.1)],
            "The coach asked no questions in the whole session.",
            name,
        )
    questions = [s for s in view.sentences if s.is_question and not s.is_small_talk]
    open_share = sum(1 for s in questions if s.is_open_question) / max(1, len(questions))
    stacked_rate = len(profile["stacked"]) / total
    leading_rate = len(profile["leading"]) / total
    parts = [
        f"{len(profile['single_open'])} of {total} question turns carried one open question",
        f"{open_share:.0%} of all questions were open",
    ]
    if profile["stacked"]:
        parts.append(f"{len(profile['stacked'])} turns stacked two or more")
    if profile["leading"]:
        parts.append(f"{len(profile['leading'])} led the client")
    if profile["why"]:
        parts.append(f"{len(profile['why'])} asked 'why'")
    summary = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    # The worst turns first: the biggest stacks, then leading, then 'why' and closed ones.
    stacked = sorted(
        profile["stacked"], key=lambda i: -sum(question_count(q.text) for q in view.questions_in(i))
    )
    worst = list(dict.fromkeys(stacked + profile["leading"] + profile["why"] + profile["closed"]))
    worst = [i for i in worst if view.position(i) >= 0.04] or worst
    worst_evidence = [_question_span(view, i) for i in worst[:3]]
    if open_share >= 0.6 and stacked_rate <= 0.15 and leading_rate <= 0.1:
        good = [
            sentence_evidence(view, view.questions_in(i)[0])
            for i in profile["single_open"]
            if view.position(i) >= 0.04
        ]
        return finding("7.6", "demonstrated", 0.8, good[:2] + worst_evidence[:1], summary + ".", name)
    status: MarkerStatus = (
        "missed" if open_share < 0.4 or stacked_rate > 0.3 or leading_rate > 0.25 else "partial"
    )
    example = worst[0] if worst else profile["question_turns"][0]
    return finding(
        "7.6",
        status,
        0.75,
        worst_evidence or [_question_span(view, example)],
        f"{summary}; e.g. {when(view, example)}: {quoted(_question_span(view, example).quote, 140)}.",
        name,
    )


def _question_span(view: SessionView, turn_index: int) -> Evidence:
    """From the first to the last question of a turn: the stack as the client heard it."""
    questions = view.questions_in(turn_index)
    if not questions:
        return turn_evidence(view, turn_index)
    return span_evidence(view, turn_index, questions[0].start, questions[-1].end)


@register("coachlens.marker.7_7.v1", needs=("acts",))
def detect_concise_language(view: SessionView) -> MarkerFinding:
    """7.7: clear, concise coach language (short turns, no long set-ups, no confusion)."""
    name = "coachlens.marker.7_7.v1"
    lengths = {t.index: word_count(t.text) for t in view.coach_turns}
    median = statistics.median(lengths.values())
    long_turns = [i for i, n in lengths.items() if n > 80]
    long_share = len(long_turns) / len(lengths)
    confused = [t for t in view.client_turns if CONFUSION.search(t.text)]
    longest = max(lengths, key=lambda i: lengths[i])
    stats = f"median coach turn {median:.0f} words, {len(long_turns)} of {len(lengths)} turns over 80 words"
    if median <= 25 and long_share <= 0.1 and not confused:
        # A typical clear question: a single open question of ordinary length.
        typical = [
            s
            for s in view.sentences
            if s.is_open_question
            and 6 <= word_count(s.text) <= 14
            and not (s.is_small_talk or s.is_why or s.is_leading)
        ]
        example = typical[len(typical) // 2] if typical else None
        evidence = [sentence_evidence(view, example)] if example else []
        shown = f", e.g. {when(view, example.turn)}: {quoted(example.text, 90)}" if example else ""
        return finding(
            "7.7",
            "demonstrated",
            0.75,
            evidence,
            f"The coach's language was brief and plain ({stats}){shown}.",
            name,
        )
    status: MarkerStatus = "missed" if median > 45 or long_share > 0.3 else "partial"
    extra = (
        f"; the client had to ask what the coach meant {when(view, confused[0].index)}" if confused else ""
    )
    return finding(
        "7.7",
        status,
        0.7,
        [
            turn_evidence(view, longest, sentences=2),
            *(turn_evidence(view, t.index, sentences=1) for t in confused),
        ],
        f"The coach's turns ran long ({stats}); the longest, {lengths[longest]} words {when(view, longest)}, began "
        f"{quoted(view.turn(longest).text, 80)}{extra}.",
        name,
    )


@register("coachlens.marker.7_8.v1", needs=("acts", "metrics"))
def detect_client_talks_most(view: SessionView) -> MarkerFinding:
    """7.8: the client does most of the talking."""
    name = "coachlens.marker.7_8.v1"
    coach_words = sum(word_count(t.text) for t in view.coach_turns)
    client_words = sum(word_count(t.text) for t in view.client_turns)
    share = coach_words / max(1, coach_words + client_words)
    longest_coach = max(view.coach_turns, key=lambda t: word_count(t.text))
    pct = f"{share:.0%}"
    if share <= 0.35:
        longest_client = max(view.client_turns, key=lambda t: word_count(t.text), default=None)
        evidence = [turn_evidence(view, longest_client.index, sentences=1)] if longest_client else []
        return finding(
            "7.8",
            "demonstrated",
            0.9 if share <= 0.3 else 0.7,
            evidence,
            f"The coach spoke {pct} of the words; the client did most of the talking.",
            name,
        )
    status: MarkerStatus = "partial" if share <= 0.5 else "missed"
    return finding(
        "7.8",
        status,
        0.85,
        [turn_evidence(view, longest_coach.index, sentences=2)],
        f"The coach spoke {pct} of the words; the longest coach turn ({word_count(longest_coach.text)} words "
        f"{when(view, longest_coach.index)}) began {quoted(longest_coach.text, 80)}.",
        name,
    )
