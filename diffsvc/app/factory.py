"""The app factory: settings in, one Flask app out, with its store, blueprints and hooks.

Map: ``create_app`` loads the typed settings (code defaults, ``DIFFSVC_*`` env, the test
mapping), opens and migrates the store, and wires the pieces each kept in its own module: the
HTML pages (``pages``), the JSON API (``api``), CSRF for form posts only (the API is exempt and
sets no cookie), the rate limit and security headers (``security``) and the single error handler
(``problems``). The app's store, limiter and limits live in one ``Services`` (``services``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from diffsvc.app import jobs
from diffsvc.app.api import api
from diffsvc.app.pages import pages
from diffsvc.app.problems import handle_error
from diffsvc.app.security import BoundedBody, build_limiter, release_memory, security_headers
from diffsvc.app.series_pages import series_pages
from diffsvc.app.services import Services
from diffsvc.app.settings import SETTING_NAMES, load_settings
from diffsvc.app.usecases import Limits
from diffsvc.storage.store import Store
from diffsvc.views import STATIC, TEMPLATES


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; ``test_config`` overrides settings (e.g. DATABASE_URL, RATE_LIMIT_PER_MINUTE).

    >>> create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "k"}).name
    'diffsvc.app.factory'
    """
    app = Flask(__name__, template_folder=str(TEMPLATES), static_folder=str(STATIC))
    given = dict(test_config or {})
    settings = load_settings({k: v for k, v in given.items() if k in SETTING_NAMES})
    # Keys that are not settings are Flask options (TESTING, WTF_CSRF_ENABLED): they ride along.
    app.config.update({k: v for k, v in given.items() if k not in SETTING_NAMES})
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        # Flask 3.1 caps non-file form fields at 500 kB by default; a pasted text may be larger.
        MAX_FORM_MEMORY_SIZE=settings.max_request_bytes,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        WTF_CSRF_TIME_LIMIT=None,
    )
    store = Store(settings.database_url, id_key=settings.secret_key.encode())
    store.migrate()
    limits = Limits(
        max_bytes=settings.max_request_bytes,
        max_clauses=settings.max_clauses,
        time_budget=settings.time_budget_seconds,
    )
    limiter = build_limiter(app, settings.rate_limit_per_minute, settings.redis_url)
    app.extensions["diffsvc"] = Services(
        settings=settings,
        store=store,
        limiter=limiter,
        limits=limits,
        runner=jobs.runner(settings, store),
    )
    csrf = CSRFProtect()
    csrf.exempt(api)
    app.register_blueprint(pages)
    app.register_blueprint(series_pages)
    app.register_blueprint(api)
    csrf.init_app(app)
    app.after_request(security_headers)
    app.after_request(release_memory)
    app.register_error_handler(Exception, handle_error)
    app.wsgi_app = BoundedBody(app.wsgi_app, settings.max_request_bytes)  # type: ignore[method-assign]
    if settings.trusted_proxies:
        # Outermost, so the forwarded address is the client's before anything reads it.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    return app
