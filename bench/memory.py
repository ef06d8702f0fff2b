"""Resident memory of this process and its children, sampled in a background thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psutil

MIB = 1024 * 1024


@dataclass
class Sample:
    seconds: float
    parent_mib: float
    children_mib: dict[int, float]  # pid -> RSS of each worker process
    done: int = 0  # items the caller reported done when the sample was taken


@dataclass
class MemorySampler:
    """Samples RSS every ``every_s`` seconds; keeps every sample and each pid's peak."""

    every_s: float = 0.5
    on_sample: Callable[[Sample], None] | None = None  # e.g. append to a CSV as it runs
    samples: list[Sample] = field(default_factory=list)
    peaks: dict[int, float] = field(default_factory=dict)
    done: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> MemorySampler:
        self._start = time.perf_counter()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
        self.sample()

    def _loop(self) -> None:
        while not self._stop.wait(self.every_s):
            self.sample()

    def sample(self) -> Sample:
        me = psutil.Process()
        parent = me.memory_info().rss / MIB
        children: dict[int, float] = {}
        for child in me.children(recursive=True):
            try:
                children[child.pid] = child.memory_info().rss / MIB
            except psutil.Error:
                continue  # the child ended between listing and reading
        found = Sample(time.perf_counter() - self._start, parent, children, self.done)
        self.samples.append(found)
        for pid, mib in [(me.pid, parent), *children.items()]:
            self.peaks[pid] = max(self.peaks.get(pid, 0.0), mib)
        if self.on_sample:
            self.on_sample(found)
        return found

    def peak_parent(self) -> float:
        return self.peaks.get(psutil.Process().pid, 0.0)

    def peak_child(self) -> float:
        own = psutil.Process().pid
        return max((v for k, v in self.peaks.items() if k != own), default=0.0)
