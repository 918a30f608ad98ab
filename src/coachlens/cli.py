"""The `coachlens` command: a Typer app whose commands live in coachlens.commands.*.

Only this layer prints. Any CoachlensError becomes `error: <message>` on stderr and exit code 1;
usage mistakes exit 2 (Typer's convention). No traceback reaches a user.
"""

from __future__ import annotations

import logging
import sys

import typer

from coachlens import __version__
from coachlens.errors import CoachlensError

app = typer.Typer(
    name="coachlens",
    help="Evidence-linked feedback on coaching sessions against the ICF Core Competencies and PCC markers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coachlens {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """coachlens: a local-first mentor-coaching workbench."""


def _register_commands() -> None:
    # Imported here so that `coachlens --version` stays fast and one broken module is easy to spot.
    from coachlens.commands import register_all

    register_all(app)


def main() -> None:
    """Console-script entry point."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _register_commands()
    try:
        # Without standalone mode, `raise typer.Exit(code=1)` in a command comes back as a return value.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except CoachlensError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # last line of defence: a user never sees a traceback
        show = getattr(exc, "show", None)
        exit_code = getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            # Typer's (vendored click) usage and parameter errors: print them the usual way.
            show()
            sys.exit(exit_code)
        logging.getLogger("coachlens").debug("unexpected error", exc_info=True)
        typer.echo(f"error: unexpected {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
