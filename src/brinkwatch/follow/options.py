"""Settings of `brinkwatch follow`: how politely and how persistently to fetch."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from brinkwatch.about import __version__
from brinkwatch.errors import BrinkwatchError

DEFAULT_USER_AGENT = f"brinkwatch/{__version__} (+https://example.org/brinkwatch)"

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True, slots=True)
class FollowOptions:
    """Every knob of the follower; the defaults are polite for real news sites."""

    user_agent: str = DEFAULT_USER_AGENT
    rate: float = 2.0  # seconds between two requests to one host (robots Crawl-delay may raise it)
    max_bytes: int = 5_000_000  # a response body larger than this is dropped, unread
    timeout: float = 20.0  # seconds for connecting and for each read
    retries: int = 2  # extra tries on 5xx and timeouts, within one cycle
    backoff: float = 1.0  # first retry waits this long, then twice as long each time
    max_redirects: int = 5
    concurrency: int = 4  # pages fetched at the same time (one at a time per host)
    give_up_after: int = 5  # failed cycles after which a url is no longer tried
    batch_size: int = 16  # articles per store transaction

    def replace(self, **changes: object) -> FollowOptions:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def parse_every(value: str) -> float:
    """Seconds in an interval written ``90``, ``30s``, ``15m``, ``2h`` or ``1d``."""
    match = _EVERY.match(value)
    if not match or float(match.group(1)) <= 0:
        raise BrinkwatchError(
            f"--every {value!r} is not an interval; write a positive number with an optional "
            "unit s, m, h or d (for example 15m)"
        )
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
