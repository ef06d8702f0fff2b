"""Scale-out extraction gives the very records a single process gives, and an
interrupted ingest resumes to the same store as a clean run.

The demo corpus is ingested once single-process (the reference); every other
way of ingesting it must leave a store whose records equal the reference's.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil
import pytest

from brinkwatch.records import Article, ArticleRecord, ProcessingError
from brinkwatch.scale import open_extractor
from brinkwatch.scale.choose import extract_here
from brinkwatch.scale.dask_cluster import DaskExtractor, parts_folder
from brinkwatch.scale.parts import part_name, read_part, write_part
from brinkwatch.scale.workers import (
    ProcessPoolExtractor,
    balanced_chunks,
    chunked,
    pool_batch_size,
    wait_until_started,
)
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from brinkwatch.store.loader import Extractor, ingest_paths

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo"
SETTINGS = Settings().replace(batch_size=8)


def ingest_demo(db: Path, extractor: Extractor = extract_here) -> None:
    with Store(db) as store:
        ingest_paths([str(DEMO)], store, SETTINGS, extractor=extractor)


def stored_records(db: Path) -> dict[str, ArticleRecord]:
    with Store(db, read_only=True) as store:
        return {i: rec for i in store.article_ids() if (rec := store.load_record(i)) is not None}


def stored_clusters(db: Path) -> list[dict[str, object]]:
    with Store(db, read_only=True) as store:
        return store.query("SELECT * FROM event_clusters ORDER BY cluster_id")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested in this process: the records every other path must match."""
    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    ingest_demo(db)
    return db


def assert_same_store(db: Path, reference: Path) -> None:
    got, want = stored_records(db), stored_records(reference)
    assert sorted(got) == sorted(want)
    assert len(want) == 37  # every demo article, so the comparison is not vacuous
    for article_id, record in want.items():
        assert got[article_id] == record, f"records of {article_id} differ"
    assert stored_clusters(db) == stored_clusters(reference)


# ---------------------------------------------------------------------------- resume


class Interrupted(RuntimeError):
    pass


def failing_after(batches: int) -> Extractor:
    """The real extractor, which dies when asked for batch number ``batches + 1``."""
    calls = iter(range(10_000))

    def extract(articles: list[Article], settings: Settings) -> Iterable[ArticleRecord]:
        if next(calls) >= batches:
            raise Interrupted("simulated crash")
        return extract_here(articles, settings)

    return extract


