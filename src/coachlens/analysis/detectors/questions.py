"""What a coach question is about: the client's inner world, or facts and other people.

Shared by 5.4 (curiosity about the client), 7.1 (asks about the client) and the feedback. A question
is "about the client" when its subject is "you" and its verb reaches into thinking, feeling, wanting,
valuing or noticing; questions about what other people think or did, and fact-finding ("when",
"how many") are not.
"""

from __future__ import annotations

import re

from coachlens.analysis.detectors.context import CoachSentence, SessionView
from coachlens.analysis.detectors.echo import handed_back, reflective_turns, short_echo
from coachlens.analysis.detectors.evidence import quoted, sentence_around, sentence_evidence, when
from coachlens.analysis.detectors.text import content_stems, rx
from coachlens.models import Evidence

INNER = rx(
    r"\b(?:you|you'?re|your|yourself)\b[^?]{0,40}?\b(?:think|thinking|feel|feeling|felt|notice|noticing|want|wanting|"
    r"need|value|believe|care|hope|fear|know|make of|see|experience|imagine|wonder|prefer|learn|learning|"
    r"realise|realize|sense|afraid|matters?|important|mean|like|love|hate|draws?|keeps?|stops?|enjoy)\b"
    r"|\bwhat(?:'s| is| was) (?:it|that) like\b|\b(?:happening|going on) (?:for|in) you\b"
    r"|\b(?:shifts?|changes?|opens? up|comes? up) (?:for|in) you\b|\bsits? with you\b|\bgives? you\b"
    r"|\bwhat happened for you\b|\b(?:tell me|say) more\b|\bI'?m curious\b|\bin yourself\b|\bask of you\b"
    r"|\bwhat (?:kept|keeps|drew|draws|brought|brings) you\b"
    r"|\b(?:what matters (?:most )?to you|what goes on (?:for|in) you|your values|what (?:was|is) it "
    r"about you|(?:love|like) to understand how you)\b"
    r"|\b(?:mean (?:to|for) you|who are you (?:when|at|as|in)|about yourself)\b"
    r"|\b(?:matters?|important|meaningful)\b[^?]{0,30}\b(?:to|for) you\b|\bwhat makes (?:this|that|it) (?:\w+ )?matter\b"
    r"|\bhow (?:does|did|do|would|will) (?:it|that|this) feel\b|\bhappens? (?:to|for|in) you\b"
    r"|\b(?:surprises|strikes|scares|frightens|excites|worries) you\b|\bcosts? you\b"
    r"|\bwhat(?:'s| is) (?:the|that|this) (?:guilt|fear|worry|anger|shame|sadness|feeling|excitement|dread|pull|"
    r"frustration|tightness) (?:about|like)\b"
)
_THIRD = rx(r"\b(?:he|she|they|him|her|them|his|their)\b")
_YOU = rx(r"\b(?:you|you'?re|your|yourself)\b")
FACT_FINDING = rx(
    r"^\W*(?:and |so )?(?:when (?:did|was|is|will)|how (?:many|much|long|often|old)|where (?:is|was|did)|"
    r"who (?:is|was|else|answers|does|handles|runs|looks after|pays|owns)|what time|which (?:day|company|one)|where do (?:your|the|they|those|these)\b|"
    r"what (?:are|do|did) you (?:charge|charging|pay|paying|earn|earning|spend|spending|sell|selling)|"
    r"what(?:'s| is) (?:your|the) (?:price|rate|budget|margin|turnover|salary|deadline))\b"
)

# Questions that collect what was said or done ("What does Graham say when ...?", "What did you tell
# the client?"): they brief the coach on events rather than take the client's thinking further.
FACT_REPORT = rx(
    r"^\W*(?:(?:and|so|okay|right|ok)\W+)*what (?:did|does|do|has|had|will) (?:(?:he|she|they|(?!you\b)\w+) "
    r"(?:say|tell|do|reply|answer)|you (?:tell|say to|reply|answer)(?! yourself))\b"
)


