"""`coachlens parse FILE`: read a transcript and print it as coachlens.transcript/1 JSON or as text."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from coachlens.commands.common import settings_from_flags, write_output


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


class InputFormat(StrEnum):
    vtt = "vtt"
    srt = "srt"
    text = "text"
    docx = "docx"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("parse")
    def parse_command(
        # Existence is checked by the library so a missing file gives the usual one-line error.
        file: Path = typer.Argument(
            ...,
            metavar="FILE",
            help="Transcript (.vtt, .srt, .txt, .docx, coachlens JSON) or recording (.m4a, .mp3, .wav, .mp4, ...).",
            show_default=False,
        ),
        output_format: OutputFormat = typer.Option(
            OutputFormat.json, "--format", "-f", help="Print coachlens.transcript/1 JSON or readable text."
        ),
        coach: str | None = typer.Option(
            None, "--coach", help="Speaker who is the coach (overrides the guess)."
        ),
        client: str | None = typer.Option(
            None, "--client", help="Speaker who is the client (overrides the guess)."
        ),
        input_format: InputFormat | None = typer.Option(
            None, "--input-format", help="Read the file as this format instead of detecting it."
        ),
    ) -> None:
        """Read a transcript (Zoom/Teams/Meet VTT, SRT, Otter/Rev/plain text, DOCX, JSON) and print its turns."""
        # Imported here so other commands do not pay for the transcript readers' imports.
        from coachlens.commands.audio import recording_session
        from coachlens.transcripts import parse, to_plain_text

        settings = settings_from_flags()
        # A recording (m4a, mp3, wav, ...) is transcribed locally first; see docs/audio.md.
        session = (
            None if input_format else recording_session(file, coach=coach, client=client, settings=settings)
        )
        if session is None:
            session = parse(
                file,
                coach=coach,
                client=client,
                format=input_format.value if input_format else None,
                settings=settings,
            )
        for warning in session.warnings:
            typer.echo(f"warning: {warning}", err=True)
        if session.roles_inferred and session.role_confidence is not None:
            coach_names = sorted({t.speaker for t in session.turns if t.role == "coach"})
            typer.echo(
                f"note: roles inferred (confidence {session.role_confidence:.2f}); coach: "
                f"{', '.join(coach_names)}. Use --coach NAME to change.",
                err=True,
            )
        if output_format is OutputFormat.json:
            text = json.dumps(session.to_transcript_dict(), indent=2, ensure_ascii=False)
        else:
            text = to_plain_text(session)
        write_output(text, None)
