"""Rules for the acts where wording alone decides: questions and their form, leading and "why"
questions, advice phrased as a question, permission, invitation, self-disclosure, celebration,
acknowledgment, empathy, observation and summary cues.

`read_sentence` returns `SentenceFacts`; the classifier uses the facts both as features for its
trained heads and as overrides where a rule is simply right (a question mark, "May I offer...").
Patterns run on a normalised copy (lower case, straight apostrophes, leading fillers such as
"so," or "um," removed), so they are written in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coachlens.analysis.advice_rules import advice_in_question, advice_in_statement

QuestionKind = Literal["open", "closed"]

_FILLER = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|um+|uh+|uh-huh|hmm+|mm+|mm-hmm|mhm|now|alright|all right|right|yeah|"
    r"yes|oh|then|also|or|because|cause|like|i mean|you know|great|good|sure|got it|i see|thanks|"
    r"thank you|cool|fine|wow|ah|see|just|anyway|really|seriously)\b[\s,.;:!?-]*)+"
)
# A stutter or restart such as "wh-what", "ho-how" or "that-that": the fragment is dropped.
_STUTTER = re.compile(r"\b([a-z]{1,5})-(?=\1)")
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]|--+|[—–]|-\s|\s-)\s*")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WH = _wordset("what how why where when who which whose whom")
_AUX = _wordset(
    "do does did is are was were have has had can could would will should shall may might am must "
    "don't doesn't didn't isn't aren't wasn't weren't haven't hasn't can't couldn't wouldn't won't "
    "shouldn't"
)
_SUBJECTS = _wordset(
    "you i we they he she it that this there the your my our his her their anyone anything "
    "someone something anybody somebody any people everyone these those what"
)
_PRONOUNS = _wordset("i i'd i'm i'll i've you you'd you're you'll you've we we'd we're it it's they he she")
_THINGS = _wordset("it that this the those these something anything what")
# Wh-words followed by these read as questions even without a question mark.
_WH_FOLLOWERS = _AUX | _wordset(
    "'s 're 'd about if else exactly kind sort might makes made comes came gets got happens "
    "happened stops stopped helps helped matters part other things thing one"
)
# "What I'm hearing is..." and "How you feel matters" are statements that open with a wh-word.
_WH_STATEMENT = re.compile(
    r"^(?:what|how) (?:i|i'm|i am|you|you're|you are|we|it) (?!do\b|does\b|did\b|would\b|could\b|"
    r"can\b|will\b|should\b|might\b|have\b|think\b|feel\b|want\b)"
)
_OPEN_PROMPT = re.compile(
    r"^(?:tell me|say (?:some(?:thing|what) )?more|talk me through|walk me through|help me understand|"
    r"describe|explain|share (?:more|a bit|a little)|give me an example|"
    r"i(?:'m| am)(?: just| also| really)? (?:curious|wondering) (?:about|what|how|why|where|when|who)|"
    r"i wonder (?:what|how|why|where|when|who)|"
    r"(?:would|do) you mind (?:telling|sharing|filling|describing|explaining|walking|talking)|"
    r"(?:can|could|would|will) you (?:tell (?:me|us)|say (?:more|a bit|a little|what|how)|describe|"
    r"talk (?:me|about|through|a bit|a little)|walk|share|explain|help me understand|"
    r"let me know|fill me in|"
    r"give me an example|think of))\b"
)
_PROMPT_TO_COACH = re.compile(r"\b(?:me|us|more|curious|wondering|wonder)\b")
_WONDER_IF = re.compile(
    r"^i(?:'m| am)?(?: just| also| really)? (?:wonder|wondering|curious) (?:if|whether)\b"
)
# Wh-questions that ask for one fact (a number, a time, a place, a name) rather than the client's
# view: MI coding and ICF assessors both hear these as closed.
_CLOSED_WH = re.compile(
    r"^(?:how (?:many|much|often|long|old|far|soon)|"
    r"what (?:time|day|days|year|month|age|number|one|part|parts|percentage|brand|size|dose)|which|"
    r"what(?:'s| is| was| were) (?:your|his|her|their|the) (?:\w+'s )?(?:name|age|address|number|job|dose)|"
    r"what(?:'s| is| was) the (?:longest|most|least|quantity|number|amount|dose|biggest)|"
    r"when (?:did|was|were|is|will|are you|would be|could you|can you)|"
    r"who(?:'s| is| was| are| were)(?! you (?:when|as|without|at your|becoming|being|now|here|really)\b)|"
    r"where (?:do|did|does) you (?:live|work|go to|get|keep|buy|usually|normally|put|store)|"
    r"where (?:is|are|was|were) (?:the|your|it|they|those|these)|"
    # Asking agreement to the coach's own proposal: yes or no in all but form.
    r"what (?:do|would) you think (?:about|of) (?:coming|a plan|an idea|a idea|the idea|doing|trying|"
    r"going|taking|starting|stopping|cutting|using|switching|asking|talking)|how about (?:we|if i|if we|i|"
    r"you (?:just|try|start|stop|go|ask|call|talk|tell|write|take|make|send|say)|trying|talking|asking|"
    r"telling|starting|making|going|taking))\b"
)
_TAG = re.compile(
    r"^(?:right|correct|yes|yeah|no|okay|ok|true|isn't it|aren't you|don't you|didn't you|wouldn't it|"
    r"wouldn't you|won't you|doesn't it|can't you|haven't you|is it|are you|do you|did you|was it|huh|eh|"
    r"is that (?:right|correct|true|so|fair|it))$"
)
_NEGATIVE_TAG = re.compile(
    r"^(?:isn't it|aren't you|don't you|didn't you|wouldn't it|wouldn't you|won't you|doesn't it|"
    r"can't you|haven't you|shouldn't you)$"
)
_LEADING = re.compile(
    r"^(?:(?:don't|doesn't|didn't|isn't|aren't|wasn't|won't|wouldn't|shouldn't|can't|couldn't|"
    r"haven't|hasn't) (?:you|it|that|this|there|we|they|he|she)\b|"
    r"(?:do|would) you (?:not )?(?:agree|think (?:it would be|it'd be) (?:better|best|wise|smart))|"
    r"would(?:n't)? it be (?:better|best|wiser|smarter|easier|a good idea)|"
    r"surely|wouldn't you (?:say|agree)|who (?:wouldn't|doesn't|isn't|hasn't|couldn't|can't|won't)\b|"
    r"isn't it (?:true|obvious|clear)|"
    r"is(?:n't)? it (?:fair|safe) to say|you (?:would|'d) agree)"
)
# "Why" asking for a reason: at the start of a clause or followed by a verb or subject ("I wonder why
# you stayed"), not quoted or named ("What's behind the 'here's why'?", "the why of it").
_WHY = re.compile(
    r"(?:^|[,;:]\s*)why\b|\bwhy (?:do|did|does|are|is|was|were|would|wouldn't|haven't|hasn't|don't|"
    r"didn't|not|can't|couldn't|should|shouldn't|have|has|had|will|won't|you|he|she|they|it|that|"
    r"this|i|we)\b|\bhow come\b"
)
_STEERING = re.compile(
    r"^(?:so |okay |ok |right |now )?(?:let's|let us|can we|could we|shall we|i'd like (?:us )?to|"
    r"i want (?:us )?to) (?:just )?(?:go back|come back|get back|move on|move to|turn to|return|park|"
    r"pause|step back|switch|shift|stay with|focus on)\b"
)
_GIVING_TIME = re.compile(
    r"^(?:take (?:all )?(?:the |your )?time|there(?:'s| is) no (?:rush|hurry)|"
    r"(?:there(?:'s| is) )?(?:no need|nothing) to apologi[sz]e)"
)
# Call logistics: sound, picture, screen, recording.
_LOGISTICS = re.compile(
    r"\b(?:(?:can|could) (?:hear|see) (?:you|me)|you(?:'re| are) (?:on mute|muted|frozen|breaking up)|"
    r"coming through|(?:share|see) (?:my|your) screen|(?:my|your) (?:camera|microphone|mic|wifi)|"
    r"(?:start|stop)(?:ed)? (?:the )?recording|we(?:'re| are) recording)\b"
)
# "Sounds like a plan.": agreeing to move on, not a reflection of the plan.
_SETTLED = re.compile(
    r"^(?:that )?sounds (?:like a (?:really |very )?(?:good |great |solid )?plan|(?:really )?(?:good|great|fine))[.!]*$"
)
# "You won't get flustered.", "You've got this!": the coach reassuring, which says how things will
# be rather than reflecting what the client said.
_REASSURANCE = re.compile(
    r"^(?:you(?:'ll| will) be (?:fine|ok|okay|great|brilliant|amazing)|you won't (?:get|be|feel|fail|mess)|"
    r"you(?:'ve| have) got this|(?:it|that) doesn't sound (?:silly|stupid|crazy|daft|dumb)|"
    r"don't be (?:so |too )?hard on yourself|go easy on yourself|it(?:'ll| will) (?:be fine|work out)|"
    r"don't worry\b|no need to worry)"
)
# Goodbyes and thanks at the edges of a session.
_PLEASANTRY = re.compile(
    r"^(?:take care|i look forward to|see you|speak soon|talk soon|bye|goodbye|have a (?:good|great|lovely|nice)|"
    r"thanks? (?:you )?(?:for (?:today|your time|coming)|so much)[.!]*$)"
)
_WHY_SUGGESTION = re.compile(r"^why (?:not (?=\w)|(?:don't|wouldn't) you\b)")
# "Why don't you tell me more?" invites the client to talk; it asks for no reason.
_WHY_INVITATION = re.compile(
    r"^why (?:don't|not|wouldn't) you (?:tell|fill|start by|share|talk|describe|walk|say|give me|have a)\b"
)
_PERMISSION = re.compile(
    r"(?:(?:would|is) it (?:be )?(?:ok|okay|alright|all right|fine) (?:if|with you if|for me to|to)|"
    r"^(?:may|can|could|might) i (?:offer|share|ask|give|suggest|tell|challenge|make|point|add|"
    r"push|reflect|interrupt|check|mention|say|have permission)|"
    r"(?:do|would) you mind if i|would you like (?:me to|to hear|some|my|a suggestion|an idea|"
    r"an observation)|(?:would|are) you (?:be )?open to (?:hearing|me|some|a|an)|"
    r"with your permission|if (?:that's|that is|it's) (?:ok|okay|alright|all right) with you|"
    r"if you(?:'re| are) open to it|may i\b)"
)
_INVITATION = re.compile(
    r"(?:what (?:do )?you make of|how (?:does|is) (?:that|this|it) (?:land|landing|sound|sit|sitting|fit|"
    r"resonate)|does (?:that|this|it|any of that|any of this) (?:resonate|fit|ring true|make sense|"
    r"sound right|feel right|land)|what(?:'s| is) your (?:reaction|response|take|sense)|"
    r"how do you (?:react|respond) to|what comes up (?:for you )?(?:when|as) you hear|"
    r"what do you think (?:about|of) (?:that|this|what i)|what are your thoughts (?:on|about) "
    r"(?:that|this|what)|feel free to (?:disagree|correct|push back)|"
    r"(?:correct|tell|stop) me if (?:i'm|i am|that's|that is) (?:wrong|off|not right)|"
    r"how does (?:that|this|it) feel to hear|what resonates|"
    r"(?:did|have) i (?:get|got|understood|understand) (?:that|this|it|you) right|"
    r"am i (?:getting|hearing|understanding) (?:that|this|it|you) right|"
    r"does that (?:capture|sum up)|is that (?:accurate|fair|right|close)\??$|"
    r"is (?:that|it|this) (?:anywhere )?(?:near|close to) (?:it|the mark|right)|(?:am i|is that) (?:way )?off\b|"
    r"what would you add|what(?:'s| is) (?:true|useful|helpful) (?:in|about) (?:that|this))"
)
_SELF_DISCLOSURE = re.compile(
    r"(?:^when i (?:was|had|went|did|started|used|first|worked|lost|left)|in my (?:own )?(?:experience|"
    r"life|case|family|career|work)|^i (?:remember|recall) (?:when|how|being|my)|"
    r"^i (?:once|used to|went through|struggled|had a (?:time|similar|client|boss|period)|have had)|"
    r"^(?:for me|personally),? (?:i|it|what)|i've been there|i know (?:how|what) (?:that|it) (?:feels|is like)|"
    r"same (?:thing )?happened to me|^my (?:wife|husband|son|daughter|kids|mother|father|partner|"
    r"friend|dad|mom|mum|family|boss|own)\b|^i myself\b|^speaking for myself|"
    r"\bi (?:still|also|always|sometimes) (?:get|feel|have|struggle|find|do that)\b|"
    r"that(?:'s| is) what i (?:always |usually )?(?:say|tell|do)\b)"
)
_CELEBRATION = re.compile(
    r"(?:congratulations|congrats|well done|way to go|good for you|bravo|kudos|"
    r"(?:great|good|nice|amazing) (?:job|work)|that(?:'s| is) (?:such )?(?:a )?(?:great|amazing|wonderful|"
    r"fantastic|awesome|brilliant|huge|terrific|excellent|big|real) (?:news|win|achievement|step|"
    r"milestone|accomplishment|progress|deal)|what a (?:win|milestone|achievement|accomplishment|"
    r"breakthrough|change)|i(?:'m| am) (?:so |really )?(?:happy|thrilled|delighted|excited|proud) "
    r"(?:for|of) you|let's (?:celebrate|take a moment to celebrate)|(?:worth|deserves) celebrating)"
)
_ACKNOWLEDGMENT = re.compile(
    r"(?:^you (?:built|did|made|found|worked out|figured out|created|came up with)\b.*\byourself\b|(?:that|it) (?:took|takes) (?:real |a lot of |so much |great )?(?:courage|guts|strength|effort|honesty|persistence|nerve|determination|commitment|patience|discipline|work)|"
    r"i (?:really )?(?:appreciate|admire|respect) (?:your|how|that you|the way|you)|"
    r"thank(?:s| you) for (?:sharing|being|your honesty|trusting|telling|opening)|"
    r"you(?:'ve| have) (?:worked|put|done|shown|made|come) (?:so|a lot|really|real|such|great|"
    r"incredibly|a long way)|you(?:'re| are) (?:clearly|obviously|really|so) (?:committed|determined|"
    r"resourceful|thoughtful|persistent|dedicated|brave|honest|self-aware)|"
    r"(?:that's|that is|what) a (?:real|great|important|powerful|big|key) (?:insight|realization|"
    r"realisation|shift)|your (?:commitment|courage|honesty|persistence|determination|effort|"
    r"strength|resilience|dedication) (?:to|is|shows|really|comes)|you clearly (?:care|value|know))"
)
_EMPATHY = re.compile(
    r"(?:(?:that|this|it) (?:sounds|must be|must have been|has been|is|seems) (?:really |so |incredibly |"
    r"very |pretty |quite )?(?:hard|difficult|tough|painful|frustrating|exhausting|overwhelming|"
    r"scary|stressful|lonely|heartbreaking|a lot|upsetting|draining|unsettling|rough|awful)|"
    r"i(?:'m| am) (?:so |really |very )?sorry(?: to hear| that| for| you|[.!]*$)|"
    r"(?:it |that )?makes (?:complete |total |perfect |a lot of )?sense (?:that|you|to feel|why)|"
    r"(?:it's|it is) (?:completely |totally |perfectly )?(?:understandable|natural|normal|human|okay|ok) "
    r"(?:to|that|you)|no wonder|i can (?:hear|see|imagine|only imagine) (?:how|that|what|the)|"
    r"anyone would (?:feel|be)|of course you (?:feel|are|would)|you(?:'re| are) not alone|"
    r"i(?:'m| am) here (?:for|with) you|i hear (?:how|the|you)\b|that (?:really )?sucks|hang in there|"
    r"i (?:really )?hope (?:you|things|it) (?:feel|get|gets|start|will)|sending (?:you )?(?:hugs|love|strength)|"
    r"\bhugs\b|i feel for you|my heart goes out|that(?:'s| is) (?:so |really )?(?:awful|terrible|horrible|"
    r"heartbreaking|rough|unfair)|you don't deserve|be (?:gentle|kind) (?:with|to) yourself|"
    r"it(?:'s| is) (?:okay|ok|alright|all right) (?:to feel|to be|not to be)|"
    r"i (?:totally |completely |really )?(?:understand|get) (?:how (?:hard|difficult|frustrating|painful|"
    r"scary|lonely|exhausting)|how you(?:'re)? feel|why you(?:'d| would)? feel|what you(?:'re| are) going through)|"
    r"i can (?:totally |really )?relate|i(?:'m| am) (?:so |really )?glad you (?:reached out|shared|told|said|"
    r"are here|wrote)|your feelings (?:are|make) (?:valid|sense)|(?:that's|that is|it's|it is|feeling that way "
    r"is) (?:completely |totally |perfectly )?valid|i feel (?:so |really )?(?:bad|sad|awful|terrible) "
    r"(?:for|that|about)|what a (?:hard|tough|difficult|painful|scary|rough) (?:time|situation|thing|"
    r"place)|(?:stay strong|take care of yourself|you(?:'ve| have) got this)|"
    r"don't be (?:so |too )?hard on yourself|go easy on yourself|"
    r"take (?:all )?(?:the |your )?time (?:you need|you want)|take your time|there(?:'s| is) no (?:rush|hurry)|"
    r"(?:there(?:'s| is) )?(?:no need|nothing) to apologi[sz]e|"
    r"that(?:'s| is) (?:so |really |very )?(?:sad|scary|hard|tough)(?:[.!]|$| for you| to hear))"
)
_OBSERVATION = re.compile(
    r"(?:^i (?:notice|noticed|observe|sense|see a pattern)|i(?:'m| am) (?:noticing|sensing|picking up|"
    r"struck by|aware that|hearing a)|my (?:sense|hunch|intuition|observation|impression) is|"
    r"i (?:have|get|got) (?:a|the) (?:sense|hunch|feeling|impression) that|i get the sense|"
    r"what i (?:notice|observe|see) is|something i(?:'m| am) noticing|(?:your|you) (?:voice|energy|face|"
    r"tone) (?:changed|dropped|lifted|shifted|softened|went)|you (?:smiled|paused|sighed|laughed|lit up|"
    r"leaned|went quiet)|when you (?:said|talk|talked|mention|mentioned|spoke) (?:about )?.*"
    r"(?:voice|energy|smiled|paused|lit up|sighed))"
)
_SUMMARY = re.compile(
    r"(?:(?:let me|can i|could i|i'd like to|i want to|let's|i'll) (?:try to )?(?:summari[sz]e|sum up|recap|"
    r"pull (?:this |that |it )?(?:all )?together|play back|check what i've heard)|^to (?:sum up|summari[sz]e|"
    r"recap)|^in summary|so far (?:you've|we've|you have|we have|today)|"
    r"let me see if i(?:'ve| have) got (?:this|that|it|everything)|what i've heard (?:so far|today)|"
    r"if i put (?:it|this|that) (?:all )?together|a few things (?:you've|you have)|"
    r"(?:you've|you have) (?:told me|talked about|mentioned) (?:a few|several|some|two|three))"
)
_REFLECTION = re.compile(
    r"(?:^(?:it )?(?:sounds|seems|feels) (?:like|as if|as though|that)|what i(?:'m| am) hearing|"
    r"^i(?:'m| am) hearing|what you(?:'re| are) (?:saying|describing|telling me)|^you(?:'re| are) saying|"
    r"^you(?:'re| are) (?:feeling|wondering|thinking|worried|concerned|not sure|torn|unsure|frustrated|"
    r"tired|scared|afraid|angry|hoping|struggling|someone who|a person who)|^you feel|^part of you|"
    r"on (?:the )?one hand|on the other hand|^you(?:'ve| have) (?:been|noticed|decided|realized|"
    r"realised|found)|^you don't (?:want|like|feel|see|know|think)|^you (?:want|wanted|wish|hope) |"
    r"^you (?:really )?(?:care|value|love)|^for you,)"
)


@dataclass(frozen=True)
class SentenceFacts:
    """What the rules read from one sentence."""

    normalised: str
    is_question: bool
    question_mark: bool
    question_kind: QuestionKind | None
    question_form: str | None
    leading: bool
    why: bool
    advice_as_question: bool
    advice: bool
    permission: bool
    invitation: bool
    self_disclosure: bool
    celebration: bool
    acknowledgment: bool
    empathy: bool
    observation: bool
    summary_cue: bool
    reflection_cue: bool
    word_count: int
    # "Let's go back to the budget for a minute.", "Take your time.", "I can hear you fine.": the
    # coach managing the conversation, which the meaning heads can mistake for a reflection of what
    # it names or for information.
    steering: bool = False


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, stutters ("wh-what") and leading fillers
    ("so,", "um,") removed."""
    clean = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    clean = _STUTTER.sub("", clean)
    return _FILLER.sub("", clean).strip()


