"""A small in-memory, per-client sliding-window rate limiter.

Why in memory and not Redis: diffsvc runs as a few gunicorn workers on one host; a per-worker
limit bounds how much CPU one client can take (comparisons are CPU-bound) without another
service to run. The effective limit is the setting times the worker count, which is fine for a
guard against runaway scripts; it is not a quota. The clock is injectable so tests need no sleep.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class RateLimiter:
    """At most ``per_minute`` hits per key in any 60-second window; 0 turns the limit off.

    >>> now = [0.0]
    >>> limiter = RateLimiter(2, clock=lambda: now[0])
    >>> limiter.hit("a"), limiter.hit("a"), limiter.hit("a") is not None, limiter.hit("b")
    (None, None, True, None)
    >>> now[0] = 61.0
    >>> limiter.hit("a") is None
    True
    """

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def hit(self, key: str) -> float | None:
        """Record a hit; None when allowed, else the seconds until the next hit is allowed."""
        if self.per_minute <= 0:
            return None
        now = self._clock()
        with self._lock:
            self._sweep(now)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(hits[0] + WINDOW_SECONDS - now, 0.0)
            hits.append(now)
            return None

    def _sweep(self, now: float) -> None:
        """Forget idle clients once a window, so memory stays bounded by recent clients."""
        if now - self._last_sweep < WINDOW_SECONDS:
            return
        self._last_sweep = now
        idle = [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - WINDOW_SECONDS]
        for key in idle:
            del self._hits[key]
