"""CLI command modules. Each module defines `register(app)` and stays a thin layer over the library.

Add a module's register call to `register_all`; keep the list in the order `coachlens --help` shows.
"""

from __future__ import annotations

import typer


def register_all(app: typer.Typer) -> None:
    from coachlens.commands import assess as assess_commands
    from coachlens.commands import audio as audio_commands
    from coachlens.commands import demo, serve, worker
    from coachlens.commands import framework as framework_commands
    from coachlens.commands import llm as llm_commands
    from coachlens.commands import mentoring as mentoring_commands
    from coachlens.commands import parse as parse_commands
    from coachlens.commands import practice as practice_commands

    demo.register(app)
    serve.register(app)
    worker.register(app)
    parse_commands.register(app)
    assess_commands.register(app)
    audio_commands.register(app)
    framework_commands.register(app)
    practice_commands.register(app)
    llm_commands.register(app)
    mentoring_commands.register(app)
