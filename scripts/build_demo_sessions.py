"""Render the hand-written demo sessions into the files bundled in `coachlens.demo_data`.

Sources live in `scripts/demo_sources/<id>.txt` (the form is described in the README there). Each is
rendered in the export style its header names, with timing that behaves like a real recording: about
150 spoken words a minute with a small per-turn variation, short gaps between turns, the marked pauses,
and marked overlaps starting before the previous speaker has finished. All variation comes from hashes
of the text, so the output is byte-for-byte reproducible.

    python scripts/build_demo_sessions.py            # rewrite src/coachlens/demo_data/*
    python scripts/build_demo_sessions.py --check    # exit 1 if the bundled files are stale
    python scripts/build_demo_sessions.py --out DIR  # render somewhere else
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coachlens.demo_data import DEMO_SESSIONS, DemoSession

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = REPO_ROOT / "scripts" / "demo_sources"
BUNDLED_DIR = REPO_ROOT / "src" / "coachlens" / "demo_data"

WORDS_PER_SECOND = 150 / 60
FIRST_TURN_START_S = 1.2
MAX_CUE_WORDS = 32
SPLIT_SENTENCE_WORDS = 40

_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
_PAUSE = re.compile(r"^\[pause\s+(\d+(?:\.\d+)?)\]$")
_TURN = re.compile(r"^([^:\[\]#]+?):\s+(\S.*)$")
# Split after sentence-ending punctuation, keeping a closing quote with its sentence.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”']))\s+")


class SourceError(ValueError):
    """A demo source file breaks the source form; the message names the file and line."""


@dataclass(frozen=True)
class SourceTurn:
    speaker: str
    text: str
    pause_before_s: float | None
    overlaps_previous: bool


@dataclass(frozen=True)
class SourceSession:
    title: str
    coach: str
    client: str
    export_format: str
    turns: tuple[SourceTurn, ...]


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    text: str


@dataclass(frozen=True)
class TimedTurn:
    speaker: str
    text: str
    start_s: float
    end_s: float
    cues: tuple[Cue, ...]


def parse_source(text: str, name: str) -> SourceSession:
    """Read one source file: `# key: value` headers, `Name: text` turns, `[pause N]`, `[overlap]`."""
    headers: dict[str, str] = {}
    turns: list[SourceTurn] = []
    pending_pause: float | None = None
    pending_overlap = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        where = f"{name}:{number}"
        if header := _HEADER.match(line):
            if turns:
                raise SourceError(f"{where}: header lines must come before the first turn")
            headers[header.group(1).lower()] = header.group(2)
        elif pause := _PAUSE.match(line):
            pending_pause = float(pause.group(1))
        elif line == "[overlap]":
            pending_overlap = True
        elif turn := _TURN.match(line):
            speaker = turn.group(1).strip()
            if turns and turns[-1].speaker == speaker:
                raise SourceError(f"{where}: {speaker} speaks twice in a row; join the lines")
            if pending_overlap and pending_pause is not None:
                raise SourceError(f"{where}: a turn cannot both follow a pause and overlap")
            turns.append(SourceTurn(speaker, turn.group(2), pending_pause, pending_overlap))
            pending_pause, pending_overlap = None, False
        else:
            raise SourceError(f"{where}: expected 'Name: text', '[pause N]' or '[overlap]'")
    missing = [key for key in ("title", "coach", "client", "format") if key not in headers]
    if missing:
        raise SourceError(f"{name}: missing header(s): {', '.join(missing)}")
    if turns and turns[0].overlaps_previous:
        raise SourceError(f"{name}: the first turn cannot overlap anything")
    speakers = {turn.speaker for turn in turns}
    if speakers != {headers["coach"], headers["client"]}:
        raise SourceError(f"{name}: speakers {sorted(speakers)} do not match the coach/client headers")
    return SourceSession(
        title=headers["title"],
        coach=headers["coach"],
        client=headers["client"],
        export_format=headers["format"],
        turns=tuple(turns),
    )


def _unit(*parts: object) -> float:
    """A reproducible number in [0, 1) derived from `parts`."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _split_long_sentence(sentence: str) -> list[str]:
    """Split a very long sentence at the comma nearest its middle, as caption tools do."""
    words = sentence.split()
    if len(words) <= SPLIT_SENTENCE_WORDS:
        return [sentence]
    comma_positions = [i for i, word in enumerate(words[:-1]) if word.endswith(",")]
    if not comma_positions:
        middle = len(words) // 2
    else:
        middle = min(comma_positions, key=lambda i: abs(i - len(words) / 2)) + 1
    first, second = " ".join(words[:middle]), " ".join(words[middle:])
    return _split_long_sentence(first) + _split_long_sentence(second)


def split_into_cue_texts(text: str) -> list[str]:
    """Group a turn's sentences into caption-sized pieces: at most two sentences and ~32 words each."""
    sentences = [
        piece for sentence in _SENTENCE_END.split(text.strip()) for piece in _split_long_sentence(sentence)
    ]
    cues: list[list[str]] = []
    for sentence in sentences:
        current = cues[-1] if cues else None
        fits = current is not None and len(current) < 2
        if current is not None and fits:
            fits = len(" ".join([*current, sentence]).split()) <= MAX_CUE_WORDS
        if current is not None and fits:
            current.append(sentence)
        else:
            cues.append([sentence])
    return [" ".join(group) for group in cues]


