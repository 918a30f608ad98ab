"""The web app: `create_app(settings)` builds a FastAPI app with everything wired in.

Structure (see docs/web.md):

- `app.state.context` is an `AppContext` (settings, database, job queue, templates); routes get its
  parts through the typed dependencies in `coachlens.web.deps`.
- Routers come from `coachlens.web.routes.ROUTERS`; templates from `web/templates/` (pages extend
  `base.html`); static files are served at `/static` from `web/static/`.
- `SecurityMiddleware` wraps everything (host check, cross-site refusal, body limit, CSP headers).
- On startup the lifespan migrates the database, seeds the demo sessions into an empty one, starts
  the job queue and resumes jobs a stopped server left pending; on shutdown it stops the queue.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from coachlens import __version__
from coachlens.config import Settings, load_settings
from coachlens.jobs import Assessor, JobQueue, make_job_queue, resume_jobs
from coachlens.storage.db import Database
from coachlens.storage.demo_seed import demo_seeding_due, seed_demo_sessions
from coachlens.storage.migrate import upgrade_engine
from coachlens.web.deps import AppContext
from coachlens.web.errors import document_one_line_errors, install_error_handlers
from coachlens.web.routes import ROUTERS
from coachlens.web.routes.docs import SWAGGER_ASSETS
from coachlens.web.security import SecurityMiddleware
from coachlens.web.templating import STATIC_DIR, make_templates
from coachlens.web.uploads import max_request_bytes

log = logging.getLogger(__name__)

API_DESCRIPTION = (
    "Upload coaching-session transcripts, poll their assessment, and read the evidence-linked "
    "`coachlens.assessment/1` results. Requests from scripts need no token; browsers may only call "
    "state-changing endpoints from coachlens' own pages."
)


def create_app(
    settings: Settings | None = None,
    *,
    jobs: JobQueue | None = None,
    assessor: Assessor | None = None,
) -> FastAPI:
    """Build the app. `jobs` replaces the configured job queue; `assessor` the offline engine (tests)."""
    settings = settings or load_settings()
    db = Database.from_settings(settings)
    queue = jobs or make_job_queue(settings, db, assessor)
    context = AppContext(settings=settings, db=db, jobs=queue, templates=make_templates())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        start_services(context)
        try:
            yield
        finally:
            context.jobs.stop()
            context.db.dispose()

    app = FastAPI(
        title="coachlens",
        version=__version__,
        description=API_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = context
    app.add_middleware(
        SecurityMiddleware,
        allowed_hosts=settings.allowed_hosts,
        max_body_bytes=max_request_bytes(settings),
    )
    install_error_handlers(app)
    _document_one_line_errors(app)
    _mount_swagger_assets(app)  # before /static, which would otherwise claim its paths
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app


def start_services(context: AppContext) -> None:
    """Migrate, seed the demo sessions on a fresh database, start the jobs and resume pending ones."""
    upgrade_engine(context.db.engine)
    if demo_seeding_due(context.db, context.settings):
        seeded = seed_demo_sessions(context.db, context.settings)
        log.info("added %d demo sessions to the new database", len(seeded))
    context.jobs.start()
    resume_jobs(context.db, context.jobs, context.settings)


def _document_one_line_errors(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_one_line_errors(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _mount_swagger_assets(app: FastAPI) -> None:
    try:
        from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]
    except ImportError:  # the API still works; only the /docs page lacks its script
        log.warning("swagger-ui-bundle-v2 is not installed; /docs cannot render")
        return
    app.mount(SWAGGER_ASSETS, StaticFiles(directory=swagger_ui_path), name="swagger-ui")
