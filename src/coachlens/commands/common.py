"""Helpers shared by CLI commands: output, settings from flags, the error line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from coachlens.config import Settings, load_settings


def settings_from_flags(**overrides: Any) -> Settings:
    """Settings with command-line flags laid over file and environment values."""
    return load_settings(**overrides)


def write_output(text: str, output: Path | None) -> None:
    """Print to stdout, or write the file atomically when --output is given."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    typer.echo(f"wrote {output}", err=True)


def fail(message: str) -> typer.Exit:
    """Print the one-line error and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=1)
