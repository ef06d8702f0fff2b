"""Extraction in worker processes on one machine: ``brinkwatch ingest --workers N``.

Workers are started with ``spawn``: a forked child would inherit the parent's
open DuckDB connection and thread state, which are not fork-safe.  Each worker
loads the spaCy model and the knowledge once (in its initializer), then receives
articles in chunks: each call's articles are cut into even chunks of at most 32
articles (``Settings.batch_size``, what one process parses at a time), at least
two per worker (a worker that finishes first takes the next).  A chunk is one
``nlp.pipe`` batch in the worker, and small batches parse slower (4 texts: 19.6 ms
an article, 8: 18.4, 32: 14.8); a worker's peak memory with chunks of 32 is about
800 MiB (docs/benchmarks.md).  With workers an ingest transaction holds
:func:`pool_batch_size` articles.  ``Executor.map`` returns results in submission
order, so records come back in input order, and only the parent writes to the store.

A concurrent.futures pool (not ``multiprocessing.Pool``) is used on purpose: if
a worker dies (killed for memory, say) the pool raises ``BrokenProcessPool``
instead of waiting forever for the lost chunk.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from brinkwatch.errors import BrinkwatchError
from brinkwatch.knowledge import load_knowledge
from brinkwatch.nlp import load_nlp
from brinkwatch.pipeline import process_many
from brinkwatch.records import Article, ArticleRecord
from brinkwatch.settings import Settings

DEFAULT_CHUNK_SIZE = 32  # most articles per task: one nlp.pipe batch (see above)
CHUNKS_PER_WORKER = 2  # tasks per worker per call at least, so no worker waits long at its end
# Chunks per worker in a default transaction.  The ingest queues the next
# transaction's chunks before it writes one (store/loader.py), so workers do not
# wait for the writes; larger transactions still mean fewer commits.
TRANSACTION_CHUNKS_PER_WORKER = 4
# A worker is replaced after this many chunks (4,000 articles): spaCy's string
# store only grows, so recycling bounds a worker's memory on endless streams.
# Reloading the model and knowledge takes seconds, a few per cent of a worker's life.
DEFAULT_CHUNKS_PER_WORKER = 125
PARENT_CHECK_S = 1.0  # how often a worker checks that its parent is alive


def warm_up(model_name: str, parent_pid: int) -> None:
    """Worker initializer: load the model and the knowledge once per process."""
    watch_parent(parent_pid)
    load_nlp(model_name)
    load_knowledge()


def watch_parent(parent_pid: int) -> None:
    """End this worker when its parent is gone.  A parent killed without cleanup
    (SIGTERM, SIGKILL) never closes the task queue, which every worker also holds
    open, so without this its workers would wait forever, each holding ~1 GB.
    ``parent_pid`` comes from the parent itself: it may be dead before we start."""

    def check() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=check, name="brinkwatch-parent-watch", daemon=True).start()


def extract_chunk(articles: Sequence[Article], settings: Settings) -> list[ArticleRecord]:
    """Runs in a worker: the same code path as the single-process extractor."""
    return list(process_many(articles, settings))


def pool_batch_size(workers: int, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Articles per ingest transaction with ``workers``: several full chunks each."""
    return chunk_size * TRANSACTION_CHUNKS_PER_WORKER * workers


def balanced_chunks(items: Sequence[Article], workers: int, most: int) -> list[list[Article]]:
    """``items`` in consecutive slices of even size (differing by at most one): a
    multiple of ``workers`` of them, at least ``CHUNKS_PER_WORKER`` per worker, none
    longer than ``most`` (and never empty)."""
    rounds = max(CHUNKS_PER_WORKER, -(-len(items) // (most * workers)))
    count = min(len(items), rounds * workers)
    if count == 0:
        return []
    size, extra = divmod(len(items), count)
    bounds = [i * size + min(i, extra) for i in range(count + 1)]
    return [list(items[a:b]) for a, b in itertools.pairwise(bounds)]


def chunked(items: Sequence[Article], size: int) -> list[list[Article]]:
    """``items`` in consecutive slices of at most ``size``."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def wait_until_started(pool: ProcessPoolExecutor, workers: int, timeout_s: float = 900) -> None:
    """Block until ``workers`` distinct processes of ``pool`` have answered: a
    worker takes tasks only after its initializer has run."""
    seen: set[int] = set()
    deadline = time.monotonic() + timeout_s
    while len(seen) < workers:
        if time.monotonic() > deadline:
            raise BrinkwatchError(
                f"only {len(seen)} of {workers} worker processes started within {timeout_s:.0f} s;"
                " the machine may be short of memory or CPU: try fewer --workers"
            )
        seen.update(f.result() for f in [pool.submit(os.getpid) for _ in range(workers)])
        time.sleep(0.05)


class ProcessPoolExtractor:
    """An ``Extractor`` (see ``store/loader.py``) backed by ``workers`` processes.

    Use as a context manager so the worker processes are shut down."""

    def __init__(
        self,
        workers: int,
        settings: Settings,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        chunks_per_worker: int | None = DEFAULT_CHUNKS_PER_WORKER,
    ) -> None:
        if workers < 1 or chunk_size < 1:
            raise BrinkwatchError(
                f"workers ({workers}) and chunk size ({chunk_size}) must be at least 1; "
                "pass --workers 1 or more"
            )
        self.chunk_size = chunk_size
        self.workers = workers
        self._started = False
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_up,
            initargs=(settings.spacy_model, os.getpid()),
            max_tasks_per_child=chunks_per_worker,
        )

    def start(self) -> None:
        """Start every worker and wait until each has loaded the model (the pool
        otherwise starts workers on demand, inside the first batches).  Called on
        the first batch, so a re-run that finds nothing to extract starts none."""
        if not self._started:
            wait_until_started(self._pool, self.workers)
            self._started = True

    def __call__(self, articles: list[Article], settings: Settings) -> Iterator[ArticleRecord]:
        return self.submit(articles, settings)()

    def submit(
        self, articles: list[Article], settings: Settings
    ) -> Callable[[], Iterator[ArticleRecord]]:
        """Queue the chunks of ``articles`` and return at once; the returned function
        yields their records in input order.  The ingest queues the next batch before
        it writes this one, so the workers are not idle while the parent writes."""
        self.start()
        chunks = balanced_chunks(articles, self.workers, self.chunk_size)
        futures = [self._pool.submit(extract_chunk, chunk, settings) for chunk in chunks]

        def records() -> Iterator[ArticleRecord]:
            try:
                for future in futures:
                    yield from future.result()
            except BrokenProcessPool as exc:
                raise BrinkwatchError(
                    "an extraction worker process died (often: out of memory); the batch was"
                    " not stored. Re-run the same command to resume, with fewer --workers if"
                    " it repeats"
                ) from exc

        return records

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessPoolExtractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
