"""Synthetic coaching dialogues for the audio tests and benchmark, spoken by espeak-ng.

Two voices (a male US voice for the coach, a female variant for the client) say known sentences;
the script places them on a timeline with known gaps, one 3-second pause after a coach question
and one overlap where the coach starts while the client is still talking. The same timeline is
written as one file per speaker, a stereo file (coach left, client right) or a mixed mono file.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

RATE = 16_000
COACH_VOICE = "en-us"
CLIENT_VOICE = "en+f3"
ESPEAK = shutil.which("espeak-ng")
NEEDS_ESPEAK_REASON = "espeak-ng is not installed (apt-get install espeak-ng); it speaks the test audio"

Samples = npt.NDArray[np.float32]

# (role, text, gap in seconds to the next line; negative = the next line starts before this one ends)
DIALOGUE: tuple[tuple[str, str, float], ...] = (
    ("coach", "What would you like to focus on in our time together today?", 0.8),
    ("client", "I keep saying yes to every project at work, and by Friday I am completely exhausted.", -1.0),
    ("coach", "What makes it hard to say no?", 3.0),
    ("client", "I worry that my manager will think I am not committed to the team.", 0.8),
    ("coach", "So saying yes feels like proof of your commitment.", 0.8),
    ("client", "Yes, exactly. I have never thought about it that way before.", 0.8),
    ("coach", "What would commitment look like if it included looking after yourself?", 0.0),
)
LEAD_IN_S = 0.5
TAIL_S = 0.7


@dataclass(frozen=True)
class Line:
    role: str
    text: str
    start_s: float
    end_s: float
    samples: Samples


@dataclass(frozen=True)
class Dialogue:
    lines: tuple[Line, ...]
    duration_s: float

    @property
    def reference_text(self) -> str:
        return " ".join(line.text for line in self.lines)

    def track(self, role: str | None) -> Samples:
        """The timeline with only `role`'s lines (None: everybody, mixed)."""
        out = np.zeros(int(self.duration_s * RATE), dtype=np.float32)
        for line in self.lines:
            if role is None or line.role == role:
                start = round(line.start_s * RATE)
                out[start : start + len(line.samples)] += line.samples
        return np.clip(out, -1.0, 1.0)

    def role_at(self, seconds: float) -> set[str]:
        return {line.role for line in self.lines if line.start_s <= seconds <= line.end_s}


def speak(text: str, voice: str, speed: int = 150) -> Samples:
    """espeak-ng's rendering of `text` at 16 kHz, trimmed of leading and trailing silence."""
    assert ESPEAK is not None, NEEDS_ESPEAK_REASON
    raw = subprocess.run(
        [ESPEAK, "-v", voice, "-s", str(speed), "--stdout", text], capture_output=True, check=True
    ).stdout
    with wave.open(io.BytesIO(raw)) as handle:
        rate = handle.getframerate()
        pcm = np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16).astype(np.float32) / 32768
    count = int(len(pcm) * RATE / rate)
    resampled = np.interp(np.linspace(0, len(pcm) - 1, count), np.arange(len(pcm)), pcm).astype(np.float32)
    voiced = np.flatnonzero(np.abs(resampled) > 0.01)
    return resampled[voiced[0] : voiced[-1] + 1] * 0.6


def build_dialogue(script: Sequence[tuple[str, str, float]] = DIALOGUE) -> Dialogue:
    voices = {"coach": COACH_VOICE, "client": CLIENT_VOICE}
    lines: list[Line] = []
    at = LEAD_IN_S
    for role, text, gap in script:
        samples = speak(text, voices[role])
        end = at + len(samples) / RATE
        lines.append(Line(role, text, round(at, 3), round(end, 3), samples))
        at = end + gap
    return Dialogue(tuple(lines), round(max(line.end_s for line in lines) + TAIL_S, 3))


def write_wav(path: Path, samples: Samples) -> Path:
    """16-bit PCM WAV; `samples` is 1-D (mono) or (channels, n)."""
    data = samples if samples.ndim == 2 else samples[None, :]
    interleaved = (np.clip(data.T, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(data.shape[0])
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(interleaved.tobytes())
    return path


def write_encoded(path: Path, samples: Samples, codec: str = "aac") -> Path:
    """Mono audio compressed with PyAV into the container the suffix names (.m4a, .ogg, .webm, .mp3)."""
    import av

    with av.open(str(path), mode="w") as container:
        stream = container.add_stream(codec, rate=RATE if codec != "libopus" else 48_000)
        stream.layout = "mono"
        pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)[None, :]
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = RATE
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=stream.rate)
        for converted in resampler.resample(frame):
            for packet in stream.encode(converted):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path
