"""The engine version: part of every result, and (with a digest of the engine's code) of the key
saved comparisons and series are cached under."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

__version__ = "0.1.0"

# The code that decides what a comparison says: reading, segmenting, aligning, classifying, and
# the models it is written in. Views and the service only show it.
_DECIDING = ("engine", "text", "models")


@cache
def engine_fingerprint() -> str:
    """``__version__`` and a digest of the engine's code, as the cache of saved results keys
    them. The version number changes with a release, but the engine changes between releases
    too: a service upgraded in place must not serve a pair compared by the old engine as if the
    new one had read it ("commitment weakened" where it now says "commitment dropped: …")."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for folder in _DECIDING:
        for path in sorted((package / folder).rglob("*.py")):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"
