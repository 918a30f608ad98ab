"""Decoding recordings with PyAV (FFmpeg) into 16 kHz float32 blocks, with one-line errors.

Only a short list of containers is opened on purpose: recordings come from untrusted uploads, and
every extra FFmpeg demuxer is more parser surface. The list covers what Zoom, Teams, Meet, phones
and browsers write (wav, mp3, m4a/mp4, webm, ogg) plus flac. Audio is streamed in blocks so a
three-hour file never sits in memory as one array.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

import numpy as np
import numpy.typing as npt

from coachlens.audio.types import SAMPLE_RATE
from coachlens.errors import AudioError

logger = logging.getLogger(__name__)

FloatArray = npt.NDArray[np.float32]

# FFmpeg demuxer name -> how the format is named in messages.
ACCEPTED_CONTAINERS: dict[str, str] = {
    "wav": "WAV",
    "mp3": "MP3",
    "mov,mp4,m4a,3gp,3g2,mj2": "MP4/M4A",
    "matroska,webm": "WebM",
    "ogg": "Ogg",
    "flac": "FLAC",
}
AUDIO_EXTENSIONS = (".wav", ".mp3", ".m4a", ".mp4", ".mov", ".webm", ".mkv", ".ogg", ".oga", ".opus", ".flac")
ACCEPTED_DESCRIPTION = "wav, mp3, m4a, mp4, webm, ogg or flac"
BLOCK_SECONDS = 30.0


@dataclass(frozen=True)
class AudioInfo:
    """What a recording holds, read from its header before any decoding."""

    name: str
    container: str
    codec: str
    channels: int
    duration_s: float | None


@dataclass(frozen=True)
class DecodedAudio:
    """A whole recording as float32 samples in [-1, 1], shape (channels, samples), at 16 kHz."""

    info: AudioInfo
    samples: FloatArray

    @property
    def duration_s(self) -> float:
        return float(self.samples.shape[1]) / SAMPLE_RATE


AudioSource = Path | str | bytes


def display_name(source: AudioSource, name: str | None) -> str:
    """The name used in messages: the given name, else the file name, else 'the recording'."""
    if name:
        return name
    if isinstance(source, bytes):
        return "the recording"
    return PurePath(source).name or str(source)


def format_clock(seconds: float) -> str:
    """`1:02:03` or `2:03`."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def probe_audio(
    source: AudioSource, *, name: str | None = None, max_seconds: float | None = None
) -> AudioInfo:
    """Open a recording, check its container, audio track and length, and describe it."""
    with _open(source, display_name(source, name)) as (container, info):
        _check_length(info, max_seconds)
        del container
        return info


def iter_audio_blocks(
    source: AudioSource,
    *,
    name: str | None = None,
    mono: bool = True,
    max_seconds: float | None = None,
    block_s: float = BLOCK_SECONDS,
) -> Iterator[FloatArray]:
    """Yield the recording as float32 blocks of shape (channels, samples) at 16 kHz.

    `mono` mixes all channels into one; otherwise each channel is kept (for stereo recordings
    with one speaker per channel). Raises AudioError for unreadable, unsupported or too-long input.
    """
    import av

    shown = display_name(source, name)
    with _open(source, shown) as (container, info):
        _check_length(info, max_seconds)
        stream = container.streams.audio[0]
        layout = "mono" if mono else ("stereo" if info.channels == 2 else None)
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=SAMPLE_RATE)
        block_samples = max(1, int(block_s * SAMPLE_RATE))
        pending: list[FloatArray] = []
        pending_count = 0
        decoded = 0
        limit = None if max_seconds is None else int(max_seconds * SAMPLE_RATE)
        for frame in _decoded_frames(container, stream, shown):
            # `None` flushes the resampler's buffered tail at the end of the stream.
            for out in resampler.resample(frame):
                chunk = np.asarray(out.to_ndarray(), dtype=np.float32)
                pending.append(chunk)
                pending_count += chunk.shape[1]
                decoded += chunk.shape[1]
            if limit is not None and decoded > limit:
                raise _too_long(shown, None, max_seconds or 0.0)
            while pending_count >= block_samples:
                joined = np.concatenate(pending, axis=1)
                yield joined[:, :block_samples]
                rest = joined[:, block_samples:]
                pending = [rest] if rest.shape[1] else []
                pending_count = rest.shape[1]
        if pending_count:
            yield np.concatenate(pending, axis=1)


