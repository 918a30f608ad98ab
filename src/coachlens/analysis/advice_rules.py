"""Rules for advice: the coach telling the client what to do, as a statement ("You should call
her", "One option would be to...") or inside a question ("Have you tried talking to her?").

The patterns run on `act_rules.normalise`d clauses (lower case, fillers removed). They are tuned
for precision as much as recall, because the consulting knock-out reads them: a reflection that
repeats what the client must do ("You're focused on what you need to do"), an inference ("You
must be tired"), a greeting ("It's good to see you") or an invitation ("Why don't you tell me
more?") is not advice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NOT_EVIDENCE_OBJECT = r"(?:that|this|it|those|these|how|what|why|where|when|who|whether|if)\b"

ADVICE_QUESTION = re.compile(
    r"^(?:have you (?:ever )?(?:tried|considered|looked into|talked to|spoken to|asked)\b|"
    rf"(?:have you (?:ever )?thought|did you think) (?:at all )?about (?!{_NOT_EVIDENCE_OBJECT})|"
    r"did you (?:try|consider)\b|"
    r"(?:could|can|would) you (?:maybe|just|perhaps|possibly|try|start|stop|consider|talk to|ask|"
    r"tell her|tell him|tell them|tell your|speak to)\b|"
    r"what if you (?:just|tried|talked|asked|told|started|stopped|did|went|made|took|were to)\b|"
    r"why (?:don't|not|wouldn't) you (?!tell|fill|start by|share|talk|describe|walk|say|give me|have a)|"
    r"why not (?=\w)|"
    r"how about (?!if you (?:share|tell))(?:you(?= \w)|trying|if you|talking|asking|telling|starting|making|"
    r"going|taking)\b|"
    r"what (?:would|do) you think (?:about|of) (?:trying|a plan|the idea|an idea|doing|going|taking|"
    r"starting|stopping|cutting|using|switching|asking|talking)\b|"
    r"what about (?:trying|talking|asking|telling|starting|making|going|taking|just)\b|"
    r"would you (?:be willing to try|consider)\b|"
    r"would(?:n't)? it (?:help|make (?:more )?sense|be (?:better|best|wiser|smarter|sensible|a good idea|"
    r"easier|worth \w+ing)) (?:to|if you)\b|"
    r"is(?:n't)? it (?:time (?:you|to|for you)|(?:better|best|wiser) (?:to|if you)|worth (?:trying|asking|"
    r"talking|telling|calling|checking|going|taking|having))\b|"
    r"do you (?:not )?think you (?:should|ought to|(?:could|might) (?:just|maybe|try))\b|"
    r"shouldn't you\b|should you (?:maybe |just )?(?:try|practi[cs]e|talk|ask|tell|call|write|go|take|start|"
    r"stop|speak|get|book|see)\b|"
    r"i(?:'m| am)? (?:just )?wonder(?:ing)? (?:if|whether) you (?:should|could just|might (?:just|want to)|"
    r"need to|ought to)\b|don't you think you (?:should|could|need|ought)\b|"
    r"(?:maybe|perhaps) you (?:could|should|might)\b)"
)

# Words before "you need to" / "you should" that make it a report, a reflection of the client's
# own plan ("what you need to do", "something you have to do") or a question about an
# obligation ("Do you have to reply at night?"), not advice.
_DIRECTIVE = (
    r"(?<!what )(?<!where )(?<!when )(?<!something )(?<!things )(?<!do )(?<!does )(?<!did )"
    r"\byou (?:really |just |definitely |"
    r"honestly |still |probably )?(?:should(?! be proud)(?! have (?:been|done|known|\w+ed)\b)|need to|have to|ought to|gotta|"
    r"must(?! (?:be|have|like|love|feel|think|know|really|get|hate|see)\b))\b"
)
_ACTION = (
    r"(?:try|want to|consider|think about|start|stop|go|ask|talk|call|bring|swap|use|enroll|join|"
    r"look|find|check|set|write|cut|make|take|tell (?!me)|speak|switch|plan|practi[cs]e|reduce|limit)\b"
)
# Words before "you could try..." that make it part of a question or a reflection of what the
# client could do ("how confident are you that you could...", "changes you might want to make").
_NOT_SUGGESTING = (
    r"(?<!that )(?<!how )(?<!if )(?<!what )(?<!where )(?<!when )(?<!somebody )(?<!someone )"
    r"(?<!something )(?<!things )(?<!changes )(?<!anything )(?<!feel like )"
)
ADVICE_STATEMENT = re.compile(
    rf"(?:{_DIRECTIVE}|\byou(?:'ve| have)? got to (?!(?:the|a|an|that|this|my|your|his|her|their|where|be with|see|meet)\b)|\byou(?:'d| had) better\b|"
    r"\byou(?:'re| are) (?:going|gonna) (?:to )?have to\b|\byou(?:'ll| will) (?:need|have) to\b|"
    r"\bi(?:'d| would| strongly| would strongly)? (?:suggest|recommend|advise|urge)(?!ed)|"
    r"\bmy (?:advice|suggestion|recommendation)|"
    r"\bi(?: want|'d like| would like) you to (?!tell|share|think about what|talk about|know|be aware)|"
    r"that's what i'd like you to do|"
    r"^i(?:'d| would) (?!like|love|be|imagine|guess|say that|think|wonder|want)(?:just |definitely |"
    r"probably |honestly )?[a-z]+ (?:the|it|him|her|them|that|this|a|an|to|with|your)\b|"
    r"\bif i were you|\bwhat you (?:really |probably )?(?:need|have|ought) to do is|"
    r"\bthe next step (?:is|would be) (?:to|for you)\b|\bwe (?:would |'d |strongly )?(?:suggest|recommend|advise)|"
    r"\bwe (?:need|have) to (?:look at|work on|get you|figure out|start|stop|make|cut)\b|"
    r"\bi think (?:that )?(?:decreasing|reducing|cutting|stopping|quitting|limiting|increasing|adding|"
    r"switching|trying|starting)\b|\bthe best thing (?:is|would be|to do|for you)|"
    r"\bwhat would be best (?:is|would be|if)\b|"
    r"\bit(?:'s| is|'d| would| might) (?:be )?(?:really |very |so )?(?:(?:good|best|better|wise|helpful)"
    r"(?! to (?:see|hear|meet|have|know|talk)\b) (?:for you )?(?:to|if you|that you)|"
    r"important (?:to (?!you\b)|that you))|"
    r"\bmake sure (?:you|to)\b(?! (?:know|understand|feel)\b)(?!'re (?:ok|okay|all right)\b)|"
    r"\bdon't forget to\b|"
    r"\bi(?:'ve| have)? got (?:another|an|one) idea for you\b|"
    r"\b(?:might|would|could)(?: not|n't)? be a (?:bad|good|great) idea (?:to|if)\b|"
    r"\bi hope you (?:will |'ll |really )?(?:consider|listen|think about|quit|stop|try|take|cut)\b|"
    r"\bi wish you(?:'d| would)\b|"
    r"\bi think (?:just |maybe |perhaps )(?:tell|try|go|ask|say|stop|start|get|cut|call|talk)\b|"
    r"\byou (?:do not|don't) need (?:a|an|any|another)\b|"
    r"\bneeds? to (?:stop|quit|change|end) (?:immediately|now|today|right away)\b)"
)
# Suggestions that a question form turns into a question about the client ("Do you think you could
# go two months without?"): read in statements only.
ADVICE_SUGGESTION = re.compile(
    rf"{_NOT_SUGGESTING}\byou (?:could|might|may) (?:maybe |just |perhaps |also |always )?"
    rf"(?:{_ACTION}|want to\b)|"
    r"\b(?:one|another) (?:good |possible |other )?(?:option|idea|suggestion|thing you (?:could|can|might))\b"
)
# An imperative that tells the client what to do ("Try cutting back", "Call her tonight"); only
# the sentence's first clause is read, so "..., make this happen?" inside a question is not one.
ADVICE_IMPERATIVE = re.compile(
    r"^(?:just |maybe |perhaps )?(?:try(?! to (?:think|remember|imagine|picture|recall))|start|stop|call|"
    r"say(?! (?:more|a bit|a little))(?![^,.]*\bout loud\b)|tell(?! (?:me|us)\b)|ask(?! yourself)|send|wear|dress|"
    r"get|cut|avoid|drink|eat|exercise|write|set|put|use|remember|quit|consider|focus on|give|block|go|do|"
    r"take(?! a (?:look|moment|breath|minute))|keep|make(?! yourself comfortable)|"
    r"be(?! (?:gentle|kind|patient))|don't(?! get me wrong)) "
    r"|^(?:just )?(?:cheer up|calm down|relax|chill out)\b"
)
# Coaching invitations that are imperative in form but tell the client nothing to do.
_INVITING_IMPERATIVE = re.compile(
    r"^(?:take (?:a moment|your time|all the time|a breath|a minute|as long|care)|go (?:ahead|on|for it)|"
    r"keep (?:going|thinking|talking)|feel free|don't be (?:so |too )?hard on yourself|go easy on yourself|"
    r"don't worry(?: about (?:it|that))?[.!]*$|"
    r"say more|tell me|talk me|walk me|let's|let me)"
)
# "Last time you said you might want to...", "you're being told you have to...": the client's or
# someone else's words reported, not advice.
_REPORTED = re.compile(
    r"\byou (?:said|mentioned|told me|wrote|were saying)\b|\b(?:being|been|were|was) told\b|"
    r"\btelling you\b"
)


def advice_in_question(clauses: Sequence[str]) -> bool:
    """Whether any clause of a question carries advice ("Have you tried...?")."""
    return any(ADVICE_QUESTION.match(clause) for clause in clauses)


def advice_in_statement(clauses: Sequence[str], is_question: bool) -> bool:
    """Whether a sentence tells the client what to do. `clauses` are its normalised clauses."""
    for clause in clauses:
        if _INVITING_IMPERATIVE.match(clause) or _REPORTED.search(clause):
            continue
        if ADVICE_STATEMENT.search(clause) or (not is_question and ADVICE_SUGGESTION.search(clause)):
            return True
    first = clauses[0] if clauses else ""
    return not is_question and bool(ADVICE_IMPERATIVE.match(first)) and not _INVITING_IMPERATIVE.match(first)
