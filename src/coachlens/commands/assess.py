"""`coachlens assess FILE|DIR`: assess transcripts against the PCC markers and write reports.

One file: the report goes to stdout or `--output PATH` (the format follows `--format`, or the
output's extension). A folder: every transcript and recording in it is assessed into `--output
OUTDIR`, one report per input with the same base name, with a progress bar (a recording is
transcribed first; the bar says "transcribing NAME", then "assessing NAME"); a bad file is skipped
with one line saying why, and the command exits 1 if any file failed or no report was written. Without the audio extra each
recording is skipped with one line and counted as skipped; the transcripts are still assessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from coachlens.commands.common import settings_from_flags, write_output
from coachlens.errors import CoachlensError

if TYPE_CHECKING:  # the engine and the renderers load only when a command runs (fast `--help`)
    from coachlens.analysis.types import ActClassifier
    from coachlens.audio.types import Progress as AudioProgress
    from coachlens.config import Settings
    from coachlens.models import Assessment

TRANSCRIPT_SUFFIXES = frozenset({".vtt", ".srt", ".txt", ".docx", ".json", ".md"})


def recording_suffixes() -> frozenset[str]:
    """The recording extensions the single-file path transcribes (.wav, .mp3, .m4a, ...)."""
    from coachlens.audio.decode import AUDIO_EXTENSIONS

    return frozenset(AUDIO_EXTENSIONS)


class ReportFormat(StrEnum):
    """The report formats `coachlens assess` writes."""

    json = "json"
    md = "md"
    html = "html"


_EXTENSION_FORMATS = {
    ".json": ReportFormat.json,
    ".md": ReportFormat.md,
    ".markdown": ReportFormat.md,
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
}


@dataclass(frozen=True)
class FolderResult:
    """What a folder run produced: the reports written, the files that failed and the recordings
    skipped because they cannot be transcribed here (each with why), and how many inputs were recordings."""

    assessed: list[Path]
    failed: list[tuple[Path, str]]
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    recordings: int = 0

    @property
    def total(self) -> int:
        return len(self.assessed) + len(self.failed) + len(self.skipped)

    @property
    def noun(self) -> str:
        """What the folder held: "transcripts", "recordings" or "transcripts and recordings"."""
        if self.recordings == 0:
            return "transcripts"
        return "recordings" if self.recordings == self.total else "transcripts and recordings"


def assess_file(
    path: Path,
    *,
    settings: Settings,
    classifier: ActClassifier | None = None,
    coach: str | None = None,
    client: str | None = None,
    status: Callable[[str], None] | None = None,
) -> Assessment:
    """Parse and assess one transcript (the library call behind both command modes).

    A recording (m4a, mp3, wav, ...) is transcribed locally first, with its own progress bar
    (docs/audio.md). With `status` (the folder mode) there is no own bar: `status` receives
    "transcribing NAME 42%" while a recording is transcribed, then "assessing NAME".
    """
    from coachlens.analysis.pipeline import assess
    from coachlens.commands.audio import recording_session
    from coachlens.transcripts import parse

    on_progress: Callable[[AudioProgress], None] | None = None
    if status is not None:
        report = status

        def on_progress(update: AudioProgress) -> None:
            fraction = update.fraction
            report(f"transcribing {path.name}" + (f" {fraction:.0%}" if fraction is not None else ""))

    session = recording_session(path, coach=coach, client=client, settings=settings, on_progress=on_progress)
    if session is None:
        session = parse(path, coach=coach, client=client, settings=settings)
    if status is not None:
        status(f"assessing {path.name}")
    return assess(session, settings=settings, classifier=classifier)


def inputs_in(folder: Path) -> list[Path]:
    """The transcripts and recordings directly inside `folder`, sorted by name (hidden files skipped)."""
    suffixes = TRANSCRIPT_SUFFIXES | recording_suffixes()
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
    )


def output_names(inputs: list[Path], extension: str) -> dict[Path, str]:
    """Output file names: the input's base name with the report extension, or the full name when two
    inputs share a base name (`a.vtt`, `a.txt` -> `a.vtt.json`, `a.txt.json`)."""
    stems: dict[str, int] = {}
    for path in inputs:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    return {p: (p.stem if stems[p.stem] == 1 else p.name) + f".{extension}" for p in inputs}


def assess_folder(
    folder: Path,
    outdir: Path,
    fmt: ReportFormat,
    *,
    settings: Settings,
    coach: str | None,
    client: str | None,
    console: Console,
    after: Callable[[Assessment], Assessment] | None = None,
) -> FolderResult:
    """Assess every transcript and recording in `folder` into `outdir`, one report each; failures are
    collected, and recordings are skipped (with one line each) when the audio extra is missing."""
    from coachlens.commands.audio import recordings_unavailable

    inputs = inputs_in(folder)
    if not inputs:
        raise CoachlensError(
            f"{folder} holds no transcripts (.vtt, .srt, .txt, .docx, .json) or recordings "
            "(.m4a, .mp3, .wav, .mp4, .webm, .ogg, .flac); pick another folder"
        )
    audio = recording_suffixes()
    recordings = {p for p in inputs if p.suffix.lower() in audio}
    why_not = recordings_unavailable(settings) if recordings else None
    skipped: list[tuple[Path, str]] = []
    if why_not is not None:
        for path in sorted(recordings):
            skipped.append((path, why_not))
            console.print(f"skipped {path.name}: {why_not}", markup=False, highlight=False, soft_wrap=True)
    todo = [p for p in inputs if why_not is None or p not in recordings]
    assessed: list[Path] = []
    failed: list[tuple[Path, str]] = []
    if todo:
        # Names over every input, so they stay put once the audio extra is installed.
        names = output_names(inputs, fmt.value)
        assessed, failed = _assess_each(
            todo,
            names,
            outdir,
            fmt,
            settings=settings,
            coach=coach,
            client=client,
            console=console,
            after=after,
        )
    return FolderResult(assessed, failed, skipped, recordings=len(recordings))


def _assess_each(
    inputs: list[Path],
    names: dict[Path, str],
    outdir: Path,
    fmt: ReportFormat,
    *,
    settings: Settings,
    coach: str | None,
    client: str | None,
    console: Console,
    after: Callable[[Assessment], Assessment] | None,
) -> tuple[list[Path], list[tuple[Path, str]]]:
    from coachlens.analysis.acts import load_default_classifier
    from coachlens.reports import render

    classifier = load_default_classifier(settings)  # loaded once for the whole folder
    outdir.mkdir(parents=True, exist_ok=True)
    audio = recording_suffixes()
    assessed: list[Path] = []
    failed: list[tuple[Path, str]] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("assessing", total=len(inputs))

        def status(text: str) -> None:
            progress.update(task, description=text)

        for path in inputs:
            verb = "transcribing" if path.suffix.lower() in audio else "assessing"
            status(f"{verb} {path.name}")
            try:
                assessment = assess_file(
                    path, settings=settings, classifier=classifier, coach=coach, client=client, status=status
                )
                if after is not None:  # the optional LLM pass (--llm)
                    assessment = after(assessment)
                target = outdir / names[path]
                tmp = target.with_name(target.name + ".tmp")
                tmp.write_text(render(assessment, fmt.value), encoding="utf-8")
                tmp.replace(target)
                assessed.append(target)
            except CoachlensError as exc:
                failed.append((path, exc.message))
                console.print(
                    f"skipped {path.name}: {exc.message}", markup=False, highlight=False, soft_wrap=True
                )
            except OSError as exc:
                failed.append((path, str(exc)))
                console.print(
                    f"skipped {path.name}: could not write the report ({exc})",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            progress.advance(task)
    return assessed, failed


def register(app: typer.Typer) -> None:
    """Add `coachlens assess` to the CLI."""

    @app.command("assess")
    def assess_command(
        target: Path = typer.Argument(
            ...,
            metavar="FILE|DIR",
            help="A transcript or a recording (.m4a, .mp3, .wav, ...), or a folder of them.",
            show_default=False,
        ),
        output_format: ReportFormat | None = typer.Option(
            None, "--format", "-f", help="Report format: json (default), md or html."
        ),
        output: Path | None = typer.Option(
            None, "--output", "-o", help="Write the report here (a folder when assessing a folder)."
        ),
        coach: str | None = typer.Option(
            None, "--coach", help="Speaker who is the coach (overrides the guess)."
        ),
        client: str | None = typer.Option(
            None, "--client", help="Speaker who is the client (overrides the guess)."
        ),
        llm: bool = typer.Option(False, "--llm", help="Deepen interpretive markers with the configured LLM."),
        dry_run: bool = typer.Option(
            False, "--dry-run", help="With --llm: print exactly what would be sent to the LLM; send nothing."
        ),
        no_redact: bool = typer.Option(
            False, "--no-redact", help="With --llm: send names and contact details unredacted, this once."
        ),
    ) -> None:
        """Assess a coaching session against the ICF PCC markers: evidence, scores, feedback."""
        from coachlens.commands.llm import dry_run_text, llm_step

        settings = settings_from_flags()
        step = llm_step(settings, llm=llm, dry_run=dry_run, no_redact=no_redact, folder=target.is_dir())
        err = Console(stderr=True)
        if target.is_dir():
            if output is None:
                raise CoachlensError("assessing a folder needs --output OUTDIR for the reports")
            if output.exists() and not output.is_dir():
                raise CoachlensError(f"{output} is a file; give a folder for the reports of a folder")
            fmt = output_format or ReportFormat.json
            result = assess_folder(
                target, output, fmt, settings=settings, coach=coach, client=client, console=err, after=step
            )
            summary = f"assessed {len(result.assessed)} of {result.total} {result.noun} into {output}"
            if result.failed:
                summary += f"; {len(result.failed)} failed: " + ", ".join(p.name for p, _ in result.failed)
            if result.skipped:
                reasons = sorted({why for _, why in result.skipped})
                summary += f"; {len(result.skipped)} skipped ({'; '.join(reasons)}): " + ", ".join(
                    p.name for p, _ in result.skipped
                )
            typer.echo(summary, err=True)
            if result.failed or not result.assessed:
                raise typer.Exit(code=1)
            return
        fmt = (
            output_format
            or (_EXTENSION_FORMATS.get(output.suffix.lower()) if output else None)
            or ReportFormat.json
        )
        assessment = assess_file(target, settings=settings, coach=coach, client=client)
        if dry_run:
            write_output(dry_run_text(assessment, settings, redact=not no_redact), output)
            return
        if step is not None:
            assessment = step(assessment)
        for warning in assessment.session.warnings:
            typer.echo(f"warning: {warning}", err=True)
        for note in assessment.notes:
            typer.echo(f"note: {note}", err=True)
        from coachlens.reports import render

        write_output(render(assessment, fmt.value), output)
