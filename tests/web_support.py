"""Helpers for the web tests: a test config, a CSRF-aware form post and a live server.

Why a support module: the browser tests need the app served over real HTTP (werkzeug's
``make_server`` on 127.0.0.1:0 in a thread), and several modules post the compare form, which
needs the CSRF token from the form page first.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.test import TestResponse

from diffsvc.app.factory import create_app

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
LEFT = "1. We will cooperate on drugs.\n2. We will share data.\n3. Fight crime together.\n"
RIGHT = (
    "1. Fight crime together.\n2. We will cooperate on narcotics.\n3. We will share data.\n"
    "4. New item here.\n"
)


def config_for(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """A config with its own SQLite file, a fixed key and no rate limit."""
    return {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'diffsvc.sqlite3'}",
        "SECRET_KEY": "test-secret",
        "VAR_DIR": str(tmp_path),
        "RATE_LIMIT_PER_MINUTE": 0,
        **overrides,
    }


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    return create_app(config_for(tmp_path, **overrides))


def csrf_token(client: FlaskClient) -> str:
    match = TOKEN.search(client.get("/").get_data(as_text=True))
    assert match, "the form page carries a CSRF token"
    return match.group(1)


def post_form(client: FlaskClient, data: Mapping[str, Any], **kwargs: Any) -> TestResponse:
    """Post the compare form with a valid CSRF token (multipart, as the browser does)."""
    form = {"csrf_token": csrf_token(client), **data}
    return client.post("/", data=form, content_type="multipart/form-data", **kwargs)


def save_comparison(client: FlaskClient, left: str = LEFT, right: str = RIGHT, **extra: Any) -> str:
    """Compare two texts through the form; return the new comparison's id."""
    response = post_form(client, {"left_text": left, "right_text": right, **extra})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].split("/c/")[1].split("?")[0]


class QuietHandler(WSGIRequestHandler):
    """Keeps the test output free of one access-log line per request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return


@contextmanager
def live_server(app: Flask) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
