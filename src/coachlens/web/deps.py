"""Typed FastAPI dependencies: what a route may ask for.

    from coachlens.web.deps import DatabaseDep, JobsDep, SettingsDep, TemplatesDep

    @router.get("/sessions/{session_id}")
    def session_page(session_id: str, db: DatabaseDep, templates: TemplatesDep, request: Request): ...

Everything comes from the `AppContext` that `create_app` stores on `app.state.context`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.templating import Jinja2Templates

from coachlens.config import Settings
from coachlens.jobs import JobQueue
from coachlens.storage.db import Database


@dataclass(frozen=True)
class AppContext:
    """The long-lived objects of one running app (one per `create_app`)."""

    settings: Settings
    db: Database
    jobs: JobQueue
    templates: Jinja2Templates


def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


def get_settings(request: Request) -> Settings:
    return get_context(request).settings


def get_database(request: Request) -> Database:
    return get_context(request).db


def get_jobs(request: Request) -> JobQueue:
    return get_context(request).jobs


def get_templates(request: Request) -> Jinja2Templates:
    return get_context(request).templates


ContextDep = Annotated[AppContext, Depends(get_context)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
JobsDep = Annotated[JobQueue, Depends(get_jobs)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
