"""Every CLI command and every option of it must be named in docs/cli.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from coachlens.commands import register_all

DOC = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, Any]]:
    registered = typer.Typer()
    register_all(registered)
    root: Any = typer.main.get_command(registered)
    found: list[tuple[str, Any]] = []
    for name, command in root.commands.items():
        # Typer ships its own copy of click, so test for a group by shape, not by class.
        subcommands = getattr(command, "commands", None)
        if subcommands:
            found.extend((f"{name} {sub}", subcommand) for sub, subcommand in subcommands.items())
        else:
            found.append((name, command))
    return found


COMMANDS = _commands()


def test_all_commands_are_found() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"parse", "assess", "demo", "serve", "competencies", "drill", "practice"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_command_and_options_are_documented(name: str, command: Any) -> None:
    assert f"`coachlens {name}" in DOC, f"coachlens {name} is missing from docs/cli.md"
    for param in command.params:
        if param.param_type_name != "option":
            continue
        longest = max(param.opts, key=len)
        if longest == "--help":
            continue
        assert longest in DOC, f"option {longest} of coachlens {name} is missing from docs/cli.md"
