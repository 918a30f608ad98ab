"""Run every benchmark script in this folder, one after another, and print their output.

Benchmarks measure speed, memory and validity; they are not part of `make test`'s pass/fail. Their
figures are written into the docs (docs/formats.md, docs/validation.md, docs/audio.md, docs/llm.md,
docs/practice.md). Usage: `make benchmark` or `.venv/bin/python benchmarks/run_all.py [--only NAME]`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmark_scripts() -> list[Path]:
    """The benchmark scripts, in name order (validate.py needs the eval data and runs last)."""
    scripts = sorted(HERE.glob("bench_*.py"))
    validate = HERE / "validate.py"
    if validate.exists():
        scripts.append(validate)
    return scripts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only scripts whose name contains this text")
    args = parser.parse_args()
    failures = 0
    for script in benchmark_scripts():
        if args.only and args.only not in script.name:
            continue
        print(f"\n=== {script.name} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], check=False)
        elapsed = time.perf_counter() - started
        status = "ok" if result.returncode == 0 else f"failed (exit {result.returncode})"
        print(f"=== {script.name}: {status} in {elapsed:.1f} s ===", flush=True)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
