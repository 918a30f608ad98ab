"""The local web app: `create_app(settings)` (see coachlens.web.app and docs/web.md)."""

from coachlens.web.app import create_app

__all__ = ["create_app"]
