"""The client's own words in the coach's mouth: echoes, explored words and short reflections.

Shared by 6.2 (exploring the client's words), 6.7 (succinct reflection), 4.3 and the metrics: a
coach sentence "echoes" the client when it repeats a distinctive run of the client's recent words
(with "I/my" turned into "you/your"), or quotes a word the client used.
"""

from __future__ import annotations

import re

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.text import (
    STOPWORDS,
    content_stems,
    rx,
    shared_phrase,
    stem,
    word_count,
    words,
)
from coachlens.analysis.detectors.trust import DISMISS, FILLER

# Words too common in coaching talk to show that a question was built for this client.
_GENERIC_WORDS_TEXT = """
    able about already always anything better change different doing everything feel feeling first
    good going happen happens happened happening help idea important just kind life look make matter maybe
    next people person problem really right situation something start still thing think thinking
    today try want work working would year years week weeks month months day days point moment long
    went said told came made take taking give keep asked know looked find found getting thought talk
    talking sorry okay yeah thanks really actually honestly though guess anyway stuff bit sure fine
    great
"""
GENERIC_WORDS = frozenset(_GENERIC_WORDS_TEXT.split())
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)
# Quoted words: double or curly quotes, or single quotes that are not apostrophes ("I'll").
QUOTED = re.compile(r"\"([^\"]{3,60})\"|“([^”]{3,60})”|‘([^’]{3,60})’|(?<!\w)'([^']{3,60})'(?!\w)")
EXPLORE_WORD = rx(
    r"\b(?:what does (?:that|it|this|['\"“‘]?\w+['\"”’]?) mean|what do you mean by|tell me (?:more )?about|say more|"
    r"whose \w+|when you say|you (?:used|said|mentioned|called|described)|what(?:'s| is) (?:the|that|this) \w+ "
    r"like|what(?:'s| is) (?:that|this) \w+ about|what is it about|what do you make of)\b"
    r"|\b(?:(?:a |quite a |such a )?(?:strong|interesting|powerful|vivid|big) (?:word|image|phrase|way of putting it)|"
    r"that'?s (?:quite )?a (?:word|phrase|image))\b"
)


# The client's next words saying the coach's version did not fit: "I mean, yes, partly. It's more that
# ...", "Not really.", "I suppose. Mostly from him, though."
_CORRECTION = rx(
    r"^\W*(?:(?:I mean|well|hmm|um|erm)\W+)*(?:(?:yes|yeah)\W+(?:partly|sort of|kind of|in a way|but)\b|partly\b|"
    r"not (?:really|exactly|quite|so much)\b|no\b|I (?:suppose|guess)\s*[.,]|it'?s (?:more|less) (?:that|like|about)\b)"
    r"|^[^.?!]{0,40}[.?!]\s*(?:it'?s|that'?s) (?:more|less) (?:that|like|about)\b"
)


def corrected(view: SessionView, turn_index: int) -> bool:
    """True when the client's next turn corrects or only half accepts what the coach said in this turn:
    a reflection in the coach's words that the client has to fix did not let them hear themselves."""
    sentences = view.sentences_in(turn_index)
    # After a question the client's "No, ..." or "Not really" may answer the question, not the reflection.
    if not sentences or any(s.is_question for s in sentences):
        return False
    reply = view.next_client(turn_index)
    if reply is None or reply.index != turn_index + 1:
        return False
    return bool(_CORRECTION.search(reply.text))


# A negated verb: "It doesn't sound silly to me", "You won't get flustered".
_NEGATED = rx(r"\b(?:\w+n['’]t|(?:is|are|am|was|be|it'?s|you'?re) not|never)\b")


def reassures(view: SessionView, sentence: CoachSentence) -> bool:
    """True for a statement that takes the client's own word and denies it ("It doesn't sound silly to
    me." after "It's silly"; "You won't get flustered."): reassurance or contradiction, however kind,
    tells the client what to feel instead of letting them hear what they said."""
    if sentence.is_question:
        return False
    negation = _NEGATED.search(sentence.text)
    if negation is None:
        return False
    recent = view.client_turns_before(sentence.turn, window=2)
    said = {stem(w) for t in recent for w in words(t.text) if distinctive(w)}
    # The denied word follows the negation closely: "doesn't sound silly", "won't get flustered".
    after = {stem(w) for w in words(sentence.text[negation.end() :])[:3] if distinctive(w)}
    return bool(said & after)


def distinctive(word: str) -> bool:
    """A word specific enough to show the coach used the client's language."""
    return (
        len(word) >= 4
        and word not in STOPWORDS
        and word not in GENERIC_WORDS
        and stem(word) not in GENERIC_STEMS
    )


def echo(view: SessionView, sentence: CoachSentence, *, min_len: int) -> str | None:
    """A phrase of the client's recent turns that this coach sentence repeats, if it is distinctive:
    quoted back, or holding a word specific to the client (not a stopword or a generic word)."""
    recent = [t.text for t in view.client_turns_before(sentence.turn, window=3)]
    if not recent:
        return None
    for match in QUOTED.finditer(sentence.text):
        said = next(g for g in match.groups() if g)
        if any(said.lower() in t.text.lower() for t in view.client_turns_before(sentence.turn)):
            return said
    phrase = shared_phrase(sentence.text, recent, min_len=min_len)
    if not phrase:
        return None
    return phrase if any(distinctive(w) for w in words(phrase)) else None


