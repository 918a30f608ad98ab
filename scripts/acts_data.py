"""Readers for the act-classifier training and validation data (never copied into the repo).

- AnnoMI (`../shared/eval-data/annomi/AnnoMI-full.csv`): MI transcripts with utterance labels.
  Some utterances were labelled by several annotators; `load_annomi` takes a majority vote per
  (transcript_id, utterance_id): a yes/no label is positive when at least half the annotators
  said yes, a subtype is the most frequent among the annotators who gave one (ties: alphabetical).
- Physical-activity counselling dialogues (`pac_simulated_dialogs.csv`, Apache-2.0): strategy tags.
- EPITOME Reddit dev half: evaluation only, never training.
- The framework's marker exemplars and the project's own act lines (`act_exemplars.yaml`).

Each corpus becomes CoachingSession objects (therapist/counsellor -> coach, client/participant ->
client) so training and validation see exactly what the engine sees at run time.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coachlens.models import CoachingSession, Turn

REPO = Path(__file__).resolve().parents[1]
EVAL_DATA = REPO.parent / "shared" / "eval-data"
ANNOMI_CSV = EVAL_DATA / "annomi" / "AnnoMI-full.csv"
PAC_CSV = EVAL_DATA / "physical-activity-counseling" / "pac_simulated_dialogs.csv"
EPITOME_DIR = EVAL_DATA / "epitome-reddit"
OWN_EXEMPLARS = Path(__file__).resolve().parent / "act_exemplars.yaml"

_SOURCE_COMMIT = re.compile(r"Commit(?: copied)?:\s*`([0-9a-f]{40})`")


@dataclass(frozen=True)
class LabelledSession:
    """A session plus gold labels per coach turn index (label name -> value)."""

    id: str
    source: str
    session: CoachingSession
    labels: dict[int, dict[str, Any]]
    meta: dict[str, str] = field(default_factory=dict)


def _clock(value: str) -> float | None:
    parts = value.strip().split(":")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return None
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


def _vote(rows: list[dict[str, str]], exists: str, subtype: str | None = None) -> tuple[bool, str | None]:
    yes = [r for r in rows if r.get(exists) == "True"]
    positive = 2 * len(yes) >= len(rows) and bool(yes)
    if not positive or subtype is None:
        return positive, None
    counts = Counter(r[subtype] for r in yes if r.get(subtype) not in (None, "", "n/a"))
    if not counts:
        return positive, None
    best = max(counts.values())
    return positive, sorted(k for k, v in counts.items() if v == best)[0]


def load_annomi(path: Path = ANNOMI_CSV) -> list[LabelledSession]:
    """AnnoMI transcripts as labelled sessions (labels on therapist turns only)."""
    by_utterance: dict[tuple[str, int], list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_utterance[(row["transcript_id"], int(row["utterance_id"]))].append(row)
    transcripts: dict[str, list[tuple[int, list[dict[str, str]]]]] = defaultdict(list)
    for (transcript, utterance), rows in by_utterance.items():
        transcripts[transcript].append((utterance, rows))
    sessions = []
    for transcript, utterances in sorted(transcripts.items(), key=lambda kv: int(kv[0])):
        utterances.sort()
        turns: list[Turn] = []
        labels: dict[int, dict[str, Any]] = {}
        for index, (_, rows) in enumerate(utterances):
            first = rows[0]
            role = "coach" if first["interlocutor"] == "therapist" else "client"
            start = _clock(first["timestamp"])
            turns.append(Turn(index, first["interlocutor"], role, start, None, first["utterance_text"]))
            if role == "coach":
                labels[index] = _annomi_labels(rows)
        first_row = utterances[0][1][0]
        session = CoachingSession(
            title=f"AnnoMI {transcript}", source_format="annomi", turns=_with_end_times(turns)
        )
        meta = {"mi_quality": first_row["mi_quality"], "topic": first_row["topic"]}
        sessions.append(LabelledSession(transcript, "annomi", session, labels, meta))
    return sessions


def _annomi_labels(rows: list[dict[str, str]]) -> dict[str, Any]:
    question, question_subtype = _vote(rows, "question_exists", "question_subtype")
    reflection, reflection_subtype = _vote(rows, "reflection_exists", "reflection_subtype")
    therapist_input, input_subtype = _vote(rows, "therapist_input_exists", "therapist_input_subtype")
    main = Counter(r["main_therapist_behaviour"] for r in rows)
    best = max(main.values())
    return {
        "question": question,
        "question_subtype": question_subtype,
        "reflection": reflection,
        "reflection_subtype": reflection_subtype,
        "advice": therapist_input and input_subtype == "advice",
        "information": therapist_input and input_subtype == "information",
        "therapist_input_subtype": input_subtype,
        "main": sorted(k for k, v in main.items() if v == best)[0],
        "annotators": sorted({r["annotator_id"] for r in rows}),
    }


def _with_end_times(turns: list[Turn]) -> tuple[Turn, ...]:
    """End each turn where the next one starts (AnnoMI has start times only)."""
    out = []
    for i, turn in enumerate(turns):
        following = turns[i + 1].start_s if i + 1 < len(turns) else None
        end = (
            following
            if following is not None and turn.start_s is not None and following >= turn.start_s
            else None
        )
        out.append(Turn(turn.index, turn.speaker, turn.role, turn.start_s, end, turn.text))
    return tuple(out)


PAC_TASK_TAGS = ("Ask-Opinion", "Ask-PerInfo", "Give-GenInfo", "Give-Opinion", "Orient")


def load_pac(path: Path = PAC_CSV) -> list[LabelledSession]:
    """The physical-activity counselling dialogues; labels are the counsellor turns' tags."""
    dialogs: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            dialogs[row["dialog_id"]].append(row)
    sessions = []
    for dialog_id, rows in dialogs.items():
        rows.sort(key=lambda r: int(r["utt_idx"]))
        if any(r["role"] == "unknown" for r in rows):
            continue  # roles unknown in this dialogue (see SOURCE.md)
        turns, labels = [], {}
        for index, row in enumerate(rows):
            role = "coach" if row["role"] == "counselor" else "client"
            turns.append(Turn(index, row["role"], role, None, None, row["utterance"]))
            if role == "coach":
                tags = {row[k] for k in ("social_exchange", "task_focused") if row[k]}
                labels[index] = {
                    "tags": sorted(tags),
                    "question": bool(tags & {"Ask-Opinion", "Ask-PerInfo", "Check-Understanding"}),
                    "information": "Give-GenInfo" in tags,
                    "affirm": "Approve/Encourage" in tags,
                }
        session = CoachingSession(title=f"PAC {dialog_id}", source_format="pac", turns=tuple(turns))
        sessions.append(LabelledSession(dialog_id, "pac", session, labels))
    return sessions


