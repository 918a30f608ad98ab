"""`coachlens transcribe FILE...`: transcribe recordings locally into a timed, speaker-labelled transcript.

Also home of `transcribe_with_progress`, which `parse` and `assess` use for recordings: a progress
bar with the real-time factor on stderr, and Ctrl+C that stops cleanly after the current chunk.
`assess DIR` hands its own callback instead, so the folder's bar shows the transcription and no
second bar is drawn under it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from coachlens.commands.common import settings_from_flags, write_output
from coachlens.config import Settings
from coachlens.models import CoachingSession

if TYPE_CHECKING:  # the audio package loads only when a recording is transcribed
    from coachlens.audio.types import Progress as AudioProgress

T = TypeVar("T")

AUDIO_EXTRA_MISSING = "recordings need the audio extra: pip install 'coachlens[audio]'"


class TranscriptFormat(StrEnum):
    vtt = "vtt"
    json = "json"
    text = "text"


class Layout(StrEnum):
    auto = "auto"
    files = "files"
    stereo = "stereo"
    mixed = "mixed"


def split_names(names: str | None) -> list[str] | None:
    """`"Anna, Ben"` -> ["Anna", "Ben"]; None stays None."""
    if names is None:
        return None
    return [part.strip() for part in names.split(",")]


def recordings_unavailable(settings: Settings) -> str | None:
    """Why recordings cannot be transcribed on this machine (the audio extra is missing), else None."""
    import importlib.util

    from coachlens.audio.transcribe import default_model_dir

    if importlib.util.find_spec("faster_whisper") is None:
        return AUDIO_EXTRA_MISSING
    if settings.whisper_model_dir is None and default_model_dir() is None:
        return AUDIO_EXTRA_MISSING
    return None


def transcribe_with_progress(
    work: Callable[..., T],
    *,
    quiet: bool = False,
    on_progress: Callable[[AudioProgress], None] | None = None,
) -> T:
    """Run `work(progress=..., stop=...)` in a worker thread with a progress bar; Ctrl+C stops it cleanly.

    A first Ctrl+C asks the transcription to stop after the current chunk (a one-line message
    and exit code 130 follow); a second one quits at once. With `on_progress` the updates go to
    that callback (from the worker thread) instead of an own bar, as if `quiet`.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from coachlens.audio.types import TranscriptionStopped

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("real-time factor {task.fields[rtf]}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=quiet or on_progress is not None,
    )
    task = bar.add_task("transcribing", total=None, rtf="-")

    def show(update: AudioProgress) -> None:
        if on_progress is not None:
            on_progress(update)
            return
        rtf = update.real_time_factor
        bar.update(
            task,
            description=update.stage,
            total=update.total_s,
            completed=update.done_s,
            rtf=f"{rtf:.2f}" if rtf is not None else "-",
        )

    stop = threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work(progress=show, stop=stop)
        except BaseException as exc:  # handed to the main thread, which reports it
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="coachlens-transcribe", daemon=True)
    with bar:
        try:
            worker.start()
            while worker.is_alive():
                worker.join(0.2)
        except KeyboardInterrupt:
            stop.set()
            console.print("stopping after the current chunk of audio (Ctrl+C again to quit at once)")
            try:
                worker.join()
            except KeyboardInterrupt:
                raise typer.Exit(code=130) from None
    error = outcome.get("error")
    if isinstance(error, TranscriptionStopped):
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(code=130)
    if isinstance(error, BaseException):
        raise error
    return outcome["value"]  # type: ignore[return-value]


def recording_session(
    file: Path,
    *,
    coach: str | None = None,
    client: str | None = None,
    settings: Settings | None = None,
    on_progress: Callable[[AudioProgress], None] | None = None,
) -> CoachingSession | None:
    """The session transcribed from `file` when it is a recording (progress bar, Ctrl+C); None otherwise.

    `parse` and `assess` call this first, so `coachlens assess recording.m4a` works like a transcript.
    `on_progress` replaces the progress bar (the folder mode of `assess` draws its own).
    """
    from coachlens.audio.ingest import is_audio, session_from_recording

    try:
        with file.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        head = b""  # missing or unreadable: the transcript reader gives the usual one-line error
    if not is_audio(file.name, head):
        return None
    return transcribe_with_progress(
        lambda progress, stop: session_from_recording(
            file, coach=coach, client=client, settings=settings, progress=progress, stop=stop
        ),
        on_progress=on_progress,
    )


def register(app: typer.Typer) -> None:
    @app.command("transcribe")
    def transcribe_command(
        files: list[Path] = typer.Argument(
            ...,
            metavar="FILE...",
            help="Recording(s): wav, mp3, m4a, mp4, webm, ogg, flac. Several files = one per speaker (Zoom).",
            show_default=False,
        ),
        speakers: int | None = typer.Option(
            None, "--speakers", "-n", min=1, max=8, help="Voices in a single mixed recording (default 2)."
        ),
        names: str | None = typer.Option(
            None,
            "--names",
            help="Speaker names, comma-separated: in file order, channel order (left,right) or order of first voice.",
        ),
        transcript: Path | None = typer.Option(
            None,
            "--transcript",
            help="A transcript of the same recording with speaker labels to put on its clock.",
        ),
        layout: Layout = typer.Option(
            Layout.auto, "--layout", help="How speakers are recorded; auto picks from the files and channels."
        ),
        coach: str | None = typer.Option(
            None, "--coach", help="Speaker who is the coach (overrides the guess)."
        ),
        client: str | None = typer.Option(None, "--client", help="Speaker who is the client."),
        output_format: TranscriptFormat = typer.Option(
            TranscriptFormat.vtt,
            "--format",
            "-f",
            help="WebVTT (reads back with parse/assess), JSON with timing, or text.",
        ),
        output: Path | None = typer.Option(
            None, "--output", "-o", help="Write to this file instead of stdout."
        ),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    ) -> None:
        """Transcribe recordings offline (Whisper) into a speaker-labelled transcript with pauses and overlaps."""
        from coachlens.audio.export import to_json_dict, to_webvtt
        from coachlens.audio.ingest import transcribe_recording
        from coachlens.transcripts import to_plain_text

        settings = settings_from_flags()
        result = transcribe_with_progress(
            lambda progress, stop: transcribe_recording(
                files,
                speakers=speakers,
                names=split_names(names),
                transcript=transcript,
                layout=layout.value,
                coach=coach,
                client=client,
                settings=settings,
                progress=progress,
                stop=stop,
            ),
            quiet=quiet,
        )
        session = result.session
        for warning in session.warnings:
            typer.echo(f"warning: {warning}", err=True)
        timing = result.timing
        typer.echo(
            f"note: {len(session.turns)} turns, {result.duration_s / 60:.1f} min of audio at real-time factor "
            f"{result.real_time_factor:.2f}; {len(timing.pauses)} pause(s), {len(timing.overlaps)} overlap(s)",
            err=True,
        )
        if output_format is TranscriptFormat.json:
            text = json.dumps(to_json_dict(result), indent=2, ensure_ascii=False)
        elif output_format is TranscriptFormat.vtt:
            text = to_webvtt(session)
        else:
            text = to_plain_text(session)
        write_output(text, output)