# Contracting and session-management questions ("What would you like to focus on today?", "How will you
# know we've got there?", "Anything else you'd like to cover?") set up the conversation (3.x, 5.3);
# they do not yet ask the client to look at their own thinking.
SESSION_SETUP = rx(
    r"\bhow will you know\b|\bby the end of (?:our|this|the|today)\b|\b(?:from|of|with) (?:our|this|the) (?:time|session|"
    r"conversation|hour|call)\b|\b(?:like|want|wish) to (?:focus on|cover|talk about|work on|discuss|look at|get (?:out )?"
    r"of|take away)(?! about yourself)\b|\banything else (?:you'?d like|to (?:cover|add|discuss))\b|\bwhere (?:would you "
    r"like|shall we|do you want|should we) to (?:start|begin|go from here)\b|\bhow would you like to (?:close|end|start|"
    r"begin|use|finish|wrap up)\b|\bbefore we (?:finish|close|end|stop|wrap up)\b|\bto get (?:you )?there (?:today|in)\b"
)
# Asking the client to predict what someone else will do or say ("What do you think the treasurer
# might ask?") is about the other person, however it opens.
OTHERS_NEXT_MOVE = rx(
    r"\b(?:do|did) you (?:think|reckon|expect|imagine|suppose|guess) (?:that )?(?!you\b|I\b|it\b|this\b|that\b)"
    r"(?:the |your |his |her |their |a )?[\w'’]+ (?:might|will|would|could|'ll|is going to|are going to|wants? to|"
    r"thinks?|feels?|sees?|is|was|be)\b"
)
# "Who are you when ...?" opens with a question word, so it leaves the answer open whatever the act
# label says.
_WH_FORM = rx(r"^\W*(?:(?:and|so|but|okay|right|well|then)\W+)*(?:what|who|how|where|which|whose)\b")


_QUESTION_START = rx(
    r"^\W*(?:(?:and|so|but|or|okay|right|well)\W+)*(?:what|who|whom|whose|when|where|why|how|which|do|does|did|is|are|"
    r"was|were|have|has|had|can|could|will|would|should|shall|may|might|must|don'?t|isn'?t|aren'?t|wouldn'?t|"
    r"couldn'?t|won'?t|tell me|say more)\b"
)


def poses_question(view: SessionView, sentence: CoachSentence) -> bool:
    """A sentence that asks the client something: a question mark, or a question's opening words.
    In a punctuated transcript a statement is not a question whatever its act label ("So you'll get
    there early, wear the grey suit, and explain the budget." recaps; it does not ask)."""
    if sentence.text.rstrip().endswith("?"):
        return True
    # Without punctuation (raw captions) fall back to the wording.
    punctuated = view.memo("question_marks", lambda: any("?" in s.text for s in view.sentences))
    return not punctuated and bool(_QUESTION_START.search(sentence.text))


def asks_openly(sentence: CoachSentence) -> bool:
    """An open question by its act label or by its wording (it starts with a question word)."""
    return sentence.is_open_question or (sentence.is_question and bool(_WH_FORM.search(sentence.text)))


# The coach's idea in question form: "What if you just talked to her?", "Would it help to ...?".
_SUGGESTION = rx(
    r"^\W*(?:(?:and|so|well|okay|but)\W+)*(?:what if you|how about|why not|why don'?t you|have you (?:tried|thought about|"
    r"considered)|would it (?:help|be worth|make sense)|could you (?:just|try|maybe)|what about (?:trying|asking|talking|"
    r"telling|just))\b|\b(?:should|shouldn'?t) you\b"
)
_ASKS_WHAT = rx(r"\b(?:what|how|which|who|where|whose)\b")


def suggests(sentence: CoachSentence) -> bool:
    """A question that carries the coach's own idea. The act model also calls some open questions
    about the client's own next move advice ("What would you need to do differently?"); those leave
    the answer to the client and are not suggestions."""
    if _SUGGESTION.search(sentence.text):
        return True
    return sentence.is_advice and not _ASKS_WHAT.search(sentence.text)


# Questions that put a belief or a reading of events up for a second look ("Is that the whole story?",
# "Is there another way to see it?", "Who says?"). Many are closed in form, yet a mentor hears them
# as evocative: the client rarely answers "yes" or "no" and stops.
RECONSIDERS = rx(
    r"\b(?:is (?:that|this|it) (?:the (?:whole|full|only|complete) (?:story|picture|truth|explanation)|"
    r"(?:always|really|necessarily|still|actually) (?:true|the case|so))|"
    r"is there (?:another|a different|any other|some other) (?:way (?:to|of) (?:see|look|read|think)|"
    r"(?:story|explanation|reading|way of seeing))|how true is (?:that|it|this)|"
    r"what else (?:is|might be|could be) true|what if (?:that|this|it) (?:isn'?t|wasn'?t|weren'?t) (?:true|so))"
    r"|^\W*(?:who says|says who)\b"
)


def evocative_closed(sentence: CoachSentence) -> bool:
    """A question closed in form that invites the client to look again at a belief or a reading:
    noted as closed, but credited for what it evokes rather than counted with yes/no fact checks."""
    return (
        sentence.is_question
        and not asks_openly(sentence)
        and not sentence.is_leading
        and not suggests(sentence)
        and bool(RECONSIDERS.search(sentence.text))
    )


