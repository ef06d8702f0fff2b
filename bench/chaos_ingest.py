"""Chaos bench: SIGKILL `brinkwatch ingest` at uniformly random moments on a real corpus.

Complements tests/test_crash_safety.py (which aims at the write phase of generated
articles): here kills land anywhere, start-up and cluster rebuild included, on any
folder.  After each kill the store must hold whole articles only; at the end a re-run
must equal a clean reference run.

    .venv/bin/python bench/chaos_ingest.py corpus/demo --kills 10 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from brinkwatch.store.db import CHILD_FIELDS, Store

BRINKWATCH = Path(sys.executable).with_name("brinkwatch")


def ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    args = [str(BRINKWATCH), "ingest", str(corpus), "--db", str(db), "--batch-size", "2"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def rows_per_article(db: Path) -> dict[str, tuple[int, ...]]:
    """Child-row counts of every stored article (opening the store replays its log)."""
    with Store(db) as store:
        ids = [str(r["id"]) for r in store.query("SELECT id FROM articles")]
        if len(ids) != len(set(ids)):
            raise AssertionError("an article is stored twice")
        per_table = []
        for name in CHILD_FIELDS:
            rows = store.query(f'SELECT article_id, count(*) AS n FROM "{name}" GROUP BY 1')
            per_table.append({str(r["article_id"]): int(r["n"]) for r in rows})
    return {i: tuple(t.get(i, 0) for t in per_table) for i in ids}


def timed_run(corpus: Path, db: Path) -> float:
    started = time.perf_counter()
    if ingest(corpus, db).wait() not in (0, 3):
        raise AssertionError("a clean ingest failed")
    return time.perf_counter() - started


def chaos(corpus: Path, kills: int, seed: int, work: Path) -> dict[str, object]:
    full = timed_run(corpus, work / "reference.duckdb")
    reference = rows_per_article(work / "reference.duckdb")
    rng, db, partial = random.Random(seed), work / "chaos.duckdb", 0
    for _ in range(kills):
        proc = ingest(corpus, db)
        time.sleep(rng.uniform(0, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = rows_per_article(db) if db.exists() else {}
        if any(reference.get(i) != counts for i, counts in got.items()):
            raise AssertionError("a partial article after a kill")
        partial += 0 < len(got) < len(reference)
    timed_run(corpus, db)
    return {"articles": len(reference), "kills": kills, "partial_states": partial,
            "clean_run_s": round(full, 1), "rerun_equals_reference":
            rows_per_article(db) == reference}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        result = chaos(args.corpus, args.kills, args.seed, Path(work))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