def short_echo(view: SessionView, sentence: CoachSentence) -> str | None:
    """A brief question made of the client's own word(s): "Annoying?", "Before you lose your nerve?"."""
    if not sentence.is_question or word_count(sentence.text) > 6 or sentence.is_small_talk:
        return None
    phrase = echo(view, sentence, min_len=1)
    # The sentence must *be* the client's word(s) handed back, not a new topic ("And the staffing review?").
    opening = sentence.text.lstrip(" \"'“‘").lower()
    if (
        phrase
        and word_count(phrase) >= 0.6 * word_count(sentence.text)
        and opening.startswith(phrase.lower())
    ):
        return phrase
    return None


# Questions about a word itself ("Whose ladder is it?", "What does 'stuck' mean to you?"), as opposed
# to questions that only mention a topic the client raised ("Tell me more about Graham").
WORD_INQUIRY = rx(
    r"\b(?:whose \w+|what does (?:that|it|this|['\"“‘]?\w+['\"”’]?) mean|what do you mean by|when you say|"
    r"what(?:'s| is) (?:the|that|this) \w+ like|what(?:'s| is) (?:that|this) \w+ about|what is it about)\b"
)


def word_inquiry(view: SessionView, sentence: CoachSentence) -> str | None:
    """The client word a short question asks about, when the question is about that word:
    "Whose ladder is it?" after the client's "throwing away a ladder"."""
    if not sentence.is_question or sentence.is_leading or word_count(sentence.text) > 10:
        return None
    if not WORD_INQUIRY.search(sentence.text):
        return None
    return echo(view, sentence, min_len=1)


def handed_back(view: SessionView, turn_index: int) -> str | None:
    """A whole coach turn that is only the client's own image or words, a few of them, left for the
    client to take further ("The music room is locked." "A costume with a lanyard."), when the client
    then does: the bare echo works as an invitation to explore the words. The echoed words are returned."""
    text = view.turn(turn_index).text
    sentences = view.sentences_in(turn_index)
    if not sentences or word_count(text) > 8 or any(s.is_question or s.is_advice for s in sentences):
        return None
    reply = view.next_client(turn_index)
    if (
        reply is None
        or reply.index != turn_index + 1
        or word_count(reply.text) < 8
        or corrected(view, turn_index)
    ):
        return None
    mine = content_stems(text)
    recent = view.client_turns_before(turn_index, window=2)
    said = set().union(*(content_stems(t.text) for t in recent)) if recent else set()
    # Two of the client's words at least: "Thursday, then." confirms a detail, it does not hand back an image.
    if len(mine & said) < max(2, 0.6 * len(mine)):
        return None
    if not any(distinctive(w) and stem(w) in said for w in words(text)):
        return None
    return text.strip()


def refers_back(question: CoachSentence, phrase: str) -> bool:
    """True when a follow-up question is about the echoed words rather than a new topic."""
    if EXPLORE_WORD.search(question.text):
        return True
    shared = {stem(w) for w in words(phrase) if w not in STOPWORDS} & {stem(w) for w in words(question.text)}
    return bool(shared)


def parrots(view: SessionView, turn_index: int) -> bool:
    """Word-for-word repetition of a whole client turn of some length."""
    previous = view.previous_client(turn_index)
    if previous is None or word_count(previous.text) < 8:
        return False
    mine, theirs = words(view.turn(turn_index).text), words(previous.text)
    return len(mine) >= 8 and len(set(mine) & set(theirs)) / len(set(theirs)) > 0.9


def credible_reflection(view: SessionView, sentence: CoachSentence) -> bool:
    """A sentence the act model calls a reflection that also looks like one: it takes up content from
    the client's last three turns and is not advice or information, in a turn that is not mostly
    telling; a summary always counts. The act model
    alone also calls many of a lecturing coach's statements reflections."""
    if "summary" in sentence.acts:
        return True
    if "reflection" not in sentence.acts or sentence.is_advice or {"advice", "information"} & sentence.acts:
        return False
    telling = sum(
        1 for s in view.sentences_in(sentence.turn) if s.is_advice or {"advice", "information"} & s.acts
    )
    if telling >= 2:
        return False
    recent = view.client_turns_before(sentence.turn, window=3)
    said = set().union(*(content_stems(t.text) for t in recent)) if recent else set()
    return bool(content_stems(sentence.text) & said)


def reflective_turns(view: SessionView) -> tuple[list[CoachSentence], list[tuple[int, int]]]:
    """Coach turns that reflect or summarise: (succinct ones, by their first reflective sentence) and
    (long ones, as turn index and length). A reflection buried in a lecture, or next to advice or
    push-back, does not let the client hear themselves and is not counted."""
    return view.memo("reflective_turns", lambda: _reflective_turns(view))


def _reflective_turns(view: SessionView) -> tuple[list[CoachSentence], list[tuple[int, int]]]:
    succinct: list[CoachSentence] = []
    long_ones: list[tuple[int, int]] = []
    for turn in view.coach_turns:
        sentences = view.sentences_in(turn.index)
        if any(s.is_advice or DISMISS.search(s.text) for s in sentences) or word_count(turn.text) > 60:
            continue
        # Reassurance is not a reflection, even when it repeats the client's word.
        sentences = tuple(s for s in sentences if not reassures(view, s))
        opening = next((s for s in sentences if not FILLER.search(s.text)), None)
        reflective = [
            s
            for s in sentences
            if credible_reflection(view, s)
            or (
                s is opening
                and word_count(turn.text) <= 40
                and not s.is_question
                and word_count(s.text) <= 20
                and echo(view, s, min_len=2)
            )
        ]
        if not reflective:
            continue
        length = sum(word_count(s.text) for s in reflective)
        limit = 60 if any("summary" in s.acts for s in reflective) else 35
        if corrected(view, turn.index):
            continue
        if length <= limit and not parrots(view, turn.index):
            succinct.append(reflective[0])
        elif length > limit:
            long_ones.append((turn.index, length))
    return succinct, long_ones
