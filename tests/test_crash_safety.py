"""SIGKILL `brinkwatch ingest` at random moments: the store always opens, holds whole
articles only (each article has exactly the child rows a clean run gives it), and a
re-run completes without duplicates.  Fixed seed, so a failure can be replayed."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brinkwatch.store.db import CHILD_FIELDS, Store

SEED = 20220124
KILLS = 20
FRESH_EVERY = 5  # start a new store now and then, so kills keep landing mid-ingest
BRINKWATCH = Path(sys.executable).with_name("brinkwatch")

ACTORS = [("Russia", "Ukraine"), ("the United States", "Russia"), ("NATO", "Russia"),
          ("France", "Germany"), ("Poland", "Belarus"), ("Britain", "Russia")]  # fmt: skip
VERBS = ["accused {b} of moving troops toward the border",
         "agreed to hold talks with {b} in Geneva",
         "threatened {b} with new sanctions",
         "called on {b} to pull back 10,000 soldiers"]  # fmt: skip
PLACES = ["Geneva", "Warsaw", "Minsk", "Kyiv", "Brussels", "Paris"]

Counts = dict[str, tuple[int, ...]]


def write_corpus(folder: Path, n: int = 16) -> None:
    """``n`` short, distinct articles written for this test."""
    folder.mkdir()
    for i in range(n):
        a, b = ACTORS[i % len(ACTORS)]
        verb = VERBS[i % len(VERBS)].format(b=b)
        day = 3 + i
        body = (f"{a} {verb} on Monday, officials said.\n\n"
                f"\"We will not wait forever,\" a spokesman for {a} told reporters in "
                f"{PLACES[i % len(PLACES)]}. Talks number {i + 1} were set for February {day}.\n")
        text = f"Crisis Report {i + 1}\n\nFebruary {day}, 2022\n\n{body}"
        (folder / f"2022-02-{day:02d}-report-{i:02d}.txt").write_text(text, encoding="utf-8")


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    args = [str(BRINKWATCH), "ingest", str(corpus), "--db", str(db), "--batch-size", "2"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ingest_to_end(corpus: Path, db: Path) -> str:
    proc = start_ingest(corpus, db)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr.decode()
    return stderr.decode()


def per_article_counts(db: Path) -> Counts:
    """For each stored article: its row count in every child table (opening replays the WAL)."""
    with Store(db) as store:
        ids = [str(r["id"]) for r in store.query("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)), "an article is stored twice"
        counts: dict[str, list[int]] = {i: [] for i in ids}
        for name in CHILD_FIELDS:
            rows = store.query(f'SELECT article_id, count(*) AS n FROM "{name}" GROUP BY 1')
            per = {str(r["article_id"]): int(r["n"]) for r in rows}
            assert set(per) <= set(ids), f"{name} rows without their article"
            for i in ids:
                counts[i].append(per.get(i, 0))
    return {i: tuple(c) for i, c in counts.items()}


def cluster_count(db: Path) -> int:
    with Store(db, read_only=True) as store:
        return int(store.query("SELECT count(*) AS n FROM event_cluster_members")[0]["n"])


@pytest.mark.slow
def test_sigkill_at_random_points_leaves_whole_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    started = time.perf_counter()
    ingest_to_end(corpus, tmp_path / "reference.duckdb")
    full_run = time.perf_counter() - started
    reference = per_article_counts(tmp_path / "reference.duckdb")
    assert len(reference) == 16 and sum(c[1] for c in reference.values()) > 0  # events found

    rng = random.Random(SEED)
    db = tmp_path / "crash.duckdb"
    interrupted = partial = 0
    for kill in range(KILLS):
        if kill % FRESH_EVERY == 0:
            for stale in tmp_path.glob("crash.duckdb*"):
                stale.unlink()
        proc = start_ingest(corpus, db)
        # The first ~40% of a run is start-up and model loading: aim most kills after it.
        time.sleep(rng.uniform(0.4, 1.0) * full_run)
        interrupted += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = per_article_counts(db) if db.exists() else {}
        assert {i: reference[i] for i in got} == got, f"kill {kill}: a partial article"
        partial += 0 < len(got) < len(reference)

    assert interrupted >= KILLS // 2, "most kills should land while ingest runs"
    assert partial >= 3, "some kills should land between batches"
    ingest_to_end(corpus, db)
    assert per_article_counts(db) == reference
    assert cluster_count(db) == cluster_count(tmp_path / "reference.duckdb")
    assert "stored 0" in ingest_to_end(corpus, db)
    assert per_article_counts(db) == reference
