"""Polite fetching: robots.txt, rate limit, conditional GET, retries, limits, decoding."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator

import pytest

from brinkwatch.errors import BrinkwatchError
from brinkwatch.follow.cycle import _fetch_all
from brinkwatch.follow.decode import decode_page
from brinkwatch.follow.fetch import Fetched, Fetcher
from brinkwatch.follow.items import Problem
from brinkwatch.follow.options import DEFAULT_USER_AGENT, FollowOptions, parse_every
from brinkwatch.follow.robots import rules_from_response
from brinkwatch.follow.state import DueUrl
from brinkwatch.follow.throttle import HostThrottle
from feedserver import (
    ATOM_LAST_MODIFIED,
    DISALLOWED,
    FEED_ETAG,
    STEADY,
    FeedServer,
    InFlight,
    serve,
)

FAST = FollowOptions(rate=0.02, timeout=0.3, retries=1, backoff=0.02, max_bytes=100_000)


@pytest.fixture()
def site() -> Iterator[FeedServer]:
    with serve() as server:
        yield server


def _fetch(site: FeedServer, path: str, **validators: str) -> Fetched | Problem:
    with Fetcher(FAST) as fetcher:
        return fetcher.fetch(site.base + path, **validators)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/news/missing.html", "http-404"),
        ("/loop/a", "redirect-loop"),
        ("/news/huge.html", "too-large"),
        ("/news/slow.html", "timeout"),
        (DISALLOWED, "robots"),
    ],
)
def test_bad_pages_become_named_problems(site: FeedServer, path: str, reason: str) -> None:
    outcome = _fetch(site, path)
    assert isinstance(outcome, Problem)
    assert outcome.reason == reason


def test_a_disallowed_path_is_never_requested(site: FeedServer) -> None:
    _fetch(site, DISALLOWED)
    assert site.paths() == ["/robots.txt"]


def test_redirects_are_followed_to_the_final_url(site: FeedServer) -> None:
    outcome = _fetch(site, "/go/reserves")
    assert isinstance(outcome, Fetched)
    assert (outcome.status, outcome.url) == (200, site.base + "/news/reserves.html")


def test_a_redirect_chain_longer_than_the_cap_is_dropped(site: FeedServer) -> None:
    with Fetcher(FAST.replace(max_redirects=0)) as fetcher:
        outcome = fetcher.fetch(site.base + "/go/reserves")
    assert isinstance(outcome, Problem)
    assert outcome.reason == "too-many-redirects"
    assert "/news/reserves.html" not in site.paths()


def test_a_5xx_answer_is_retried_after_a_pause(site: FeedServer) -> None:
    outcome = _fetch(site, "/flaky/embassy.html")
    assert isinstance(outcome, Fetched)
    assert outcome.status == 200
    first, second = site.entries("/flaky/embassy.html")
    assert (first.status, second.status) == (503, 200)
    assert second.at - first.at >= FAST.backoff


def test_timeouts_are_retried_a_bounded_number_of_times(site: FeedServer) -> None:
    _fetch(site, "/news/slow.html")
    assert len(site.entries("/news/slow.html")) == FAST.retries + 1


def test_validators_make_a_conditional_get(site: FeedServer) -> None:
    first = _fetch(site, "/feeds/world.rss")
    assert isinstance(first, Fetched)
    assert first.etag == FEED_ETAG
    again = _fetch(site, "/feeds/world.rss", etag=FEED_ETAG)
    dated = _fetch(site, "/feeds/europe.atom", last_modified=ATOM_LAST_MODIFIED)
    assert isinstance(again, Fetched) and isinstance(dated, Fetched)
    assert (again.status, dated.status) == (304, 304)
    assert site.entries("/feeds/world.rss")[1].headers["if-none-match"] == FEED_ETAG


def test_every_request_carries_the_user_agent(site: FeedServer) -> None:
    _fetch(site, "/news/geneva-talks.html")
    with Fetcher(FAST.replace(user_agent="deskbot/2.0")) as fetcher:
        fetcher.fetch(site.base + "/news/geneva-talks.html")
    agents = [e.headers["user-agent"] for e in site.log]
    assert agents == [DEFAULT_USER_AGENT] * 2 + ["deskbot/2.0"] * 2
    assert DEFAULT_USER_AGENT.startswith("brinkwatch/") and "+https://" in DEFAULT_USER_AGENT


def test_requests_to_one_host_are_spaced_by_the_rate(site: FeedServer) -> None:
    rate = 0.1
    paths = ["/news/geneva-talks.html", "/news/baltic-patrols.html", "/news/osce-monitors.html"]
    with Fetcher(FAST.replace(rate=rate, concurrency=3)) as fetcher:
        threads = [threading.Thread(target=fetcher.fetch, args=(site.base + p,)) for p in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    times = [e.at for e in site.log]
    assert len(times) == 4  # robots.txt and three pages
    assert all(b - a >= rate for a, b in itertools.pairwise(times))


def test_the_throttle_lets_different_hosts_go_at_once() -> None:
    throttle = HostThrottle(0.3)
    with throttle.turn("a.example.org"):
        pass
    started = time.monotonic()
    with throttle.turn("b.example.org"):
        pass
    assert time.monotonic() - started < 0.1
    with throttle.turn("a.example.org"):
        pass
    assert time.monotonic() - started >= 0.25


@pytest.mark.parametrize(
    ("status", "body", "allowed"),
    [
        (200, "User-agent: *\nDisallow: /private/\n", False),
        (200, "User-agent: brinkwatch\nDisallow: /\n", False),
        (200, "User-agent: otherbot\nDisallow: /\n", True),
        (404, "", True),
        (503, "", False),
    ],
)
def test_robots_rules_by_status_and_agent(status: int, body: str, allowed: bool) -> None:
    rules = rules_from_response(status, body)
    assert rules.allows("https://e.example.org/private/x.html", DEFAULT_USER_AGENT) is allowed


def test_robots_crawl_delay_is_read() -> None:
    rules = rules_from_response(200, "User-agent: *\nCrawl-delay: 7\n")
    assert rules.crawl_delay(DEFAULT_USER_AGENT) == 7.0


CP1252 = "“Zürich”, café".encode("cp1252")


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Zürich".encode(), "text/html; charset=utf-8", "Zürich"),
        (CP1252, "text/html; charset=utf-8", "“Zürich”, café"),  # declared wrongly
        (CP1252, "text/html", "“Zürich”, café"),  # not declared
        (CP1252, "text/html; charset=ISO-8859-1", "“Zürich”, café"),  # latin-1 means cp1252
        (
            b'<meta charset="windows-1252">' + CP1252,
            None,
            '<meta charset="windows-1252">“Zürich”, café',
        ),
        ("Zürich".encode("utf-8-sig"), "text/html; charset=cp1252", "Zürich"),  # the BOM wins
        ("Zürich".encode(), "text/html; charset=x-unknown", "Zürich"),
    ],
)
def test_pages_decode_despite_wrong_or_missing_charsets(
    body: bytes, content_type: str | None, expected: str
) -> None:
    assert decode_page(body, content_type) == expected


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900.0), ("90", 90.0), ("30s", 30.0), ("2h", 7200.0), ("1.5d", 129600.0)],
)
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "15 minutes", "m"])
def test_parse_every_rejects_what_is_not_an_interval(text: str) -> None:
    with pytest.raises(BrinkwatchError, match="--every"):
        parse_every(text)


def test_429_is_not_retried_at_once_and_slows_the_host_down(site: FeedServer) -> None:
    with Fetcher(FAST) as fetcher:
        outcome = fetcher.fetch(site.base + "/news/busy.html")
        started = time.monotonic()
        fetcher.fetch(site.base + "/news/geneva-talks.html")
    assert isinstance(outcome, Problem)
    assert outcome.reason == "http-429"
    assert len(site.entries("/news/busy.html")) == 1
    assert time.monotonic() - started >= 1.0  # the interval grew from 0.02 s to 1 s


@pytest.mark.parametrize("concurrency", [1, 2])
def test_fetches_run_in_parallel_across_hosts_up_to_the_cap(concurrency: int) -> None:
    in_flight = InFlight()
    with serve(in_flight) as a, serve(in_flight) as b, serve(in_flight) as c:
        due = [DueUrl(site.base + STEADY, None, 0) for site in (a, b, c) for _ in range(2)]
        options = FAST.replace(concurrency=concurrency)
        with Fetcher(options) as fetcher:
            outcomes = [outcome for _, outcome in _fetch_all(fetcher, due, concurrency)]
    assert all(isinstance(o, Fetched) and o.status == 200 for o in outcomes)
    assert in_flight.peak == concurrency
