"""Polite, bounded HTTP GETs with httpx.

Every request to a host waits its turn (:class:`HostThrottle`) and is checked
against that site's robots.txt first, including each hop of a redirect chain.
Redirects are followed by hand so that each hop is throttled and checked, loops
are caught and the chain is capped.  Bodies are streamed and dropped as soon as
they pass ``max_bytes``.  5xx answers, timeouts and network errors are retried a
bounded number of times with exponential backoff; anything else is final for
this cycle (the caller records it and tries again next cycle).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import httpx

from brinkwatch.follow.items import Problem
from brinkwatch.follow.options import FollowOptions
from brinkwatch.follow.robots import RobotsRules, rules_from_response, unreachable
from brinkwatch.follow.throttle import HostThrottle
from brinkwatch.follow.urls import absolute_url, host_key, origin

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ROBOTS_MAX_BYTES = 500_000  # RFC 9309 lets crawlers stop reading robots.txt at 500 KiB


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response worth looking at: 2xx with its body, or 304 Not Modified."""

    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # of a redirect


Outcome = Fetched | Problem


class Fetcher:
    """One HTTP client, one throttle and one robots.txt cache; use as a context manager."""

    def __init__(self, options: FollowOptions) -> None:
        self.options = options
        self._client = httpx.Client(
            headers={"User-Agent": options.user_agent},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=max(2, options.concurrency)),
        )
        self._throttle = HostThrottle(options.rate)
        self._robots: dict[str, RobotsRules] = {}
        self._robots_lock = threading.Lock()
        self._site_locks: dict[str, threading.Lock] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Outcome:
        """GET ``url``, following redirects; validators make it a conditional GET."""
        chain = [url]
        for _ in range(self.options.max_redirects + 1):
            current = chain[-1]
            headers = _validators(etag, last_modified) if current == url else {}
            outcome = self._allowed_get(current, headers)
            if not (isinstance(outcome, Fetched) and outcome.status in _REDIRECTS):
                return outcome
            target = absolute_url(current, outcome.location or "")
            if target is None:
                return Problem("bad-redirect", f"{current} redirects to an unusable location")
            if target in chain:
                return Problem("redirect-loop", "redirect loop: " + " -> ".join([*chain, target]))
            chain.append(target)
        return Problem(
            "too-many-redirects",
            f"more than {self.options.max_redirects} redirects: " + " -> ".join(chain),
        )

    def _allowed_get(self, url: str, headers: dict[str, str]) -> Outcome:
        rules = self.robots_for(url)
        if not rules.allows(url, self.options.user_agent):
            why = rules.why or "robots.txt disallows this path for our user agent"
            return Problem("robots", f"not fetched: {why}")
        return _final(self._get_with_retries(url, headers, self.options.max_bytes))

    def robots_for(self, url: str) -> RobotsRules:
        """The site's robots.txt rules, read once per Fetcher (that is, once per cycle)."""
        site = origin(url)
        with self._robots_lock:  # one lock per site: a slow robots.txt holds up only its site
            site_lock = self._site_locks.setdefault(site, threading.Lock())
        with site_lock:
            if site not in self._robots:
                self._robots[site] = self._read_robots(site)
            return self._robots[site]

    def _read_robots(self, site: str) -> RobotsRules:
        outcome = self._get_with_retries(f"{site}/robots.txt", {}, _ROBOTS_MAX_BYTES, True)
        if isinstance(outcome, Problem):
            return unreachable(outcome.message)
        rules = rules_from_response(outcome.status, outcome.body.decode("utf-8", "replace"))
        delay = rules.crawl_delay(self.options.user_agent)
        if delay:
            self._throttle.slow_down(host_key(site), delay)
        return rules

    def _get_with_retries(
        self, url: str, headers: dict[str, str], max_bytes: int, redirects: bool = False
    ) -> Outcome:
        """One GET, tried again after 5xx answers and transport errors, with backoff."""
        for attempt in range(self.options.retries + 1):
            outcome = self._get_once(url, headers, max_bytes, redirects)
            if not _worth_retrying(outcome) or attempt == self.options.retries:
                break
            time.sleep(self.options.backoff * 2**attempt)
        return outcome

    def _get_once(
        self, url: str, headers: dict[str, str], max_bytes: int, redirects: bool
    ) -> Outcome:
        try:
            with self._throttle.turn(host_key(url)):
                outcome = self._stream(url, headers, max_bytes, redirects)
        except httpx.TimeoutException as exc:
            return Problem("timeout", f"no answer within {self.options.timeout:g}s ({exc!r})")
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            return Problem("network-error", f"{type(exc).__name__}: {exc}")
        if isinstance(outcome, Fetched) and outcome.status == 429:
            self._throttle.back_off(host_key(url))  # the site says we are too fast: slow down
        return outcome

    def _stream(
        self, url: str, headers: dict[str, str], max_bytes: int, redirects: bool
    ) -> Outcome:
        request = self._client.build_request("GET", url, headers=headers)
        response = self._client.send(request, stream=True, follow_redirects=redirects)
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("Location")
                return Fetched(url, response.status_code, location=location)
            if not 200 <= response.status_code < 300:
                return Fetched(url, response.status_code)
            return _read_body(response, max_bytes, time.monotonic() + 4 * self.options.timeout)
        finally:
            response.close()


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> Outcome:
    """The body, streamed; stops (and drops it) as soon as it passes ``max_bytes``, or
    at ``deadline`` (a server dripping bytes never trips the per-read timeout)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return _too_large(f"Content-Length {int(declared):,}", max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return _too_large(f"more than {size:,} bytes", max_bytes)
        if time.monotonic() > deadline:
            return Problem("timeout", f"the body was still arriving after {size:,} bytes")
        chunks.append(chunk)
    return Fetched(
        str(response.url), response.status_code, b"".join(chunks),
        response.headers.get("Content-Type"), response.headers.get("ETag"),
        response.headers.get("Last-Modified"),
    )  # fmt: skip


def _too_large(what: str, max_bytes: int) -> Problem:
    return Problem("too-large", f"{what}: over the limit of {max_bytes:,} bytes (--max-bytes)")


def _worth_retrying(outcome: Outcome) -> bool:
    if isinstance(outcome, Problem):
        return outcome.reason in ("timeout", "network-error")
    return outcome.status >= 500


def _final(outcome: Outcome) -> Outcome:
    """2xx, 3xx and 304 pass on; any other status becomes a named problem."""
    if isinstance(outcome, Fetched) and outcome.status >= 400:
        return Problem(f"http-{outcome.status}", f"the server answered HTTP {outcome.status}")
    return outcome


def _validators(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers
