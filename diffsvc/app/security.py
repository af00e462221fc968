"""What guards every request: the per-client rate limit before it, security headers after it.

Why together: both are app-wide hooks that no route opts into, and both exist to protect users
and the service rather than to serve a page. The CSP allows no inline script or style at all, so
an injected ``<script>`` in a compared text cannot run even if escaping ever failed; comparison
URLs are capabilities (unguessable ids), so no referrer ever leaks them. CSRF protection of the
form is flask-wtf's, wired in ``create_app``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import Response, request

from diffsvc import errors
from diffsvc.app.services import current

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
    """Headers every response carries; the CSP allows no inline script or style at all."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
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
