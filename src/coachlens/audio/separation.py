"""Telling voices apart in a single mixed track, offline and without downloaded weights.

Each recognised word gets a voice profile from the frames it covers: the mean of its MFCCs (the
shape of the vocal tract) and its median pitch. Words are grouped into stretches of continuous
speech; the stretches are clustered into the requested number of voices with weighted k-means;
then every word is labelled again with a Viterbi pass that weighs its own profile against the cost
of switching speaker, which is low after a pause or at the end of a sentence and high mid-phrase.

This works well when the voices differ in pitch or timbre (most coach/client pairs) and less well
for two similar voices; docs/audio.md gives the measured figures and the fallbacks (one file per
speaker, stereo, or a transcript with speaker labels).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from coachlens.audio.features import FrameFeatures, frame_of, single_threaded_blas, speech_threshold_db
from coachlens.audio.types import Word

logger = logging.getLogger(__name__)

Matrix = npt.NDArray[np.float64]

PIECE_GAP_S = 0.3  # a silence this long ends a stretch of speech
PIECE_MAX_S = 4.0
MIN_PIECE_FRAMES = 10  # stretches shorter than 0.2 s of voiced speech say little about the voice
PITCH_WEIGHT = 2.5  # pitch is one number against 19 MFCCs but separates voices best
SWITCH_COST = 12.0  # log-likelihood a mid-phrase change of speaker must beat
SWITCH_COST_AT_BOUNDARY = 2.0  # after a pause or a sentence end
_KMEANS_RESTARTS = 8
_KMEANS_ROUNDS = 30
_VARIANCE_FLOOR = 0.05


@dataclass(frozen=True)
class VoiceLabels:
    """A speaker number (0..n-1, in order of first appearance) for every word, and how clear it was."""

    labels: tuple[int, ...]
    speakers: int
    separation: float
    """Between-voice distance over within-voice spread of the clusters; below about 1 the voices are hard to tell apart."""


def label_voices(
    words: Sequence[Word], features: FrameFeatures, speakers: int = 2, *, seed: int = 0
) -> VoiceLabels:
    """Assign each word to one of `speakers` voices."""
    with single_threaded_blas():
        return _label_voices(words, features, speakers, seed)


def _label_voices(words: Sequence[Word], features: FrameFeatures, speakers: int, seed: int) -> VoiceLabels:
    if not words:
        return VoiceLabels((), speakers, 0.0)
    profiles, weights = _word_profiles(words, features)
    usable = weights > 0
    if speakers <= 1 or usable.sum() < speakers:
        return VoiceLabels(tuple(0 for _ in words), 1, 0.0)
    standardised = _standardise(profiles, weights)
    pieces = _pieces(words)
    piece_vectors, piece_weights = _piece_profiles(pieces, standardised, weights)
    fit = piece_weights >= MIN_PIECE_FRAMES
    if fit.sum() < speakers:
        fit = piece_weights > 0
    centres = _weighted_kmeans(piece_vectors[fit], piece_weights[fit], speakers, seed=seed)
    piece_labels = _nearest(piece_vectors, centres)
    word_labels = np.zeros(len(words), dtype=int)
    for piece, label in zip(pieces, piece_labels, strict=True):
        word_labels[piece] = label
    means, variances = _voice_models(standardised, weights, word_labels, speakers)
    labels = _viterbi(words, standardised, weights, means, variances)
    ordered = _in_order_of_appearance(labels, speakers)
    return VoiceLabels(tuple(int(x) for x in ordered), speakers, _separation(means, variances))


def _word_profiles(words: Sequence[Word], features: FrameFeatures) -> tuple[Matrix, Matrix]:
    """Per word: [mean MFCC..., log2 median pitch] and the number of speech frames it covers."""
    levels = features.levels()
    mfcc = features.mfccs()
    pitch = features.pitches()
    threshold = speech_threshold_db(levels)
    count = min(len(levels), len(mfcc), len(pitch))
    profiles = np.full((len(words), mfcc.shape[1] + 1), np.nan)
    weights = np.zeros(len(words))
    for index, word in enumerate(words):
        first, last = frame_of(word.start_s), min(count, frame_of(word.end_s) + 1)
        if last <= first:
            continue
        loud = levels[first:last] >= threshold
        if not loud.any():
            continue
        frames = np.arange(first, last)[loud]
        profiles[index, :-1] = mfcc[frames].mean(axis=0)
        voiced = pitch[frames]
        voiced = voiced[voiced > 0]
        if voiced.size:
            profiles[index, -1] = np.log2(np.median(voiced))
        weights[index] = frames.size
    return profiles, weights


def _standardise(profiles: Matrix, weights: Matrix) -> Matrix:
    """Z-scores per feature (weighted by speech frames); missing pitch becomes 0 (the average)."""
    out = np.zeros_like(profiles)
    for column in range(profiles.shape[1]):
        values = profiles[:, column]
        known = ~np.isnan(values) & (weights > 0)
        if not known.any():
            continue
        mean = np.average(values[known], weights=weights[known])
        spread = np.sqrt(np.average((values[known] - mean) ** 2, weights=weights[known])) or 1.0
        out[known, column] = (values[known] - mean) / spread
    out[:, -1] *= PITCH_WEIGHT
    return out


def _pieces(words: Sequence[Word]) -> list[slice]:
    """Runs of words without a pause, a sentence end or more than PIECE_MAX_S of speech."""
    pieces: list[slice] = []
    start = 0
    for index in range(1, len(words) + 1):
        if index < len(words):
            previous, current = words[index - 1], words[index]
            boundary = (
                current.start_s - previous.end_s >= PIECE_GAP_S
                or _ends_sentence(previous.text)
                or current.end_s - words[start].start_s > PIECE_MAX_S
            )
            if not boundary:
                continue
        pieces.append(slice(start, index))
        start = index
    return pieces


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!"))


def _piece_profiles(pieces: list[slice], profiles: Matrix, weights: Matrix) -> tuple[Matrix, Matrix]:
    vectors = np.zeros((len(pieces), profiles.shape[1]))
    totals = np.zeros(len(pieces))
    for index, piece in enumerate(pieces):
        piece_weights = weights[piece]
        total = piece_weights.sum()
        if total > 0:
            vectors[index] = (profiles[piece] * piece_weights[:, None]).sum(axis=0) / total
        totals[index] = total
    return vectors, totals


def _weighted_kmeans(points: Matrix, weights: Matrix, k: int, *, seed: int) -> Matrix:
    """Centres of k clusters; k-means++ starts, several restarts, the tightest result wins."""
    rng = np.random.default_rng(seed)
    best_centres: Matrix | None = None
    best_cost = np.inf
    for _ in range(_KMEANS_RESTARTS):
        centres = _kmeans_plus_plus(points, weights, k, rng)
        for _round in range(_KMEANS_ROUNDS):
            labels = _nearest(points, centres)
            moved = centres.copy()
            for cluster in range(k):
                member = labels == cluster
                if weights[member].sum() > 0:
                    moved[cluster] = np.average(points[member], axis=0, weights=weights[member])
            if np.allclose(moved, centres):
                break
            centres = moved
        labels = _nearest(points, centres)
        cost = float((weights * ((points - centres[labels]) ** 2).sum(axis=1)).sum())
        if cost < best_cost:
            best_cost, best_centres = cost, centres
    assert best_centres is not None
    return best_centres


def _kmeans_plus_plus(points: Matrix, weights: Matrix, k: int, rng: np.random.Generator) -> Matrix:
    chosen = [int(rng.choice(len(points), p=weights / weights.sum()))]
    for _ in range(1, k):
        distance = ((points[:, None, :] - points[chosen][None, :, :]) ** 2).sum(axis=2).min(axis=1)
        chance = distance * weights
        if chance.sum() <= 0:
            chosen.append(int(rng.integers(len(points))))
            continue
        chosen.append(int(rng.choice(len(points), p=chance / chance.sum())))
    return points[chosen].copy()


def _nearest(points: Matrix, centres: Matrix) -> npt.NDArray[np.int_]:
    distance = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    return np.asarray(np.argmin(distance, axis=1), dtype=np.int_)


def _voice_models(
    profiles: Matrix, weights: Matrix, labels: npt.NDArray[np.int_], speakers: int
) -> tuple[Matrix, Matrix]:
    """A diagonal Gaussian over word profiles per voice."""
    means = np.zeros((speakers, profiles.shape[1]))
    variances = np.ones((speakers, profiles.shape[1]))
    for speaker in range(speakers):
        member = (labels == speaker) & (weights > 0)
        if weights[member].sum() <= 0:
            continue
        means[speaker] = np.average(profiles[member], axis=0, weights=weights[member])
        spread = np.average((profiles[member] - means[speaker]) ** 2, axis=0, weights=weights[member])
        variances[speaker] = np.maximum(spread, _VARIANCE_FLOOR)
    return means, variances


def _viterbi(
    words: Sequence[Word], profiles: Matrix, weights: Matrix, means: Matrix, variances: Matrix
) -> npt.NDArray[np.int_]:
    """The most likely voice per word given each word's profile and the cost of changing speaker."""
    speakers = len(means)
    # Log-likelihood of each word under each voice; words with more speech count for more, up to a cap.
    diff = profiles[:, None, :] - means[None, :, :]
    loglik = -0.5 * ((diff**2) / variances[None, :, :] + np.log(variances[None, :, :])).sum(axis=2)
    loglik *= np.minimum(weights, 25.0)[:, None] / 10.0
    loglik[weights <= 0] = 0.0
    score = loglik[0].copy()
    back = np.zeros((len(words), speakers), dtype=int)
    for index in range(1, len(words)):
        previous, current = words[index - 1], words[index]
        at_boundary = current.start_s - previous.end_s >= PIECE_GAP_S or _ends_sentence(previous.text)
        switch = SWITCH_COST_AT_BOUNDARY if at_boundary else SWITCH_COST
        options = score[:, None] - switch * (1 - np.eye(speakers))
        back[index] = np.argmax(options, axis=0)
        score = options.max(axis=0) + loglik[index]
    labels = np.zeros(len(words), dtype=int)
    labels[-1] = int(np.argmax(score))
    for index in range(len(words) - 1, 0, -1):
        labels[index - 1] = back[index, labels[index]]
    return labels


def _in_order_of_appearance(labels: npt.NDArray[np.int_], speakers: int) -> npt.NDArray[np.int_]:
    order: dict[int, int] = {}
    for label in labels:
        order.setdefault(int(label), len(order))
    for label in range(speakers):
        order.setdefault(label, len(order))
    return np.array([order[int(label)] for label in labels], dtype=int)


def _separation(means: Matrix, variances: Matrix) -> float:
    """The smallest distance between two voice centres in units of their spread."""
    smallest = np.inf
    for a in range(len(means)):
        for b in range(a + 1, len(means)):
            spread = np.sqrt((variances[a] + variances[b]) / 2)
            smallest = min(smallest, float(np.sqrt((((means[a] - means[b]) / spread) ** 2).mean())))
    return 0.0 if smallest == np.inf else round(smallest, 3)
