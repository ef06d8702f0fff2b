"""Following over time: repeated cycles, stopping, and a crash in the middle of a cycle.

The extractor is replaced by one that keeps only the article (no parsing): these
tests are about what is fetched and kept, and must stay fast.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from brinkwatch.follow import CycleReport, FollowOptions, follow, run_cycle
from brinkwatch.records import Article, ArticleRecord
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from feedserver import FeedServer, serve

OPTIONS = FollowOptions(rate=0.01, timeout=0.3, retries=0, max_bytes=200_000, batch_size=2)


def keep_articles(articles: list[Article], settings: Settings) -> list[ArticleRecord]:
    return [ArticleRecord(article=a) for a in articles]


@pytest.fixture()
def site() -> Iterator[FeedServer]:
    with serve() as server:
        yield server


def test_cycles_repeat_until_stopped_and_later_cycles_fetch_nothing_new(
    site: FeedServer, tmp_path: Path
) -> None:
    stop = threading.Event()
    reports: list[CycleReport] = []

    def on_cycle(report: CycleReport) -> None:
        reports.append(report)
        if len(reports) == 2:
            stop.set()

    with Store(tmp_path / "f.duckdb") as store:
        cycles = follow([site.base + "/feeds/world.rss"], store, OPTIONS, 0.05, on_cycle,
                        stop=stop, extractor=keep_articles)  # fmt: skip
    assert cycles == 2
    # Without retries the flaky page's 503 fails cycle 1; cycle 2 tries it again and stores it.
    assert (reports[0].stored, reports[1].stored) == (2, 1)
    assert site.paths().count("/news/geneva-talks.html") == 1
    assert (reports[1].sources_not_modified, reports[1].new_urls) == (1, 0)


def test_a_crash_mid_cycle_keeps_what_was_stored_and_the_rest_is_fetched_again(
    site: FeedServer, tmp_path: Path
) -> None:
    calls: list[int] = []

    def crash_on_second_batch(articles: list[Article], settings: Settings) -> list[ArticleRecord]:
        calls.append(len(articles))
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return keep_articles(articles, settings)

    source = [site.base + "/sitemaps/news.xml", site.base + "/feeds/europe.atom"]
    with Store(tmp_path / "f.duckdb") as store:
        with pytest.raises(RuntimeError, match="power cut"):
            run_cycle(source, store, OPTIONS, extractor=crash_on_second_batch)
        stored_first = store.query("SELECT url FROM follow_urls WHERE status = 'stored'")
        assert len(stored_first) == 2 == store.counts()["articles"]
    with Store(tmp_path / "f.duckdb") as store:  # a restart
        report = run_cycle(source, store, OPTIONS, extractor=keep_articles)
        urls = {r["url"] for r in store.query("SELECT url FROM articles")}
    assert report.stored >= 1
    assert {r["url"] for r in stored_first} <= urls
    assert all(site.paths().count(r["url"].removeprefix(site.base)) == 1 for r in stored_first)
