"""gunicorn settings for diffsvc: ``gunicorn --config gunicorn.conf.py app:app``.

Every value comes from the service's own settings (``diffsvc.app.settings``), so ``DIFFSVC_BIND``,
``DIFFSVC_WORKERS``, ``DIFFSVC_THREADS``, ``DIFFSVC_WORKER_TIMEOUT`` and ``DIFFSVC_LOG_LEVEL`` are
documented with the rest. Why these choices:

- Comparisons are CPU-bound pure Python, so throughput comes from processes: one worker per
  core (at least 2, at most 8; more only time-slice the CPU, see settings.worker_count), one
  thread each unless DIFFSVC_THREADS says otherwise.
- The schema is migrated once in the master (``on_starting``) before any worker forks; the
  workers' own ``migrate()`` calls then find it current. The app is not preloaded, so no
  database connection is ever shared across a fork.
- The worker timeout stays well above TIME_BUDGET_SECONDS: the engine gives up first and answers
  with an error instead of gunicorn killing the worker mid-request.
- Logs (access and error) go to stdout/stderr for the container runtime to collect.
"""

from __future__ import annotations

import gc
import html
import logging
import os

from gunicorn import util

from diffsvc.app.security import SECURITY_HEADERS
from diffsvc.app.settings import load_settings, worker_count
from diffsvc.storage.store import Store

# Loading the settings here also creates var/secret_key before the workers fork and race for it.
_settings = load_settings()

bind = _settings.bind
workers = worker_count(_settings.workers, os.cpu_count())
threads = _settings.threads
worker_class = "gthread" if threads > 1 else "sync"
timeout = _settings.worker_timeout
graceful_timeout = timeout
keepalive = 5
# Recycle workers now and then, with jitter so they do not all restart at once.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
loglevel = _settings.log_level.lower()
# The worker heartbeat file: on tmpfs where there is one (a container's /tmp may be disk).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn >= 25 opens a control socket under $HOME by default; the service does not use it,
# and two instances on one machine (the service and bench/load.py) would fight over it.
control_socket_disable = True
preload_app = False


def on_starting(server: object) -> None:
    """Set up the service's logging, then migrate the schema once, before any worker forks.

    gunicorn configures only its own loggers (which do not propagate), so without this the
    service's warnings would reach stderr unformatted and its info records not at all. Workers
    inherit the configuration through fork.
    """
    logging.basicConfig(
        level=loglevel.upper(),
        format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S %z",
    )
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # start-up chatter
    with Store(_settings.database_url, id_key=_settings.secret_key.encode()) as store:
        store.migrate()


def post_fork(server: object, worker: object) -> None:
    """Keep workers quiet about migrations: the master ran them; theirs only confirm it."""
    logging.getLogger("alembic").setLevel(logging.WARNING)


def post_worker_init(worker: object) -> None:
    """Tune the garbage collector for a worker that allocates many short-lived objects.

    A comparison builds a few hundred small models and thousands of strings, nearly all freed
    by reference counting; the cyclic collector's frequent generation-0 passes over them (and
    over the loaded app, which gc.freeze moves out of its sight) were about 6% of a compare.
    """
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def _write_error(sock: object, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's own error page (a malformed request line, oversized headers), with the
    headers every page of the service carries. gunicorn offers no hook for these answers, so its
    writer is replaced: the page stays gunicorn's, escaped as gunicorn escapes it."""
    page = (
        f"<html><head><title>{reason}</title></head><body><h1>{reason}</h1>"
        f"{html.escape(mesg)}</body></html>"
    ).encode()
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
    if _settings.hsts_seconds:
        headers["Strict-Transport-Security"] = f"max-age={_settings.hsts_seconds}"
    head = f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
    head += "Content-Type: text/html; charset=utf-8\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    head += f"Content-Length: {len(page)}\r\n\r\n"
    util.write_nonblock(sock, head.encode("latin1") + page)


util.write_error = _write_error
