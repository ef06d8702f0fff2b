"""Pick the extractor an ingest runs with: this process, N worker processes, or Dask."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from brinkwatch.pipeline import process_many
from brinkwatch.records import Article, ArticleRecord
from brinkwatch.settings import Settings
from brinkwatch.store.loader import Extractor


def extract_here(articles: list[Article], settings: Settings) -> Iterable[ArticleRecord]:
    """The single-process extractor: parse and extract in the calling process."""
    return process_many(articles, settings)


def default_batch_size(workers: int = 1, dask: str | None = None) -> int:
    """Articles per ingest transaction: ``Settings.batch_size`` (32); with local
    workers, several full chunks per worker (scale/workers.py)."""
    if workers > 1 and not dask:
        from brinkwatch.scale.workers import pool_batch_size

        return pool_batch_size(workers)
    return Settings().batch_size


@contextmanager
def open_extractor(
    settings: Settings, workers: int = 1, dask: str | None = None, db_path: str | Path = ""
) -> Iterator[Extractor]:
    """The extractor for ``--workers``/``--dask``, shut down when the block ends.

    ``dask`` is a scheduler address or ``local`` (then ``workers`` sets the number
    of local Dask workers); its Parquet parts go beside ``db_path``."""
    if dask:
        from brinkwatch.scale.dask_cluster import DaskExtractor, parts_folder

        folder = parts_folder(db_path or settings.db_path)
        local_workers = workers if workers > 1 else None
        with DaskExtractor(dask, folder, local_workers=local_workers) as remote:
            yield remote
    elif workers > 1:
        from brinkwatch.scale.workers import ProcessPoolExtractor

        with ProcessPoolExtractor(workers, settings) as pool:
            yield pool
    else:
        yield extract_here
