"""`brinkwatch watch DIR`: ingest new and changed files as they appear.

Polling, not OS notifications: every ``interval`` seconds the folder is walked
with the readers' own discovery rules and each file's (mtime, size) compared
with what was last ingested.  Polling works the same on every OS and on network
filesystems, where notifications are unreliable, and a stat per file per cycle
is cheap next to parsing.

A file is taken only once its mtime is ``settle`` seconds old, so a file still
being copied in is not read half-written.  A changed file replaces what was
stored from it: articles the file no longer holds are removed, new ones are
stored, unchanged ones are skipped before parsing.  Deleted files keep their
records (an archive should not lose events because a file was moved away).

Stopping (Ctrl-C, or the ``stop`` event) is safe at any moment: each batch is
one transaction, so an interrupted cycle leaves whole articles only, and the
next start picks up what is missing because the store skips what it holds.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from brinkwatch.analysis.merge import rebuild_clusters
from brinkwatch.ingest import read_paths
from brinkwatch.ingest.files import FoundFile, discover
from brinkwatch.records import Article
from brinkwatch.scale.choose import extract_here
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from brinkwatch.store.loader import Extractor, IngestSummary, ingest_paths


@dataclass(frozen=True, slots=True)
class FileState:
    """What tells a file changed without reading it."""

    mtime_ns: int
    size: int


@dataclass(frozen=True, slots=True)
class Cycle:
    """What one polling cycle did."""

    number: int
    files: tuple[str, ...]  # files (re)ingested in this cycle
    removed: int  # stored articles dropped because their file changed
    summary: IngestSummary | None  # None when no file was ready


def file_states(folder: str) -> dict[str, FileState]:
    """The state of every file ``brinkwatch ingest folder`` would read."""
    states: dict[str, FileState] = {}
    for found in discover(folder):
        if not isinstance(found, FoundFile):
            continue  # unreadable entries are reported when ingest reads them
        try:
            info = os.stat(found.path)
        except OSError:
            continue  # vanished between listing and stat: next cycle will tell
        states[found.path] = FileState(info.st_mtime_ns, info.st_size)
    return states


def ready_files(
    now: dict[str, FileState], seen: dict[str, FileState], settle_s: float, clock_ns: int
) -> list[str]:
    """New or changed files whose last write is at least ``settle_s`` old, in order."""
    cutoff = clock_ns - int(settle_s * 1e9)
    return [p for p, st in now.items() if seen.get(p) != st and st.mtime_ns <= cutoff]


@dataclass(frozen=True, slots=True)
class WatchOptions:
    interval_s: float = 2.0
    settle_s: float = 1.0
    max_cycles: int | None = None  # None: until stopped
    published: str | None = None


class Watcher:
    """Polls one folder and ingests what changed into one store."""

    def __init__(
        self,
        folder: str,
        store: Store,
        settings: Settings,
        options: WatchOptions = WatchOptions(),
        extractor: Extractor = extract_here,
    ) -> None:
        self.folder = folder
        self.store = store
        self.settings = settings
        self.options = options
        self.extractor = extractor
        self.seen: dict[str, FileState] = {}
        self.cycles = 0

    def poll_once(self) -> Cycle:
        """One cycle: find ready files, drop what they no longer hold, ingest them."""
        self.cycles += 1
        now = file_states(self.folder)
        ready = ready_files(now, self.seen, self.options.settle_s, time.time_ns())
        removed, summary = (self._ingest(ready) if ready else (0, None))
        self.seen = {p: st for p, st in self.seen.items() if p in now}  # forget deleted files
        self.seen.update((p, now[p]) for p in ready)
        return Cycle(self.cycles, tuple(ready), removed, summary)

    def _ingest(self, paths: list[str]) -> tuple[int, IngestSummary]:
        removed = remove_stale_articles(self.store, paths, self._current_ids(paths))
        summary = ingest_paths(
            paths, self.store, self.settings, self.options.published, extractor=self.extractor
        )
        if removed and not (summary.stored or summary.replaced):
            rebuild_clusters(self.store)  # ingest rebuilds only when it stored something
        return removed, summary

    def _current_ids(self, paths: list[str]) -> set[str]:
        """Ids of the articles the files hold now (reading is cheap next to parsing)."""
        items = read_paths(paths, self.options.published)
        return {item.id for item in items if isinstance(item, Article)}

    def run(
        self, stop: threading.Event | None = None, on_cycle: Callable[[Cycle], None] | None = None
    ) -> int:
        """Poll until ``stop`` is set, ``max_cycles`` is reached or Ctrl-C; returns cycles run."""
        stop = stop or threading.Event()
        while not stop.is_set():
            cycle = self.poll_once()
            if on_cycle:
                on_cycle(cycle)
            if self.options.max_cycles is not None and self.cycles >= self.options.max_cycles:
                break
            stop.wait(self.options.interval_s)  # wakes at once when stop is set
        return self.cycles


def remove_stale_articles(store: Store, paths: Iterable[str], keep: set[str]) -> int:
    """Delete the articles stored from ``paths`` whose ids are not in ``keep``."""
    rows = store.query("SELECT id FROM articles WHERE path IN (SELECT unnest(?))", [list(paths)])
    stale = [str(r["id"]) for r in rows if str(r["id"]) not in keep]
    if stale:
        store.delete_articles(stale)
    return len(stale)


def describe_cycle(cycle: Cycle) -> list[str]:
    """Lines for the terminal: nothing for an idle cycle, a summary otherwise."""
    summary = cycle.summary
    if summary is None:
        return []
    return [
        f"cycle {cycle.number}: {len(cycle.files)} file(s) changed; stored {summary.stored}, "
        f"replaced {summary.replaced}, unchanged {summary.unchanged}, removed {cycle.removed}, "
        f"skipped {sum(summary.skipped.values())}; new events {summary.events}"
    ]