@dataclass(frozen=True)
class EpitomePair:
    seeker: str
    response: str
    level: int


def load_epitome(mechanism: str, root: Path = EPITOME_DIR) -> list[EpitomePair]:
    """EPITOME rows for one mechanism (emotional-reactions, explorations, interpretations).
    Evaluation only: the license does not allow training on it."""
    with (root / f"{mechanism}-reddit.csv").open(encoding="utf-8", newline="") as handle:
        return [
            EpitomePair(r["seeker_post"], r["response_post"], int(r["level"])) for r in csv.DictReader(handle)
        ]


def epitome_session(pair: EpitomePair) -> CoachingSession:
    """The seeker's post as a client turn followed by the response as a coach turn."""
    turns = (
        Turn(0, "seeker", "client", None, None, pair.seeker),
        Turn(1, "responder", "coach", None, None, pair.response),
    )
    return CoachingSession(title="EPITOME pair", source_format="epitome", turns=turns)


def exemplar_lines() -> list[tuple[str, str]]:
    """(line, act) pairs from the project's own act lines (`act_exemplars.yaml`); the framework's
    marker exemplars are read by `acts_rows.exemplar_rows`."""
    lines: list[tuple[str, str]] = []
    data = yaml.safe_load(OWN_EXEMPLARS.read_text(encoding="utf-8")) if OWN_EXEMPLARS.is_file() else {}
    for act, texts in (data or {}).items():
        lines.extend((text, act) for text in texts)
    return lines


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_commit(folder: Path) -> str | None:
    """The upstream commit recorded in a data folder's SOURCE.md."""
    source = folder / "SOURCE.md"
    if not source.is_file():
        return None
    match = _SOURCE_COMMIT.search(source.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def data_versions(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """Hash, size and upstream commit of every data file used, for the weights' metadata."""
    versions = {}
    for path in paths:
        if path.is_file():
            versions[
                str(path.relative_to(EVAL_DATA.parent)) if EVAL_DATA.parent in path.parents else path.name
            ] = {
                "sha256": file_sha256(path),
                "bytes": path.stat().st_size,
                "source_commit": source_commit(path.parent),
            }
    return versions
