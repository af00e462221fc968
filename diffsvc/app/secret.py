"""The generated secret key, kept in ``<VAR_DIR>/secret_key`` so every worker signs alike.

Why a file and not a key per process: every gunicorn worker must sign sessions and CSRF tokens
with the same key, or a form rendered by one worker fails on another, and a restart must not
invalidate open forms. Why here and not in the store: the key belongs to the web service, and the
store holds documents and comparisons; ``diffsvc.app.settings`` fills ``SECRET_KEY`` from this
file only when it is not set.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path


def persistent_secret(var_dir: str) -> str:
    """The secret key kept in ``<var_dir>/secret_key``, generated on first use (mode 0600).

    Several workers may start at once: the key is written to a temporary file and hard-linked
    into place, so exactly one key wins and nobody reads a half-written file.

    >>> with tempfile.TemporaryDirectory() as folder:
    ...     persistent_secret(folder) == persistent_secret(folder)
    True
    """
    folder = Path(var_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as handle:  # mkstemp already made it 0600
                handle.write(secrets.token_urlsafe(48) + "\n")
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    key = path.read_text().strip()
    if not key:
        raise ValueError(f"{path} is empty: delete it, or set DIFFSVC_SECRET_KEY")
    return key
