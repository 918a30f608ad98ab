"""How far AnnoMI's own annotators agree on open vs closed: the human yardstick for the engine's figure.

AnnoMI had a few utterances labelled by up to ten annotators. For each annotator's question subtype
on those utterances, compare it with the majority of the *other* annotators (ties left out): that is
how often one expert matches the rest (and, per pair of annotators, how often two agree), the most a single labeller can be expected to reach against a
gold label made the same way. Also reported: each annotator's share of "open" across all the
questions they labelled, which shows one annotator who almost never chose "closed".
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from acts_data import ANNOMI_CSV

_NO_SUBTYPE = ("", "n/a")


def annotator_agreement(path: Path = ANNOMI_CSV) -> dict[str, Any]:
    subtypes: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    open_share: Counter[tuple[str, str]] = Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            subtype = row["question_subtype"]
            if row["interlocutor"] != "therapist" or subtype in _NO_SUBTYPE:
                continue
            subtypes[(row["transcript_id"], row["utterance_id"])].append((row["annotator_id"], subtype))
            open_share[(row["annotator_id"], subtype)] += 1
    agree: Counter[tuple[str, bool]] = Counter()
    shared = [labels for labels in subtypes.values() if len(labels) >= 3]
    for labels in shared:
        for index, (annotator, subtype) in enumerate(labels):
            others = Counter(s for i, (_, s) in enumerate(labels) if i != index)
            if others["open"] == others["closed"]:
                continue
            agree[(annotator, subtype == others.most_common(1)[0][0])] += 1
    pairs = [a[1] == b[1] for labels in shared for i, a in enumerate(labels) for b in labels[i + 1 :]]
    annotators = sorted({a for a, _ in open_share}, key=int)
    per_annotator = {
        a: {
            "questions_labelled": open_share[(a, "open")] + open_share[(a, "closed")],
            "share_open": round(
                open_share[(a, "open")] / (open_share[(a, "open")] + open_share[(a, "closed")]), 3
            ),
            "agrees_with_others_majority": _rate(agree[(a, True)], agree[(a, False)]),
        }
        for a in annotators
    }
    everyone = (
        sum(n for (_, ok), n in agree.items() if ok),
        sum(n for (_, ok), n in agree.items() if not ok),
    )
    without_3 = (agree[("3", False)], agree[("3", True)])
    return {
        "shared_question_utterances": len(shared),
        "judgements": sum(everyone),
        "one_annotator_vs_others_majority": _rate(*everyone),
        "two_annotators_agree": _rate(sum(pairs), len(pairs) - sum(pairs)),
        "same_without_annotator_3": _rate(everyone[0] - without_3[1], everyone[1] - without_3[0]),
        "per_annotator": per_annotator,
    }


def _rate(right: int, wrong: int) -> float | None:
    return round(right / (right + wrong), 3) if right + wrong else None
