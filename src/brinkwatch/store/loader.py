"""Streaming ingest: read -> skip unchanged -> parse and extract -> store, batch by batch.

Memory stays constant in the number of inputs: only one batch of articles and
records is held at a time.  Re-running after an interruption skips what is
already stored (same id, same content) and finishes the rest.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from brinkwatch.analysis.merge import rebuild_clusters
from brinkwatch.ingest import read_paths
from brinkwatch.pipeline import process_many
from brinkwatch.records import Article, ArticleRecord, ReadFailure
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store


@dataclass
class IngestSummary:
    """What one ingest did; the CLI prints it and chooses the exit code from it."""

    read: int = 0
    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failures: list[ReadFailure] = field(default_factory=list)
    events: int = 0
    quotes: int = 0
    article_errors: int = 0

    def add_failures(self, failures: list[ReadFailure]) -> None:
        self.failures.extend(failures[: max(0, 50 - len(self.failures))])
        self.skipped.update(f.reason for f in failures)


Progress = Callable[[int], None]
Extractor = Callable[[list[Article], Settings], Iterable[ArticleRecord]]


def _local_extract(articles: list[Article], settings: Settings) -> Iterable[ArticleRecord]:
    return process_many(articles, settings)


def batches(
    items: Iterable[Article | ReadFailure], size: int
) -> Iterator[tuple[list[Article], list[ReadFailure]]]:
    """Split the reader's stream into (articles, failures) batches of ``size`` items."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        articles = [a for a in chunk if isinstance(a, Article)]
        failures = [f for f in chunk if isinstance(f, ReadFailure)]
        yield articles, failures


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    published: str | None = None,
    on_progress: Progress | None = None,
    extractor: Extractor = _local_extract,
) -> IngestSummary:
    """Ingest every article under ``paths`` into ``store``, one transaction per batch."""
    summary = IngestSummary()
    for articles, failures in batches(read_paths(paths, published), settings.batch_size):
        ingest_batch(articles, failures, store, settings, summary, extractor)
        if on_progress:
            on_progress(len(articles) + len(failures))
    if summary.stored or summary.replaced or clusters_stale(store):
        rebuild_clusters(store)  # real events are derived from all mentions
    return summary


def clusters_stale(store: Store) -> bool:
    """True when a clusterable event belongs to no cluster: a run was killed after
    storing its last batch but before the clusters were rebuilt."""
    rows = store.query(
        "SELECT count(*) AS n FROM factual_events WHERE day IS NOT NULL"
        " AND (source_code IS NOT NULL OR target_code IS NOT NULL)"
        " AND id NOT IN (SELECT event_id FROM event_cluster_members)"
    )
    return bool(rows[0]["n"])


def ingest_batch(
    articles: list[Article],
    failures: list[ReadFailure],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    extractor: Extractor = _local_extract,
) -> None:
    """Extract and store one batch, updating ``summary`` in place."""
    unchanged = store.unchanged(articles)
    todo = [a for a in articles if a.id not in unchanged]
    records = list(extractor(todo, settings)) if todo else []
    result = store.write_batch(records, failures)
    summary.read += len(articles)
    summary.unchanged += len(unchanged)
    summary.stored += result.stored
    summary.replaced += result.replaced
    summary.events += result.events
    summary.quotes += result.quotes
    summary.article_errors += sum(1 for r in records if r.errors)
    summary.add_failures(failures)
