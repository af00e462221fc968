"""Views: a Comparison shaped for people (page contexts, templates, static files, exports).

No web framework here: the pages' templates receive typed contexts built by this package, and the
app layer only renders them. The templates and static files live inside the package so that an
installed wheel serves every page; the repository's top-level ``templates/`` points here.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
