"""Streaming ingest: read -> skip unchanged -> parse and extract -> store, batch by batch.

Memory stays constant in the number of inputs: only one batch of articles and
records is held at a time.  Re-running after an interruption skips what is
already stored (same id, same content) and finishes the rest.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

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
    """Ingest every article under ``paths`` into ``store``, one transaction per batch.

    With an extractor that can :meth:`~PipelinedExtractor.submit` (worker
    processes), the next batch is handed to it before this one is written, so the
    workers parse while the parent writes; batches are still stored whole and in
    order, so an interruption loses at most the batches not yet written."""
    summary = IngestSummary()
    pending: Batch | None = None
    for articles, failures in batches(read_paths(paths, published), settings.batch_size):
        if pending is not None and pending.shares_ids(articles):
            # an article read twice: the store must hold the first copy before
            # the second is compared with it
            finish_batch(pending, store, summary, on_progress)
            pending = None
        started = start_batch(articles, failures, store, settings, extractor)
        if pending is not None:
            finish_batch(pending, store, summary, on_progress)
        pending = started
    if pending is not None:
        finish_batch(pending, store, summary, on_progress)
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


@runtime_checkable
class PipelinedExtractor(Protocol):
    """An :data:`Extractor` that can start a batch and return before it is done."""

    def __call__(self, articles: list[Article], settings: Settings) -> Iterable[ArticleRecord]: ...

    def submit(
        self, articles: list[Article], settings: Settings
    ) -> Callable[[], Iterable[ArticleRecord]]:
        """Start extracting ``articles``; the returned function yields their records."""
        ...


@dataclass(frozen=True)
class Batch:
    """One batch on its way through the loader: what was read, what was already
    stored as it is, and the records to come for the rest."""

    articles: list[Article]
    failures: list[ReadFailure]
    unchanged: set[str]
    records: Callable[[], Iterable[ArticleRecord]]

    def shares_ids(self, articles: Iterable[Article]) -> bool:
        ids = {a.id for a in self.articles}
        return any(a.id in ids for a in articles)


def start_batch(
    articles: list[Article],
    failures: list[ReadFailure],
    store: Store,
    settings: Settings,
    extractor: Extractor = _local_extract,
) -> Batch:
    """Skip what is stored unchanged and start extracting the rest (lazily, unless
    the extractor can submit work ahead)."""
    unchanged = store.unchanged(articles)
    todo = [a for a in articles if a.id not in unchanged]
    if not todo:
        records: Callable[[], Iterable[ArticleRecord]] = tuple
    elif isinstance(extractor, PipelinedExtractor):
        records = extractor.submit(todo, settings)
    else:
        records = functools.partial(extractor, todo, settings)
    return Batch(articles, failures, unchanged, records)


def finish_batch(
    batch: Batch, store: Store, summary: IngestSummary, on_progress: Progress | None = None
) -> None:
    """Collect the batch's records and store them, updating ``summary`` in place."""
    records = list(batch.records())
    result = store.write_batch(records, batch.failures)
    summary.read += len(batch.articles)
    summary.unchanged += len(batch.unchanged)
    summary.stored += result.stored
    summary.replaced += result.replaced
    summary.events += result.events
    summary.quotes += result.quotes
    summary.article_errors += sum(1 for r in records if r.errors)
    summary.add_failures(batch.failures)
    if on_progress:
        on_progress(len(batch.articles) + len(batch.failures))


def ingest_batch(
    articles: list[Article],
    failures: list[ReadFailure],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    extractor: Extractor = _local_extract,
) -> None:
    """Extract and store one batch, updating ``summary`` in place."""
    finish_batch(start_batch(articles, failures, store, settings, extractor), store, summary)