def test_interrupted_ingest_resumes_without_duplicates_or_gaps(
    reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "resumed.duckdb"
    with pytest.raises(Interrupted):
        ingest_demo(db, failing_after(batches=2))
    assert len(stored_records(db)) == 2 * SETTINGS.batch_size  # whole batches only
    with Store(db) as store:
        summary = ingest_paths([str(DEMO)], store, SETTINGS)
    assert summary.unchanged == 2 * SETTINGS.batch_size  # not parsed again
    assert summary.stored == 37 - 2 * SETTINGS.batch_size
    assert_same_store(db, reference)


class LoggingPipeline:
    """A pipelined extractor (it can ``submit``) that logs when each batch is
    submitted and when its records are collected; it extracts in this process."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []

    def __call__(self, articles: list[Article], settings: Settings) -> Iterable[ArticleRecord]:
        return self.submit(articles, settings)()

    def submit(
        self, articles: list[Article], settings: Settings
    ) -> Callable[[], Iterable[ArticleRecord]]:
        first = articles[0].id
        self.log.append(("submit", first))

        def records() -> Iterable[ArticleRecord]:
            self.log.append(("collect", first))
            return list(extract_here(articles, settings))

        return records


def test_the_next_batch_is_submitted_before_this_one_is_stored(
    reference: Path, tmp_path: Path
) -> None:
    db, extractor = tmp_path / "pipelined.duckdb", LoggingPipeline()
    ingest_demo(db, extractor)
    firsts = [first for step, first in extractor.log if step == "submit"]
    assert len(firsts) == 5  # 37 demo articles in batches of 8
    want = [("submit", firsts[0])]
    for this, after in zip(firsts, [*firsts[1:], None], strict=True):
        want += ([("submit", after)] if after else []) + [("collect", this)]
    assert extractor.log == want
    assert_same_store(db, reference)


def test_an_article_read_twice_is_stored_once_and_then_unchanged(tmp_path: Path) -> None:
    line = json.dumps({"url": "https://example.org/talks", "published": "2022-02-14",
                       "text": "Russia and Ukraine held talks in Minsk on Monday."})  # fmt: skip
    feed = tmp_path / "twice.jsonl"
    feed.write_text(f"{line}\n{line}\n")  # two batches of one: the second must see the first
    with Store(tmp_path / "twice.duckdb") as store:
        summary = ingest_paths([str(feed)], store, SETTINGS.replace(batch_size=1),
                               extractor=LoggingPipeline())  # fmt: skip
    assert (summary.read, summary.stored, summary.unchanged) == (2, 1, 1)


# ---------------------------------------------------------------------------- scale-out


@pytest.mark.slow
def test_two_worker_processes_give_the_single_process_records(
    reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "workers.duckdb"
    with open_extractor(SETTINGS, workers=2) as extractor:
        assert isinstance(extractor, ProcessPoolExtractor)
        ingest_demo(db, extractor)
    assert_same_store(db, reference)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_single_process_records(
    reference: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dask.duckdb"
    folder = parts_folder(db)
    with DaskExtractor("local", folder, local_workers=2) as extractor:
        workers = extractor._client.scheduler_info()["workers"].values()
        assert [w["nthreads"] for w in workers] == [1, 1]  # two processes, one thread each
        ingest_demo(db, extractor)
    assert_same_store(db, reference)
    assert len(list(Path(folder).glob("part-*.parquet"))) == 10  # 37 articles in parts of 4


# ---------------------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("count", "size", "lengths"),
    [(0, 4, []), (3, 4, [3]), (8, 4, [4, 4]), (9, 4, [4, 4, 1]), (5, 1, [1, 1, 1, 1, 1])],
)
def test_chunks_keep_order_and_cover_everything(count: int, size: int, lengths: list[int]) -> None:
    items = [Article(str(i), f"text {i}") for i in range(count)]
    chunks = chunked(items, size)
    assert [len(c) for c in chunks] == lengths
    assert [a for c in chunks for a in c] == items


def sample_records() -> list[ArticleRecord]:
    first = Article("a1", "Lithuania asked for more air defence.", published="2022-02-01")
    second = Article("a2", "Hungary declined comment.", title="Short", authors=("R. Ivanova",))
    error = ProcessingError("extract", "ValueError: simulated")
    return [ArticleRecord(first), ArticleRecord(second, errors=(error,))]


def test_a_partition_file_gives_back_the_records_in_order(tmp_path: Path) -> None:
    records = sample_records()
    name = part_name([r.article for r in records])
    location = write_part(records, str(tmp_path / "parts"), name)
    assert list(read_part(location)) == records
    assert [p.name for p in (tmp_path / "parts").iterdir()] == [name]  # no temporary left over


def test_partition_names_depend_only_on_the_articles() -> None:
    articles = [r.article for r in sample_records()]
    assert part_name(articles) == part_name(list(articles))
    assert part_name(articles) != part_name(articles[::-1])


def test_parts_folder_sits_beside_the_store(tmp_path: Path) -> None:
    assert parts_folder(tmp_path / "x.duckdb") == str(tmp_path / "x.duckdb.parts")


def test_one_worker_extracts_in_this_process() -> None:
    with open_extractor(SETTINGS, workers=1) as extractor:
        assert extractor is extract_here


@pytest.mark.parametrize(
    ("articles", "workers", "most", "sizes"),
    [
        (128, 2, 32, [32, 32, 32, 32]),  # two full chunks per worker
        (32, 2, 32, [8, 8, 8, 8]),  # a small batch still gives each worker two chunks
        (10, 2, 32, [3, 3, 2, 2]),  # even sizes, the longer ones first
        (200, 2, 32, [25] * 8),  # never above `most`: more rounds, still a multiple of 2
        (3, 2, 32, [1, 1, 1]),  # never an empty chunk
        (0, 2, 32, []),
        (7, 1, 4, [4, 3]),
    ],
)
def test_a_batch_is_cut_into_even_chunks_per_worker(
    articles: int, workers: int, most: int, sizes: list[int]
) -> None:
    items = [Article(id=str(i), text="x") for i in range(articles)]
    chunks = balanced_chunks(items, workers, most)
    assert [len(c) for c in chunks] == sizes
    assert [a for c in chunks for a in c] == items  # in order, nothing lost or repeated


@pytest.mark.parametrize(
    ("workers", "dask", "size"),
    [(1, None, 32), (2, None, 256), (3, None, 384), (2, "local", 32)],
)
def test_an_ingest_transaction_holds_four_chunks_per_local_worker(
    workers: int, dask: str | None, size: int
) -> None:
    from brinkwatch.scale.choose import default_batch_size

    assert default_batch_size(workers, dask) == size


def test_a_pool_batch_holds_four_full_chunks_per_worker() -> None:
    assert pool_batch_size(2) == 256  # four chunks of 32 per worker
    assert pool_batch_size(3, chunk_size=10) == 120


@pytest.mark.parametrize(("workers", "chunk_size"), [(0, 4), (2, 0), (-1, 1)])
def test_a_pool_needs_at_least_one_worker_and_article(workers: int, chunk_size: int) -> None:
    from brinkwatch.errors import BrinkwatchError

    with pytest.raises(BrinkwatchError, match="at least 1"):
        ProcessPoolExtractor(workers, SETTINGS, chunk_size=chunk_size)


def test_an_unreachable_scheduler_says_how_to_start_one(tmp_path: Path) -> None:
    from brinkwatch.errors import BrinkwatchError
    from brinkwatch.scale import dask_cluster

    with pytest.raises(BrinkwatchError, match="dask-scheduler"):
        dask_cluster.DaskExtractor("tcp://127.0.0.1:9", str(tmp_path), connect_timeout_s=1)


ORPHAN_SCRIPT = """
import time
from brinkwatch.scale.workers import ProcessPoolExtractor
from brinkwatch.settings import Settings

if __name__ == "__main__":
    extractor = ProcessPoolExtractor(2, Settings())
    futures = [extractor._pool.submit(int) for _ in range(4)]  # makes the pool start workers
    time.sleep(600)
"""


def pool_workers(parent: psutil.Process) -> list[psutil.Process]:
    return [c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]


@pytest.mark.slow
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(ORPHAN_SCRIPT, encoding="utf-8")
    parent = psutil.Popen([sys.executable, str(script)])
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers := pool_workers(parent)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) == 2
        parent.send_signal(signal.SIGKILL)  # no cleanup at all in the parent
        gone, alive = psutil.wait_procs(workers, timeout=90)  # a busy CI box is slow
        assert alive == [] and len(gone) == 2
    finally:
        for proc in [parent, *workers]:
            with contextlib.suppress(psutil.Error):
                proc.kill()


def test_waiting_for_workers_sees_every_process() -> None:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(2, mp_context=context, initializer=time.sleep, initargs=(0.5,))
    with pool:
        wait_until_started(pool, 2)
        assert len(pool._processes) == 2  # both started, though the pool starts them lazily
