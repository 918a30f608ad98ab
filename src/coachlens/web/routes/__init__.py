"""The app's routers. `create_app` includes every router in ROUTERS, in this order.

Add a page module's router here (one router per resource, e.g. `sessions`, `library`, `dashboard`).
"""

from __future__ import annotations

from fastapi import APIRouter

from coachlens.web.routes import (
    api,
    dashboard,
    docs,
    library,
    mentoring,
    pages,
    pages_manage,
    practice,
    upload,
)
from coachlens.web.routes import settings as settings_pages

ROUTERS: list[APIRouter] = [
    api.router,
    docs.router,
    pages.router,
    pages_manage.router,
    upload.router,
    library.router,
    dashboard.router,
    practice.router,
    mentoring.router,
    settings_pages.router,
]
