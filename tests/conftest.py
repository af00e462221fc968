"""Shared fixtures: ``app`` (temp SQLite store, no rate limit), ``client``, ``live_server`` and
``database_url`` (each test once on SQLite, once on PostgreSQL)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import web_support
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# The session-wide PostgreSQL server for the storage tests (tests/pgserver.py).
pytest_plugins = ["pgserver"]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend: SQLite in a folder not yet created, and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/var/diffsvc.sqlite3"
    postgres_url: str = request.getfixturevalue("postgres_url")
    return postgres_url


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = web_support.make_app(tmp_path)
    yield application
    application.extensions["diffsvc"].store.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app served over real HTTP, for browser tests (one per module)."""
    application = web_support.make_app(tmp_path_factory.mktemp("live"))
    with web_support.live_server(application) as url:
        yield url
    application.extensions["diffsvc"].store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (one per module)."""
    if not CHROMIUM.exists():
        # Fail, never skip: a browser test that skips is a browser test that does not exist.
        pytest.fail(
            f"Chromium is required at {CHROMIUM} (CI={os.environ.get('CI')}); run make sysdeps"
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite fixtures/*/expected.* from the current engine instead of comparing",
    )
