"""Finding overlapping speech in a single mixed track, where Whisper's word times cannot show it.

Whisper writes one word after another even when two people talk at once: the overlap disappears
into squeezed word times. Around every change of speaker with no clear pause, this module asks
the audio who is really talking. Each voice gets a small spectral dictionary (non-negative matrix
factorisation of that person's clear speech elsewhere in the recording); the mixture near the
change is explained as a sum of both dictionaries, and each voice's share over time shows when
the first speaker really stopped and the second really started.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from coachlens.audio.decode import AudioSource, iter_audio_blocks
from coachlens.audio.features import HOP_S, frame_levels_db, frame_of, power_spectrum, single_threaded_blas
from coachlens.audio.types import SAMPLE_RATE, Word

logger = logging.getLogger(__name__)

Matrix = npt.NDArray[np.float64]

CANDIDATE_GAP_S = 0.5  # changes of speaker closer than this may hide an overlap
REGION_S = 2.5  # audio examined on each side of a candidate change
CLEAR_OF_CHANGE_S = 1.0  # training words lie at least this far from any change of speaker
TRAINING_S = 40.0  # clear speech per voice used to learn its dictionary
MIN_TRAINING_S = 2.0
MIN_OVERLAP_S = 0.3
ATOMS = 16
_SPECTRUM_BINS = 129  # 0-4 kHz of a 512-point spectrum: pitch harmonics and the first formants
_SMOOTH_FRAMES = 15  # 0.3 s
_ACTIVE_SHARE = 0.35  # of the voice's typical level
_LEAK_MARGIN = 1.2  # a voice counts as present when clearly above what it shows in the other voice's speech
_EDGE_SLACK_S = 0.05
_EPS = 1e-9


@dataclass(frozen=True)
class OverlapSpan:
    """Two voices at once: `first` (already speaking) and `second` (starting) between the times."""

    first_word: int
    second_word: int
    start_s: float
    end_s: float

    @property
    def seconds(self) -> float:
        return round(self.end_s - self.start_s, 2)


def find_overlaps(
    source: AudioSource,
    words: Sequence[Word],
    labels: Sequence[int],
    *,
    speech_db: float,
    name: str | None = None,
    max_seconds: float | None = None,
) -> list[OverlapSpan]:
    """Overlaps at changes of speaker in a mixed recording (needs a second decoding pass).

    `speech_db` is the recording's speech level threshold (features.speech_threshold_db).
    """
    candidates = [
        index
        for index in range(1, len(words))
        if labels[index] != labels[index - 1]
        and words[index].start_s - words[index - 1].end_s < CANDIDATE_GAP_S
    ]
    if not candidates:
        return []
    training = _training_spans(words, labels)
    if any(sum(end - start for start, end in spans) < MIN_TRAINING_S for spans in training.values()):
        logger.info("too little clear speech per voice to look for overlaps")
        return []
    regions = {
        index: (max(0.0, words[index].start_s - REGION_S), words[index].start_s + REGION_S)
        for index in candidates
    }
    wanted = [span for spans in training.values() for span in spans] + list(regions.values())
    audio = _collect(source, wanted, speech_db, name=name, max_seconds=max_seconds)
    with single_threaded_blas():
        return _overlaps_at(audio, words, labels, candidates, regions, training)


def _overlaps_at(
    audio: _Audio,
    words: Sequence[Word],
    labels: Sequence[int],
    candidates: list[int],
    regions: dict[int, tuple[float, float]],
    training: dict[int, list[tuple[float, float]]],
) -> list[OverlapSpan]:
    dictionaries = {
        speaker: _learn_dictionary(np.vstack([audio.spectrum(s, e) for s, e in spans]))
        for speaker, spans in training.items()
    }
    speakers = sorted(dictionaries)
    combined = np.hstack([dictionaries[s] for s in speakers])
    typical, leak = _calibrate(audio, training, speakers, combined)
    found: list[OverlapSpan] = []
    for index in candidates:
        start, end = regions[index]
        spectrum = audio.spectrum(start, end)
        if spectrum.shape[0] < _SMOOTH_FRAMES:
            continue
        activity = _activity(spectrum, combined, len(speakers))
        first, second = speakers.index(labels[index - 1]), speakers.index(labels[index])
        active = [
            _smooth(activity[k]) / typical[k] >= max(_ACTIVE_SHARE, _LEAK_MARGIN * leak[k])
            for k in range(len(speakers))
        ]
        loud = audio.loud(start, end)[: spectrum.shape[0]]
        both = active[first] & active[second] & loud
        run = _run_near(both, centre=frame_of(words[index].start_s - start))
        if run is None:
            continue
        span_start, span_end = start + run[0] * HOP_S, start + run[1] * HOP_S
        if span_end - span_start >= MIN_OVERLAP_S:
            found.append(OverlapSpan(index - 1, index, round(span_start, 2), round(span_end, 2)))
    return found


def apply_overlaps(
    words: Sequence[Word], labels: Sequence[int], overlaps: Sequence[OverlapSpan], *, relabel: bool = True
) -> tuple[list[Word], list[int]]:
    """Words (and labels) with each overlap's edges taken from the audio.

    The second speaker's first word starts where that voice began; the first speaker's last word
    ends where that voice stopped. Whisper often hands the second speaker's first words to the
    first one when they overlap, so with `relabel` the first speaker's words that start after
    that voice stopped move to the second speaker.
    """
    adjusted, new_labels = list(words), list(labels)
    for span in overlaps:
        first_label, second_label = new_labels[span.first_word], new_labels[span.second_word]
        last_of_first = span.first_word
        if relabel:
            while (
                last_of_first > 0
                and new_labels[last_of_first] == first_label
                and adjusted[last_of_first].start_s >= span.end_s - _EDGE_SLACK_S
            ):
                new_labels[last_of_first] = second_label
                last_of_first -= 1
        before = adjusted[last_of_first]
        if new_labels[last_of_first] == first_label and before.start_s < span.end_s:
            adjusted[last_of_first] = replace(before, end_s=span.end_s)
        first_of_second = last_of_first + 1
        after = adjusted[first_of_second]
        adjusted[first_of_second] = replace(after, start_s=min(after.start_s, span.start_s))
    return adjusted, new_labels


def _training_spans(words: Sequence[Word], labels: Sequence[int]) -> dict[int, list[tuple[float, float]]]:
    changes = [words[i].start_s for i in range(1, len(words)) if labels[i] != labels[i - 1]]
    spans: dict[int, list[tuple[float, float]]] = {label: [] for label in set(labels)}
    collected: dict[int, float] = dict.fromkeys(spans, 0.0)
    for word, label in zip(words, labels, strict=True):
        if collected[label] >= TRAINING_S or word.end_s - word.start_s < 0.1:
            continue
        if any(
            word.start_s - CLEAR_OF_CHANGE_S < change < word.end_s + CLEAR_OF_CHANGE_S for change in changes
        ):
            continue
        spans[label].append((word.start_s, word.end_s))
        collected[label] += word.end_s - word.start_s
    return spans


@dataclass
class _Audio:
    """Spectra and loudness of the requested stretches of the recording, by time."""

    pieces: list[tuple[float, npt.NDArray[np.float16]]]
    threshold_db: float

    def _samples(self, start: float, end: float) -> npt.NDArray[np.float32]:
        for piece_start, samples in self.pieces:
            piece_end = piece_start + len(samples) / SAMPLE_RATE
            # Merged pieces hold every requested span whole, except where the recording ended first.
            if piece_start - 1e-6 <= start < piece_end:
                first = round((start - piece_start) * SAMPLE_RATE)
                wanted = samples[first : first + round((end - start) * SAMPLE_RATE)]
                return wanted.astype(np.float32)
        return np.zeros(0, dtype=np.float32)

    def spectrum(self, start: float, end: float) -> Matrix:
        samples = self._samples(start, end)
        if len(samples) == 0:
            return np.zeros((0, _SPECTRUM_BINS))
        return np.sqrt(power_spectrum(samples)[:, :_SPECTRUM_BINS]).astype(np.float64)

    def loud(self, start: float, end: float) -> npt.NDArray[np.bool_]:
        return np.asarray(frame_levels_db(self._samples(start, end)) >= self.threshold_db)


def _collect(
    source: AudioSource,
    spans: Sequence[tuple[float, float]],
    speech_db: float,
    *,
    name: str | None,
    max_seconds: float | None,
) -> _Audio:
    """Decode the recording again, keeping only the samples of the merged `spans`."""
    merged: list[list[float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    kept: list[tuple[float, list[npt.NDArray[np.float32]]]] = [(start, []) for start, _ in merged]
    position = 0
    for block in iter_audio_blocks(source, name=name, mono=True, max_seconds=max_seconds):
        samples = block[0]
        block_start, block_end = position, position + len(samples)
        for (start, end), (_, parts) in zip(merged, kept, strict=True):
            first, last = max(block_start, int(start * SAMPLE_RATE)), min(block_end, int(end * SAMPLE_RATE))
            if first < last:
                parts.append(samples[first - block_start : last - block_start])
        position = block_end
    # Half precision: around every change of speaker in a long, lively session this can be much of
    # the recording, and 16 bits are plenty for spectra.
    pieces = [
        (start, np.concatenate(parts).astype(np.float16) if parts else np.zeros(0, np.float16))
        for start, parts in kept
    ]
    return _Audio(pieces, speech_db)


def _learn_dictionary(spectrum: Matrix, iterations: int = 80) -> Matrix:
    """Spectral atoms (bins x ATOMS, columns summing to 1) that explain one voice's clear speech."""
    loudness = spectrum.sum(axis=1)
    frames = spectrum[loudness > np.percentile(loudness, 30)].T + _EPS
    rng = np.random.default_rng(0)
    atoms = rng.random((frames.shape[0], ATOMS)) + 0.1
    weights = rng.random((ATOMS, frames.shape[1])) + 0.1
    for _ in range(iterations):
        weights *= (atoms.T @ (frames / (atoms @ weights + _EPS))) / (atoms.sum(axis=0)[:, None] + _EPS)
        atoms *= ((frames / (atoms @ weights + _EPS)) @ weights.T) / (weights.sum(axis=1)[None, :] + _EPS)
        scale = atoms.sum(axis=0)
        atoms /= scale
        weights *= scale[:, None]
    return atoms


