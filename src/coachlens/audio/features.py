"""Frame-level acoustic features written with numpy: loudness, MFCCs and pitch.

All features run at 50 frames a second (20 ms hop), the resolution of Whisper's word times, so
frame `i` covers time `i * HOP_S`. They serve three jobs: trimming word edges to where the voice
really starts and stops (pauses), telling voices apart in a mixed recording (MFCC means and
pitch), and deciding which channel or file a word really belongs to (loudness).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from coachlens.audio.types import SAMPLE_RATE

FloatArray = npt.NDArray[np.float32]

HOP = 320
HOP_S = HOP / SAMPLE_RATE
_WINDOW = 512  # 32 ms analysis window
_PITCH_WINDOW = 800  # 50 ms: two periods of a 40 Hz voice would not fit, two of 60 Hz do
N_MELS = 40
N_MFCC = 20
MIN_F0_HZ = 60.0
MAX_F0_HZ = 400.0
_SILENCE_DB = -100.0
_VOICING_THRESHOLD = 0.45  # normalised autocorrelation peak above which a frame counts as voiced


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run numpy's matrix products on one thread inside the block.

    The matrices here are small; a multi-threaded BLAS spends more time waking threads than
    multiplying, and on a busy two-core machine that made the overlap search twenty times slower.
    """
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # optional: without it numpy keeps its default threading
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@dataclass
class FrameFeatures:
    """Features for consecutive 20 ms frames; grows window by window during transcription."""

    level_db: list[FloatArray] = field(default_factory=list)
    mfcc: list[FloatArray] = field(default_factory=list)
    f0_hz: list[FloatArray] = field(default_factory=list)
    with_voice_features: bool = True

    def add(self, samples: FloatArray) -> None:
        """Append the frames of the next stretch of audio (1-D float32 at 16 kHz)."""
        frames = frame_count(len(samples))
        if frames == 0:
            return
        self.level_db.append(frame_levels_db(samples)[:frames])
        if self.with_voice_features:
            with single_threaded_blas():
                self.mfcc.append(mfcc(samples)[:frames])
                self.f0_hz.append(pitch_hz(samples)[:frames])

    def levels(self) -> FloatArray:
        return _joined(self.level_db)

    def mfccs(self) -> FloatArray:
        if not self.mfcc:
            return np.zeros((0, N_MFCC - 1), dtype=np.float32)
        return np.concatenate(self.mfcc, axis=0)

    def pitches(self) -> FloatArray:
        return _joined(self.f0_hz)


def _joined(parts: list[FloatArray]) -> FloatArray:
    if not parts:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(parts).astype(np.float32)


def frame_count(sample_count: int) -> int:
    """Frames for `sample_count` samples: one per full 20 ms hop."""
    return sample_count // HOP


def frame_of(seconds: float) -> int:
    """Index of the frame that holds time `seconds`."""
    return max(0, int(seconds / HOP_S))


def _frames(samples: FloatArray, window: int) -> FloatArray:
    """(frames, window) views centred on each hop; the signal is zero-padded at both ends."""
    count = frame_count(len(samples))
    pad = window // 2
    padded = np.pad(samples.astype(np.float32, copy=False), (pad, pad + HOP))
    starts = np.arange(count) * HOP + HOP // 2
    index = starts[:, None] + np.arange(window)[None, :]
    return np.asarray(padded[index], dtype=np.float32)


def frame_levels_db(samples: FloatArray) -> FloatArray:
    """RMS level of each frame in dBFS (digital silence is -100 dB)."""
    frames = _frames(samples, _WINDOW)
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    return np.asarray(np.maximum(20 * np.log10(rms + 1e-12), _SILENCE_DB), dtype=np.float32)


