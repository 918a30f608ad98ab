"""Speaker attribution inside subtitle cues, shared by the WebVTT and SRT readers.

A cue names its speaker with a voice tag (`<v Maria Lopez>`, Teams), a `Name:` prefix (Zoom, Meet,
most subtitle editors), or not at all. A cue may hold several speakers, one per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlens.models import Role
from coachlens.transcripts.cues import Cue, clean_text, strip_markup
from coachlens.transcripts.labels import (
    Label,
    accepted_label_keys,
    demoted_labels_warning,
    parse_label,
    role_from_name,
    split_label,
)

# Below this share of cues with a `Name:` prefix, a file is unlabelled captions with the odd colon,
# and a label must recur this often to count.
MOSTLY_LABELLED_SHARE = 0.3
UNLABELLED_FILE_MIN_COUNT = 3
# Bounded repetitions keep the scan linear on hostile input such as "<v <v <v ..." without a ">".
_VOICE_RE = re.compile(r"<v(?:\.[^\s>.<]{1,40}){0,8}(?:[ \t]+([^>\n<]{0,120}))?>")


@dataclass(frozen=True)
class Piece:
    """Text spoken by one (possibly unnamed) speaker within one cue."""

    label: Label | None
    text: str
    raw: str  # the text including its label, used when the label turns out not to be a speaker
    structural: bool = False  # a voice tag names a speaker for certain; a `Name:` prefix may be prose
    mid_cue: bool = False  # the label starts a later line of the cue, not its first line


@dataclass(frozen=True)
class TimedPiece:
    piece: Piece
    start_s: float | None
    end_s: float | None
    location: str


def pieces_from_cue_text(raw_text: str) -> list[Piece]:
    """Split one cue's text (tags included) into pieces by voice tag or `Name:` line prefix."""
    if "<v" in raw_text:
        voices = list(_VOICE_RE.finditer(raw_text))
        if voices:
            return _pieces_from_voices(raw_text, voices)
    pieces: list[Piece] = []
    label: Label | None = None
    lines: list[str] = []
    raw_lines: list[str] = []
    mid_cue = False
    for number, line in enumerate(strip_markup(raw_text).split("\n")):
        stripped = line.strip()
        found = split_label(stripped) if stripped else None
        if found is not None:
            if lines or raw_lines:
                pieces.append(
                    Piece(
                        label, clean_text(" ".join(lines)), clean_text(" ".join(raw_lines)), mid_cue=mid_cue
                    )
                )
            label, lines, raw_lines, mid_cue = found[0], [found[1]], [stripped], number > 0
        else:
            lines.append(stripped)
            raw_lines.append(stripped)
    if lines or raw_lines:
        pieces.append(
            Piece(label, clean_text(" ".join(lines)), clean_text(" ".join(raw_lines)), mid_cue=mid_cue)
        )
    return pieces


def _pieces_from_voices(raw_text: str, voices: list[re.Match[str]]) -> list[Piece]:
    pieces: list[Piece] = []
    before = clean_text(strip_markup(raw_text[: voices[0].start()]).replace("\n", " "))
    if before:
        pieces.append(Piece(None, before, before))
    for number, voice in enumerate(voices):
        end = voices[number + 1].start() if number + 1 < len(voices) else len(raw_text)
        text = clean_text(strip_markup(raw_text[voice.end() : end]).replace("\n", " "))
        name = " ".join((voice.group(1) or "").split())
        label = (parse_label(name) or Label(name, role_from_name(name), True)) if name else None
        pieces.append(Piece(label, text, text, structural=label is not None))
    return pieces


def resolve_pieces(timed: list[TimedPiece]) -> tuple[list[Cue], dict[str, Role], list[str]]:
    """Cues with believed speaker labels, the roles labels state, and warnings about doubtful labels."""
    candidates = [t.piece for t in timed if t.piece.label is not None and not t.piece.structural]
    labelled_share = len(candidates) / max(1, len(timed))
    if labelled_share >= MOSTLY_LABELLED_SHARE:
        # A labelled file: every cue names its speaker, so a name used once (a late guest) is kept.
        accepted = accepted_label_keys((p.label for p in candidates if p.label), min_strict_count=1)
    else:
        # Mostly unlabelled captions: the odd "Look: ..." line is speech, not a new speaker.
        accepted = accepted_label_keys(
            (p.label for p in candidates if p.label),
            min_strict_count=UNLABELLED_FILE_MIN_COUNT,
            lenient_when_short=False,
        )
    # A label on a later line of a cue must also start some cue: "So: ..." mid-cue is speech.
    cue_openers = {p.label.key for p in candidates if p.label and not p.mid_cue}
    accepted = {key for key in accepted if key in cue_openers} | {
        p.label.key for p in candidates if p.label and p.label.role_hint is not None
    }
    cues: list[Cue] = []
    hints: dict[str, Role] = {}
    demoted: list[tuple[str, str]] = []
    for item in timed:
        piece = item.piece
        label = piece.label
        if label is not None and (piece.structural or label.key in accepted):
            cues.append(Cue(label.name, piece.text, item.start_s, item.end_s, item.location))
            if label.role_hint is not None:
                hints.setdefault(label.key, label.role_hint)
        else:
            if label is not None and label.strict:
                demoted.append((label.name, item.location))
            cues.append(
                Cue(
                    None,
                    piece.raw if label is not None else piece.text,
                    item.start_s,
                    item.end_s,
                    item.location,
                )
            )
    warning = demoted_labels_warning(demoted)
    return cues, hints, [warning] if warning else []
