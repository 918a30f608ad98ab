"""How fast is `coachlens.transcripts.parse` on a long session?

Generates a 90-minute Zoom-style WebVTT transcript (about 13,000 words in about 1,100 cues, two
speakers) in a temporary folder, plus the same conversation as SRT and as Otter-style text, and
times `parse` on each over several runs. The text is generated from a fixed seed, so every run
measures the same input.

    .venv/bin/python benchmarks/bench_parse.py [--runs 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from coachlens.config import Settings
from coachlens.transcripts import parse
from coachlens.transcripts.timecodes import format_clock

SESSION_SECONDS = 90 * 60
CUE_COUNT = 1_100
WORDS_TARGET = 13_000
COACH, CLIENT = "Priya Raman", "Daniel Okafor"

_COACH_LINES = [
    "What would you like to focus on today?",
    "What makes that important to you right now?",
    "So the real cost is not the hours, it is the feeling of letting your team down.",
    "What do you notice as you say that?",
    "How will you know you have made progress?",
    "What else?",
    "You sound lighter as you describe it.",
    "What would you do if you trusted yourself completely here?",
    "Where does that belief come from?",
    "What is one step you could take before we meet again?",
]
_CLIENT_LINES = [
    "I keep saying yes to every request and then I work late to catch up.",
    "Honestly I think I am afraid that they will stop relying on me if I push back.",
    "My manager asked me again on Monday and I agreed before I had even thought about it.",
    "It feels heavy, like carrying something that is not mine.",
    "I would like to walk into the stand-up without that knot in my stomach.",
    "Maybe the first thing is to say what I can realistically deliver this week.",
    "I have done this before, in my last role, and it went better than I feared.",
    "When I say it out loud it sounds simpler than it feels in my head.",
]


def build_cues(seed: int = 7) -> list[tuple[str, float, float, str]]:
    """(speaker, start, end, text) for a plausible 90-minute session of about 13,000 words."""
    rng = random.Random(seed)
    cue_seconds = SESSION_SECONDS / CUE_COUNT
    words_per_cue = WORDS_TARGET / CUE_COUNT
    cues: list[tuple[str, float, float, str]] = []
    speaker = COACH
    for number in range(CUE_COUNT):
        start = number * cue_seconds + rng.uniform(0, 0.3)
        end = start + cue_seconds * rng.uniform(0.7, 0.95)
        pool = _COACH_LINES if speaker == COACH else _CLIENT_LINES
        wanted = max(2, round(words_per_cue * rng.uniform(0.6, 1.4)))
        words: list[str] = []
        while len(words) < wanted:
            words.extend(rng.choice(pool).split())
        cues.append((speaker, start, end, " ".join(words[:wanted])))
        # Clients run on for a few cues; coaches usually hand back after one.
        if rng.random() < (0.8 if speaker == COACH else 0.45):
            speaker = CLIENT if speaker == COACH else COACH
    return cues


def as_vtt(cues: list[tuple[str, float, float, str]]) -> str:
    blocks = ["WEBVTT"]
    for number, (speaker, start, end, text) in enumerate(cues, start=1):
        blocks.append(f"{number}\n{_vtt_time(start)} --> {_vtt_time(end)}\n{speaker}: {text}")
    return "\n\n".join(blocks) + "\n"


def as_srt(cues: list[tuple[str, float, float, str]]) -> str:
    blocks = []
    for number, (speaker, start, end, text) in enumerate(cues, start=1):
        timing = f"{_vtt_time(start).replace('.', ',')} --> {_vtt_time(end).replace('.', ',')}"
        blocks.append(f"{number}\n{timing}\n{speaker}: {text}")
    return "\n\n".join(blocks) + "\n"


def as_otter(cues: list[tuple[str, float, float, str]]) -> str:
    paragraphs = []
    for speaker, start, _end, text in cues:
        minutes, seconds = divmod(int(start), 60)
        paragraphs.append(f"{speaker}  {minutes}:{seconds:02d}\n{text}")
    return "\n\n".join(paragraphs) + "\n"


def _vtt_time(seconds: float) -> str:
    clock = format_clock(round(seconds, 3))
    return clock if "." in clock else clock + ".000"


def time_runs(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds per run. CPU time is steadier on a machine shared with other jobs."""
    action()  # warm-up: imports, regex compilation, caches
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per file (after one warm-up)")
    args = parser.parse_args()
    cues = build_cues()
    words = sum(len(text.split()) for _s, _b, _e, text in cues)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder) / "data")
        files = {
            "zoom.vtt": as_vtt(cues),
            "subtitles.srt": as_srt(cues),
            "otter.txt": as_otter(cues),
        }
        print(f"generated session: {len(cues)} cues, {words} words, {SESSION_SECONDS // 60} minutes")
        for name, text in files.items():
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            session = parse(path, settings=settings)
            wall, cpu = time_runs(lambda path=path: parse(path, settings=settings), args.runs)
            print(
                f"{name:14s} {path.stat().st_size / 1000:6.1f} KB -> {len(session.turns):4d} turns | "
                f"wall median {statistics.median(wall) * 1000:6.1f} ms, best {min(wall) * 1000:6.1f} ms, "
                f"worst {max(wall) * 1000:6.1f} ms | CPU median {statistics.median(cpu) * 1000:6.1f} ms "
                f"({args.runs} runs)"
            )


if __name__ == "__main__":
    main()
