"""How fast and how accurate is local transcription of a coaching recording on this machine?

espeak-ng speaks a generated coach/client conversation of a few minutes (fixed seed: the same
script every run) with known pauses of 3.5 s and known overlaps of 0.8 s. The conversation is
written as a mixed mono WAV, as two per-speaker M4A files (Zoom style) and as a stereo WAV, and
each is transcribed with `coachlens.audio.ingest.transcribe_recording`. Reported per layout:
wall time, real-time factor (processing time / audio time, model load excluded), word error
rate, speaker accuracy per word, and how many of the known pauses and overlaps were found.

    .venv/bin/python benchmarks/bench_audio.py [--minutes 3] [--beam 1] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from audio_synth import Dialogue, build_dialogue, write_encoded, write_wav
from coachlens.audio.ingest import RecordingTranscript, transcribe_recording
from coachlens.audio.transcribe import Transcriber
from coachlens.config import Settings

COACH_LINES = (
    "What would you like to focus on today?",
    "What makes that important to you right now?",
    "What do you notice as you say that?",
    "How will you know you have made progress?",
    "What else is there?",
    "Where does that belief come from?",
    "What is one step you could take before we meet again?",
    "So the cost is not the hours, it is the feeling of letting people down.",
)
CLIENT_LINES = (
    "I keep agreeing to every request and then I stay late to catch up.",
    "I think I am afraid they will stop relying on me if I push back.",
    "My manager asked me again on Monday and I agreed before I had thought about it.",
    "It feels heavy, like carrying something that is not mine.",
    "I would like to walk into the morning meeting without that knot in my stomach.",
    "Maybe the first thing is to say what I can really deliver this week.",
    "When I say it out loud it sounds simpler than it feels.",
)
PAUSE_S = 3.5
OVERLAP_S = -0.8
WORDS_PER_SECOND = 3.2  # what espeak-ng at "-s 150" comes to on these short lines


def build_script(minutes: float, seed: int = 11) -> list[tuple[str, str, float]]:
    """Alternating coach/client lines; every fifth gap is a long pause, every seventh an overlap."""
    rng = random.Random(seed)
    script: list[tuple[str, str, float]] = []
    spoken = 0.0
    index = 0
    # Each speaker goes through all their lines before repeating one, as people rarely repeat themselves.
    decks: dict[str, list[str]] = {"coach": [], "client": []}
    while spoken < minutes * 60:
        role = "coach" if index % 2 == 0 else "client"
        if not decks[role]:
            decks[role] = list(COACH_LINES if role == "coach" else CLIENT_LINES)
            rng.shuffle(decks[role])
        text = decks[role].pop()
        if index % 5 == 4:
            gap = PAUSE_S
        elif index % 7 == 6 and role == "client":
            gap = OVERLAP_S
        else:
            gap = round(rng.uniform(0.6, 1.4), 2)
        script.append((role, text, gap))
        spoken += len(text.split()) / WORDS_PER_SECOND + max(gap, 0.0)
        index += 1
    return script


def normalised(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]", " ", text.lower()).split()


def word_error_rate(reference: str, hypothesis: str) -> float:
    import jiwer

    return float(jiwer.wer(" ".join(normalised(reference)), " ".join(normalised(hypothesis))))


def evaluate(result: RecordingTranscript, dialogue: Dialogue, coach_speaker: str) -> dict[str, float]:
    session = result.session
    said = " ".join(turn.text for turn in session.turns)
    right = 0
    for word in result.words:
        truth = dialogue.role_at((word.start_s + word.end_s) / 2)
        guess = "coach" if word.speaker == coach_speaker else "client"
        right += guess in truth
    lines = dialogue.lines
    known_pauses = [
        lines[i].end_s for i in range(len(lines) - 1) if lines[i + 1].start_s - lines[i].end_s >= 3.0
    ]
    known_overlaps = [
        lines[i + 1].start_s for i in range(len(lines) - 1) if lines[i + 1].start_s < lines[i].end_s
    ]
    found_pauses = sum(any(abs(p.start_s - at) <= 0.3 for p in result.timing.pauses) for at in known_pauses)
    found_overlaps = sum(
        any(abs(o.start_s - at) <= 0.3 for o in result.timing.overlaps) for at in known_overlaps
    )
    return {
        "wer": word_error_rate(dialogue.reference_text, said),
        "speaker_accuracy": right / max(1, len(result.words)),
        "pauses_found": found_pauses,
        "pauses_known": len(known_pauses),
        "pauses_reported": len(result.timing.pauses),
        "overlaps_found": found_overlaps,
        "overlaps_known": len(known_overlaps),
        "overlaps_reported": len(result.timing.overlaps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--beam", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--layouts", default="mixed,files,stereo")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        settings = Settings(
            data_dir=folder / "data", whisper_beam_size=args.beam, whisper_cpu_threads=args.threads
        )
        started = time.perf_counter()
        dialogue = build_dialogue(build_script(args.minutes))
        print(
            f"spoke {dialogue.duration_s / 60:.1f} min in {time.perf_counter() - started:.1f} s (espeak-ng)"
        )
        write_wav(folder / "mixed.wav", dialogue.track(None))
        write_encoded(folder / "audioCoachAnna1.m4a", dialogue.track("coach"))
        write_encoded(folder / "audioClientBen2.m4a", dialogue.track("client"))
        write_wav(folder / "stereo.wav", np.stack([dialogue.track("coach"), dialogue.track("client")]))

        started = time.perf_counter()
        Transcriber(settings)._model()
        print(f"model load: {time.perf_counter() - started:.2f} s (once per process)")

        inputs = {
            "mixed": ([folder / "mixed.wav"], {}, "Speaker 1"),
            "files": ([folder / "audioCoachAnna1.m4a", folder / "audioClientBen2.m4a"], {}, "Coach Anna"),
            "stereo": ([folder / "stereo.wav"], {"names": ["Coach", "Client"]}, "Coach"),
        }
        print(
            "\n| layout | audio | wall time | real-time factor | CPU time | WER | speaker accuracy | pauses found | "
            "overlaps found |\n|---|---|---|---|---|---|---|---|---|"
        )
        for layout in args.layouts.split(","):
            paths, options, coach_speaker = inputs[layout]
            started, cpu_started = time.perf_counter(), time.process_time()
            result = transcribe_recording(paths, settings=settings, **options)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            figures = evaluate(result, dialogue, coach_speaker)
            print(
                f"| {layout} | {dialogue.duration_s / 60:.1f} min | {wall:.1f} s | {wall / dialogue.duration_s:.3f} | "
                f"{cpu:.1f} s | "
                f"{figures['wer']:.1%} | {figures['speaker_accuracy']:.1%} | "
                f"{figures['pauses_found']}/{figures['pauses_known']} ({figures['pauses_reported']} reported) | "
                f"{figures['overlaps_found']}/{figures['overlaps_known']} ({figures['overlaps_reported']} reported) |"
            )
        print(f"\nbeam {args.beam}, {args.threads} CPU threads, int8; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
