"""Values the audio pipeline passes around: timed words, progress reports, the stop signal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from coachlens.errors import AudioError

SAMPLE_RATE = 16_000
"""Every recording is decoded to 16 kHz float32, the rate Whisper was trained on."""


@dataclass(frozen=True)
class Word:
    """One recognised word with its time in the recording (seconds from the start)."""

    start_s: float
    end_s: float
    text: str
    probability: float = 1.0


@dataclass(frozen=True)
class SpeakerWord:
    """A word attributed to a speaker (a file, a channel, a voice cluster or a transcript label)."""

    speaker: str
    word: Word

    @property
    def start_s(self) -> float:
        return self.word.start_s

    @property
    def end_s(self) -> float:
        return self.word.end_s


@dataclass(frozen=True)
class Progress:
    """How far a long step has got; `real_time_factor` is processing time over audio time."""

    stage: str
    done_s: float
    total_s: float | None
    elapsed_s: float

    @property
    def fraction(self) -> float | None:
        if not self.total_s:
            return None
        return min(1.0, max(0.0, self.done_s / self.total_s))

    @property
    def real_time_factor(self) -> float | None:
        if self.done_s <= 0:
            return None
        return self.elapsed_s / self.done_s


ProgressCallback = Callable[[Progress], None]
"""Called after every transcribed stretch of audio; must return quickly."""

StopSignal = threading.Event
"""Set it (from another thread, a signal handler or the web job) to stop transcription cleanly."""


class TranscriptionStopped(AudioError):
    """Transcription was stopped on request (a stop event or Ctrl+C) before the end."""

    def __init__(self, message: str, *, done_s: float, total_s: float | None) -> None:
        super().__init__(message)
        self.done_s = done_s
        self.total_s = total_s
