"""The per-host rate limit: one request at a time to a host, and a pause between them.

The pause is measured from the end of one request to the start of the next, so a
host sees requests at least ``interval`` seconds apart however long each takes,
and a slow host is never hit by a queue of requests the moment it answers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _Gate:
    interval: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    last_done: float = float("-inf")


class HostThrottle:
    """Hands out turns per host; threads asking for different hosts never wait on each other."""

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._gates: dict[str, _Gate] = {}
        self._lock = threading.Lock()

    def slow_down(self, host: str, interval: float) -> None:
        """Raise one host's interval (a robots.txt Crawl-delay); never lowers it."""
        gate = self._gate(host)
        gate.interval = max(gate.interval, interval)

    def back_off(self, host: str) -> None:
        """Double one host's interval (it answered 429 Too Many Requests)."""
        gate = self._gate(host)
        gate.interval = max(2 * gate.interval, 1.0)

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Wait for this host's turn, hold it for one request, then start its pause."""
        gate = self._gate(host)
        with gate.lock:
            wait = gate.last_done + gate.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                gate.last_done = time.monotonic()

    def _gate(self, host: str) -> _Gate:
        with self._lock:
            return self._gates.setdefault(host, _Gate(self._interval))
