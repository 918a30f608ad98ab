"""Validate role inference (who is the coach) on labelled conversations with the names hidden.

Usage: `.venv/bin/python benchmarks/validate_roles.py` -> `benchmarks/out/roles.json` and a
Markdown table (figures in docs/validation.md).

Each AnnoMI transcript and physical-activity dialogue is re-labelled with neutral speaker names
("Speaker A" / "Speaker B", in order of first appearance, so the coach is A about half the time
only if the data says so) and `coachlens.transcripts.roles.decide_roles` guesses the coach with no
labels to go on. Reported: accuracy, how often the guess is flagged as uncertain (confidence below
`LOW_CONFIDENCE`, which makes the CLI and the web ask the user to confirm), and the accuracy of the
confident guesses alone, which is what a user who does not confirm gets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from acts_data import LabelledSession, load_annomi, load_pac  # noqa: E402

from coachlens.models import Turn  # noqa: E402
from coachlens.transcripts.labels import speaker_key  # noqa: E402
from coachlens.transcripts.roles import LOW_CONFIDENCE, decide_roles  # noqa: E402

OUT = REPO / "benchmarks" / "out" / "roles.json"


def hidden_names(labelled: LabelledSession) -> tuple[list[Turn], str]:
    """The session's turns with neutral speaker names, and the neutral name of the coach."""
    names: dict[str, str] = {}
    turns = []
    coach = ""
    for turn in labelled.session.turns:
        name = names.setdefault(turn.speaker, f"Speaker {chr(ord('A') + len(names))}")
        if turn.role == "coach":
            coach = name
        turns.append(Turn(turn.index, name, "unknown", turn.start_s, turn.end_s, turn.text))
    return turns, coach


def check(sessions: list[LabelledSession]) -> dict[str, Any]:
    right = flagged = confident = confident_right = coach_first = 0
    for labelled in sessions:
        turns, coach = hidden_names(labelled)
        decision = decide_roles(turns, {})
        guessed = next(k for k, role in decision.roles.items() if role == "coach")
        correct = guessed == speaker_key(coach)
        right += correct
        coach_first += coach == "Speaker A"
        if decision.confidence is not None and decision.confidence < LOW_CONFIDENCE:
            flagged += 1
        else:
            confident += 1
            confident_right += correct
    n = len(sessions)
    return {
        "sessions": n,
        "accuracy": round(right / n, 3),
        "flagged_uncertain": flagged,
        "confident": confident,
        "accuracy_when_confident": round(confident_right / confident, 3) if confident else None,
        "coach_speaks_first": coach_first,
    }


def main() -> int:
    results = {"annomi": check(load_annomi()), "pac": check(load_pac())}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("| corpus | sessions | accuracy | flagged uncertain | accuracy when confident | coach first |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['sessions']} | {r['accuracy']} | {r['flagged_uncertain']} | "
            f"{r['accuracy_when_confident']} | {r['coach_speaks_first']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
