"""What guards every request: the per-client rate limit before it, security headers after it.

Why together: both are app-wide hooks that no route opts into, and both exist to protect users
and the service rather than to serve a page. The CSP allows no inline script or style at all, so
an injected ``<script>`` in a compared text cannot run even if escaping ever failed; comparison
URLs are capabilities (unguessable ids), so no referrer ever leaks them. CSRF protection of the
form is flask-wtf's, wired in ``create_app``.
"""

from __future__ import annotations

from flask import Response, request

from diffsvc import errors
from diffsvc.app.services import current

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
