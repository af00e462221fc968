"""What guards every request: the per-client rate limit before it, security headers after it.

Why together: both are app-wide hooks that no route opts into, and both exist to protect users
and the service rather than to serve a page. The CSP allows no inline script or style at all, so
an injected ``<script>`` in a compared text cannot run even if escaping ever failed; comparison
URLs are capabilities (unguessable ids), so no referrer ever leaks them. CSRF protection of the
form is flask-wtf's, wired in ``create_app``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import hashlib
import io
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import Flask, Response, g, request
from flask_limiter import Limiter

from diffsvc import errors
from diffsvc.app.services import current
from diffsvc.models import Comparison, Document
from diffsvc.version import __version__

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # Comparison URLs are capabilities (unguessable ids): never leak them to other sites.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


# Requests never counted: the static files and the icon, health checks, the empty form and the
# problems page (a client that hit the limit can still read what that means). Every other page
# and API call is, saved comparisons included: viewing a 15,000-clause comparison costs a worker
# seconds.
UNCOUNTED = frozenset(
    {
        "static",
        "pages.favicon",
        "pages.healthz",
        "pages.readyz",
        "pages.index",
        "pages.problems",
        "series.new",
    }
)
COST_CHARS = 10_000  # characters of the two documents that one unit of the rate limit pays for


def build_limiter(app: Flask, per_minute: int, storage: str) -> Limiter:
    """The per-client limit of PER_MINUTE units a minute, in Redis when REDIS_URL is set (one
    count for every worker and host), else in each worker's memory.

    A request is tested against the limit before it runs (as one unit) and charged after it
    answers, by its cost: one unit per COST_CHARS characters of the documents it compared or
    showed (``charge``), so a client comparing two 5 MB texts waits where one comparing two
    statements does not. If Redis is unreachable, requests pass (and the error is logged):
    the limit guards capacity, it must not take the service down with it.
    """
    return Limiter(
        key_func=lambda: request.remote_addr or "unknown",
        app=app,
        storage_uri=storage or "memory://",
        # A fixed window counts a charge whole even past the limit (a moving window would drop
        # it), so one very costly request makes its client wait.
        strategy="fixed-window",
        key_prefix="diffsvc",
        application_limits=[f"{per_minute} per minute"] if per_minute else [],
        application_limits_cost=lambda: int(g.get("request_cost", 1)),
        application_limits_deduct_when=lambda _response: True,
        application_limits_exempt_when=lambda: request.endpoint in UNCOUNTED,
        headers_enabled=False,
        swallow_errors=True,
        in_memory_fallback_enabled=False,
    )


def charge(comparison: Comparison) -> None:
    """Set what this request costs against the rate limit, from the documents it handled."""
    charge_documents([comparison.left, comparison.right])


def charge_documents(documents: Iterable[Document]) -> None:
    """Set what this request costs against the rate limit: the documents it handled (a
    comparison's two sides, a series' versions)."""
    chars = sum(len(c.text) for doc in documents for c in doc.clauses)
    g.request_cost = 1 + chars // COST_CHARS


RELEASE_UNITS = 20  # a request this costly (200,000 characters) gives its memory back after
RELEASE_BYTES = 1_000_000  # and so does one this large, refused or not (a Word file inflated)


def release_memory(response: Response) -> Response:
    """After a large request has been answered, collect its garbage and hand the freed heap
    back to the system (glibc keeps it otherwise), so a worker that served one 5 MB pair does
    not hold its peak until it is recycled."""
    large = (request.content_length or 0) > RELEASE_BYTES
    if large or int(g.get("request_cost", 1)) >= RELEASE_UNITS:
        response.call_on_close(_release)
    return response


def _release() -> None:
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache  # found on the first large request, not at import (find_library runs ldconfig)
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def rate_limited() -> errors.RateLimited:
    """The 429 a client gets, saying how long to wait (until enough of its window has passed)."""
    breached = current().limiter.current_limit
    reset = breached.reset_at if breached is not None else time.time() + 60
    seconds = max(1, min(60, int(reset - time.time()) + 1))
    message = f"Too many requests from this address; try again in {seconds} seconds."
    return errors.RateLimited(message, retry_after=seconds)


def security_headers(response: Response) -> Response:
    """Headers every response carries; the CSP allows no inline script or style at all.

    Nothing but the static files is kept by a browser or a proxy unless its view says so: pages
    hold pasted text and capability links. A saved comparison says so (``capability``).
    """
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    hsts = current().settings.hsts_seconds
    if hsts:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={hsts}")
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def capability_etag() -> str:
    """The validator of a saved comparison's or document's response: what it is never changes
    (its id names its content), so the URL asked for and the service's version say it all."""
    settings = current().settings
    seed = f"{__version__}\n{request.full_path}\n{settings.public_url}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def not_modified(etag: str) -> Response | None:
    """A 304 for a browser that holds this response already, or None."""
    if etag not in request.if_none_match:
        return None
    return capability(Response(status=304), etag)


def capability(response: Response, etag: str) -> Response:
    """Let the browser keep a saved comparison and revalidate it (a 304 costs no rendering);
    ``private``: a shared cache must never hold a capability URL's content."""
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


class BoundedBody:
    """WSGI middleware giving a body sent without a length (chunked) the length it has, read up
    to one byte past ``limit``.

    Why: Werkzeug enforces MAX_CONTENT_LENGTH from the Content-Length header; a chunked body
    over the limit was silently cut there and answered 400 ("not valid JSON") instead of 413.
    With the length it was read to, the usual 413 follows, and no more than ``limit + 1`` bytes
    are ever held.
    """

    def __init__(self, app: WSGIApplication, limit: int) -> None:
        self.app, self.limit = app, limit

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        # A chunked body's Content-Length, if a client sends one, is ignored by HTTP and Werkzeug.
        if chunked or (not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated")):
            body = environ["wsgi.input"].read(self.limit + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            environ.pop("wsgi.input_terminated", None)
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)
