"""Shared pieces of the in-process `coachlens assess` tests: the small test classifier in place of
the model, and a runner that returns the exit code and both streams."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import coachlens.analysis.acts as acts
from coachlens.cli import main
from detector_support import SimpleClassifier


def use_small_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(acts, "load_default_classifier", lambda settings=None: SimpleClassifier())


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str | Path
) -> tuple[int, str, str]:
    """`coachlens ARGS` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["coachlens", *map(str, args)])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
