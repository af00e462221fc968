"""Background work: series too large to compute within a request.

Why two runners behind one ``submit``: ``make run`` must need nothing but the service, so by
default each service worker computes background series itself, one at a time, in a thread of
its own (``InProcess``); a deployment that wants the work off the web workers, or spread over
hosts, sets ``QUEUE_URL`` and runs RQ workers (``rq worker --url <QUEUE_URL> diffsvc``), which
call ``run_series`` with the same settings. Either way the series' state and progress live in
the store, so any web worker can answer "how far is it" and a page polls the store, not the
runner.

A runner that dies mid-series (a worker recycled or killed) leaves the series queued or
running; ``diffsvc.app.series.status`` reports such a series as failed once it has been silent
longer than any series may take, and asking for it again queues it again.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Protocol

from diffsvc.app.settings import Settings, load_settings
from diffsvc.storage.store import Store

log = logging.getLogger(__name__)

QUEUE_NAME = "diffsvc"
# What RQ adds to a series' own budget before it kills the job: time to load and store it.
QUEUE_MARGIN_SECONDS = 60


class Runner(Protocol):
    def submit(self, sid: str) -> None:
        """Have series ``sid`` (registered in the store, queued) computed."""


class InProcess:
    """Series computed by this process, one at a time, in a thread beside the requests."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def submit(self, sid: str) -> None:
        # Made on first use, in the process that uses it: never inherited across a fork.
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="series")
            self._pool.submit(_run, self.settings, self.store, sid)


class Queue:
    """Series computed by RQ workers reading the same settings."""

    def __init__(self, settings: Settings) -> None:
        from redis import Redis
        from rq import Queue as RqQueue

        self.settings = settings
        self.queue = RqQueue(QUEUE_NAME, connection=Redis.from_url(settings.queue_url))

    def submit(self, sid: str) -> None:
        self.queue.enqueue(
            run_series,
            sid,
            job_id=f"series-{sid}",
            job_timeout=int(self.settings.series_time_budget_seconds) + QUEUE_MARGIN_SECONDS,
            result_ttl=0,
            failure_ttl=24 * 3600,
        )


def runner(settings: Settings, store: Store) -> Runner:
    """The runner the settings ask for: RQ with ``QUEUE_URL``, else this process."""
    return Queue(settings) if settings.queue_url else InProcess(settings, store)


@cache
def _worker_store() -> tuple[Settings, Store]:
    settings = load_settings()
    store = Store(settings.database_url, id_key=settings.secret_key.encode())
    store.migrate()
    return settings, store


def run_series(sid: str) -> None:
    """The RQ job: compute series ``sid`` with the settings of this process's environment."""
    settings, store = _worker_store()
    _run(settings, store, sid)


def _run(settings: Settings, store: Store, sid: str) -> None:
    from diffsvc.app.series import compute_stored

    try:
        compute_stored(store, sid, settings)
    except Exception:
        # compute_stored has recorded the failure; the log keeps the traceback.
        log.exception("series %s failed", sid)