def time_turns(session_id: str, session: SourceSession) -> list[TimedTurn]:
    """Give every turn and cue start/end times, deterministically."""
    timed: list[TimedTurn] = []
    clock = FIRST_TURN_START_S
    for index, turn in enumerate(session.turns):
        words = len(turn.text.split())
        rate = WORDS_PER_SECOND * (0.88 + 0.24 * _unit(session_id, index, "rate", turn.text))
        duration = max(0.7, words / rate + 0.25)
        if index == 0:
            start = clock
        elif turn.overlaps_previous:
            previous_last_cue = timed[-1].cues[-1]
            room = previous_last_cue.end_s - previous_last_cue.start_s
            overlap = min(0.5 + 0.9 * _unit(session_id, index, "overlap"), room * 0.5)
            start = timed[-1].end_s - overlap
        elif turn.pause_before_s is not None:
            start = clock + turn.pause_before_s
        else:
            start = clock + 0.35 + 0.9 * _unit(session_id, index, "gap")
        cue_texts = split_into_cue_texts(turn.text)
        cues: list[Cue] = []
        cue_start = start
        for cue_text in cue_texts:
            share = len(cue_text.split()) / words
            cue_end = cue_start + duration * share
            cues.append(Cue(round(cue_start, 3), round(cue_end, 3), cue_text))
            cue_start = cue_end
        end = round(start + duration, 3)
        timed.append(TimedTurn(turn.speaker, turn.text, round(start, 3), end, tuple(cues)))
        clock = max(clock, end)
    return timed


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _otter_time(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render_zoom_vtt(session_id: str, turns: Sequence[TimedTurn]) -> str:
    """Zoom's cloud-recording transcript: numbered cues, `Name: text` inside each cue."""
    blocks = ["WEBVTT"]
    number = 0
    for turn in turns:
        for cue in turn.cues:
            number += 1
            timing = f"{_vtt_time(cue.start_s)} --> {_vtt_time(cue.end_s)}"
            blocks.append(f"{number}\n{timing}\n{turn.speaker}: {cue.text}")
    return "\n\n".join(blocks) + "\n"


def render_teams_vtt(session_id: str, turns: Sequence[TimedTurn]) -> str:
    """Microsoft Teams' transcript: `<uuid>/<turn>-<cue>` cue ids and `<v Name>` voice tags."""
    blocks = ["WEBVTT"]
    recording = uuid.UUID(bytes=hashlib.sha256(f"teams:{session_id}".encode()).digest()[:16], version=4)
    for turn_number, turn in enumerate(turns, start=1):
        for cue_number, cue in enumerate(turn.cues):
            timing = f"{_vtt_time(cue.start_s)} --> {_vtt_time(cue.end_s)}"
            cue_id = f"{recording}/{turn_number + 11}-{cue_number}"
            blocks.append(f"{cue_id}\n{timing}\n<v {turn.speaker}>{cue.text}</v>")
    return "\n\n".join(blocks) + "\n"


def render_otter_txt(session_id: str, turns: Sequence[TimedTurn]) -> str:
    """Otter.ai's text export: `Name  m:ss` on its own line, the paragraph, a blank line."""
    return "\n\n".join(f"{turn.speaker}  {_otter_time(turn.start_s)}\n{turn.text}" for turn in turns) + "\n"


RENDERERS: dict[str, tuple[str, Callable[[str, Sequence[TimedTurn]], str]]] = {
    "zoom-vtt": (".vtt", render_zoom_vtt),
    "teams-vtt": (".vtt", render_teams_vtt),
    "otter-txt": (".txt", render_otter_txt),
}


def render_demo(demo: DemoSession, sources_dir: Path = SOURCES_DIR) -> str:
    """Render one registry entry from its source file and check the two agree."""
    source_path = sources_dir / f"{demo.id}.txt"
    session = parse_source(source_path.read_text(encoding="utf-8"), source_path.name)
    if (session.title, session.coach, session.client) != (demo.title, demo.coach_name, demo.client_name):
        raise SourceError(f"{source_path.name}: title/coach/client headers differ from the registry")
    if session.export_format not in RENDERERS:
        raise SourceError(f"{source_path.name}: unknown format {session.export_format!r}")
    suffix, renderer = RENDERERS[session.export_format]
    if not demo.filename.endswith(suffix):
        raise SourceError(f"{source_path.name}: format {session.export_format} needs a {suffix} file")
    return renderer(demo.id, time_turns(demo.id, session))


def render_all(out_dir: Path, sources_dir: Path = SOURCES_DIR) -> list[Path]:
    """Render every registered demo into `out_dir`; return the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for demo in DEMO_SESSIONS:
        path = out_dir / demo.filename
        path.write_text(render_demo(demo, sources_dir), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def stale_files(bundled_dir: Path = BUNDLED_DIR, sources_dir: Path = SOURCES_DIR) -> list[str]:
    """Names of bundled files that differ from a fresh render (empty when all are current)."""
    stale = []
    for demo in DEMO_SESSIONS:
        bundled = bundled_dir / demo.filename
        current = bundled.read_text(encoding="utf-8") if bundled.is_file() else None
        if current != render_demo(demo, sources_dir):
            stale.append(demo.filename)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUNDLED_DIR, help="directory to write into")
    parser.add_argument("--check", action="store_true", help="only report bundled files that are stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_files()
            for name in stale:
                print(f"stale: {name} (run scripts/build_demo_sessions.py)", file=sys.stderr)
            return 1 if stale else 0
        for path in render_all(args.out):
            print(path)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
