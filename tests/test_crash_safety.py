"""SIGKILL `brinkwatch ingest` at random moments of its write phase: the store always opens,
holds whole articles only (each article has exactly the child rows a clean run gives it), and a
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
ARTICLES = 24
PARAGRAPHS = 8
QUIET_GAP_S = 3.0  # no write for this long: the model is loading; the next write is a batch
BRINKWATCH = Path(sys.executable).with_name("brinkwatch")

ACTORS = [("Russia", "Ukraine"), ("the United States", "Russia"), ("NATO", "Russia"),
          ("France", "Germany"), ("Poland", "Belarus"), ("Britain", "Russia")]  # fmt: skip
VERBS = ["accused {b} of moving troops toward the border",
         "agreed to hold talks with {b} in Geneva",
         "threatened {b} with new sanctions",
         "called on {b} to pull back 10,000 soldiers"]  # fmt: skip
PLACES = ["Geneva", "Warsaw", "Minsk", "Kyiv", "Brussels", "Paris"]

Counts = dict[str, tuple[int, ...]]


def paragraph(k: int) -> str:
    a, b = ACTORS[k % len(ACTORS)]
    verb = VERBS[k % len(VERBS)].format(b=b)
    return (f"{a[0].upper()}{a[1:]} {verb} on Monday, officials said. \"We will not wait "
            f"forever,\" a spokesman for {a} told reporters in {PLACES[k % len(PLACES)]}.")


def write_corpus(folder: Path, n: int = ARTICLES) -> None:
    """``n`` distinct articles written for this test; long enough that extraction, not
    start-up, fills the write phase the kills aim at."""
    folder.mkdir()
    for i in range(n):
        day = 3 + i
        lead = f"Dispatch number {i + 1} from the crisis desk."  # bodies differ: ids differ
        body = "\n\n".join([lead, *(paragraph(i + k) for k in range(PARAGRAPHS))])
        text = f"Crisis Report {i + 1}\n\nFebruary {day}, 2022\n\n{body}\n"
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


def wal_changes(db: Path) -> tuple[int, int]:
    """Sizes of the store and its write-ahead log: a commit changes one of them."""
    sizes = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(-1)
    return sizes[0], sizes[1]


def wait_for_first_batch(proc: subprocess.Popen[bytes], db: Path) -> float | None:
    """Block until ``proc`` commits its first batch: the first write after the quiet gap
    of model loading, which follows the store's creation (the imports before it are a
    quiet gap too, so the gap only counts once the store has been written).  Returns
    when that happened, or None if the process ended first."""
    started = last_change = time.perf_counter()
    seen, quiet = wal_changes(db), False
    created = seen != (-1, -1)
    while proc.poll() is None:
        now, sizes = time.perf_counter(), wal_changes(db)
        quiet = quiet or (created and now - last_change > QUIET_GAP_S)
        if sizes != seen:
            if quiet:
                return now - started
            seen, last_change, created = sizes, now, True
        time.sleep(0.01)
    return None


def kill_in_write_phase(proc: subprocess.Popen[bytes], db: Path, delay: float) -> bool:
    """SIGKILL ``proc`` ``delay`` seconds after its first commit; False if it ended first."""
    if wait_for_first_batch(proc, db) is None:
        return False
    time.sleep(delay)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def write_phase(corpus: Path, db: Path) -> float:
    """Seconds from the first commit to the end of a clean run (with clusters rebuilt)."""
    proc = start_ingest(corpus, db)
    first = wait_for_first_batch(proc, db)
    started = time.perf_counter()
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0 and first is not None, stderr.decode()
    return time.perf_counter() - started


@pytest.mark.slow
def test_sigkill_at_random_points_leaves_whole_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    window = write_phase(corpus, tmp_path / "reference.duckdb")
    reference = per_article_counts(tmp_path / "reference.duckdb")
    assert len(reference) == ARTICLES and sum(c[1] for c in reference.values()) > 0

    rng = random.Random(SEED)
    db = tmp_path / "crash.duckdb"
    killed = partial = 0
    for kill in range(KILLS):
        stored = len(per_article_counts(db)) if db.exists() else 0
        if stored == ARTICLES:
            for done in tmp_path.glob("crash.duckdb*"):  # nothing left to interrupt
                done.unlink()
            stored = 0
        remaining = window * (ARTICLES - stored) / ARTICLES  # a resumed run has less to do
        killed += kill_in_write_phase(start_ingest(corpus, db), db, rng.uniform(0, remaining))
        got = per_article_counts(db)
        assert {i: reference[i] for i in got} == got, f"kill {kill}: a partial article"
        partial += 0 < len(got) < ARTICLES

    assert killed >= KILLS // 2 and partial >= KILLS // 4, (killed, partial)
    ingest_to_end(corpus, db)
    assert per_article_counts(db) == reference
    assert cluster_count(db) == cluster_count(tmp_path / "reference.duckdb")
    assert "stored 0" in ingest_to_end(corpus, db)
    assert per_article_counts(db) == reference
