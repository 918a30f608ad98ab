"""Decoding recordings: accepted containers, channels, and one clear line for every kind of bad file."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from audio_synth import RATE, write_encoded, write_wav
from coachlens.audio.decode import decode_audio, iter_audio_blocks, probe_audio
from coachlens.audio.ingest import is_audio
from coachlens.errors import AudioError

pytest.importorskip("av", reason="PyAV comes with the audio extra (pip install 'coachlens[audio]')")


def tone(seconds: float, hz: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def one_line_error(call: object) -> str:
    with pytest.raises(AudioError) as info:
        call()  # type: ignore[operator]
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.mark.parametrize(
    ("suffix", "codec", "container"),
    [
        (".m4a", "aac", "MP4/M4A"),
        (".mp3", "libmp3lame", "MP3"),
        (".ogg", "libopus", "Ogg"),
        (".webm", "libopus", "WebM"),
        (".flac", "flac", "FLAC"),
    ],
)
def test_compressed_recordings_decode_to_16k_mono(
    tmp_path: Path, suffix: str, codec: str, container: str
) -> None:
    path = write_encoded(tmp_path / f"session{suffix}", tone(2.0), codec=codec)
    decoded = decode_audio(path)
    assert decoded.info.container == container
    assert decoded.samples.shape[0] == 1
    assert decoded.duration_s == pytest.approx(2.0, abs=0.12)
    # The tone survives compression: its energy is where it was put.
    assert float(np.sqrt(np.mean(decoded.samples[0, RATE // 2 : RATE] ** 2))) == pytest.approx(
        0.3 / np.sqrt(2), rel=0.2
    )


def test_stereo_channels_are_kept_apart_when_asked(tmp_path: Path) -> None:
    left, right = tone(1.0), np.zeros(RATE, dtype=np.float32)
    path = write_wav(tmp_path / "two.wav", np.stack([left, right]))
    split = decode_audio(path, mono=False)
    assert split.samples.shape == (2, RATE)
    assert np.abs(split.samples[0]).max() > 0.25
    assert np.abs(split.samples[1]).max() < 1e-3
    assert decode_audio(path).samples.shape == (1, RATE)


def test_blocks_cover_the_whole_recording_in_order(tmp_path: Path) -> None:
    samples = tone(3.3)
    path = write_wav(tmp_path / "long.wav", samples)
    blocks = list(iter_audio_blocks(path, block_s=1.0))
    assert [b.shape[1] for b in blocks[:3]] == [RATE, RATE, RATE]
    joined = np.concatenate(blocks, axis=1)[0]
    assert len(joined) == len(samples)
    assert np.allclose(joined, samples, atol=1e-3)


def test_bytes_are_accepted_like_a_file(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "x.wav", tone(1.0))
    decoded = decode_audio(path.read_bytes(), name="upload.wav")
    assert decoded.info.name == "upload.wav"
    assert decoded.duration_s == pytest.approx(1.0, abs=0.01)


def test_a_recording_over_the_limit_is_refused_from_its_header(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "three-hours-in-spirit.wav", tone(4.0))
    message = one_line_error(lambda: probe_audio(path, max_seconds=3.0))
    assert "three-hours-in-spirit.wav is 0:04 long, over the 0:03 limit" in message
    assert "max_audio_seconds" in message


def test_corrupt_bytes_named_m4a(tmp_path: Path) -> None:
    path = tmp_path / "zoom_recording.m4a"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 6000, dtype=np.uint8).tobytes())
    message = one_line_error(lambda: decode_audio(path))
    assert message.startswith("zoom_recording.m4a is damaged or is not a recording")


def test_unsupported_container_names_the_format_and_what_to_do(tmp_path: Path) -> None:
    import av

    path = tmp_path / "voice-memo.aiff"
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("pcm_s16be", rate=RATE)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(
            (tone(0.5) * 32767).astype(np.int16)[None, :], format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    message = one_line_error(lambda: decode_audio(path))
    assert "voice-memo.aiff is in the" in message and "format, which coachlens does not read" in message
    assert "convert it to wav, mp3, m4a" in message


def test_unknown_codec_in_a_known_container(tmp_path: Path) -> None:
    data = b"\x00\x01" * 8000
    fmt = struct.pack("<HHIIHH", 0x1234, 1, RATE, RATE * 2, 2, 16)  # a format tag no decoder knows
    riff = (
        b"RIFF"
        + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(data))
        + b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )
    path = tmp_path / "dictaphone.wav"
    path.write_bytes(riff)
    message = one_line_error(lambda: decode_audio(path))
    assert "dictaphone.wav uses" in message and "which coachlens cannot decode" in message


def test_video_without_sound(tmp_path: Path) -> None:
    import av

    path = tmp_path / "screen.mp4"
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("mpeg4", rate=5)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for _ in range(5):
            frame = av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    message = one_line_error(lambda: decode_audio(path))
    assert (
        message == "screen.mp4 has no audio track (MP4/M4A with video only); export the recording with sound"
    )


def test_missing_empty_and_folder(tmp_path: Path) -> None:
    assert (
        one_line_error(lambda: decode_audio(tmp_path / "nope.wav"))
        == "nope.wav: no such file; check the path"
    )
    empty = tmp_path / "empty.m4a"
    empty.write_bytes(b"")
    assert "empty.m4a is empty" in one_line_error(lambda: decode_audio(empty))
    assert "is a folder" in one_line_error(lambda: decode_audio(tmp_path))


@pytest.mark.parametrize(
    ("filename", "head", "expected"),
    [
        ("a.wav", b"RIFF\x24\x00\x00\x00WAVEfmt ", True),
        ("upload", b"\x00\x00\x00\x20ftypM4A \x00\x00", True),
        ("photo.m4a", b"\x00\x00\x00\x18ftypheic\x00\x00", False),
        ("x", b"ID3\x04\x00\x00\x00", True),
        ("x", b"\xff\xfb\x90\x00", True),
        ("x", b"OggS\x00\x02", True),
        ("x", b"\x1aE\xdf\xa3\x9fB\x86", True),
        ("notes.mp3", b"WEBVTT\n\n00:00", False),
        ("broken.m4a", b"\x8f\x01\xfe\x00garbage\x13\x99", True),
        ("broken.vtt", b"\x8f\x01\xfe\x00garbage\x13\x99", False),
        ("coach-notes.mp3", "Coach: Où étiez-vous".encode()[:16], False),
        ("call.m4a", b"", True),
        ("session.vtt", b"", False),
        (None, b"", False),
    ],
)
def test_is_audio_trusts_content_then_name(filename: str | None, head: bytes, expected: bool) -> None:
    assert is_audio(filename, head) is expected
