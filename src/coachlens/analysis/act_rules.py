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

QuestionKind = Literal["open", "closed"]

_FILLER = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|um+|uh+|hmm+|mm+|mhm|now|alright|all right|right|yeah|yes|oh|"
    r"then|also|or|because|cause|like|i mean|you know|great|good|sure|got it|i see|thanks|thank you)"
    r"\b[\s,.;:-]*)+"
)
_WORD = re.compile(r"[a-z']+")

_WH = ("what", "how", "why", "where", "when", "who", "which", "whose", "whom")
_AUX = frozenset(
    [
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "can",
        "could",
        "would",
        "will",
        "should",
        "shall",
        "may",
        "might",
        "am",
        "must",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "haven't",
        "hasn't",
        "can't",
        "couldn't",
        "wouldn't",
        "won't",
        "shouldn't",
    ]
)
_NEGATIVE_AUX = frozenset(a for a in _AUX if a.endswith("n't"))
_SUBJECTS = frozenset(
    [
        "you",
        "i",
        "we",
        "they",
        "he",
        "she",
        "it",
        "that",
        "this",
        "there",
        "the",
        "your",
        "my",
        "our",
        "his",
        "her",
        "their",
        "anyone",
        "anything",
        "someone",
        "something",
        "anybody",
        "somebody",
        "any",
        "people",
        "everyone",
    ]
)
# Wh-words followed by these read as questions even without a question mark.
_WH_FOLLOWERS = _AUX | frozenset(
    [
        "'s",
        "'re",
        "about",
        "if",
        "else",
        "exactly",
        "kind",
        "sort",
        "would's",
        "do's",
        "might",
        "makes",
        "made",
        "comes",
        "came",
        "gets",
        "got",
        "happens",
        "happened",
        "stops",
        "stopped",
        "helps",
        "helped",
        "matters",
    ]
)