@dataclass(frozen=True)
class _Clause:
    """The interrogative form of one clause (the text between commas, dashes or semicolons)."""

    text: str
    form: Literal["prompt", "wonder_if", "closed_wh", "wh", "aux", "tag"] | None
    wh_word: str = ""


def _clause(text: str) -> _Clause:
    tokens = _WORD.findall(text)
    if not tokens:
        return _Clause(text, None)
    # "what's" -> "what", so contractions do not hide the wh-word; "isn't" and "don't" stay whole
    # (they are auxiliaries).
    first, _, clitic = tokens[0].partition("'")
    if clitic == "t":
        first, clitic = tokens[0], ""
    second = f"'{clitic}" if clitic else (tokens[1] if len(tokens) > 1 else "")
    if _TAG.match(text.rstrip("?. ")):
        return _Clause(text, "tag")
    if _OPEN_PROMPT.match(text):
        return _Clause(text, "prompt")
    if _WONDER_IF.match(text):
        return _Clause(text, "wonder_if")
    if first in _WH and not _WH_STATEMENT.match(text):
        if _CLOSED_WH.match(text):
            return _Clause(text, "closed_wh", first)
        # "What way of working would you need...?", "How important is it...?": a verb soon
        # after the wh-word, or a question mark, makes it a wh-question ("What a day" is not).
        # "What I'd do is hire someone." has a verb soon after the wh-word too, but a subject
        # straight after it makes a statement unless a question mark says otherwise.
        asks = (
            second in _WH_FOLLOWERS
            or len(tokens) <= 3
            or (
                second not in ("a", "an")
                and (text.endswith("?") or (bool(_AUX & set(tokens[1:4])) and second not in _PRONOUNS))
            )
        )
        return _Clause(text, "wh" if asks else None, first)
    if first in _AUX and second in _SUBJECTS:
        if first in ("do", "don't") and second in _THINGS and not text.endswith("?"):
            return _Clause(text, None)  # "Just do it.", "Do the margins this week.": imperatives
        return _Clause(text, "aux")
    return _Clause(text, None)


