"""Memory along a long ingest: a synthetic stream of N articles through `brinkwatch ingest`.

Writes N synthetic articles (bench/synthetic.py: our own template sentences) as
.txt files, 1,000 per sub-folder, then ingests the folder into a fresh store
with ``ingest_paths`` and the extractor ``brinkwatch ingest --workers W`` uses,
sampling the resident memory of the ingesting process and of each worker every
few seconds.  Prints the samples at every 5 % of the stream, the throughput and
the peaks; writes every sample to OUT/memory.csv.

    .venv/bin/python bench/bench_stream.py --articles 20000 --workers 2 --out /tmp/bw-stream
    .venv/bin/python bench/bench_stream.py --articles 500          # quick check
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import MemorySampler, Sample
from synthetic import write_corpus

from brinkwatch.scale import open_extractor
from brinkwatch.scale.choose import default_batch_size
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from brinkwatch.store.loader import ingest_paths


def prepare(out: Path, articles: int) -> tuple[Path, int]:
    """A corpus folder of ``articles`` files (rebuilt when the count differs)."""
    corpus = out / f"corpus-{articles}"
    stamp = corpus / ".words"
    if not stamp.exists():
        shutil.rmtree(corpus, ignore_errors=True)
        words = write_corpus(corpus, articles)
        stamp.write_text(str(words))
    return corpus, int(stamp.read_text())


def run(corpus: Path, db: Path, workers: int, sampler: MemorySampler) -> float:
    settings = Settings().replace(db_path=str(db), batch_size=default_batch_size(workers))
    with Store(db) as store, open_extractor(settings, workers, None, db) as extractor:
        started = time.perf_counter()

        def progress(n: int) -> None:
            sampler.done += n

        summary = ingest_paths([str(corpus)], store, settings, on_progress=progress,
                               extractor=extractor)  # fmt: skip
        seconds = time.perf_counter() - started
        counts = store.counts()
    print(f"stored {summary.stored}, unchanged {summary.unchanged}, skipped "
          f"{sum(summary.skipped.values())}; store: {counts['articles']} articles, "
          f"{counts['events']} events")  # fmt: skip
    return seconds


def report(samples: list[Sample], total: int) -> None:
    """One line per 5 % of the stream: elapsed time, parent RSS, each worker's RSS."""
    print(f"{'done':>7} {'elapsed s':>9} {'parent MiB':>10}  workers MiB")
    shown = set()
    for s in samples:
        step = int(20 * s.done / total) if total else 20
        if step in shown:
            continue
        shown.add(step)
        workers = " ".join(f"{v:6.0f}" for v in sorted(s.children_mib.values()) if v > 100)
        print(f"{s.done:7d} {s.seconds:9.0f} {s.parent_mib:10.0f}  {workers}")


class SampleLog:
    """Appends every sample to OUT/memory.csv as it is taken, so a long run that is
    stopped early still leaves its samples (and prints one progress line a minute)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.last_print = 0.0
        path.write_text("seconds,done,parent_mib,workers_mib\n", encoding="utf-8")

    def __call__(self, s: Sample) -> None:
        workers = ";".join(f"{v:.0f}" for v in sorted(s.children_mib.values()))
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(f"{s.seconds:.1f},{s.done},{s.parent_mib:.0f},{workers}\n")
        if s.seconds - self.last_print >= 60:
            self.last_print = s.seconds
            print(f"  {s.seconds:6.0f} s  {s.done} done  parent {s.parent_mib:.0f} MiB  "
                  f"workers {workers} MiB", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between samples")
    parser.add_argument("--out", type=Path, default=Path("/tmp/brinkwatch-stream"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    corpus, words = prepare(args.out, args.articles)
    db = args.out / "stream.duckdb"
    db.unlink(missing_ok=True)
    with MemorySampler(every_s=args.every, on_sample=SampleLog(args.out / "memory.csv")) as sampler:
        seconds = run(corpus, db, args.workers, sampler)
    report(sampler.samples, args.articles)
    print(f"{args.articles} articles, {words} words in {seconds:.0f} s: "
          f"{args.articles / seconds:.1f} articles/s, {words / seconds:.0f} words/s "
          f"(workers={args.workers})")  # fmt: skip
    print(f"peak RSS: ingesting process {sampler.peak_parent():.0f} MiB, "
          f"largest worker {sampler.peak_child():.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