def about_someone_else(text: str) -> bool:
    """True when a question is about another person: they are the subject ("Will she help?"), or the
    client is asked to predict their move or reaction ("Do you think Graham will be annoyed?")."""
    return _about_others(text) or bool(OTHERS_NEXT_MOVE.search(text))


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
    if not asks_openly(sentence) or sentence.is_leading or sentence.is_why or sentence.is_small_talk:
        return False
    text = sentence.text
    if suggests(sentence) or SESSION_SETUP.search(text):
        return False
    if FACT_FINDING.search(text) or FACT_REPORT.search(text) or about_someone_else(text):
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


# Where the client said how they see themself: the moment a 6.5 or 7.2 question was most needed.
SELF_VIEW = rx(
    r"\b(?:I'?m (?:not (?:a|the|good|cut)|the one who|just (?:a|not)|too \w+|a (?:failure|fraud|bad))|"
    r"I (?:should|always|never|can'?t) |look(?:s|ing)? (?:\w+ ){0,2}like (?:a|an|I|the)\b|as a (?:manager|leader|"
    r"parent|mother|father|teacher|professional))"
)
# Where the client read someone else's mind or fixed how things are: room for another angle (7.3).
OTHERS_READING = rx(
    r"\b(?:he|she|they|everyone|everybody|nobody|people)(?:'ll| will| would| always| never| just| sort of| kind of)? "
    r"(?:thinks?|says?|said|looks? at|sees?|won'?t|doesn'?t|knows?|expects?|is waiting|keeps?|laughed)\b"
    r"|\blike I'?m (?:a|an|the)\b"
)
# Where the client said what they want: room to think toward it (7.4).
WANTS = rx(r"\bI (?:really |just )?(?:want|'d like|would like|need|wish|hope)\b|\bI'?d (?:love|rather)\b")
# Most specific first, so that each marker gets a moment of its own rather than one line for all.
_MOMENT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("7.4", WANTS),
    ("7.3", OTHERS_READING),
    ("6.5", SELF_VIEW),
    ("7.2", SELF_VIEW),
)


def missed_moment(view: SessionView, marker_id: str) -> tuple[Evidence, str] | None:
    """Where a missed 6.5, 7.2, 7.3 or 7.4 question belonged: the coach's reply to a client turn that
    called for it (the client's view of themself, a reading of someone else, a want), a different
    moment for each marker. Returns the evidence and a phrase for the rationale."""
    moments: dict[str, tuple[Evidence, str]] = view.memo("missed_moments", lambda: _assign_moments(view))
    return moments.get(marker_id)


def _assign_moments(view: SessionView) -> dict[str, tuple[Evidence, str]]:
    taken: set[int] = set()
    moments: dict[str, tuple[Evidence, str]] = {}
    for marker_id, cue in _MOMENT_CUES:
        moment = _reply_to_cue(view, cue, taken)
        if moment is not None:
            moments[marker_id] = moment
            taken.add(moment[0].turn)
    return moments


def _reply_to_cue(view: SessionView, cue: re.Pattern[str], taken: set[int]) -> tuple[Evidence, str] | None:
    """The coach's reply to the client turn with the most `cue` matches (then the longest), after the
    opening agreement, skipping coach turns already quoted for another marker."""
    best: tuple[int, int, int, CoachSentence] | None = None
    for turn in view.client_turns:
        following = turn.index + 1
        if view.position(turn.index) < 0.15 or following >= len(view.turns) or following in taken:
            continue
        if not view.is_coach(following):
            continue
        reply = next((s for s in view.sentences_in(following) if len(s.text.split()) >= 3), None)
        # A reply that asked about the client already did the work: not where a question was missing.
        # Nor did a reflection the client could build on: quoting it as a gap would read as criticism.
        if reply is None or handed_back(view, following) or following in _reflecting_turns(view):
            continue
        if any(is_about_client(s) or short_echo(view, s) for s in view.sentences_in(following)):
            continue
        score = (len(cue.findall(turn.text)), len(turn.text.split()), turn.index, reply)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        return None
    _, length, client_index, reply = best
    said = view.turn(client_index).text
    cue_match = cue.search(said)
    if cue_match is not None:
        heard = quoted(sentence_around(view, client_index, cue_match.start()).quote, 80)
        phrase = f"when the client said {heard} {when(view, client_index)} the coach answered {quoted(reply.text, 80)}"
    else:
        phrase = (
            f"after the client's {length}-word turn {when(view, client_index)} the coach answered "
            f"{quoted(reply.text, 80)}"
        )
    return sentence_evidence(view, reply), phrase


def _reflecting_turns(view: SessionView) -> set[int]:
    return {s.turn for s in reflective_turns(view)[0]}
