"""The WSGI entry point for gunicorn (``gunicorn --config gunicorn.conf.py app:app``).

Nothing but the factory call: settings come from the environment inside ``create_app``, and each
gunicorn worker imports this module after forking, so every worker opens its own connections.
"""

from __future__ import annotations

from diffsvc.app import create_app

app = create_app()
