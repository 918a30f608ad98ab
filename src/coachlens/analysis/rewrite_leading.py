"""Rewrites of questions that steer: leading questions become neutral, "why" becomes "what".

These two live together because both keep the question but take the coach's stance out of it (the
answer inside a "Don't you think ...?", the demand to justify inside a "Why ...?"), and both fall back
to the advice rewrite when the line turns out to be a suggestion ("Why not ...?", "Wouldn't it be
better to ...?").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coachlens.analysis.rewrite_advice import advice_to_question
from coachlens.analysis.rewrite_grammar import (
    DETERMINERS,
    OPTIONAL_THAT,
    PLAIN_SUBJECTS,
    as_question,
    base_of_participle,
    core,
    gerund,
)

# Words that turn a question into a verdict on the client: "still", "even", "at thirty-eight", "by now".
_VERDICT_WORDS = re.compile(
    r"\b(?:still|even|really|actually|just|always|constantly)\b|,?\s*\b(?:at your age|by now|after all this time|"
    r"at (?:\d+|(?:twenty|thirty|forty|fifty|sixty|seventy)(?:-\w+)?))\b",
    re.IGNORECASE,
)
# Phrases that judge the client outright ("walk all over you", "beat yourself up"): no 'what' keeps
# them and stays neutral.
_LOADED = re.compile(
    r"\b(?:walk(?:ing)? all over|push(?:ing)? you around|beat(?:ing)? yourself up|make (?:such )?a fuss|"
    r"overreact|play(?:ing)? the victim|make excuses|making excuses|give up so easily|such a (?:pushover|doormat))\b",
    re.IGNORECASE,
)
_VERDICT_VERB = re.compile(
    r"^(?:avoided|ignored|neglected|dodged|put off|failed|resisted|procrastinated|hidden|run away)\b",
    re.IGNORECASE,
)
_SPAN = r"(?:(?:so|this|that) long|[\w-]+ (?:years?|months?|weeks?|days?))"
_WHY_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (
        re.compile(r"^why (?:haven'?t|have you not) you (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: (
            f"What has been getting in the way of {gerund(base_of_participle(m.group(1)))} {m.group(2)}"
        ),
    ),
    (
        re.compile(r"^why (?:didn'?t|did you not) you (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: f"What got in the way of {gerund(m.group(1))} {m.group(2)}",
    ),
    (
        re.compile(r"^why (?:don'?t|can'?t|won'?t) you (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: f"What gets in the way of {gerund(m.group(1))} {m.group(2)}",
    ),
    (
        # "Why has it taken you a year to see that?": the time frame is the verdict; ask what was in the way.
        re.compile(rf"^why has it taken (?:you |him |her |them )?{_SPAN} to (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: f"What has been getting in the way of {gerund(m.group(1))} {m.group(2)} until now",
    ),
    (
        re.compile(rf"^why did it take (?:you |him |her |them )?{_SPAN} to (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: f"What got in the way of {gerund(m.group(1))} {m.group(2)} sooner",
    ),
    (
        re.compile(r"^why did (you|he|she|they|we) (.+)$", re.IGNORECASE),
        lambda m: f"What led {m.group(1)} to {m.group(2)}",
    ),
    (
        # "Why do you (think you) need their approval?": ask what the thing means to the client.
        re.compile(
            r"^why do you (?:think you )?(?:need|want) ((?:their|his|her|your|the|this|that|my|our) (?!to\b).+)$",
            re.IGNORECASE,
        ),
        lambda m: f"What does {m.group(1)} mean to you",
    ),
    (
        # "Why do you keep letting ...?": the habit is the coach's verdict; ask what goes on in the moment.
        re.compile(r"^why do (?:you think )?you keep (\w+ing)\b\s*(.*)$", re.IGNORECASE),
        lambda m: f"What's going on for you when you're {m.group(1)} {m.group(2)}",
    ),
    (
        # "Why do you think you've avoided it?": the present perfect reads badly after "when", and a
        # verb like "avoided" is the coach's label for what the client did.
        re.compile(r"^why (?:do you think you(?:'ve| have)|have you) (\w+)\s*(.*)$", re.IGNORECASE),
        lambda m: (
            f"What comes up for you when you think about {m.group(2) or 'it'}"
            if _VERDICT_VERB.match(m.group(1))
            else f"What has led you to {base_of_participle(m.group(1))} {m.group(2)}"
        ),
    ),
    (
        re.compile(r"^why do you think (you(?:'re| are| feel| felt|)\b.+)$", re.IGNORECASE),
        lambda m: f"What happens for you when {m.group(1)}",
    ),
    (
        re.compile(r"^why do you think (.+)$", re.IGNORECASE),
        lambda m: f"What do you think is going on when {m.group(1)}",
    ),
    (
        re.compile(r"^why are you (?:so |really |still )?(.+)$", re.IGNORECASE),
        lambda m: f"What's going on for you when you're {m.group(1)}",
    ),
    (
        re.compile(r"^why (?:is|was) (it|that|this) (?:so |really )?(.+)$", re.IGNORECASE),
        lambda m: f"What makes {m.group(1)} {m.group(2)}",
    ),
    (
        re.compile(r"^why (?:would|should|do) you (.+)$", re.IGNORECASE),
        lambda m: f"What leads you to {m.group(1)}",
    ),
)


def why_to_what(text: str) -> str | None:
    """'Why haven't you asked him yet?' -> 'What has been getting in the way of asking him?'

    The judgement a 'why' often carries ("still", "at thirty-eight", "walk all over you") is left out:
    a 'what' that keeps the verdict is no less a demand to justify. When the verdict is the heart of
    the line, the neutral 'What's going on for you in those moments?' stands in for it."""
    body = core(text)
    if re.match(r"^why not\b", body, re.IGNORECASE):
        return advice_to_question(body)
    if _LOADED.search(body):
        return "What's going on for you in those moments?"
    body = re.sub(r"\s{2,}", " ", _VERDICT_WORDS.sub(" ", body)).strip(" ,")
    for pattern, build in _WHY_PATTERNS:
        match = pattern.match(body)
        if match:
            built = build(match)
            return as_question(built) if built else None
    return None


