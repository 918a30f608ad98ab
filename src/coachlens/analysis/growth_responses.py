"""Growth areas in how the coach responds and shares the floor: telling, feelings passed over,
talking too much, cutting in, and grading the client's answers.

Separate from the question habits because these are read from what the coach says back and how much
room they leave (acts, feelings, word share, timing), not from the shape of a single question.
"""

from __future__ import annotations

import re
from typing import Any

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.emotion import find_feelings
from coachlens.analysis.detectors.evidence import quoted, sentence_evidence, span_evidence, times, when
from coachlens.analysis.detectors.text import word_count
from coachlens.analysis.detectors.timing import interruptions
from coachlens.analysis.detectors.trust import GOOD_EVALUATION, PLATITUDE, first_substantive, responses_to
from coachlens.analysis.growth_candidate import Candidate, after_greeting, at_moment, feedback_item
from coachlens.analysis.metrics import effective_acts
from coachlens.analysis.rewrites import ADJECTIVE_NOUNS, NOT_ADVICE, advice_to_question

# Advice is shared with attachment: the marker whose development tip (offer it as one possibility,
# invite a response, let it go) is the practice step a mentor gives a coach who tells.
ADVICE_MARKER = "7.5"
_WONDER = re.compile(r"^\W*I (?:wonder|was wondering) (?:if|whether)\b", re.IGNORECASE)
# A coach turn this long is a speech worth shortening; below it, a high talk share comes from
# short client answers rather than from the coach holding forth.
_LONG_TURN_WORDS = 40
# Reassurance that answers a feeling for the client ("Don't worry", "You'll be brilliant", "You won't get
# flustered"): the trust detectors' platitudes, plus telling the client not to be hard on themself.
REASSURANCE = re.compile(
    rf"{PLATITUDE.pattern}|\bdon'?t (?:be (?:too |so )?hard on yourself|say that)\b", PLATITUDE.flags
)
# The coach's own experience: "I remember my first ...", "When I used to present", "I still get it".
_OWN_STORY = re.compile(
    r"\b(?:I remember (?:my|when)|when I (?:was|used to|started)|I used to|in my (?:experience|day|first)|"
    r"I still (?:get|feel|do)|(?:that'?s )?what I always (?:say|do)|I always (?:say|tell|used)|my first \w+)\b",
    re.IGNORECASE,
)
# Grading is said of what the client just offered ("That's a good list."), not of anything that is
# good ("Coaching is good at helping people move forward").
_ABOUT_ANSWER = re.compile(
    r"^\W*(?:(?:oh|well|okay|ok|right|yes|yeah)\W+)*(?:that|this|it|those|these)\b", re.I
)
_THIRD_PERSON_FEELING = re.compile(
    r"^\W*(?:(?:and|but|so)\W+)?(?:he|she|they|(?-i:[A-Z][a-z]+))(?:'s| is| was| are| were| looks| looked| seems| "
    r"seemed| feels| felt| gets| got| sounds| sounded| has been| had been)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|myself|we|us|our)\b", re.IGNORECASE)
EXPLICIT_ADVICE = re.compile(
    r"\byou (?:should|need to|have to|must|'ve got to|ought to)\b|\bI'?d\b", re.IGNORECASE
)


