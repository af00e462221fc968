"""What guards every request: the per-client rate limit before it, security headers after it.

Why together: both are app-wide hooks that no route opts into, and both exist to protect users
and the service rather than to serve a page. The CSP allows no inline script or style at all, so
an injected ``<script>`` in a compared text cannot run even if escaping ever failed; comparison
URLs are capabilities (unguessable ids), so no referrer ever leaks them. CSRF protection of the
form is flask-wtf's, wired in ``create_app``.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import Response, request

from diffsvc import errors
from diffsvc.app.services import current
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


def rate_limit() -> None:
    """Count requests that compute (the API, form posts, swaps) per client address."""
    expensive = request.path.startswith("/api/v1/") or request.method == "POST"
    if not expensive and request.endpoint != "pages.swap":
        return
    wait = current().limiter.hit(request.remote_addr or "unknown")
    if wait is not None:
        seconds = int(wait) + 1
        message = f"Too many requests from this address; try again in {seconds} seconds."
        raise errors.RateLimited(message, retry_after=seconds)


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
    seed = f"{__version__}\n{request.full_path}\n{settings.public_url}\n{request.accept_mimetypes}"
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