_NEG_AUX = re.compile(
    r"^(don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|won'?t|wouldn'?t|can'?t|couldn'?t|shouldn'?t|"
    r"haven'?t|hasn'?t)\s+(.+)$",
    re.IGNORECASE,
)
_TAG = re.compile(
    r"^(.+?),\s*(?:wouldn'?t|isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|won'?t|can'?t|weren'?t|wasn'?t|haven'?t|"
    r"hasn'?t|shouldn'?t|couldn'?t)\s+(?:he|she|it|you|they|we|I|there|that)$",
    re.IGNORECASE,
)
_THIRD_PERSON_CLAUSE = re.compile(
    r"^((?:your |my |his |her |their |the )?[A-Z]?[a-z]+(?: [a-z]+)?) (?:would|will|might|'d) (?:actually |really )?"
    r"(?:want|welcome|like|prefer|say|think|feel|mind|do|be|appreciate)\b",
)
# "Isn't it obvious that ...?", "Who wouldn't ...?": the question is a statement of the coach's view.
_RHETORICAL = re.compile(
    r"^(?:who (?:wouldn'?t|doesn'?t|couldn'?t|won'?t|isn'?t|hasn'?t|would not|does not)|"
    r"(?:isn'?t|wasn'?t|is it not) it (?:obvious|clear|natural|normal|true|plain)|how could you not|"
    r"what did you expect)\b",
    re.IGNORECASE,
)
_OBVIOUS = re.compile(
    r"^(?:isn'?t|wasn'?t|is it not) it (?:obvious|clear|plain|true) (?:that )?(.+)$", re.IGNORECASE
)
# "Aren't you worried she'll ...?": the coach supplies the feeling; ask how the client sees the prospect.
_WORRIED = re.compile(
    r"^(?:aren'?t|are) you (?:worried|afraid|scared|concerned|nervous) (?:that )?"
    r"((?:she|he|they|it|that|this|people|someone|(?:the|your|his|her|their) \w+|(?-i:[A-Z]\w+))"
    r"(?:'ll| will| would| might| could| won'?t| is| are| isn'?t| may)\b.+)$",
    re.IGNORECASE,
)
# "Don't you think you deserve better?": the complement is the coach's answer; ask for the client's.
_OWN_WANT = re.compile(r"^you (deserve|need|want|owe yourself)\b", re.IGNORECASE)
_FILLERS = re.compile(r"\b(?:just|really|actually|even|simply) ", re.IGNORECASE)
_OPINION = re.compile(
    rf"^(?:you think|you'd say|you would say|you say|you feel|you agree|you reckon)\s+{OPTIONAL_THAT}(.+)$",
    re.IGNORECASE,
)


def is_rhetorical(text: str) -> bool:
    """True for a question that states the coach's view rather than asking ("Who wouldn't feel lighter?")."""
    return _RHETORICAL.match(core(text)) is not None


def leading_to_neutral(text: str) -> str | None:
    """'Don't you think Femi would welcome ...?' -> 'What do you imagine Femi would want here?'"""
    body = core(text)
    clause: str | None = None
    if (worried := _WORRIED.match(body)) is not None:
        return as_question(f"How do you feel about the chance that {_FILLERS.sub('', worried.group(1))}")
    if (obvious := _OBVIOUS.match(body)) is not None:
        return as_question(f"What's your own view on whether {_FILLERS.sub('', obvious.group(1))}")
    if (tag := _TAG.match(body)) is not None:
        clause = tag.group(1)
    elif (neg := _NEG_AUX.match(body)) is not None:
        rest = neg.group(2)
        better = re.match(
            r"^it be (?:better|good|easier|wise|worth|more sensible) to (.+)$", rest, re.IGNORECASE
        )
        if better:
            # "Wouldn't it be better to X?" carries the coach's verdict on X; asking how the client
            # sees X hands the weighing back. The advice rewrite is the fallback.
            action = advice_to_question("try " + better.group(1))
            prefix = "What options do you see for "
            if action and action.startswith(prefix):
                return as_question(f"How do you see {action[len(prefix) :].rstrip('?')}")
            return action
        opinion = _OPINION.match(rest)
        clause = opinion.group(1) if opinion else None
        if clause is None and re.match(r"^(?:that|this)\b", rest, re.IGNORECASE):
            # "Didn't that used to be the very thing ...?" hands the client the coach's conclusion about
            # what they just said; ask what they notice about it instead.
            return as_question(f"What do you notice about {rest.split()[0].lower()} now")
    if clause is None:
        return None
    clause = clause.strip(" ,")
    if (
        clause.split()[0].lower() in DETERMINERS | PLAIN_SUBJECTS | {"he", "she", "they"}
        and clause[:2] != "I "
    ):
        clause = clause[0].lower() + clause[1:]
    if (own := _OWN_WANT.match(clause)) is not None:
        return as_question(f"What do you think you {own.group(1).lower()} here")
    third = _THIRD_PERSON_CLAUSE.match(clause)
    if third and third.group(1).split()[-1].lower() not in PLAIN_SUBJECTS:
        subject = third.group(1)
        if subject.split()[0].lower() in DETERMINERS:
            subject = subject[0].lower() + subject[1:]
        return as_question(f"What do you imagine {subject} would want here")
    return as_question(f"What's your own view on whether {clause}")
