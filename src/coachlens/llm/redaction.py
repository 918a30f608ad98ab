"""Redaction: personal details out before a request leaves the machine, back in when the answer returns.

Names (speaker labels, detected names), emails, phone numbers, street addresses, postcodes and URLs
become placeholders such as `[NAME_2]` or `[EMAIL_1]`. One `Redactor` serves a whole session, so a
detail gets the same placeholder in every turn and every request, and each distinct surface form has
its own placeholder: restoring is exact, which keeps quotes from the model checkable against the
original transcript. A disabled redactor passes text through unchanged (the user opted out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coachlens.llm.names import detect_names
from coachlens.models import CoachingSession

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|uk|de|fr|sg|in|au|ca|nl|edu|gov|info|biz|me|app|dev)"
    r"(?:/[^\s<>\"']*)?\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?![\w])")
_STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|"
    "Close|Crescent|Square|Sq|Strasse|Straße|Highway|Hwy|Parkway|Row|Walk|Gardens"
)
_STREET = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]*\s+){{1,4}}(?:{_STREET_TYPES})\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Unit|Flat|Suite)\.?\s*#?\w+)?"
)
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d$")
_PLACEHOLDER = re.compile(r"\[(?:NAME|EMAIL|PHONE|ADDRESS|URL)_\d+\]")

# Earlier kinds win where spans overlap (an email contains something that looks like a URL).
_KIND_ORDER = ("EMAIL", "URL", "PHONE", "ADDRESS", "NAME")


@dataclass(frozen=True)
class Replacement:
    placeholder: str
    original: str
    kind: str


class Redactor:
    """Replaces personal details with placeholders and puts them back; one instance per session."""

    def __init__(self, names: Iterable[str] = (), *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._by_original: dict[str, str] = {}
        self._by_placeholder: dict[str, Replacement] = {}
        self._counters: dict[str, int] = {}
        # Longest first, so "Sam Patel" is replaced as one before "Sam" alone is considered.
        ordered = sorted({n for n in names if n.strip()}, key=lambda n: (-len(n), n))
        self._names = ordered
        self._name_pattern = (
            re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in ordered) + r")(?![\w])")
            if ordered
            else None
        )

    @classmethod
    def for_session(cls, session: CoachingSession, *, enabled: bool = True) -> Redactor:
        """A redactor that knows the session's speaker names and the names found in its turns."""
        if not enabled:
            return cls(enabled=False)
        names = detect_names((t.text for t in session.turns), session.speakers)
        redactor = cls(names)
        # Number placeholders in transcript order, so requests read naturally and stay stable.
        for turn in session.turns:
            redactor.redact(turn.text)
        return redactor

    @property
    def replacements(self) -> tuple[Replacement, ...]:
        """Every placeholder handed out so far, in order."""
        return tuple(self._by_placeholder.values())

    def counts(self) -> dict[str, int]:
        """How many distinct details of each kind were replaced (for the dry-run summary)."""
        totals: dict[str, int] = {}
        for item in self._by_placeholder.values():
            totals[item.kind] = totals.get(item.kind, 0) + 1
        return totals

    def redact(self, text: str) -> str:
        """`text` with every detected personal detail replaced by its placeholder."""
        if not self.enabled or not text:
            return text
        spans = self._spans(text)
        pieces: list[str] = []
        cursor = 0
        for start, end, kind in spans:
            pieces.append(text[cursor:start])
            pieces.append(self._placeholder(text[start:end], kind))
            cursor = end
        pieces.append(text[cursor:])
        return "".join(pieces)

    def restore(self, text: str) -> str:
        """Put the originals back in place of every placeholder this redactor handed out."""
        if not self.enabled or "[" not in text:
            return text

        def original(match: re.Match[str]) -> str:
            found = self._by_placeholder.get(match.group(0))
            return found.original if found is not None else match.group(0)

        return _PLACEHOLDER.sub(original, text)

    def _placeholder(self, original: str, kind: str) -> str:
        existing = self._by_original.get(original)
        if existing is not None:
            return existing
        number = self._counters.get(kind, 0) + 1
        self._counters[kind] = number
        placeholder = f"[{kind}_{number}]"
        self._by_original[original] = placeholder
        self._by_placeholder[placeholder] = Replacement(placeholder, original, kind)
        return placeholder

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        candidates: list[tuple[int, int, str]] = []
        for kind in _KIND_ORDER:
            for start, end in self._matches(kind, text):
                candidates.append((start, end, kind))
        taken: list[tuple[int, int, str]] = []
        # Keep candidates in priority order; drop any that overlap one already kept.
        for start, end, kind in candidates:
            if _PLACEHOLDER.fullmatch(text[start:end]):
                continue
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, kind))
        return sorted(taken)

    def _matches(self, kind: str, text: str) -> list[tuple[int, int]]:
        if kind == "EMAIL":
            return [m.span() for m in _EMAIL.finditer(text)]
        if kind == "URL":
            # A sentence's full stop or a closing bracket after a URL is not part of it.
            return [(m.start(), m.start() + len(m.group(0).rstrip(".,;:!?)"))) for m in _URL.finditer(text)]
        if kind == "PHONE":
            return [m.span() for m in _PHONE.finditer(text) if _is_phone(m.group(0))]
        if kind == "ADDRESS":
            spans = [m.span() for m in _STREET.finditer(text)]
            return spans + [m.span() for m in _UK_POSTCODE.finditer(text)]
        if self._name_pattern is None:
            return []
        return [m.span() for m in self._name_pattern.finditer(text)]


def _is_phone(candidate: str) -> bool:
    """At least 7 digits and not something else made of digits (a year range, a plain decimal)."""
    digits = sum(ch.isdigit() for ch in candidate)
    if digits < 7 or digits > 15:
        return False
    stripped = candidate.strip()
    if _YEAR_RANGE.match(stripped):
        return False
    # Thousands separators (1,250,000) and decimals are numbers, not phones.
    return not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+|\d+\.\d+", stripped)
