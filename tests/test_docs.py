"""The README documents every setting, route and error code users can meet."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from flask import Flask

from diffsvc import errors
from diffsvc.app.settings import SETTING_NAMES, settings_table

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    missing = [name for name in sorted(SETTING_NAMES) if f"`DIFFSVC_{name}`" not in README]
    assert missing == []


def test_the_settings_table_is_generated_from_the_settings() -> None:
    """Refresh it with: python -c 'from diffsvc.app.settings import settings_table;
    print(settings_table())'."""
    section = README.split("## Settings", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    assert table == settings_table().splitlines()


def test_every_error_code_is_documented() -> None:
    codes = {
        cls.code
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.DiffsvcError) and cls is not errors.DiffsvcError
    }
    assert sorted(c for c in codes if f"`{c}`" not in README) == []


def test_every_route_is_documented(app: Flask) -> None:
    documented = README.split("## Routes", 1)[1].split("\n## ", 1)[0]
    missing = []
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"<\1>", rule.rule)
        for name, shown in (
            ("cid", "id"),
            ("sid", "id"),
            ("doc_id", "id"),
            ("view", "side"),
            ("filename", "file"),
        ):
            path = path.replace(f"<{name}>", f"<{shown}>" if shown != "side" else shown)
        if f"{path}`" not in documented:
            missing.append(rule.rule)
    assert missing == []


def test_readme_commands_exist() -> None:
    makefile = (Path(__file__).parent.parent / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)", README, flags=re.M):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
