"""What a running app holds beyond Flask's config, and how a request reaches it.

Why its own module: ``create_app`` builds one ``Services`` per app and every blueprint and hook
reads it through ``current()``; kept in the factory, the blueprints would import the factory that
imports them. The use cases (``diffsvc.app.usecases``) take the parts they need as arguments and
never look here, so they stay testable without an app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from flask import current_app, url_for
from flask_limiter import Limiter

from diffsvc.app.jobs import Runner
from diffsvc.app.settings import Settings
from diffsvc.app.usecases import Limits
from diffsvc.storage.store import Store


@dataclass(frozen=True)
class Services:
    """One app's settings, store, per-client rate limiter, per-request limits, and the runner of
    background series."""

    settings: Settings
    store: Store
    limiter: Limiter
    limits: Limits
    runner: Runner


def current() -> Services:
    """The running app's services (set up by ``create_app``)."""
    return cast(Services, current_app.extensions["diffsvc"])


def external_url(endpoint: str, **values: Any) -> str:
    """A link to hand out: on the configured PUBLIC_URL, or else on the address the request
    came to (whatever its Host header says, which is why a deployment sets PUBLIC_URL)."""
    base = current().settings.public_url.rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)