def _activity(spectrum: Matrix, combined: Matrix, speakers: int, iterations: int = 100) -> Matrix:
    """Per voice and frame, how much of the spectrum that voice's atoms explain (KL-NMF, atoms fixed)."""
    frames = spectrum.T + _EPS
    weights = np.full((combined.shape[1], frames.shape[1]), 0.1)
    normaliser = combined.sum(axis=0)[:, None] + _EPS
    for _ in range(iterations):
        weights *= (combined.T @ (frames / (combined @ weights + _EPS))) / normaliser
    # Atoms sum to one, so a voice's weights summed over its atoms are its share of the spectrum.
    return np.asarray(weights.reshape(speakers, ATOMS, -1).sum(axis=1), dtype=np.float64)


def _calibrate(
    audio: _Audio, training: dict[int, list[tuple[float, float]]], speakers: list[int], combined: Matrix
) -> tuple[list[float], list[float]]:
    """Each voice's typical activity in its own speech, and how much of it leaks into the others'."""
    own: dict[int, list[Matrix]] = {k: [] for k in range(len(speakers))}
    others: dict[int, list[Matrix]] = {k: [] for k in range(len(speakers))}
    for position, speaker in enumerate(speakers):
        for start, end in training[speaker]:
            spectrum = audio.spectrum(start, end)
            if spectrum.shape[0] == 0:
                continue
            activity = _activity(spectrum, combined, len(speakers), iterations=60)
            for k in range(len(speakers)):
                (own if k == position else others)[k].append(activity[k])
    typical = [max(float(np.median(np.concatenate(own[k]))), _EPS) if own[k] else 1.0 for k in own]
    leak = [
        float(np.percentile(np.concatenate(others[k]), 90)) / typical[k] if others[k] else 0.0 for k in others
    ]
    return typical, leak


def _smooth(values: Matrix) -> Matrix:
    kernel = np.ones(_SMOOTH_FRAMES) / _SMOOTH_FRAMES
    return np.convolve(values, kernel, mode="same")


def _run_near(mask: npt.NDArray[np.bool_], centre: int, bridge: int = 5) -> tuple[int, int] | None:
    """The longest run of True (gaps up to `bridge` frames closed) that lies within 2 s of `centre`."""
    filled = mask.copy()
    false_runs = np.flatnonzero(~mask)
    if false_runs.size:
        gap_start = None
        for index in range(len(mask)):
            if not mask[index] and gap_start is None:
                gap_start = index
            elif mask[index] and gap_start is not None:
                if gap_start > 0 and index - gap_start <= bridge:
                    filled[gap_start:index] = True
                gap_start = None
    best: tuple[int, int] | None = None
    start = None
    for index in range(len(filled) + 1):
        inside = index < len(filled) and filled[index]
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            near = abs((start + index) / 2 - centre) * HOP_S <= 2.0
            if near and (best is None or index - start > best[1] - best[0]):
                best = (start, index)
            start = None
    return best