def decode_audio(
    source: AudioSource, *, name: str | None = None, mono: bool = True, max_seconds: float | None = None
) -> DecodedAudio:
    """The whole recording in memory (fine for minutes; long files should use iter_audio_blocks)."""
    shown = display_name(source, name)
    info = probe_audio(source, name=shown, max_seconds=max_seconds)
    blocks = list(iter_audio_blocks(source, name=shown, mono=mono, max_seconds=max_seconds))
    channels = 1 if mono else max(1, min(info.channels, 2))
    samples = np.concatenate(blocks, axis=1) if blocks else np.zeros((channels, 0), dtype=np.float32)
    if samples.shape[1] == 0:
        raise AudioError(f"{shown} holds no audio samples; export the recording again")
    return DecodedAudio(info, samples)


def _decoded_frames(container: Any, stream: Any, shown: str) -> Iterator[Any]:
    """Decoded frames, then None (the signal to flush the resampler); errors become AudioError."""
    import av

    frames = 0
    try:
        for frame in container.decode(stream):
            frames += 1
            yield frame
    except av.error.DecoderNotFoundError:
        raise _codec_error(shown, _codec_name(stream)) from None
    except av.error.FFmpegError as exc:
        where = "" if frames == 0 else f" after {frames} frames"
        raise AudioError(
            f"{shown} is damaged{where} ({_reason(exc)}); export or download the recording again"
        ) from None
    yield None


@contextmanager
def _open(source: AudioSource, shown: str) -> Iterator[tuple[Any, AudioInfo]]:
    import av

    target: Any
    if isinstance(source, bytes):
        if not source:
            raise AudioError(f"{shown} is empty; export the recording again")
        target = io.BytesIO(source)
    else:
        path = Path(source)
        if not path.exists():
            raise AudioError(f"{shown}: no such file; check the path")
        if path.is_dir():
            raise AudioError(f"{shown} is a folder, not a recording; give the path of one file")
        if path.stat().st_size == 0:
            raise AudioError(f"{shown} is empty; export the recording again")
        target = str(path)
    try:
        container = av.open(target, mode="r", metadata_errors="ignore")
    except av.error.DecoderNotFoundError:
        raise _codec_error(shown, "an unknown codec") from None
    except av.error.FFmpegError as exc:
        raise AudioError(
            f"{shown} is damaged or is not a recording ({_reason(exc)}); check that it plays, or "
            f"convert it to {ACCEPTED_DESCRIPTION}"
        ) from None
    try:
        info = _describe(container, shown)
        yield container, info
    finally:
        container.close()


def _describe(container: Any, shown: str) -> AudioInfo:
    import av

    format_name = container.format.name
    label = ACCEPTED_CONTAINERS.get(format_name)
    if label is None:
        long_name = getattr(container.format, "long_name", None) or format_name
        raise AudioError(
            f"{shown} is in the {long_name} format, which coachlens does not read; convert it to "
            f"{ACCEPTED_DESCRIPTION} (for example `ffmpeg -i in out.m4a`)"
        )
    if not container.streams.audio:
        raise AudioError(
            f"{shown} has no audio track ({label} with video only); export the recording with sound"
        )
    stream = container.streams.audio[0]
    try:
        codec_context = stream.codec_context
    except av.error.DecoderNotFoundError:
        raise _codec_error(shown, "an unknown codec") from None
    if codec_context is None:
        raise _codec_error(shown, "an unknown codec")
    channels = int(getattr(codec_context, "channels", 0) or 1)
    return AudioInfo(shown, label, str(codec_context.name), channels, _duration(container, stream))


def _duration(container: Any, stream: Any) -> float | None:
    import av

    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / av.time_base
    return None


def _check_length(info: AudioInfo, max_seconds: float | None) -> None:
    if max_seconds is not None and info.duration_s is not None and info.duration_s > max_seconds:
        raise _too_long(info.name, info.duration_s, max_seconds)


def _too_long(shown: str, duration_s: float | None, max_seconds: float) -> AudioError:
    length = f"is {format_clock(duration_s)} long, over" if duration_s is not None else "runs over"
    return AudioError(
        f"{shown} {length} the {format_clock(max_seconds)} limit for recordings; trim it, or raise "
        "max_audio_seconds (COACHLENS_MAX_AUDIO_SECONDS) if it really is one session"
    )


def _codec_name(stream: Any) -> str:
    try:
        return f"the {stream.codec_context.name} codec"
    except Exception:  # the codec context itself is what failed to open
        return "an unknown codec"


def _codec_error(shown: str, codec: str) -> AudioError:
    return AudioError(
        f"{shown} uses {codec}, which coachlens cannot decode; convert it to AAC (.m4a) or PCM (.wav), "
        "for example `ffmpeg -i in out.m4a`"
    )


def _reason(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:120]