# "What I'm hearing is..." and "How you feel matters" are statements that open with a wh-word.
_WH_STATEMENT = re.compile(
    r"^(?:what|how) (?:i|i'm|i am|you|you're|you are|we|it) (?!do\b|does\b|did\b|would\b|could\b|"
    r"can\b|will\b|should\b|might\b|have\b)"
)
_OPEN_PROMPT = re.compile(
    r"^(?:tell me|say more|talk me through|walk me through|help me understand|describe|explain|"
    r"i(?:'m| am) (?:curious|wondering) (?:about|what|how|why|where|when|whether|if)|"
    r"i wonder (?:what|how|why|where|when|whether|if)|share (?:more|a bit)|"
    r"(?:can|could|would) you (?:tell|say|describe|talk|walk|share|explain|help me understand))\b"
)
_CLOSED_WH = re.compile(
    r"^(?:how (?:many|much|often|long|old|far|soon)|what (?:time|day|year|age|number)|which|"
    r"when (?:did|was|were|is|will)|where (?:do|did|does|is|are) you (?:live|work|go))\b"
)
_TAG = re.compile(
    r",\s*(?:right|correct|yes|yeah|no|okay|ok|true|isn't it|aren't you|don't you|didn't you|"
    r"wouldn't it|wouldn't you|won't you|doesn't it|can't you|haven't you|is it|are you|do you|"
    r"did you|was it|huh|eh)\s*\??$"
)
_NEGATIVE_TAG = re.compile(
    r",\s*(?:isn't it|aren't you|don't you|didn't you|wouldn't it|wouldn't you|won't you|doesn't it|"
    r"can't you|haven't you|shouldn't you)\s*\??$"
)
_LEADING = re.compile(
    r"^(?:(?:don't|doesn't|didn't|isn't|aren't|wasn't|won't|wouldn't|shouldn't|can't|couldn't|"
    r"haven't|hasn't) (?:you|it|that|this|there|we|they|he|she)\b|"
    r"(?:do|would) you (?:not )?(?:agree|think (?:it would be|it'd be) (?:better|best|wise|smart))|"
    r"would(?:n't)? it be (?:better|best|wiser|smarter|easier|a good idea)|"
    r"surely|wouldn't you (?:say|agree)|isn't it (?:true|obvious|clear)|"
    r"is(?:n't)? it (?:fair|safe) to say|you (?:would|'d) agree)"
)
_WHY = re.compile(r"\bwhy\b|\bhow come\b")
_ADVICE_QUESTION = re.compile(
    r"^(?:have you (?:ever )?(?:tried|thought about|considered|looked into|talked to|spoken to|asked)|"
    r"did you (?:try|think about|consider)|"
    r"(?:could|can|would) you (?:maybe|just|perhaps|possibly|not|try|start|stop|consider|talk to|"
    r"ask|tell her|tell him|tell them|speak to|go)|"
    r"what if you (?:just|tried|talked|asked|told|started|stopped|did|went|made|took|were to)|"
    r"why (?:don't|not|wouldn't) you|why not\b|"
    r"how about (?:you|trying|if you|talking|asking|telling|starting|making|going|taking)|"
    r"what about (?:trying|talking|asking|telling|starting|making|going|taking|just)|"
    r"would you (?:be willing to try|consider|think about)|"
    r"would(?:n't)? it (?:help|be (?:better|best|wiser|a good idea|easier)) (?:to|if you)|"
    r"shouldn't you|don't you think you (?:should|could|need|ought)|"
    r"(?:maybe|perhaps) you (?:could|should|might))"
)
_ADVICE_STATEMENT = re.compile(
    r"(?:^|\b)(?:you (?:really )?(?:should|need to|have to|must|ought to|had better|'d better)\b|"
    r"i (?:would|'d|strongly)? ?(?:suggest|recommend|advise|urge)|my (?:advice|suggestion|recommendation)|"
    r"you (?:could|might) (?:try|want to|consider|think about)|you may want to|"
    r"if i were you|what you (?:need|have|ought) to do|the best thing (?:is|would be|to do)|"
    r"it (?:would|might|'d) be (?:good|best|better|wise|helpful) (?:for you )?(?:to|if you)|"
    r"make sure (?:you|to)|don't forget to|why don't you|"
    r"^(?:just |maybe |perhaps )?(?:try|start|stop|go|call|get|take|cut|avoid|drink|eat|"
    r"exercise|write|set|keep|put|use|remember|quit|consider|focus on|give|make) )"
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
    r"(?:what do you make of|how (?:does|is) (?:that|this|it) (?:land|landing|sound|sit|sitting|fit|"
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
    r"what would you add|what(?:'s| is) (?:true|useful|helpful) (?:in|about) (?:that|this))"
)
_SELF_DISCLOSURE = re.compile(
    r"(?:^when i (?:was|had|went|did|started|used|first|worked|lost|left)|in my (?:own )?(?:experience|"
    r"life|case|family|career|work)|^i (?:remember|recall) (?:when|how|being|my)|"
    r"^i (?:once|used to|went through|struggled|had a (?:time|similar|client|boss|period)|have had)|"
    r"^(?:for me|personally),? (?:i|it|what)|i've been there|i know (?:how|what) (?:that|it) (?:feels|is like)|"
    r"same (?:thing )?happened to me|^my (?:wife|husband|son|daughter|kids|mother|father|partner|"
    r"friend|dad|mom|mum|family|boss|own)\b|^i myself\b|^speaking for myself)"
)
_CELEBRATION = re.compile(
    r"(?:congratulations|congrats|well done|way to go|good for you|bravo|kudos|"
    r"(?:great|good|nice|amazing) (?:job|work)|that(?:'s| is) (?:such )?(?:a )?(?:great|amazing|wonderful|"
    r"fantastic|awesome|brilliant|huge|terrific|excellent|big|real) (?:news|win|achievement|step|"
    r"milestone|accomplishment|progress|deal)|what a (?:win|milestone|achievement|accomplishment|"
    r"breakthrough|change)|i(?:'m| am) (?:so |really )?(?:happy|thrilled|delighted|excited|proud) "
    r"(?:for|of) you|let's (?:celebrate|take a moment to celebrate)|worth celebrating|celebrate)"
)
_ACKNOWLEDGMENT = re.compile(
    r"(?:(?:that|it) (?:took|takes) (?:real |a lot of |so much )?(?:courage|guts|strength|effort|honesty)|"
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
    r"i(?:'m| am) (?:so |really |very )?sorry (?:to hear|that|for|you)|"
    r"(?:it |that )?makes (?:complete |total |perfect |a lot of )?sense (?:that|you|to feel|why)|"
    r"(?:it's|it is) (?:completely |totally |perfectly )?(?:understandable|natural|normal|human|okay|ok) "
    r"(?:to|that|you)|no wonder|i can (?:hear|see|imagine|only imagine) (?:how|that|what|the)|"
    r"anyone would (?:feel|be)|of course you (?:feel|are|would)|you(?:'re| are) not alone|"
    r"i(?:'m| am) here (?:for|with) you|i hear (?:how|the|you)\b)"
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


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, leading fillers ("so,", "um,") removed."""
    clean = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    stripped = _FILLER.sub("", clean).strip()
    return stripped or clean


def read_sentence(text: str) -> SentenceFacts:
    """Apply every rule to one sentence."""
    norm = normalise(text)
    tokens = _WORD.findall(norm)
    first, second = [*tokens, "", ""][:2]
    question_mark = text.rstrip().rstrip("\"'”’)").endswith("?")
    wh_start = first in _WH and not _WH_STATEMENT.match(norm)
    aux_start = first in _AUX and second in _SUBJECTS
    open_prompt = bool(_OPEN_PROMPT.match(norm))
    unmarked_question = (wh_start and second in _WH_FOLLOWERS) or aux_start
    is_question = question_mark or unmarked_question or (open_prompt and first not in ("tell", "describe"))
    kind = _question_kind(norm, first, wh_start, aux_start, open_prompt) if is_question else None
    if open_prompt:
        # "Tell me more about that." is an open question in MI and coaching practice.
        is_question, kind = True, "open"
    leading = is_question and bool(_LEADING.match(norm) or _NEGATIVE_TAG.search(norm))
    advice_question = is_question and bool(_ADVICE_QUESTION.match(norm))
    permission = bool(_PERMISSION.search(norm))
    return SentenceFacts(
        normalised=norm,
        is_question=is_question,
        question_mark=question_mark,
        question_kind=kind,
        leading=leading,
        why=is_question and bool(_WHY.search(norm)),
        advice_as_question=advice_question and not permission,
        advice=(advice_question or bool(_ADVICE_STATEMENT.search(norm))) and not permission,
        permission=permission,
        invitation=bool(_INVITATION.search(norm)),
        self_disclosure=bool(_SELF_DISCLOSURE.search(norm)),
        celebration=bool(_CELEBRATION.search(norm)),
        acknowledgment=bool(_ACKNOWLEDGMENT.search(norm)),
        empathy=bool(_EMPATHY.search(norm)),
        observation=bool(_OBSERVATION.search(norm)),
        summary_cue=bool(_SUMMARY.search(norm)),
        reflection_cue=bool(_REFLECTION.search(norm)),
        word_count=len(tokens),
    )


def _question_kind(
    norm: str, first: str, wh_start: bool, aux_start: bool, open_prompt: bool
) -> QuestionKind | None:
    """Open or closed from the question's form; None when the form does not decide it
    (a declarative sentence with a question mark, for instance)."""
    if open_prompt:
        return "open"
    if _CLOSED_WH.match(norm) or _TAG.search(norm):
        return "closed"
    if wh_start:
        return "open"
    if aux_start or first in _AUX:
        # "Would you like A or B?" offers a choice: still closed.
        return "closed"
    return None
