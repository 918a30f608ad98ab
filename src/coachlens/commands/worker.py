"""`coachlens worker`: serve the Redis job queue (for `job_backend = rq`, e.g. a coach-training school)."""

from __future__ import annotations

import typer

from coachlens.commands.common import settings_from_flags


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(
        burst: bool = typer.Option(
            False, "--burst", help="Stop once the queue is empty (for scripts and tests)."
        ),
    ) -> None:
        """Run assessments from the RQ queue at COACHLENS_REDIS_URL (start as many as you have cores)."""
        # Imported here so other commands do not pay for the job queue and the database layer.
        from coachlens.jobs import RQJobQueue, configure_worker, pipeline_assessor, resume_jobs, run_worker
        from coachlens.storage import upgrade_database

        settings = settings_from_flags()
        db = upgrade_database(settings)
        configure_worker(db, pipeline_assessor(settings))
        # Jobs whose worker died long ago go back on the queue (fresh ones may still be running).
        resume_jobs(db, RQJobQueue(settings), settings)
        typer.echo(f"coachlens worker: queue '{settings.rq_queue}' at {settings.redis_url} (Ctrl+C to stop)")
        run_worker(settings, burst=burst)
