"""What a running app holds beyond Flask's config, and how a request reaches it.

Why its own module: ``create_app`` builds one ``Services`` per app and every blueprint and hook
reads it through ``current()``; kept in the factory, the blueprints would import the factory that
imports them. The use cases (``diffsvc.app.usecases``) take the parts they need as arguments and
never look here, so they stay testable without an app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from flask import current_app

from diffsvc.app.ratelimit import RateLimiter
from diffsvc.app.settings import Settings
from diffsvc.app.usecases import Limits
from diffsvc.storage.store import Store


@dataclass(frozen=True)
class Services:
    """One app's settings, store, per-client rate limiter and per-request limits."""

    settings: Settings
    store: Store
    limiter: RateLimiter
    limits: Limits


def current() -> Services:
    """The running app's services (set up by ``create_app``)."""
    return cast(Services, current_app.extensions["diffsvc"])
