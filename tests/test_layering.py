"""The folders are the architecture: each layer imports only the layers below it.

The rules are read off ARCHITECTURE.md's table: ``models`` and ``text`` are the base, ``engine``
builds on them, ``views`` and ``storage`` sit beside each other on top of the contract, and only
``app`` (the web service) may import Flask. The test walks the package's folders, so a module
added anywhere is held to its folder's rule without editing a list here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "diffsvc"

# Which parts of diffsvc each part may import (besides itself). Top-level modules are parts too.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "version": set(),
    "models": {"errors"},
    "text": {"models"},
    "engine": {"models", "text", "errors", "version"},
    "views": {"models", "text", "errors", "version"},
    "storage": {"models", "errors", "version"},
    "app": {"models", "text", "engine", "views", "storage", "errors", "version"},
    "cli": {"models", "engine", "views", "errors", "version"},
    "__main__": {"cli"},
    "__init__": {"models", "engine", "version"},
}
WEB = ("flask", "werkzeug", "flask_wtf")


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _module(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _imports(path: Path, module: str) -> list[str]:
    """Every module ``path`` (module ``module``) imports, relative imports resolved, at any
    depth of the code."""
    found = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_part_has_a_rule() -> None:
    assert {_part(p) for p in MODULES} <= set(ALLOWED)


def _violations(path: Path, module: str, part: str) -> list[str]:
    wrong = []
    for name in _imports(path, module):
        top, _, rest = name.partition(".")
        if top in WEB and part != "app":
            wrong.append(name)
        if top == "diffsvc" and rest:
            other = rest.split(".")[0]
            if other != part and other in ALLOWED and other not in ALLOWED[part]:
                wrong.append(name)
    return wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_the_layers_below(path: Path) -> None:
    assert _violations(path, _module(path), _part(path)) == []


def test_the_rule_catches_an_engine_module_reaching_up(tmp_path: Path) -> None:
    """The check itself: an engine module reaching storage (also relatively) or Flask."""
    rogue = tmp_path / "rogue.py"
    rogue.write_text(
        "import flask\nfrom ...storage import store\nfrom diffsvc.views import export\n"
        "from diffsvc.models import Op\n",
        encoding="utf-8",
    )
    found = _violations(rogue, "diffsvc.engine.align.rogue", "engine")
    assert found == [
        "flask",
        "diffsvc.storage",
        "diffsvc.storage.store",
        "diffsvc.views",
        "diffsvc.views.export",
    ]


PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
web = sorted(m for m in sys.modules if m.split(".")[0] in %r)
assert not web, web[:5]
"""


def test_nothing_outside_app_pulls_in_flask_at_run_time() -> None:
    """Third-party packages can import Flask too: one fresh interpreter imports every module
    outside ``app/`` and finds no web framework loaded."""
    names = [
        _module(p)
        for p in MODULES
        if _part(p) != "app" and "migrations" not in p.parts and p.name != "__main__.py"
    ]
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (WEB,), *names],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