@lru_cache(maxsize=4)
def mel_filterbank(n_fft: int = _WINDOW, n_mels: int = N_MELS, fmax: float = 7600.0) -> FloatArray:
    """Triangular filters evenly spaced on the mel scale, shape (n_mels, n_fft // 2 + 1)."""

    def to_mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    def to_hz(mel: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return 700.0 * (10 ** (mel / 2595.0) - 1.0)

    edges = to_hz(np.linspace(to_mel(np.array(60.0)), to_mel(np.array(fmax)), n_mels + 2))
    bins = np.fft.rfftfreq(n_fft, 1.0 / SAMPLE_RATE)
    bank = np.zeros((n_mels, len(bins)), dtype=np.float32)
    for m in range(n_mels):
        low, centre, high = edges[m], edges[m + 1], edges[m + 2]
        rising = (bins - low) / (centre - low)
        falling = (high - bins) / (high - centre)
        bank[m] = np.clip(np.minimum(rising, falling), 0.0, None)
    return bank


@lru_cache(maxsize=2)
def _dct_matrix(n_in: int, n_out: int) -> FloatArray:
    k = np.arange(n_out)[:, None]
    n = np.arange(n_in)[None, :]
    return np.cos(np.pi * k * (2 * n + 1) / (2 * n_in)).astype(np.float32)


def power_spectrum(samples: FloatArray, window: int = _WINDOW) -> FloatArray:
    """Hann-windowed power spectrum of each frame, shape (frames, window // 2 + 1)."""
    frames = _frames(samples, window) * np.hanning(window).astype(np.float32)[None, :]
    return np.asarray(np.abs(np.fft.rfft(frames, axis=1)) ** 2, dtype=np.float32)


def mfcc(samples: FloatArray) -> FloatArray:
    """Mel-frequency cepstral coefficients 1..19 per frame (c0, the loudness, is left out)."""
    mel = power_spectrum(samples) @ mel_filterbank().T
    log_mel = np.log(mel + 1e-10)
    return np.asarray((log_mel @ _dct_matrix(N_MELS, N_MFCC).T)[:, 1:], dtype=np.float32)


def pitch_hz(samples: FloatArray) -> FloatArray:
    """Fundamental frequency per frame from the normalised autocorrelation; 0 where unvoiced.

    The first lag whose peak is close to the best one wins, which avoids the usual octave-down
    error (a voice at 200 Hz also correlates at 100 Hz).
    """
    frames = _frames(samples, _PITCH_WINDOW).astype(np.float64)
    frames -= frames.mean(axis=1, keepdims=True)
    size = 2 * _PITCH_WINDOW
    spectrum = np.fft.rfft(frames, n=size, axis=1)
    autocorr = np.fft.irfft(np.abs(spectrum) ** 2, n=size, axis=1)[:, :_PITCH_WINDOW]
    energy = autocorr[:, :1]
    min_lag = int(SAMPLE_RATE / MAX_F0_HZ)
    max_lag = int(SAMPLE_RATE / MIN_F0_HZ)
    # Normalise by the overlap length so long lags are not penalised for having fewer products.
    overlap = (_PITCH_WINDOW - np.arange(min_lag, max_lag + 1)) / _PITCH_WINDOW
    normalised = autocorr[:, min_lag : max_lag + 1] / (energy + 1e-12) / overlap[None, :]
    best = normalised.max(axis=1)
    peaks = np.zeros_like(normalised, dtype=bool)
    peaks[:, 1:-1] = (normalised[:, 1:-1] >= normalised[:, :-2]) & (normalised[:, 1:-1] >= normalised[:, 2:])
    candidates = peaks & (normalised >= 0.9 * best[:, None])
    lag = np.argmax(candidates, axis=1) + min_lag
    voiced = (best >= _VOICING_THRESHOLD) & (energy[:, 0] > 1e-6)
    return np.where(voiced, SAMPLE_RATE / lag, 0.0).astype(np.float32)


def speech_threshold_db(levels: FloatArray) -> float:
    """A level separating speech from background for this recording.

    A third of the way from the noise floor (10th percentile) to the speech level (95th
    percentile), in dB, so it follows quiet and loud recordings alike.
    """
    if levels.size == 0:
        return 0.0
    floor = float(np.percentile(levels, 10))
    speech = float(np.percentile(levels, 95))
    return max(floor + (speech - floor) / 3.0, speech - 35.0)
