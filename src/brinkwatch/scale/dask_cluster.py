"""Extraction on a Dask distributed cluster: ``brinkwatch ingest --dask ADDRESS``.

Each batch from the streaming loader is cut into partitions; every partition is
one Dask task that parses and extracts its articles on a worker (the worker
process loads the model once, ``load_nlp`` is cached per process) and writes
its records as one Parquet file into the parts folder.  The ingesting process
reads those files back in input order and writes them to the store, so the
store sees exactly the records the single-process path would produce.

``ADDRESS`` is a scheduler address (``tcp://host:8786``) or ``local`` for a
:class:`distributed.LocalCluster` on this machine.  With a remote cluster the
parts folder must be reachable from the workers and from this machine under
the same name: a shared filesystem path or an object-store URI.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from brinkwatch.errors import BrinkwatchError
from brinkwatch.pipeline import process_many
from brinkwatch.records import Article, ArticleRecord
from brinkwatch.scale.parts import part_name, read_part, write_part
from brinkwatch.scale.workers import chunked
from brinkwatch.settings import Settings

LOCAL = "local"
DEFAULT_PARTITION_SIZE = 4  # articles per task and per Parquet file
CONNECT_TIMEOUT_S = 30


def extract_partition(articles: Sequence[Article], settings: Settings, folder: str) -> str:
    """Runs on a Dask worker: extract one partition, write it, return the file."""
    records = list(process_many(articles, settings))
    return write_part(records, folder, part_name(articles))


def parts_folder(db_path: str | Path) -> str:
    """The default parts folder: beside the store file (``x.duckdb`` -> ``x.duckdb.parts``)."""
    return str(Path(db_path).resolve().with_name(Path(db_path).name + ".parts"))


def _absolute(folder: str) -> str:
    """pyarrow needs absolute local paths; URIs (``s3://...``) pass unchanged."""
    return folder if "://" in folder else str(Path(folder).resolve())


class DaskExtractor:
    """An ``Extractor`` (see ``store/loader.py``) that runs on a Dask cluster.

    Use as a context manager: it closes the client and any local cluster."""

    def __init__(
        self,
        address: str,
        folder: str,
        local_workers: int | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE,
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
    ) -> None:
        self.folder = _absolute(folder)
        self.partition_size = max(1, partition_size)
        self.connect_timeout_s = connect_timeout_s
        self._cluster: Any = None
        self._client: Any = self._connect(address, local_workers)

    def _connect(self, address: str, local_workers: int | None) -> Any:
        # distributed's constructors are untyped; hold them as Any.
        import distributed

        Client: Any = distributed.Client
        LocalCluster: Any = distributed.LocalCluster

        try:
            if address != LOCAL:
                return Client(address, timeout=self.connect_timeout_s)
            self._cluster = LocalCluster(
                n_workers=local_workers or os.cpu_count() or 1, threads_per_worker=1,
                processes=True, dashboard_address=None, silence_logs=logging.ERROR,
            )  # fmt: skip
            return Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            raise BrinkwatchError(
                f"cannot reach the Dask scheduler at {address!r}: {exc}. Start one with "
                "`dask-scheduler` (see docs/scaling.md) or use --dask local"
            ) from exc

    def __call__(self, articles: list[Article], settings: Settings) -> Iterator[ArticleRecord]:
        return self.submit(articles, settings)()

    def submit(
        self, articles: list[Article], settings: Settings
    ) -> Callable[[], Iterator[ArticleRecord]]:
        """Send the partitions to the cluster and return at once; the returned function
        waits for them and yields their records in input order (the ingest sends the
        next batch before it stores this one, so the cluster keeps working)."""
        partitions = chunked(articles, self.partition_size)
        futures = self._client.map(
            extract_partition, partitions, settings=settings, folder=self.folder, pure=False
        )

        def records() -> Iterator[ArticleRecord]:
            try:
                locations: list[str] = self._client.gather(futures)
            except OSError as exc:
                raise BrinkwatchError(
                    f"a Dask worker could not write its partition under {self.folder}: {exc}. "
                    "The folder must be writable by every worker (shared filesystem or object"
                    " store)"
                ) from exc
            for location in locations:
                yield from read_part(location)

        return records

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
