"""`coachlens demo`: the first thing a new user runs (via `make demo`).

It stores the bundled demo sessions in the database, assesses those not assessed yet, or all of
them again when the installed engine changed (printing progress), prints a short summary, and then
serves the web app so the reports open at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from coachlens.commands.common import settings_from_flags

if TYPE_CHECKING:
    from coachlens.config import Settings
    from coachlens.storage import SessionRecord
    from coachlens.storage.db import Database


def assess_demo_sessions(settings: Settings, db: Database) -> list[SessionRecord]:
    """Seed the demo sessions and assess each one that is not done; return them as stored."""
    # Imported here: storage and the engine are heavy, and every `coachlens` call loads this module.
    from coachlens.jobs import pipeline_assessor, run_assessment_job
    from coachlens.storage import get_app_state, get_session, recover_jobs, retry_job, set_app_state
    from coachlens.storage.demo_seed import seed_demo_sessions

    recover_jobs(db, stale_after_s=float(settings.job_stale_after_s))
    assessor = pipeline_assessor(settings)
    finished: list[SessionRecord] = []
    # After an upgrade the stored demo reports come from the old engine: assess them again so the
    # first thing a user sees is what the installed engine says.
    build = engine_build()
    stale = (get_app_state(db, _DEMO_BUILD_KEY) or {}).get("build") != build
    for record in seed_demo_sessions(db, settings):
        if stale and record.status == "done":
            retry_job(db, record.id)
            record = get_session(db, record.id)
        if record.status != "done":
            if record.status == "failed":
                retry_job(db, record.id)
            typer.echo(f"assessing '{record.title}' ({record.source_filename}) ...", err=True)
            run_assessment_job(db, record.id, assessor)
        finished.append(get_session(db, record.id))
    if all(r.status == "done" for r in finished):
        set_app_state(db, _DEMO_BUILD_KEY, {"build": build})
    return finished


_DEMO_BUILD_KEY = "demo_engine_build"


def engine_build() -> str:
    """A fingerprint of the installed engine: its version, analysis code, weights and rubric data."""
    import hashlib
    from pathlib import Path

    import coachlens

    root = Path(coachlens.__file__).parent
    digest = hashlib.sha256(coachlens.__version__.encode())
    for folder in ("analysis", "framework"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".json", ".npz", ".yaml", ".yml"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def summary_line(record: SessionRecord) -> str:
    """One line per demo session: score, readiness and markers demonstrated, or why it failed."""
    if record.status != "done" or record.assessment is None:
        return f"  {record.title}: {record.status}" + (f" ({record.error})" if record.error else "")
    assessment: dict[str, Any] = record.assessment
    markers = assessment.get("markers") or []
    shown = sum(1 for m in markers if m.get("status") == "demonstrated")
    readiness = (assessment.get("readiness") or {}).get("level", "?")
    score = assessment.get("overall_score")
    score_text = f"{score:.0f}/100" if isinstance(score, int | float) else "?"
    return (
        f"  {record.title}: overall {score_text}, readiness {readiness} (advisory), "
        f"{shown} of {len(markers)} markers demonstrated, {record.turn_count} turns"
    )


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        no_serve: bool = typer.Option(
            False, "--no-serve", help="Only assess the demo sessions and print a summary."
        ),
        host: str | None = typer.Option(None, "--host", help="Address to bind (default 127.0.0.1)."),
        port: int | None = typer.Option(None, "--port", help="Port to listen on (default 8000)."),
        no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser window."),
    ) -> None:
        """Assess the bundled demo sessions, then open them in the local web app."""
        from coachlens.storage import upgrade_database

        settings = settings_from_flags(host=host, port=port)
        db = upgrade_database(settings)
        try:
            records = assess_demo_sessions(settings, db)
        finally:
            db.dispose()
        typer.echo("Demo sessions (fictional; readiness is advisory, not an ICF assessment):")
        for record in records:
            typer.echo(summary_line(record))
        if any(r.status == "failed" for r in records):
            raise typer.Exit(code=1)
        if no_serve:
            return
        from coachlens.commands.serve import run_server

        run_server(settings, open_browser=not no_browser)