def _clauses(norm: str) -> list[_Clause]:
    parts = (_FILLER.sub("", part).strip() for part in _CLAUSE_BREAK.split(norm))
    clauses = [_clause(part) for part in parts if part]
    # Later in a sentence, a bare "explain"/"describe" is an item of a list ("you'll arrive early,
    # and explain the budget"), not a prompt; "tell me", "say more" still are.
    return [
        _Clause(c.text, None) if n and c.form == "prompt" and not _PROMPT_TO_COACH.search(c.text) else c
        for n, c in enumerate(clauses)
    ]


def read_sentence(text: str) -> SentenceFacts:
    """Apply every rule to one sentence."""
    norm = normalise(text)
    tokens = _WORD.findall(norm)
    clauses = _clauses(norm)
    question_mark = text.rstrip().rstrip("\"'”’)").endswith("?")
    interrogative = [c for c in clauses if c.form is not None]
    opening = clauses[0].form if clauses else None
    if not tokens:
        # "Okay?", "Right?", "Yeah?": a check-in or back-channel, not a question act.
        is_question = False
    else:
        # Without a question mark, only an interrogative opening (or an open prompt such as
        # "Tell me more about that.") makes a question: transcripts often drop the mark.
        is_question = (
            question_mark
            or opening in ("prompt", "wonder_if", "wh", "closed_wh", "aux")
            or any(c.form == "prompt" for c in clauses)
        )
    kind, form = _question_form(norm, interrogative) if is_question else (None, None)
    leading = is_question and (
        any(_LEADING.match(c.text) for c in clauses)
        or any(_NEGATIVE_TAG.match(c.text.rstrip("?. ")) for c in clauses)
    )
    clause_texts = [c.text for c in clauses]
    advice_question = is_question and advice_in_question(clause_texts)
    # "Why not just tell her?" proposes an answer rather than asking for a reason: a leading,
    # yes-or-no suggestion, not a "why" question.
    suggests = advice_question and any(_WHY_SUGGESTION.match(c) for c in clause_texts)
    if suggests:
        kind, leading = "closed", True
    elif advice_question and kind is None:
        kind = "closed"  # "I wonder if you should just tell her.": a suggestion to accept or refuse
    permission = bool(_PERMISSION.search(norm))
    # A question that asks for the client's own answer ("What do you need to do next?",
    # "What time would you have to leave?") evokes their plan: not advice.
    evoking = is_question and (kind == "open" or form == "closed_wh")
    advice_statement = not evoking and advice_in_statement(clause_texts, is_question)
    return SentenceFacts(
        normalised=norm,
        is_question=is_question,
        question_mark=question_mark,
        question_kind=kind,
        question_form=form,
        leading=leading,
        why=is_question
        and not suggests
        and any(_WHY.search(c) for c in clause_texts if not _WHY_INVITATION.match(c)),
        advice_as_question=advice_question and not permission,
        advice=(advice_question or advice_statement) and not permission,
        permission=permission,
        invitation=bool(_INVITATION.search(norm)),
        self_disclosure=any(_SELF_DISCLOSURE.search(c.text) for c in clauses),
        celebration=bool(_CELEBRATION.search(norm)),
        acknowledgment=bool(_ACKNOWLEDGMENT.search(norm)),
        empathy=bool(_EMPATHY.search(norm)),
        observation=any(_OBSERVATION.search(c.text) for c in clauses),
        summary_cue=any(_SUMMARY.search(c.text) for c in clauses),
        reflection_cue=any(_REFLECTION.search(c.text) for c in clauses) and not _SETTLED.match(norm),
        word_count=len(tokens),
        steering=bool(
            _STEERING.match(norm)
            or _GIVING_TIME.match(norm)
            or _LOGISTICS.search(norm)
            or _SETTLED.match(norm)
            or _REASSURANCE.match(norm)
            or _PLEASANTRY.match(norm)
        ),
    )


