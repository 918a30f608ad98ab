"""What a coach question is about: the client's inner world, or facts and other people.

Shared by 5.4 (curiosity about the client), 7.1 (asks about the client) and the feedback. A question
is "about the client" when its subject is "you" and its verb reaches into thinking, feeling, wanting,
valuing or noticing; questions about what other people think or did, and fact-finding ("when",
"how many") are not.
"""

from __future__ import annotations

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.text import content_stems, rx

INNER = rx(
    r"\b(?:you|you'?re|your|yourself)\b[^?]{0,40}?\b(?:think|thinking|feel|feeling|felt|notice|noticing|want|wanting|"
    r"need|value|believe|care|hope|fear|know|make of|see|experience|imagine|wonder|prefer|learn|learning|"
    r"realise|realize|sense|afraid|matters?|important|mean|like|love|hate|draws?|keeps?|stops?|enjoy)\b"
    r"|\bwhat(?:'s| is| was) (?:it|that) like\b|\bwhat'?s (?:happening|going on) for you\b"
    r"|\bwhat happened for you\b|\b(?:tell me|say) more\b|\bI'?m curious\b|\bin yourself\b|\bask of you\b"
    r"|\bwhat (?:kept|keeps|drew|draws|brought|brings) you\b"
    r"|\b(?:what matters (?:most )?to you|what goes on (?:for|in) you|your values|what (?:was|is) it "
    r"about you|(?:love|like) to understand how you)\b"
    r"|\b(?:mean (?:to|for) you|who are you (?:when|at|as|in))\b"
)
_THIRD = rx(r"\b(?:he|she|they|him|her|them|his|their)\b")
_YOU = rx(r"\b(?:you|you'?re|your|yourself)\b")
FACT_FINDING = rx(
    r"^\W*(?:and |so )?(?:when (?:did|was|is|will)|how (?:many|much|long|often|old)|where (?:is|was|did)|"
    r"who (?:is|was|else)|what time|which (?:day|company|one))\b"
)

# Questions that collect what was said or done ("What does Graham say when ...?", "What did you tell
# the client?"): they brief the coach on events rather than take the client's thinking further.
FACT_REPORT = rx(
    r"^\W*(?:(?:and|so|okay|right|ok)\W+)*what (?:did|does|do|has|had|will) (?:(?:he|she|they|(?!you\b)\w+) "
    r"(?:say|tell|do|reply|answer)|you (?:tell|say to|reply|answer)(?! yourself))\b"
)


def gathers_facts(sentence: CoachSentence) -> bool:
    """True for a question that collects facts or reports about events and other people ("How long
    has he been there?", "What did he say?"); questions about how someone else might see things are
    not fact-finding."""
    return bool(FACT_FINDING.search(sentence.text) or FACT_REPORT.search(sentence.text))


def _about_others(text: str) -> bool:
    """True when someone else is the subject: a third-person pronoun comes before any "you"."""
    third = _THIRD.search(text)
    you = _YOU.search(text)
    return third is not None and (you is None or third.start() < you.start())


def is_about_client(sentence: CoachSentence) -> bool:
    """True for a coach question whose subject is the client's own thinking, feeling or wanting."""
    if not sentence.is_open_question or sentence.is_leading or sentence.is_why or sentence.is_small_talk:
        return False
    text = sentence.text
    if FACT_FINDING.search(text) or FACT_REPORT.search(text) or _about_others(text):
        return False
    return bool(INNER.search(text))


DEEP = rx(
    r"\b(?:feel|feeling|felt|notice|noticing|value|values|believe|afraid|fear|matters?|important|mean|learn|learning|"
    r"like for you|happening for you|in yourself|ask of you|kept you|keeps you|want for yourself)\b"
)


def client_questions(view: SessionView) -> list[CoachSentence]:
    """The coach's questions about the client's inner world, the deepest (feelings, values, meaning) first."""
    found = [s for s in view.sentences if is_about_client(s)]
    return sorted(found, key=lambda s: (DEEP.search(s.text) is None, s.index))


def follows_thread(view: SessionView, sentence: CoachSentence) -> bool:
    """True when the sentence picks up content words from the client's turn just before it."""
    previous = view.previous_client(sentence.turn)
    if previous is None:
        return False
    return bool(content_stems(sentence.text) & content_stems(previous.text))


def question_sentences(view: SessionView) -> list[CoachSentence]:
    """The coach's question sentences, in order."""
    return [s for s in view.sentences if s.is_question]
