"""`coachlens demo`: the first thing a new user runs (via `make demo`)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def demo() -> None:
        """Run coachlens on the bundled demo sessions (and serve the web app once it exists)."""
        typer.echo("coachlens demo: nothing to show yet.")