_SCALE = re.compile(r"\bscale\b|\b(?:0|1|one|zero) (?:to|and) (?:10|ten)\b")
# A later wh-clause that asks on its own: the wh-word followed by an auxiliary ("..., what do you
# think?") rather than by a verb of a relative clause ("..., who give you support").
_ASKS_AGAIN = re.compile(
    r"^(?:what|how|why|where|when|who|which)(?:'s|'re| (?:do|does|did|is|are|was|were|would|could|can|will|should|might|have|has))\b"
)
_ANYTHING_ELSE = re.compile(r"^(?:is there )?anything else\b")


def _question_form(norm: str, interrogative: list[_Clause]) -> tuple[QuestionKind | None, str | None]:
    """Open or closed from the question's form, and the form that decided it.

    An open prompt anywhere ("So tell me, how often...") makes the question open; a scaling
    question asks for a number (closed); "Anything else?" invites more (open); otherwise the last
    interrogative clause decides. (None, None) when no clause has an interrogative form (a
    declarative sentence with a question mark, "I wonder if...")."""
    if any(c.form == "prompt" for c in interrogative):
        return "open", "prompt"
    if _SCALE.search(norm):
        return "closed", "scale"
    if _ANYTHING_ELSE.match(norm):
        return "open", "anything_else"
    for n, clause in reversed(list(enumerate(interrogative))):
        if clause.form == "wh":
            if n and interrogative[0].form in ("aux", "tag") and not _ASKS_AGAIN.match(clause.text):
                # "Have you ever frozen in a meeting, when you didn't know what to say?": the later
                # wh-clause is part of the yes/no question, not a second question.
                continue
            return "open", "wh"
        if clause.form in ("aux", "tag", "closed_wh"):
            return "closed", clause.form
    return None, None
