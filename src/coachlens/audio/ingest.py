"""Recordings in, a CoachingSession out: the one entry point the CLI, `parse`/`assess` and the web use.

`session_from_recording(paths, ...)` picks the speaker layout (several files: one per speaker; a
stereo file with different people per channel; otherwise one mixed track, or a labelled
transcript aligned to the recording), transcribes locally, builds timed turns and decides the
coach and client roles with the transcripts package's rules (names such as "Coach", `--coach`,
else the question/talk-share inference with its confidence).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Literal

from coachlens.audio.align import align_words, fill_unmatched, retime_session
from coachlens.audio.decode import AUDIO_EXTENSIONS, AudioSource, display_name, probe_audio
from coachlens.audio.features import speech_threshold_db
from coachlens.audio.overlap import apply_overlaps, find_overlaps
from coachlens.audio.speakers import (
    SpeakerWords,
    channel_tracks,
    channels_hold_different_speakers,
    file_tracks,
    words_from_mixed_track,
    words_from_tracks,
)
from coachlens.audio.timing import TimingReport, timing_report, trim_to_voice
from coachlens.audio.transcribe import Transcriber, model_label
from coachlens.audio.turns import words_to_turns
from coachlens.audio.types import ProgressCallback, SpeakerWord, StopSignal
from coachlens.config import Settings, load_settings
from coachlens.errors import AudioError
from coachlens.models import CoachingSession
from coachlens.transcripts.roles import LOW_CONFIDENCE, apply_roles, decide_roles

logger = logging.getLogger(__name__)

LayoutChoice = Literal["auto", "files", "stereo", "mixed"]

# (offset, magic bytes) of the containers decode.py accepts.
_SIGNATURES: tuple[tuple[int, bytes], ...] = (
    (0, b"ID3"),
    (0, b"OggS"),
    (0, b"fLaC"),
    (0, b"\x1aE\xdf\xa3"),
)
_IMAGE_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis"})
_MP3_SYNC = (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa")


@dataclass(frozen=True)
class RecordingTranscript:
    """A transcribed recording: the session, the attributed words and the timing report."""

    session: CoachingSession
    words: tuple[SpeakerWord, ...]
    timing: TimingReport
    duration_s: float
    elapsed_s: float

    @property
    def real_time_factor(self) -> float:
        return self.elapsed_s / self.duration_s if self.duration_s > 0 else 0.0


def is_audio(filename: str | None, head_bytes: bytes = b"") -> bool:
    """True when a file is a recording coachlens transcribes, judged by its first bytes or its name."""
    head = head_bytes[:16]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return True
    if head[4:8] == b"ftyp":
        # MP4/M4A/MOV; HEIF/AVIF photos use the same box with an image brand.
        return head[8:12] not in _IMAGE_BRANDS
    if any(head[offset : offset + len(magic)] == magic for offset, magic in _SIGNATURES):
        return True
    if head[:2] in _MP3_SYNC:
        return True
    named_audio = bool(filename) and PurePath(filename or "").suffix.lower() in AUDIO_EXTENSIONS
    # Without a known signature the name decides, unless the content is plainly text: a transcript
    # saved as .mp3 is still read as a transcript, a damaged .m4a gets the recording's error message.
    return named_audio and not _looks_like_text(head)


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    for cut in range(4):  # the sample may end inside a multi-byte character
        try:
            text = head[: len(head) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    else:
        return False
    return all(ch.isprintable() or ch in "\t\r\n\ufeff" for ch in text)


def session_from_recording(
    paths: Sequence[Path | str] | Path | str | bytes,
    *,
    filename: str | None = None,
    speakers: int | None = None,
    names: Sequence[str] | None = None,
    transcript: Path | str | bytes | None = None,
    transcript_filename: str | None = None,
    layout: LayoutChoice = "auto",
    coach: str | None = None,
    client: str | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    stop: StopSignal | None = None,
) -> CoachingSession:
    """Transcribe one or more recordings of a session into a CoachingSession with timed turns.

    `paths`: one recording, several (one per speaker), or the bytes of one (named by `filename`).
    `speakers`: voices in a mixed track (default 2). `names`: speaker names in file order, channel
    order (left, right) or order of first voice. `transcript`: a labelled transcript of the same
    recording whose speakers and text are kept and put on the recording's clock.
    Raises AudioError (or TranscriptError/RoleError for the transcript) with a one-line message.
    """
    return transcribe_recording(
        paths,
        filename=filename,
        speakers=speakers,
        names=names,
        transcript=transcript,
        transcript_filename=transcript_filename,
        layout=layout,
        coach=coach,
        client=client,
        settings=settings,
        progress=progress,
        stop=stop,
    ).session


def transcribe_recording(
    paths: Sequence[Path | str] | Path | str | bytes,
    *,
    filename: str | None = None,
    speakers: int | None = None,
    names: Sequence[str] | None = None,
    transcript: Path | str | bytes | None = None,
    transcript_filename: str | None = None,
    layout: LayoutChoice = "auto",
    coach: str | None = None,
    client: str | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    stop: StopSignal | None = None,
) -> RecordingTranscript:
    """Like session_from_recording, also returning the words and the pause/overlap report."""
    settings = settings or load_settings()
    sources = _sources(paths)
    shown = display_name(sources[0], filename)
    transcriber = Transcriber(settings)
    if transcript is not None:
        if len(sources) != 1:
            raise AudioError("--transcript aligns one recording; give a single recording file with it")
        session, heard, duration_s, elapsed_s = _aligned_to_transcript(
            transcriber,
            sources[0],
            shown,
            transcript,
            transcript_filename,
            coach,
            client,
            settings,
            progress,
            stop,
        )
        return _finish(session, heard, duration_s, elapsed_s)
    chosen = _choose_layout(sources, shown, layout, speakers)
    if chosen == "files":
        paths_only = [Path(s) for s in sources if not isinstance(s, bytes)]
        found = words_from_tracks(
            transcriber, file_tracks(paths_only, names), mode="files", progress=progress, stop=stop
        )
    elif chosen == "stereo":
        found = words_from_tracks(
            transcriber, channel_tracks(sources[0], names), mode="stereo", progress=progress, stop=stop
        )
    else:
        found = words_from_mixed_track(
            transcriber,
            sources[0],
            speakers=speakers or 2,
            names=names,
            name=shown,
            progress=progress,
            stop=stop,
        )
    session = _session_from_words(found, shown, filename, coach, client, settings)
    return _finish(session, found.words, found.duration_s, found.elapsed_s)


def _sources(paths: Sequence[Path | str] | Path | str | bytes) -> list[AudioSource]:
    if isinstance(paths, bytes | str | Path):
        return [paths]
    sources: list[AudioSource] = list(paths)
    if not sources:
        raise AudioError("no recording given; pass the path of at least one audio or video file")
    return sources


def _choose_layout(sources: list[AudioSource], shown: str, layout: LayoutChoice, speakers: int | None) -> str:
    if len(sources) > 1:
        if layout not in ("auto", "files"):
            raise AudioError(f"--layout {layout} takes one recording, but {len(sources)} were given")
        if speakers is not None and speakers != len(sources):
            raise AudioError(
                f"--speakers {speakers} does not match the {len(sources)} files given (one file per speaker); "
                "leave --speakers out"
            )
        if any(isinstance(s, bytes) for s in sources):
            raise AudioError("several recordings must be given as files, one per speaker")
        return "files"
    if layout == "files":
        raise AudioError("--layout files needs one recording per speaker; give two or more files")
    if layout != "auto":
        return layout
    if speakers is None and channels_hold_different_speakers(sources[0], name=shown):
        return "stereo"
    return "mixed"


def _session_from_words(
    found: SpeakerWords,
    shown: str,
    filename: str | None,
    coach: str | None,
    client: str | None,
    settings: Settings,
) -> CoachingSession:
    if not found.words:
        raise AudioError(
            f"{shown} has no speech that could be recognised (only silence or noise); check it is the right "
            "recording and that the microphones were on"
        )
    turns = words_to_turns(found.words)
    decision = decide_roles(turns, {}, coach=coach, client=client)
    warnings = list(found.warnings)
    spoken = {w.speaker for w in found.words}
    silent = [s for s in found.speakers if s not in spoken]
    if silent:
        warnings.append(f"no speech was recognised for {', '.join(silent)}")
    if decision.note:
        warnings.append(decision.note)
    metadata = {
        "filename": filename or shown,
        "recording": "audio",
        "speaker_layout": found.mode,
        "asr_model": model_label(settings),
        "audio_duration_s": f"{found.duration_s:.1f}",
        "real_time_factor": f"{found.real_time_factor:.3f}",
    }
    if found.voice_separation is not None:
        metadata["voice_separation"] = f"{found.voice_separation:.2f}"
    return CoachingSession(
        title=PurePath(filename or shown).stem or "Recording",
        source_format="audio",
        turns=apply_roles(turns, decision.roles),
        roles_inferred=decision.inferred,
        role_confidence=decision.confidence,
        warnings=tuple(warnings),
        metadata=metadata,
    )


def _aligned_to_transcript(
    transcriber: Transcriber,
    source: AudioSource,
    shown: str,
    transcript: Path | str | bytes,
    transcript_filename: str | None,
    coach: str | None,
    client: str | None,
    settings: Settings,
    progress: ProgressCallback | None,
    stop: StopSignal | None,
) -> tuple[CoachingSession, tuple[SpeakerWord, ...], float, float]:
    from coachlens.transcripts import parse

    labelled = parse(transcript, filename=transcript_filename, coach=coach, client=client, settings=settings)
    probe_audio(source, name=shown, max_seconds=settings.max_audio_seconds)
    track = transcriber.transcribe_track(source, name=shown, progress=progress, stop=stop)
    if not track.words:
        raise AudioError(f"{shown} has no speech that could be recognised; check it is the right recording")
    levels = track.features.levels()
    words = trim_to_voice(track.words, levels)
    alignment = align_words(labelled.turns, words, name=shown)
    word_turns = fill_unmatched(alignment.word_turns)
    speaker_of_turn = {t.index: t.speaker for t in labelled.turns}
    speaker_ids = {name: i for i, name in enumerate(dict.fromkeys(speaker_of_turn.values()))}
    labels = [speaker_ids[speaker_of_turn[t]] if t is not None else 0 for t in word_turns]
    if len(set(labels)) > 1:
        overlaps = find_overlaps(
            source,
            words,
            labels,
            speech_db=speech_threshold_db(levels),
            name=shown,
            max_seconds=settings.max_audio_seconds,
        )
        # The transcript already says whose each word is; only the edges move.
        words, _ = apply_overlaps(words, labels, overlaps, relabel=False)
    session, unplaced = retime_session(labelled, words, word_turns)
    warnings = list(session.warnings)
    if unplaced:
        warnings.append(
            f"{unplaced} transcript turn(s) could not be found in {shown}; their times are estimated from their neighbours"
        )
    metadata = {
        **session.metadata,
        "recording": shown,
        "speaker_layout": "transcript",
        "asr_model": model_label(settings),
        "audio_duration_s": f"{track.duration_s:.1f}",
        "real_time_factor": f"{track.real_time_factor:.3f}",
        "alignment_match": f"{alignment.match_share:.2f}",
    }
    retimed = replace(
        session, source_format=f"audio+{labelled.source_format}", warnings=tuple(warnings), metadata=metadata
    )
    heard = tuple(
        SpeakerWord(speaker_of_turn[turn], word)
        for word, turn in zip(words, word_turns, strict=True)
        if turn is not None
    )
    return retimed, heard, track.duration_s, track.elapsed_s


def _finish(
    session: CoachingSession, words: tuple[SpeakerWord, ...], duration_s: float, elapsed_s: float
) -> RecordingTranscript:
    for warning in session.warnings:
        logger.info("%s", warning)
    if session.roles_inferred and (session.role_confidence or 0.0) < LOW_CONFIDENCE:
        logger.info("roles in %s are a low-confidence guess", session.title)
    return RecordingTranscript(session, words, timing_report(session), duration_s, elapsed_s)
