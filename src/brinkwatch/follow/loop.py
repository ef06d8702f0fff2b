"""Following over time: a cycle every ``every`` seconds until stopped.

State lives in the store, not in this process, so stopping at any moment and
starting again later resumes: sources are re-read (conditionally), urls not yet
done are fetched, and stored urls are never fetched again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from brinkwatch.follow.cycle import CycleReport, Extractor, _extract_here, run_cycle
from brinkwatch.follow.options import FollowOptions
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store


def follow(
    sources: Sequence[str], store: Store, options: FollowOptions, every: float | None,
    on_cycle: Callable[[CycleReport], None], stop: threading.Event | None = None,
    settings: Settings | None = None, extractor: Extractor = _extract_here,
) -> int:  # fmt: skip
    """Run cycles (just one when ``every`` is None) until ``stop`` is set; returns the count."""
    stop = stop or threading.Event()
    cycles = 0
    while not stop.is_set():
        started = time.monotonic()
        on_cycle(run_cycle(sources, store, options, settings, extractor))
        cycles += 1
        if every is None:
            break
        # Cycles start every ``every`` seconds; a cycle longer than that starts the next now.
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    return cycles


def describe_cycle(report: CycleReport, max_problems: int = 20) -> list[str]:
    """Lines for a person: what was read, stored, skipped, and why each failure happened."""
    lines = [
        f"sources: {report.sources_read} read, {report.sources_not_modified} not modified, "
        f"{len(report.source_problems)} failed; urls: {report.new_urls} new, "
        f"{report.stored} stored, {report.duplicates} duplicates, "
        f"{len(report.url_problems)} failed ({report.gave_up} given up)"
    ]
    problems = [*report.source_problems, *report.url_problems]
    lines += [f"  {url}: {p.reason} - {p.message}" for url, p in problems[:max_problems]]
    if len(problems) > max_problems:
        lines.append(f"  ... and {len(problems) - max_problems} more (see table follow_urls)")
    return lines
