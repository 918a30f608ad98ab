"""Plain-text transcripts: `Coach: ...`, `Name: ...`, `[00:01:02] Name: ...`, Otter, Rev, Meet docs.

Recognised line shapes (the speaker label must look like a name; see labels.py):

- `Name: text` and `[00:01:02] Name: text` / `00:01:02 - Name: text`
- Rev: `Name (00:01:02): text`, or `Name (00:01:02):` with the text on the next lines
- Otter and Teams .docx: `Name  0:01` alone on a line, the paragraph(s) below it (also
  `[Name] 0:01` and `[Name]`)
- a time alone on a line (`00:05:00`, Google Meet documents) dates the next speaker's turn

Any other line continues the current speaker's turn: wrapped lines are joined with a space,
paragraphs (separated by a blank line) with a newline. Lines before the first label are a
preamble: the first becomes the title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from coachlens.errors import UnsupportedFormatError
from coachlens.models import Role
from coachlens.transcripts.cues import Cue, ParsedTranscript
from coachlens.transcripts.labels import (
    Label,
    accepted_label_keys,
    demoted_labels_warning,
    parse_label,
    split_label,
)
from coachlens.transcripts.timecodes import CLOCK_PATTERN, parse_clock

_LEADING_TIME_RE = re.compile(
    rf"^(?:[\[(](?P<bracketed>{CLOCK_PATTERN})[\])]\s*(?:[-–—|]\s*)?|(?P<bare>{CLOCK_PATTERN})(?:\s*[-–—|]\s*|\s+))"
)
_TIME_ONLY_RE = re.compile(rf"^[\[(]?(?P<time>{CLOCK_PATTERN})[\])]?$")
_REV_RE = re.compile(
    rf"^(?P<name>[^\[\]():]{{1,80}}?)\s*[(\[](?P<time>{CLOCK_PATTERN})[)\]]\s*(?::\s*(?P<text>.*))?$"
)
_OTTER_RE = re.compile(rf"^(?P<name>[^:\[\]]{{1,80}}?)\s+(?P<time>{CLOCK_PATTERN})$")
_BRACKETED_NAME_RE = re.compile(rf"^\[(?P<name>[^:\[\]]{{1,80}})\]\s*(?P<time>{CLOCK_PATTERN})?\s*$")
_FOOTER_RE = re.compile(r"^transcribed by https?://otter\.ai\S*$", re.IGNORECASE)
# `**Maria:**` or `__Maria__:` from Markdown notes: drop the emphasis around a leading label.
_BOLD_LABEL_RE = re.compile(r"^(?P<mark>\*\*|__)(?P<label>[^*_\n]{1,80}?)(?P=mark)")
MAX_TITLE_CHARS = 120


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    label: Label | None = None
    spoken: str = ""  # the text after the label
    time_s: float | None = None
    time_only: bool = False
    shape: str = ""


@dataclass
class _Building:
    speaker: str
    start_s: float | None
    location: str
    paragraphs: list[list[str]] = field(default_factory=list)
    new_paragraph: bool = False

    def add(self, text: str) -> None:
        if not self.paragraphs or self.new_paragraph:
            self.paragraphs.append([])
            self.new_paragraph = False
        self.paragraphs[-1].append(text)

    def cue(self) -> Cue:
        text = "\n\n".join(" ".join(lines) for lines in self.paragraphs)
        return Cue(self.speaker, text, self.start_s, None, self.location)


def parse_plain_text(text: str, *, name: str) -> ParsedTranscript:
    """Cues from plain text; raise UnsupportedFormatError when no speaker label is found."""
    return parse_lines(text.split("\n"), name=name, unit="line")


def parse_lines(lines: Sequence[str], *, name: str, unit: str) -> ParsedTranscript:
    """Cues from lines of text (`unit` names them in messages: "line", "paragraph")."""
    classified = [_classify(number, line) for number, line in enumerate(lines, start=1)]
    found = [line.label for line in classified if line.label is not None]
    accepted = accepted_label_keys(found, min_strict_count=2)
    if not accepted:
        raise UnsupportedFormatError(
            f"no speaker labels found in {name}; expected lines like 'Coach: ...', 'Maria: ...' or "
            "'[00:01:02] Maria: ...' (see docs/formats.md for every accepted layout)"
        )
    cues: list[Cue] = []
    hints: dict[str, Role] = {}
    preamble: list[str] = []
    demoted: list[tuple[str, str]] = []
    shapes: set[str] = set()
    current: _Building | None = None
    pending_time: float | None = None
    for line in classified:
        if not line.text:
            if current is not None:
                current.new_paragraph = True
            continue
        if line.time_only:
            pending_time = line.time_s
            continue
        label = line.label
        if label is not None and label.key in accepted:
            if current is not None:
                cues.append(current.cue())
            start = line.time_s if line.time_s is not None else pending_time
            pending_time = None
            current = _Building(label.name, start, f"{unit} {line.number}")
            if line.spoken:
                current.add(line.spoken)
            if label.role_hint is not None:
                hints.setdefault(label.key, label.role_hint)
            shapes.add(line.shape)
            continue
        if label is not None and label.strict:
            demoted.append((label.name, f"{unit} {line.number}"))
        if current is None:
            preamble.append(line.text)
        else:
            current.add(line.text)
    if current is not None:
        cues.append(current.cue())

    warnings: list[str] = []
    if len(preamble) > 1:
        warnings.append(f"ignored {len(preamble) - 1} {unit}(s) of text before the first speaker label")
    demotion = demoted_labels_warning(demoted)
    if demotion:
        warnings.append(demotion)
    title = preamble[0][:MAX_TITLE_CHARS] if preamble else None
    return ParsedTranscript(cues, _dialect(shapes), title, warnings, hints)


def _classify(number: int, raw: str) -> _Line:
    text = _BOLD_LABEL_RE.sub(r"\g<label>", raw.strip().strip("\ufeff"))
    if not text or _FOOTER_RE.match(text):
        return _Line(number, "")
    time_only = _TIME_ONLY_RE.match(text)
    if time_only:
        return _Line(number, text, time_s=parse_clock(time_only.group("time")), time_only=True)
    time_s: float | None = None
    rest = text
    leading = _LEADING_TIME_RE.match(text)
    if leading:
        time_s = parse_clock(leading.group("bracketed") or leading.group("bare"))
        rest = text[leading.end() :]
    rev = _REV_RE.match(rest)
    if rev:
        label = parse_label(rev.group("name"))
        if label is not None:
            rev_time = parse_clock(rev.group("time"))
            spoken = (rev.group("text") or "").strip()
            return _Line(number, text, label, spoken, time_s if time_s is not None else rev_time, shape="rev")
    if leading is None:
        bracketed = _BRACKETED_NAME_RE.match(rest)
        if bracketed:
            label = parse_label(bracketed.group("name"))
            if label is not None:
                time_text = bracketed.group("time")
                return _Line(
                    number, text, label, "", parse_clock(time_text) if time_text else None, shape="otter"
                )
        otter = _OTTER_RE.match(rest)
        if otter:
            label = parse_label(otter.group("name"))
            if label is not None:
                return _Line(number, text, label, "", parse_clock(otter.group("time")), shape="otter")
    split = split_label(rest)
    if split is not None:
        shape = "timestamped" if time_s is not None else "labelled"
        return _Line(number, text, split[0], split[1], time_s, shape=shape)
    return _Line(number, text)


def _dialect(shapes: set[str]) -> str:
    for shape in ("otter", "rev", "timestamped"):
        if shape in shapes:
            return shape
    return "labelled"
