"""How well do the LLM layer's offline checks work? No model needed: the figures in docs/llm.md.

1. Practice voice, false alarms: every written line of every persona, checked as if the model had
   said it for its own move at its own layer. An in-role line should pass.
2. Practice voice, disclosure caught: every line of layer k (k >= 2) checked as if said while only
   layers below k are open. Leave-one-out: the line's own words do not count as "hidden", so this
   measures catching a paraphrase, not a copy.
3. Practice voice, disclosure false alarms: other personas' surface lines checked against a persona
   at its first layer (new words a model might bring in).
4. Name detector: names found in the AnnoMI transcripts (../shared/eval-data), for reading by eye.

    .venv/bin/python benchmarks/bench_llm_checks.py
"""

from __future__ import annotations

import collections
import csv
from pathlib import Path

from coachlens.llm import practice_voice as pv
from coachlens.llm.names import detect_names
from coachlens.practice import Persona, VoiceRequest, load_personas
from coachlens.practice import text as tx
from coachlens.practice.moves import Move

ANNOMI = Path(__file__).resolve().parents[1].parent / "shared" / "eval-data" / "annomi" / "AnnoMI-simple.csv"
COACH = "What comes to mind?"
GENERAL_MOVES: dict[str, Move] = {
    "advice_reply": "advice_reply",
    "stacked_reply": "stacked_reply",
    "push_back": "push_back",
    "ask_advice": "ask_advice",
    "quiet": "quiet",
    "close_warm": "close",
    "close_cool": "close",
    "short": "short_answer",
    "deflect": "deflect",
    "permission_yes": "permit",
    "drift": "drift",
}
LAYER_MOVES: dict[str, Move] = {
    "disclose": "disclose",
    "answer": "answer",
    "elaborate": "elaborate",
    "short": "short_answer",
    "deflect": "deflect",
    "insight": "insight",
    "plan": "plan",
}


def _request(persona: Persona, move: Move, layer: int) -> VoiceRequest:
    return VoiceRequest(
        persona, move, layer, 50.0, COACH, ("question.open",), (("coach", COACH),), frozenset(), 1
    )


def in_role_false_alarms(personas: list[Persona]) -> tuple[int, collections.Counter[str]]:
    total, reasons = 0, collections.Counter[str]()
    for persona in personas:
        items: list[tuple[Move, int, str]] = [("open", 1, line) for line in persona.opening]
        for name, move in GENERAL_MOVES.items():
            items += [(move, 1, line) for line in getattr(persona.lines, name)]
        for number, layer in enumerate(persona.layers, start=1):
            for name, move in LAYER_MOVES.items():
                items += [(move, number, line) for line in getattr(layer.lines, name)]
        for move, number, line in items:
            total += 1
            problem = pv.check_client_reply(line, _request(persona, move, number))
            if problem:
                reasons[problem.split(":")[0]] += 1
    return total, reasons


def disclosure_caught(personas: list[Persona]) -> tuple[int, int]:
    total = caught = 0
    for persona in personas:
        for deeper in range(2, len(persona.layers) + 1):
            lines = persona.layers[deeper - 1].lines
            for line in (*lines.disclose, *lines.insight, *lines.answer, *lines.elaborate):
                total += 1
                caught += _leaks_leave_one_out(persona, deeper - 1, line)
    return total, caught


def _leaks_leave_one_out(persona: Persona, open_layers: int, line: str) -> bool:
    hidden_texts: list[str] = []
    for layer in persona.layers[open_layers:]:
        own = layer.lines
        others = [x for x in (*own.disclose, *own.insight, *own.answer, *own.elaborate) if x != line]
        hidden_texts += [layer.title, layer.summary, *others]
    visible = [persona.presenting_topic, persona.session_want, persona.brief, *persona.opening, COACH]
    visible += [v for values in persona.lines.model_dump().values() for v in values]
    for layer in persona.layers[:open_layers]:
        visible += [layer.title, layer.summary, *(v for vs in layer.lines.model_dump().values() for v in vs)]
    hidden = tx.content_stems(" ".join(hidden_texts)) - tx.content_stems(" ".join(visible))
    said = tx.content_stems(line)
    leaked = said & hidden
    return len(leaked) >= pv.LEAK_MIN_STEMS and len(leaked) >= pv.LEAK_MIN_SHARE * max(1, len(said))


def cross_persona_false_alarms(personas: list[Persona]) -> tuple[int, int]:
    total = flagged = 0
    for persona in personas:
        for other in personas:
            if other is persona:
                continue
            for line in (*other.layers[0].lines.answer, *other.layers[0].lines.elaborate):
                total += 1
                problem = pv.check_client_reply(line, _request(persona, "answer", 1))
                flagged += bool(problem and problem.startswith("disclosure"))
    return total, flagged


def annomi_names() -> collections.Counter[str] | None:
    if not ANNOMI.exists():
        return None
    by_transcript: dict[str, list[str]] = collections.defaultdict(list)
    with ANNOMI.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_transcript[row["transcript_id"]].append(row["utterance_text"])
    found = collections.Counter[str]()
    for texts in by_transcript.values():
        found.update(detect_names(texts))
    return found


def main() -> None:
    loaded = load_personas()
    personas = list(loaded.values()) if isinstance(loaded, dict) else list(loaded)
    total, reasons = in_role_false_alarms(personas)
    print(f"in-role persona lines rejected: {sum(reasons.values())} of {total} {dict(reasons)}")
    total, caught = disclosure_caught(personas)
    print(
        f"deeper-layer lines caught one layer early (leave-one-out): {caught} of {total} ({caught / total:.0%})"
    )
    total, flagged = cross_persona_false_alarms(personas)
    print(
        f"other personas' surface lines flagged as disclosure: {flagged} of {total} ({flagged / total:.0%})"
    )
    names = annomi_names()
    if names is None:
        print("AnnoMI not found beside the repo; skipping the name detector listing")
    else:
        print(f"AnnoMI: {len(names)} distinct name forms; most frequent: {names.most_common(25)}")


if __name__ == "__main__":
    main()
