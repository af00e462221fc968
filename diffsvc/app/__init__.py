"""The web service: the Flask app factory, pages, JSON API, settings and security."""

from __future__ import annotations

from diffsvc.app.factory import create_app

__all__ = ["create_app"]
