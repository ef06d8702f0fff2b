"""Memory of the store side alone along a long ingest: no model, no workers.

Feeds N synthetic articles (bench/synthetic.py) with canned records of realistic
size (15 actor mentions, 5 events, 5 times, 4 places, 3 quantities, 1 quote) through
``ingest_batch`` into a fresh store, the same write path ``brinkwatch ingest`` takes
after extraction, and prints the resident memory of this process and DuckDB's own
accounting (``duckdb_memory()``) every ``--every`` articles.  Isolates what the
store holds from what the parser holds; a 20,000-article run takes about 2 minutes.

    .venv/bin/python bench/bench_store_stream.py --articles 20000 --every 1000
    BRINKWATCH_STORE_REOPEN_EVERY=0 .venv/bin/python bench/bench_store_stream.py  # no reopening
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import article_texts

from brinkwatch.records import (
    Actor,
    Article,
    ArticleRecord,
    Event,
    EventDate,
    Place,
    Quantity,
    Quote,
    TimeMention,
    Trigger,
)
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from brinkwatch.store.loader import IngestSummary, batches, ingest_batch

MIB = 1024 * 1024
GENEVA = Place("Geneva", 5, 11, "Geneva", "CHE", "city", 46.2, 6.1)


def canned_event(article: Article, k: int, source: Actor, target: Actor) -> Event:
    return Event(
        id=f"{article.id}-{k}", type="ACCUSE", sentence=article.text[:120], start=0, end=120,
        trigger=Trigger("accused", 3, 10), quad_class=3, goldstein=-2.0, why="verb:accuse",
        contexts=("border",), source=source, target=target,
        date=EventDate("2022-01-10", "Monday"), place=GENEVA,
        quantity=Quantity("100 troops", 3, 12, 100.0, "troops"), confidence=0.8,
    )  # fmt: skip


def canned_record(article: Article) -> ArticleRecord:
    """About what the extractors find in a synthetic article (105,536 events in 20,000)."""
    text = article.text
    actors = tuple(
        Actor(text[i : i + 6], i, i + 6, name="Russia", country="RUS", sector="GOV")
        for i in range(0, 150, 10)
    )
    return ArticleRecord(
        article=article, entities=actors,
        events=tuple(canned_event(article, k, actors[0], actors[1]) for k in range(5)),
        quotes=(Quote(text[10:60], 10, 60, True, actors[0], "said"),),
        times=tuple(TimeMention("Monday", i, i + 6, "DATE", "2022-01-10") for i in range(5)),
        places=(GENEVA,) * 4,
        quantities=tuple(Quantity("100 troops", i, i + 9, 100.0, "troops") for i in range(3)),
    )  # fmt: skip


def canned_extractor(articles: list[Article], settings: Settings) -> list[ArticleRecord]:
    return [canned_record(a) for a in articles]


def synthetic_articles(count: int) -> Iterator[Article]:
    for index, text in enumerate(article_texts(count)):
        article_id = hashlib.sha256(text.encode()).hexdigest()  # the readers' id format
        path = f"corpus/part-{index // 1000:04d}/article-{index:06d}.txt"
        yield Article(article_id, text, path=path, title=text.split("\n")[0])


def duckdb_mib(store: Store) -> str:
    """DuckDB's own accounting: the total and each non-empty tag."""
    rows = store.con.execute(
        "SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0"
    ).fetchall()
    tags = " ".join(f"{tag}={size / MIB:.1f}" for tag, size in rows)
    return f"{sum(size for _, size in rows) / MIB:10.0f}  {tags}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--every", type=int, default=1000, help="articles between samples")
    parser.add_argument("--db", type=Path, default=Path("/tmp/brinkwatch-store-stream.duckdb"))
    args = parser.parse_args()
    args.db.unlink(missing_ok=True)
    settings = Settings.from_env().replace(db_path=str(args.db))
    summary, done, started = IngestSummary(), 0, time.perf_counter()
    process = psutil.Process()
    print(f"{'done':>7} {'seconds':>7} {'RSS MiB':>8} {'DuckDB MiB':>10}  by tag")
    with Store(args.db) as store:
        for articles, failures in batches(synthetic_articles(args.articles), settings.batch_size):
            ingest_batch(articles, failures, store, settings, summary, canned_extractor)
            before, done = done, done + len(articles)
            if done // args.every != before // args.every:
                rss = process.memory_info().rss / MIB
                seconds = time.perf_counter() - started
                print(f"{done:7d} {seconds:7.0f} {rss:8.0f} {duckdb_mib(store)}", flush=True)
        print(f"stored {summary.stored}; store: {store.counts()}")


if __name__ == "__main__":
    main()
