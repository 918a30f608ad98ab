"""Who said each word: one file per speaker, one speaker per stereo channel, or a mixed track.

* Several files, one per participant (Zoom's "separate audio file for each participant"): each
  file is transcribed on its own and the words are merged by time; names come from the file
  names (`audioMariaLopez21234567.m4a` -> "Maria Lopez") or from `names`.
* A stereo file whose channels carry different people (phone and interview recorders): each
  channel is a speaker.
* One mixed track: voices are told apart offline (separation.py) and overlaps at changes of
  speaker are recovered from the audio (overlap.py).

Words a file or channel only picked up faintly from another person's microphone (cross-talk) are
dropped when that other track holds the same moment much louder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal

import numpy as np

from coachlens.audio.decode import AudioSource, display_name, iter_audio_blocks, probe_audio
from coachlens.audio.features import frame_levels_db, frame_of, speech_threshold_db
from coachlens.audio.overlap import apply_overlaps, find_overlaps
from coachlens.audio.separation import label_voices
from coachlens.audio.timing import trim_to_voice
from coachlens.audio.transcribe import TrackTranscript, Transcriber
from coachlens.audio.types import ProgressCallback, SpeakerWord, StopSignal, Word
from coachlens.errors import AudioError

SpeakerMode = Literal["files", "stereo", "mixed"]

CROSS_TALK_DB = 12.0  # a word this much quieter than the same moment on another track is bleed
SEPARATE_CHANNELS_DB = 6.0  # median level difference between channels that means one speaker each
_LAYOUT_PROBE_S = 300.0
MAX_SPEAKERS = 8


@dataclass(frozen=True)
class SpeakerWords:
    """All words of a recording with their speakers, in time order, and how they were found."""

    words: tuple[SpeakerWord, ...]
    speakers: tuple[str, ...]
    mode: SpeakerMode
    duration_s: float
    elapsed_s: float
    voice_separation: float | None = None
    overlaps_found: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def real_time_factor(self) -> float:
        return self.elapsed_s / self.duration_s if self.duration_s > 0 else 0.0


def name_from_filename(filename: str) -> str:
    """A speaker name from a per-participant file name; "" when nothing name-like is left.

    `audioMariaLopez21234567.m4a` -> "Maria Lopez", `02_coach.wav` -> "Coach",
    `tom-baker.mp3` -> "Tom Baker".
    """
    stem = PurePath(filename).stem
    stem = re.sub(r"^audio(?=[A-Z])", "", stem)
    stem = re.sub(r"[_\-.]+", " ", stem)
    stem = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem)
    stem = re.sub(r"^\s*\d+\s*|\s*\d+\s*$", "", stem)
    words = stem.split()
    if not words:
        return ""
    return " ".join(w if any(c.isupper() for c in w) else w.capitalize() for w in words)


def speaker_names(count: int, given: Sequence[str] | None, fallback: Sequence[str] = ()) -> list[str]:
    """`count` distinct names: the given ones, else the fallback ones, else "Speaker N"."""
    if given is not None:
        cleaned = [" ".join(name.split()) for name in given]
        if len(cleaned) != count or not all(cleaned):
            raise AudioError(
                f"--names gives {len([n for n in cleaned if n])} name(s) for {count} speaker(s); "
                "give one name per speaker, separated by commas"
            )
        base = cleaned
    else:
        base = [
            (fallback[i] if i < len(fallback) and fallback[i] else f"Speaker {i + 1}") for i in range(count)
        ]
    unique: list[str] = []
    for name in base:
        candidate, number = name, 2
        while candidate.lower() in (u.lower() for u in unique):
            candidate, number = f"{name} ({number})", number + 1
        unique.append(candidate)
    return unique


def channels_hold_different_speakers(source: AudioSource, *, name: str | None = None) -> bool:
    """True for a stereo recording whose two channels clearly carry different people.

    Looks at the first few minutes: with one person per channel, whenever someone speaks one
    channel is much louder than the other; a mixed stereo recording has both at about the same level.
    """
    info = probe_audio(source, name=name)
    if info.channels != 2:
        return False
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    seen = 0.0
    for block in iter_audio_blocks(source, name=name, mono=False):
        left.append(frame_levels_db(block[0]))
        right.append(frame_levels_db(block[1]))
        seen += block.shape[1] / 16_000
        if seen >= _LAYOUT_PROBE_S:
            break
    if not left:
        return False
    levels_left, levels_right = np.concatenate(left), np.concatenate(right)
    louder = np.maximum(levels_left, levels_right)
    speech = louder >= speech_threshold_db(louder)
    if speech.sum() < 10:
        return False
    return float(np.median(np.abs(levels_left - levels_right)[speech])) >= SEPARATE_CHANNELS_DB


def words_from_tracks(
    transcriber: Transcriber,
    tracks: Sequence[tuple[AudioSource, int | None, str]],
    *,
    mode: SpeakerMode,
    progress: ProgressCallback | None = None,
    stop: StopSignal | None = None,
) -> SpeakerWords:
    """Transcribe each (source, channel, speaker) track and merge the words by time."""
    durations = [
        probe_audio(source, max_seconds=transcriber.settings.max_audio_seconds).duration_s or 0.0
        for source, _channel, _speaker in tracks
    ]
    total = sum(durations) or None
    results: list[TrackTranscript] = []
    done = 0.0
    for (source, channel, speaker), duration in zip(tracks, durations, strict=True):
        results.append(
            transcriber.transcribe_track(
                source,
                channel=channel,
                progress=progress,
                stop=stop,
                stage=f"transcribing {speaker}",
                done_before_s=done,
                total_s=total,
            )
        )
        done += duration
    per_track = [trim_to_voice(r.words, r.features.levels()) for r in results]
    kept, dropped = _without_cross_talk(per_track, [r.features.levels() for r in results])
    words = sorted(
        (
            SpeakerWord(speaker, word)
            for (_s, _c, speaker), track in zip(tracks, kept, strict=True)
            for word in track
        ),
        key=lambda w: (w.start_s, w.end_s),
    )
    warnings = []
    if dropped:
        warnings.append(
            f"{dropped} word(s) heard faintly on another speaker's track (cross-talk) were left out"
        )
    return SpeakerWords(
        tuple(words),
        tuple(speaker for _s, _c, speaker in tracks),
        mode,
        max((r.duration_s for r in results), default=0.0),
        sum(r.elapsed_s for r in results),
        warnings=tuple(warnings),
    )


def words_from_mixed_track(
    transcriber: Transcriber,
    source: AudioSource,
    *,
    speakers: int = 2,
    names: Sequence[str] | None = None,
    name: str | None = None,
    progress: ProgressCallback | None = None,
    stop: StopSignal | None = None,
) -> SpeakerWords:
    """Transcribe one mixed track and tell its `speakers` voices apart (names in order of first voice)."""
    if not 1 <= speakers <= MAX_SPEAKERS:
        raise AudioError(f"--speakers must be between 1 and {MAX_SPEAKERS}, not {speakers}")
    shown = display_name(source, name)
    labelled = speaker_names(speakers, names)
    track = transcriber.transcribe_track(
        source, name=shown, progress=progress, stop=stop, voice_features=True
    )
    levels = track.features.levels()
    words = trim_to_voice(track.words, levels)
    voices = label_voices(words, track.features, speakers)
    labels = list(voices.labels)
    overlaps = []
    if voices.speakers > 1:
        overlaps = find_overlaps(
            source,
            words,
            voices.labels,
            speech_db=speech_threshold_db(levels),
            name=shown,
            max_seconds=transcriber.settings.max_audio_seconds,
        )
        words, labels = apply_overlaps(words, labels, overlaps)
    warnings = []
    if voices.speakers > 1 and voices.separation < 1.0:
        warnings.append(
            f"the voices in {shown} are hard to tell apart (separation {voices.separation:.2f}); check who said "
            "what, or use one file per speaker, a stereo recording or --transcript with speaker labels"
        )
    attributed = tuple(SpeakerWord(labelled[label], word) for word, label in zip(words, labels, strict=True))
    return SpeakerWords(
        attributed,
        tuple(labelled),
        "mixed",
        track.duration_s,
        track.elapsed_s,
        voice_separation=voices.separation if voices.speakers > 1 else None,
        overlaps_found=len(overlaps),
        warnings=tuple(warnings),
    )


def _without_cross_talk(
    tracks: Sequence[Sequence[Word]], levels: Sequence[np.ndarray]
) -> tuple[list[list[Word]], int]:
    """Drop words that another track holds much louder at the same moment (it was that person)."""
    if len(tracks) < 2:
        return [list(t) for t in tracks], 0
    kept: list[list[Word]] = []
    dropped = 0
    for index, words in enumerate(tracks):
        own_levels = levels[index]
        keep: list[Word] = []
        for word in words:
            first, last = frame_of(word.start_s), frame_of(word.end_s) + 1
            own = _mean_db(own_levels[first:last])
            loudest_other = max(
                (_mean_db(other[first:last]) for j, other in enumerate(levels) if j != index), default=-100.0
            )
            if loudest_other - own >= CROSS_TALK_DB:
                dropped += 1
                continue
            keep.append(word)
        kept.append(keep)
    return kept, dropped


def _mean_db(levels: np.ndarray) -> float:
    if levels.size == 0:
        return -100.0
    power = np.mean(10 ** (levels.astype(np.float64) / 10))
    return float(10 * np.log10(power + 1e-12))


def file_tracks(
    paths: Sequence[Path], names: Sequence[str] | None
) -> list[tuple[AudioSource, int | None, str]]:
    """(file, None, speaker) per file, speakers named from `names` or the file names."""
    fallback = [name_from_filename(p.name) for p in paths]
    return [
        (path, None, speaker)
        for path, speaker in zip(paths, speaker_names(len(paths), names, fallback), strict=True)
    ]


def channel_tracks(
    path: AudioSource, names: Sequence[str] | None
) -> list[tuple[AudioSource, int | None, str]]:
    """(file, channel, speaker) for the left and right channel of a stereo recording."""
    return [(path, channel, speaker) for channel, speaker in enumerate(speaker_names(2, names))]
