"""`coachlens assess FILE|DIR`: assess transcripts against the PCC markers and write reports.

One file: the report goes to stdout or `--output PATH` (the format follows `--format`, or the
output's extension). A folder: every transcript in it is assessed into `--output OUTDIR`, one report
per input with the same base name, with a progress bar; a bad file is skipped with one line saying
why, and the command exits 1 if any file failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
    from coachlens.config import Settings
    from coachlens.models import Assessment

TRANSCRIPT_SUFFIXES = frozenset({".vtt", ".srt", ".txt", ".docx", ".json", ".md"})


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
    """What a folder run produced: the reports written and the files that failed, with why."""

    assessed: list[Path]
    failed: list[tuple[Path, str]]


def assess_file(
    path: Path,
    *,
    settings: Settings,
    classifier: ActClassifier | None = None,
    coach: str | None = None,
    client: str | None = None,
) -> Assessment:
    """Parse and assess one transcript (the library call behind both command modes).

    A recording (m4a, mp3, wav, ...) is transcribed locally first, with its own progress bar
    (docs/audio.md); folders hold only transcripts, so that bar never nests in the folder's.
    """
    from coachlens.analysis.pipeline import assess
    from coachlens.commands.audio import recording_session
    from coachlens.transcripts import parse

    session = recording_session(path, coach=coach, client=client, settings=settings)
    if session is None:
        session = parse(path, coach=coach, client=client, settings=settings)
    return assess(session, settings=settings, classifier=classifier)


def transcripts_in(folder: Path) -> list[Path]:
    """The transcript files directly inside `folder`, sorted by name (hidden files skipped)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES and not p.name.startswith(".")
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
    """Assess every transcript in `folder` into `outdir`, one report each; failures are collected."""
    from coachlens.analysis.acts import load_default_classifier
    from coachlens.reports import render

    inputs = transcripts_in(folder)
    if not inputs:
        raise CoachlensError(
            f"{folder} holds no transcripts (.vtt, .srt, .txt, .docx, .json); pick another folder"
        )
    classifier = load_default_classifier(settings)  # loaded once for the whole folder
    names = output_names(inputs, fmt.value)
    outdir.mkdir(parents=True, exist_ok=True)
    assessed: list[Path] = []
    failed: list[tuple[Path, str]] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("assessing", total=len(inputs))
        for path in inputs:
            progress.update(task, description=f"assessing {path.name}")
            try:
                assessment = assess_file(
                    path, settings=settings, classifier=classifier, coach=coach, client=client
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
                console.print(f"skipped {path.name}: {exc.message}", markup=False, highlight=False)
            except OSError as exc:
                failed.append((path, str(exc)))
                console.print(
                    f"skipped {path.name}: could not write the report ({exc})", markup=False, highlight=False
                )
            progress.advance(task)
    return FolderResult(assessed, failed)


def register(app: typer.Typer) -> None:
    """Add `coachlens assess` to the CLI."""

    @app.command("assess")
    def assess_command(
        target: Path = typer.Argument(
            ...,
            metavar="FILE|DIR",
            help="A transcript or a recording (.m4a, .mp3, .wav, ...), or a folder of transcripts.",
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
            total = len(result.assessed) + len(result.failed)
            summary = f"assessed {len(result.assessed)} of {total} transcripts into {output}"
            if result.failed:
                summary += f"; {len(result.failed)} failed: " + ", ".join(p.name for p, _ in result.failed)
            typer.echo(summary, err=True)
            if result.failed:
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