def telling(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Advice and information instead of the client's own ideas, with the clearest example rewritten."""
    acts = effective_acts(view)
    advice = after_greeting(
        [
            s
            for s in view.sentences
            if {"advice", "information"} & acts[s.index]
            and word_count(s.text) >= 4
            and not NOT_ADVICE.match(s.text)
            and not REASSURANCE.search(s.text)
            # The coach's own stories have their own growth area (`own_stories`).
            and not _OWN_STORY.search(s.text)
        ]
    )
    share = float(metrics.get("telling_share", 0.0))
    # Leading questions have their own growth area.
    advising = [s for s in advice if "advice" in acts[s.index] and not s.is_leading]
    if not advice:
        return None
    # A habit (telling in a good share of the turns, or advice again and again) weighs most; a
    # single explicit "You should..." is still worth raising as a moment, with less weight.
    if share < 0.12 and len(advising) < 6:
        return _telling_moment(view, advising)
    # The clearest example: explicit advice ("You should ...") that rewrites well, then any that rewrites.
    with_rewrite = [(s, advice_to_question(s.text)) for s in advice if "advice" in acts[s.index]]
    explicit = [(s, r) for s, r in with_rewrite if r and EXPLICIT_ADVICE.search(s.text)]
    fallback = (advising or advice)[0]
    sentence, rewrite = next(iter(explicit), next(((s, r) for s, r in with_rewrite if r), (fallback, None)))
    count = round(share * len(view.coach_turns))
    ask = (
        f" Ask for the client's ideas first: {quoted(rewrite)}; offer yours afterwards, with permission, if it is still needed."
        if rewrite
        else " Ask for the client's ideas first; offer yours afterwards, with permission, if it is still needed."
    )
    detail = (
        f"{count} of your {len(view.coach_turns)} turns gave advice or information, e.g. {when(view, sentence.turn)}: "
        f"{quoted(sentence.text)}.{_disguised(view, advising, sentence)}{ask}"
    )
    weight = 0.4 + 3 * share
    return Candidate(
        "telling",
        weight,
        feedback_item(
            "Advice instead of the client's own ideas",
            detail,
            sentence_evidence(view, sentence),
            ADVICE_MARKER,
        ),
    )


def _disguised(view: SessionView, advising: list[CoachSentence], shown: CoachSentence) -> str:
    """A note when most of the advice came as questions or wonderings, which coaches often do not
    hear as advice ("What if you just ...?", "I wonder if you should ...")."""
    soft = [s for s in advising if s.is_question or _WONDER.match(s.text)]
    if len(soft) < 2 or len(soft) * 2 < len(advising):
        return ""
    other = next((s for s in soft if s.turn != shown.turn), None)
    example = f", e.g. {when(view, other.turn)} {quoted(other.text)}" if other is not None else ""
    return f" Most of it came as a question or a wondering{example}: it is still your idea ahead of theirs."


def _telling_moment(view: SessionView, advising: list[CoachSentence]) -> Candidate | None:
    """Advice in an otherwise non-directive session: one explicit "You should ...", or suggestions
    offered again and again, often as questions ("Have you thought about ...?", "What if you just
    ...?"), rewritten from the clearest line."""
    if len(advising) >= 2:
        return _suggestions(view, advising)
    for sentence in advising:
        rewrite = advice_to_question(sentence.text)
        if rewrite and EXPLICIT_ADVICE.search(sentence.text):
            detail = (
                f"{when(view, sentence.turn)} you told the client what to do: {quoted(sentence.text)}. "
                f"Ask for their ideas first: {quoted(rewrite)}; offer yours afterwards, with permission, "
                "if it is still needed."
            )
            item = feedback_item(
                "Advice instead of the client's own ideas",
                detail[0].upper() + detail[1:],
                sentence_evidence(view, sentence),
                ADVICE_MARKER,
            )
            return Candidate("telling", 0.6, item)
    return None


def feelings_passed_over(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Difficult feelings the coach moved past, the weightiest first, and a question to stay with it.
    When most were answered with reassurance ("Don't worry", "You'll be brilliant"), that is the habit
    to name: it tells the client how to feel instead of receiving what they feel (4.3)."""
    moments = [
        r
        for r in responses_to(view, feelings_only=True, difficult_only=True)
        if not someone_elses_feeling(r.evidence.quote)
    ]
    responses = [r for r in moments if r.kind != "met"]
    # One feeling left aside is a judgement call; a habit is two or more, and more than a third of them.
    if len(responses) < 2 or len(responses) < len(moments) / 3:
        return None
    reassured = [r for r in responses if _reassurance(view, r.coach.index) is not None]
    rescuing = len(reassured) >= 2 and len(reassured) * 2 >= len(responses)
    pool = reassured if rescuing else responses
    worst = max(pool, key=lambda r: (len(find_feelings(r.client.text)), len(r.client.text)))
    reply = _reassurance(view, worst.coach.index) if rescuing else first_substantive(view, worst.coach)
    feeling = next((h.word for h in find_feelings(worst.evidence.quote) if h.word in ADJECTIVE_NOUNS), None)
    stay = (
        f"What's the {ADJECTIVE_NOUNS[feeling]} about for you?" if feeling else "What was that like for you?"
    )
    if rescuing:
        others = [
            (r, said) for r in reassured if r is not worst and (said := _reassurance(view, r.coach.index))
        ]
        also = (
            f", e.g. {when(view, others[0][0].coach.index)} {quoted(others[0][1].text, 70)}" if others else ""
        )
        reply_quote = quoted(reply.text, 80) if reply else "reassurance"
        detail = (
            f"{at_moment(view, worst.client.index)} the client said {quoted(worst.evidence.quote, 110)} and you "
            f"answered {reply_quote}. You reassured {times(len(reassured))} when the client voiced a difficult "
            f"feeling{also}. Reassurance tells the client how to feel and closes the feeling down "
            f"before they have explored it. Receive it first: {quoted(stay)}"
        )
        weight = 0.5 + 0.1 * min(len(reassured), 7)
        item = feedback_item("Reassuring instead of exploring feelings", detail, worst.evidence, "4.3")
        return Candidate("feelings", weight, item)
    answered = f" and the next line was {quoted(reply.text, 80)}" if reply else ""
    more = f" It happened {len(responses)} times." if len(responses) > 2 else ""
    detail = (
        f"{at_moment(view, worst.client.index)} the client said {quoted(worst.evidence.quote, 110)}{answered}.{more} "
        f"Stay with it first: {quoted(stay)}"
    )
    weight = 0.3 + 0.08 * min(len(responses), 8)
    return Candidate("feelings", weight, feedback_item("Feelings passed over", detail, worst.evidence, "6.3"))


def someone_elses_feeling(sentence: str) -> bool:
    """True when the feeling in the client's sentence belongs to a third party ("He looks exhausted most
    days."): the client's own feeling is the one to stay with, and asking "What's the exhaustion about
    for you?" would hand them someone else's."""
    return _THIRD_PERSON_FEELING.match(sentence) is not None and _FIRST_PERSON.search(sentence) is None


def _reassurance(view: SessionView, turn: int) -> CoachSentence | None:
    return next((s for s in view.sentences_in(turn) if REASSURANCE.search(s.text)), None)


def own_stories(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """The coach talking about themself ("I remember my first board meeting ...") in two or more turns:
    however kindly meant, it moves the attention from the client to the coach (4.2)."""
    stories = after_greeting(
        [
            s
            for s in view.sentences
            if not s.is_question and ("self_disclosure" in s.acts or _OWN_STORY.search(s.text))
        ]
    )
    turns = sorted({s.turn for s in stories})
    if len(turns) < 2:
        return None
    # The story told in answer to a feeling shows the cost best: the client's moment became the coach's.
    after_feeling = [s for s in stories if _follows_feeling(view, s.turn)]
    sentence = (after_feeling or stories)[0]
    other = next((s for s in stories if s.turn != sentence.turn), None)
    also = f" and {when(view, other.turn)} {quoted(other.text, 80)}" if other is not None else ""
    where = ", ".join(str(t) for t in turns)
    detail = (
        f"{at_moment(view, sentence.turn)} you told your own story ({quoted(sentence.text, 110)}){also}; "
        f"you talked about yourself in turns {where}. However kindly meant, it moves the attention from the "
        "client to you. Keep it on them: \u201cWhat was that like for you?\u201d"
    )
    item = feedback_item("Talking about yourself", detail, sentence_evidence(view, sentence), "4.2")
    return Candidate("self", 0.4 + 0.12 * min(len(turns), 5), item)


def _follows_feeling(view: SessionView, turn: int) -> bool:
    before = view.turn(turn - 1) if turn > 0 else None
    return before is not None and view.is_client(before.index) and bool(find_feelings(before.text))


def _answers_client_question(view: SessionView, turn_index: int) -> bool:
    previous = view.turns[turn_index - 1] if turn_index > 0 else None
    return previous is not None and previous.role == "client" and previous.text.rstrip().endswith("?")


def talking_too_much(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """The coach speaking more than 40% of the words, with the longest turn."""
    share = float(metrics.get("coach_talk_share", 0.0))
    if share <= 0.4:
        return None
    # A long answer to the client's own question ("Is this going to HR?") is the coach doing their
    # job; the turn to shorten is the longest one nobody asked for.
    unasked = [t for t in view.coach_turns if not _answers_client_question(view, t.index)]
    turn = max(unasked or view.coach_turns, key=lambda t: word_count(t.text))
    sentences = view.sentences_in(turn.index)
    evidence = span_evidence(view, turn.index, sentences[0].start, sentences[min(1, len(sentences) - 1)].end)
    longest = word_count(turn.text)
    if longest >= _LONG_TURN_WORDS:
        detail = (
            f"You spoke {share:.0%} of the words. {at_moment(view, turn.index)} one turn ran {longest} words "
            f"({quoted(evidence.quote, 100)}). Say it in one sentence, then hand back with a question."
        )
    else:
        # No speech of the coach's is long: the balance comes from short client answers, so the
        # remedy is room after each answer, not shorter turns.
        detail = (
            f"You spoke {share:.0%} of the words, though no turn of yours ran long (the longest, "
            f"{at_moment(view, turn.index).lower()}, was {longest} words: {quoted(evidence.quote, 100)}). "
            "The client's answers were short: after each one, wait a few seconds or ask "
            "\u201cWhat else?\u201d before moving on."
        )
    return Candidate(
        "talk",
        (0.3 + 2 * (share - 0.35)) * (1.0 if longest >= _LONG_TURN_WORDS else 0.6),
        feedback_item(
            "You did most of the talking" if share >= 0.5 else "You talked almost as much as the client",
            detail,
            evidence,
            "7.8",
        ),
    )


def cutting_in(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """The coach starting while the client was still speaking."""
    cut_ins = interruptions(view.session) if view.timed else []
    if not cut_ins:
        return None
    gap = cut_ins[0]
    client_text = view.turn(gap.before).text.rstrip()
    tail = client_text[-60:].split(" ", 1)[-1] if len(client_text) > 60 else client_text
    evidence = span_evidence(view, gap.before, len(client_text) - len(tail), len(client_text))
    echo = re.sub(r"[\s.…—–-]+$", "", tail).split(".")[-1].strip()
    hand_back = (
        f" If they trail off, hand their words back: \u201c{echo}…?\u201d"
        if echo and len(echo.split()) <= 8
        else ""
    )
    detail = (
        f"{at_moment(view, gap.after)} you came in while the client was still saying {quoted(evidence.quote, 80)}. "
        f"Let them finish.{hand_back}"
    )
    return Candidate(
        "interrupt", 0.3 + 0.25 * len(cut_ins), feedback_item("Cutting in", detail, evidence, "6.6")
    )


def grading_answers(view: SessionView, metrics: dict[str, Any]) -> Candidate | None:
    """Praise that grades the client's answers ("That's a good list.")."""
    graded = after_greeting(
        [
            s
            for s in view.sentences
            if GOOD_EVALUATION.search(s.text)
            and _ABOUT_ANSWER.match(s.text)
            and not s.is_question
            and not s.is_small_talk
        ]
    )
    if not graded:
        return None
    sentence = graded[0]
    count = f" ({len(graded)} times)" if len(graded) > 1 else ""
    detail = (
        f"{at_moment(view, sentence.turn)} {quoted(sentence.text)}{count} grades the client's answer. Name what they did "
        "and what it shows about them instead, or simply reflect it back."
    )
    return Candidate(
        "grading",
        0.2 + 0.05 * len(graded),
        feedback_item("Grading the client's answers", detail, sentence_evidence(view, sentence), "4.1"),
    )


def _suggestions(view: SessionView, advising: list[CoachSentence]) -> Candidate | None:
    """Two or more suggestions: a habit even when each is phrased as a question."""
    rewritten = [(s, r) for s in advising if (r := advice_to_question(s.text))]
    if not rewritten:
        return None
    sentence, rewrite = rewritten[0]
    other = next((s for s in advising if s.turn != sentence.turn), None)
    also = f" and {when(view, other.turn)} {quoted(other.text)}" if other is not None else ""
    as_questions = sum(1 for s in advising if s.is_question)
    dressed = (
        " Phrased as a question, a suggestion is still your idea ahead of theirs." if as_questions else ""
    )
    detail = (
        f"{len(advising)} suggestions of yours{', e.g.' if len(advising) > 2 else ':'} {when(view, sentence.turn)} {quoted(sentence.text)}{also}."
        f"{dressed} Ask for the client's ideas first: {quoted(rewrite)}; offer yours afterwards, with "
        "permission, if it is still needed."
    )
    item = feedback_item(
        "Advice instead of the client's own ideas",
        detail,
        sentence_evidence(view, sentence),
        ADVICE_MARKER,
    )
    return Candidate("telling", 0.45 + 0.08 * min(len(advising), 5), item)
