"""Running `coachlens` in-process for CLI tests: exit code, stdout and stderr of cli.main."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from typing import Protocol

import pytest

from coachlens.cli import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


class Cli(Protocol):
    def __call__(self, *args: str, stdin: str = "") -> Run: ...


def make_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A runner of `coachlens ARGS` through cli.main, with stdin, capturing code and output."""

    def run(*args: str, stdin: str = "") -> Run:
        monkeypatch.setattr(sys, "argv", ["coachlens", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
