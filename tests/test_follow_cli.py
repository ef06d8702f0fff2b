"""`brinkwatch follow --once`, three times against the local test site.

Run 1 reads everything; run 2 must get 304s for the feeds, fetch no stored page
again and retry only the failures; run 3 comes after the give-up limit and must
leave the failures alone.  Good articles are stored exactly once across runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.follow import FollowOptions
from brinkwatch.store.db import Store
from feedserver import DISALLOWED, FeedServer, Logged, serve

RATE = 0.05
GIVE_UP_AFTER = 2
GOOD = {  # path requested -> path of the stored article's url
    "/news/geneva-talks.html": "/news/geneva-talks.html",
    "/news/baltic-patrols.html": "/news/baltic-patrols.html",
    "/news/sanctions-warning.html": "/news/sanctions-warning.html",
    "/news/osce-monitors.html": "/news/osce-monitors.html",
    "/go/reserves": "/news/reserves.html",
    "/flaky/embassy.html": "/flaky/embassy.html",
    "/news/cp1252-declared.html": "/news/cp1252-declared.html",
    "/news/cp1252-plain.html": "/news/cp1252-plain.html",
}
BAD = {
    "/news/paywalled.html": "no-body",
    "/news/missing.html": "http-404",
    "/news/slow.html": "timeout",
    "/loop/a": "redirect-loop",
    "/news/huge.html": "too-large",
    DISALLOWED: "robots",
}
FEEDS = ("/feeds/world.rss", "/feeds/europe.atom", "/sitemaps/news.xml")


@dataclass
class Runs:
    site: FeedServer
    db: Path
    results: list[Any]
    logs: list[list[Logged]]  # the server log of each run

    def urls(self) -> dict[str, dict[str, Any]]:
        with Store(self.db, read_only=True) as store:
            rows = store.query("SELECT * FROM follow_urls")
        return {r["url"].removeprefix(self.site.base): r for r in rows}

    def query(self, sql: str) -> list[dict[str, Any]]:
        with Store(self.db, read_only=True) as store:
            return store.query(sql)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    folder = tmp_path_factory.mktemp("follow")
    with serve() as site:
        url_file = folder / "more-urls.txt"
        url_file.write_text(
            f"# extra pages\n{site.base}/news/cp1252-plain.html\n"
            f"{site.base}/news/missing.html\nnot a url\n{site.base}/news/geneva-talks.html\n",
            encoding="utf-8",
        )
        args = [
            "follow", f"{site.base}/outlets.opml", str(url_file), "--once",
            "--db", str(folder / "f.duckdb"), "--rate", str(RATE), "--timeout", "0.3",
            "--retries", "1", "--backoff", "0.02", "--max-bytes", "200000",
            "--give-up-after", str(GIVE_UP_AFTER),
        ]  # fmt: skip
        results, logs = [], []
        for _ in range(3):
            before = len(site.log)
            results.append(CliRunner().invoke(app, args))
            logs.append(site.log[before:])
        yield Runs(site, folder / "f.duckdb", results, logs)


def _requested(log: list[Logged]) -> list[str]:
    return [entry.path for entry in log]


def test_every_good_article_is_stored_exactly_once(runs: Runs) -> None:
    rows = runs.query("SELECT url, count(*) AS n FROM articles GROUP BY url")
    stored = {r["url"].removeprefix(runs.site.base): r["n"] for r in rows}
    assert stored == {path: 1 for path in GOOD.values()}
    urls = runs.urls()
    assert {p for p in GOOD if urls[p]["status"] == "stored"} == set(GOOD)


def test_no_page_is_fetched_again_once_stored(runs: Runs) -> None:
    later = _requested(runs.logs[1]) + _requested(runs.logs[2])
    assert not set(later) & {*GOOD, *GOOD.values()}
    first = _requested(runs.logs[0])
    assert all(first.count(path) == 1 for path in GOOD if path != "/flaky/embassy.html")


def test_a_second_link_to_a_stored_page_is_a_duplicate(runs: Runs) -> None:
    row = runs.urls()["/news/geneva-talks.html?from=sitemap"]
    geneva = runs.urls()["/news/geneva-talks.html"]
    assert (row["status"], row["article_id"]) == ("duplicate", geneva["article_id"])


@pytest.mark.parametrize(("path", "reason"), sorted(BAD.items()))
def test_bad_urls_are_recorded_with_reason_retried_then_given_up(
    runs: Runs, path: str, reason: str
) -> None:
    row = runs.urls()[path]
    assert row["reason"].startswith(f"{reason}: ")
    assert (row["status"], row["attempts"]) == ("gave-up", GIVE_UP_AFTER)
    assert row["article_id"] is None


def test_an_entry_that_is_not_a_url_is_recorded_and_never_tried(runs: Runs) -> None:
    row = runs.urls()["not a url"]
    assert (row["status"], row["attempts"]) == ("gave-up", 0)
    assert row["reason"].startswith("bad-url")


def test_failures_are_retried_next_cycle_and_left_alone_after_giving_up(runs: Runs) -> None:
    retried = set(_requested(runs.logs[1]))
    assert {p for p in BAD if p != DISALLOWED} <= retried
    assert set(_requested(runs.logs[2])) == {"/robots.txt", "/outlets.opml", *FEEDS}


def test_a_disallowed_path_is_never_requested(runs: Runs) -> None:
    assert DISALLOWED not in _requested(runs.site.log)


def test_requests_to_the_host_are_at_least_the_rate_apart(runs: Runs) -> None:
    for log in runs.logs:
        times = [entry.at for entry in log]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert min(gaps) >= RATE, gaps


def test_feeds_are_read_with_conditional_gets_after_the_first_run(runs: Runs) -> None:
    for log in runs.logs[1:]:
        answers = {e.path: e.status for e in log if e.path in FEEDS}
        assert answers == dict.fromkeys(FEEDS, 304)
    rss = next(e for e in runs.logs[1] if e.path == "/feeds/world.rss")
    atom = next(e for e in runs.logs[1] if e.path == "/feeds/europe.atom")
    assert "if-none-match" in rss.headers and "if-modified-since" in atom.headers


def test_sources_are_remembered_with_their_kind_and_validators(runs: Runs) -> None:
    rows = runs.query("SELECT url, kind, etag, last_modified FROM follow_sources")
    kinds = {r["url"].removeprefix(runs.site.base): r["kind"] for r in rows}
    assert sorted(kinds.values()) == ["atom", "opml", "rss", "sitemap", "urls"]
    validators = {r["kind"]: r["etag"] or r["last_modified"] for r in rows}
    assert validators["rss"] and validators["atom"] and validators["sitemap"]


@pytest.mark.parametrize(
    ("path", "published"),
    [
        ("/news/baltic-patrols.html", "2022-01-24"),  # no date in the page: the feed's
        ("/news/sanctions-warning.html", "2022-01-24"),  # the page's own date
        ("/flaky/embassy.html", "2022-01-23"),
    ],
)
def test_the_feed_date_is_used_only_when_the_page_has_none(
    runs: Runs, path: str, published: str
) -> None:
    rows = runs.query("SELECT url, published FROM articles")
    by_path = {r["url"].removeprefix(runs.site.base): r["published"] for r in rows}
    assert by_path[path] == published


@pytest.mark.parametrize("path", ["/news/cp1252-declared.html", "/news/cp1252-plain.html"])
def test_windows_1252_pages_are_read_with_the_right_characters(runs: Runs, path: str) -> None:
    rows = runs.query("SELECT url, title, text FROM articles")
    article = next(r for r in rows if r["url"] == runs.site.base + path)
    assert "“We are still far apart,”" in article["text"]
    assert "Zürich" in article["text"] and "\ufffd" not in article["text"]


def test_stored_articles_went_through_the_extractors(runs: Runs) -> None:
    actors = runs.query(
        "SELECT count(*) AS n FROM actors a JOIN articles r ON r.id = a.article_id"
        " WHERE r.url LIKE '%sanctions-warning%'"
    )
    assert actors[0]["n"] > 0


def test_the_command_reports_each_failure_and_exits_3(runs: Runs) -> None:
    first = runs.results[0]
    assert first.exit_code == 3, first.output
    assert "8 stored" in first.output and "1 duplicates" in first.output
    for path, reason in BAD.items():
        assert f"{path}: {reason}" in first.output


def test_the_help_states_the_real_defaults() -> None:
    defaults = FollowOptions()
    help_text = " ".join(CliRunner().invoke(app, ["follow", "--help"]).output.split())
    for value in (defaults.rate, defaults.timeout, defaults.retries, defaults.give_up_after,
                  defaults.concurrency):  # fmt: skip
        assert f"[{value:g}]" in help_text
    assert f"[{defaults.max_bytes:.0e}]".replace("+0", "") in help_text


def test_an_interval_that_is_not_one_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    result = CliRunner().invoke(app, ["follow", "feeds.txt", "--every", "soon", "--db", str(db)])
    assert result.exit_code == 2
    assert "--every" in result.output
    assert not db.exists()
