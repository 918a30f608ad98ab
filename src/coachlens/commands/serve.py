"""`coachlens serve`: run the local web app (127.0.0.1:8000 unless told otherwise)."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading
import webbrowser

import typer

from coachlens.commands.common import settings_from_flags
from coachlens.config import Settings
from coachlens.errors import ConfigError


def server_url(host: str, port: int) -> str:
    """The address to open in a browser (a wildcard bind is opened on loopback)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_port_free(host: str, port: int) -> None:
    """ConfigError with a fix when the address is taken, before anything is printed as running."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}); stop the other server or pass --port"
            ) from None


def can_open_browser() -> bool:
    """Only open a browser where one can appear (never in CI or on a headless Linux box)."""
    if os.environ.get("CI"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def check_services(settings: Settings) -> None:
    """Migrate the database and reach Redis now, so a problem is one clear line, not a startup traceback."""
    from coachlens.storage import upgrade_database

    upgrade_database(settings).dispose()
    if settings.job_backend == "rq":
        from coachlens.jobs.rq_backend import redis_connection

        redis_connection(settings).close()


def run_server(settings: Settings, *, open_browser: bool) -> None:
    """Serve the app until Ctrl+C, printing the address first."""
    import uvicorn

    from coachlens.web import create_app

    check_port_free(settings.host, settings.port)
    check_services(settings)
    app = create_app(settings)
    url = server_url(settings.host, settings.port)
    typer.echo(f"coachlens is running at {url}  (press Ctrl+C to stop)")
    if not is_loopback(settings.host):
        typer.echo(
            f"note: listening on {settings.host}, so other machines can connect; they must use a host name "
            f"listed in allowed_hosts ({', '.join(settings.allowed_hosts)})",
            err=True,
        )
    if open_browser and can_open_browser():
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(
        app,
        host=settings.host.strip("[]"),
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=settings.log_level == "DEBUG",
    )


def fetch_in_process(settings: Settings, path: str) -> tuple[int, str]:
    """Request one path from the app without opening a port (`serve --get`); status and body."""
    from fastapi.testclient import TestClient

    from coachlens.web import create_app

    base = server_url("127.0.0.1", settings.port).rstrip("/")
    with TestClient(create_app(settings), base_url=base) as client:
        response = client.get(path if path.startswith("/") else f"/{path}")
        return response.status_code, response.text


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str | None = typer.Option(None, "--host", help="Address to bind (default 127.0.0.1)."),
        port: int | None = typer.Option(None, "--port", help="Port to listen on (default 8000)."),
        no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser window."),
        get: str | None = typer.Option(
            None,
            "--get",
            metavar="PATH",
            help="Print one page or API response (e.g. /api/sessions) and exit.",
        ),
    ) -> None:
        """Run the coachlens web app on this computer."""
        settings = settings_from_flags(host=host, port=port)
        if get is not None:
            status, body = fetch_in_process(settings, get)
            typer.echo(body)
            if status >= 400:
                raise typer.Exit(code=1)
            return
        run_server(settings, open_browser=not no_browser)
