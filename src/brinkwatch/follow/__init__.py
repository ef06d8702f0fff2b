"""`brinkwatch follow`: live input from news feeds, sitemaps, OPML lists and url files.

    from brinkwatch.follow import FollowOptions, run_cycle
    with Store("news.duckdb") as store:
        report = run_cycle(["https://news.example.org/feed.xml"], store, FollowOptions())

See docs/follow.md.
"""

from __future__ import annotations

from brinkwatch.follow.cycle import CycleReport, run_cycle
from brinkwatch.follow.loop import describe_cycle, follow
from brinkwatch.follow.options import DEFAULT_USER_AGENT, FollowOptions, parse_every

__all__ = [
    "DEFAULT_USER_AGENT", "CycleReport", "FollowOptions", "describe_cycle", "follow",
    "parse_every", "run_cycle",
]  # fmt: skip
