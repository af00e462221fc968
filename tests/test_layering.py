"""The core imports no web framework: only web.py and api.py (and app.py) may import Flask."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = [
    "diffsvc",
    "diffsvc.diff",
    "diffsvc.normalize",
    "diffsvc.align",
    "diffsvc.inline",
    "diffsvc.ingest",
    "diffsvc.render",
    "diffsvc.fragments",
    "diffsvc.store",
    "diffsvc.service",
    "diffsvc.schemas",
    "diffsvc.openapi",
    "diffsvc.viewmodels",
    "diffsvc.pagecontext",
    "diffsvc.ratelimit",
]


WEB = ("flask", "werkzeug", "flask_wtf")
PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    web = sorted(m for m in sys.modules if m.split(".")[0] in %r)
    assert not web, (name, web[:5])
"""


def test_core_modules_do_not_import_flask() -> None:
    """One fresh interpreter imports each core module in turn and checks after each."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (WEB,), *CORE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_probe_notices_flask() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (WEB,), "diffsvc.web"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "diffsvc.web" in result.stderr
