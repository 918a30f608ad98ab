"""Rewrites of the coach's own weak lines, built from their words.

Each transform keeps the content of the original (its verb phrase, the people and things it names)
and changes only its shape: a closed question becomes open, a stack becomes one question, advice
becomes an evoking question, a leading question becomes neutral, "why" becomes "what". A transform
that cannot produce a grammatical line returns None, and the line is not offered: a canned
sentence would not be the coach's own line made better.

This module is the entry point callers import from; the transforms live by kind in
`rewrite_questions` (closed and stacked questions), `rewrite_advice` (advice) and `rewrite_leading`
(leading and "why" questions), on the shared word-level helpers in `rewrite_grammar`.
"""

from __future__ import annotations

from coachlens.analysis.rewrite_advice import NOT_ADVICE, advice_to_question, is_advice_line
from coachlens.analysis.rewrite_grammar import (
    ADJECTIVE_NOUNS,
    LEAD_IN,
    TRAILING,
    core,
    gerund,
    past,
    verb_phrase_gerund,
)
from coachlens.analysis.rewrite_leading import is_rhetorical, leading_to_neutral, why_to_what
from coachlens.analysis.rewrite_questions import closed_to_open, first_of_stack, is_check_in

__all__ = [
    "ADJECTIVE_NOUNS",
    "LEAD_IN",
    "NOT_ADVICE",
    "TRAILING",
    "advice_to_question",
    "closed_to_open",
    "core",
    "first_of_stack",
    "gerund",
    "is_advice_line",
    "is_check_in",
    "is_rhetorical",
    "leading_to_neutral",
    "past",
    "verb_phrase_gerund",
    "why_to_what",
]
