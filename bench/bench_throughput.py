"""Throughput of extraction against bare spaCy parsing, with 1 and N processes, in one run.

For each process count P the same texts go through
  bare: ``nlp.pipe`` of the same model as shipped (in P worker processes when P > 1),
  end-to-end: what ``brinkwatch extract`` does per article (parse, every
      extractor, the record as contract JSON) -- in one process for P = 1, through
      the ``ProcessPoolExtractor`` of ``brinkwatch ingest --workers P`` otherwise;
  parse-ours (P = 1 only): ``nlp.pipe`` of brinkwatch's pipeline (the same model with
      the indexed attribute ruler; identical annotations), to show where the time goes.
Every worker is started and has loaded the model (and knowledge) before timing.

Each single-process mode runs in a process of its own, holding one model, as a user
runs ``brinkwatch extract`` or a bare ``nlp.pipe`` script.  The host's speed drifts
over seconds on a shared machine (the same single-process pass took 22-29 CPU ms per
article from one pass to the next), so the modes are interleaved as tightly as they
can be: in a single-process pass the three processes take turns on each 32-article
chunk, one at a time, and pass i of one process is followed by pass i of each pool.
Each measurement is repeated; the best and the median pass are printed, with the CPU
milliseconds per article (median) and the cores the best pass kept busy (CPU seconds /
wall seconds; at most P).  The two targets' ratios (end-to-end / bare; 1 -> P
processes) are printed from the best passes, from the median passes and as the median
of the pass-by-pass ratios.  With ``--alone`` (P > 1), also: P processes that each run
the whole single-process measurement on their own copy of the texts at the same time,
with no pool between them (modes ``bare-alone``, ``e2e-alone``): what this machine
allows P processes before any coordination cost.  With ``--cold``, the single-process
end-to-end and parse-ours processes empty brinkwatch's token-embedding caches
(``nlp/cached_embed.py``) before every chunk: each chunk is parsed as by a process that
has never seen a word of it, the least the cache can give.  Also prints the peak resident
memory of this process and of the largest child process (a pool worker, or a
single-process mode's process, which holds the same model and knowledge).

    .venv/bin/python bench/bench_throughput.py --copies 8 --repeat 5 --workers 1 2
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil
from memory import MemorySampler
from spacy.language import Language

from brinkwatch.ingest import read_paths
from brinkwatch.knowledge import load_knowledge
from brinkwatch.nlp import load_nlp, load_stock_nlp
from brinkwatch.nlp.cached_embed import clear_embedding_caches
from brinkwatch.pipeline import process_many
from brinkwatch.records import Article, ArticleRecord, to_json_dict
from brinkwatch.scale.workers import (
    DEFAULT_CHUNK_SIZE,
    ProcessPoolExtractor,
    balanced_chunks,
    chunked,
    pool_batch_size,
    wait_until_started,
)
from brinkwatch.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = Settings()


def demo_articles(copies: int) -> list[Article]:
    articles = [a for a in read_paths([str(ROOT / "corpus" / "demo")]) if isinstance(a, Article)]
    return articles * copies


@functools.lru_cache(maxsize=1)
def stock_nlp() -> Language:
    """The model as shipped (no brinkwatch speed-ups), once per process."""
    return load_stock_nlp(SETTINGS.spacy_model)


def count_tokens(nlp: Language, texts: Sequence[str]) -> int:
    """Parse ``texts`` in batches and count tokens, nothing else."""
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=SETTINGS.batch_size))


def parse_chunk(texts: Sequence[str]) -> int:
    """Bare spaCy in a worker."""
    return count_tokens(stock_nlp(), texts)


def warm_parser() -> None:
    stock_nlp()


def warm_extractor() -> None:
    load_nlp(SETTINGS.spacy_model)
    load_knowledge()


def emit_json(records: Iterable[ArticleRecord]) -> int:
    return sum(len(json.dumps(to_json_dict(r), ensure_ascii=False)) for r in records)


def tree_cpu_s() -> float:
    """User + system CPU seconds of this process and its live children (the workers)."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += sum(child.cpu_times()[:2])
    return total


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its workers) of one run: the CPU
    time shows how much of the machine the run really got when others share the cores."""
    start, cpu = time.perf_counter(), tree_cpu_s()
    work()
    return time.perf_counter() - start, tree_cpu_s() - cpu


Work = Callable[[list[Article]], object]  # one mode's work on one chunk
Runs = dict[str, list[tuple[float, float]]]
AllRuns = dict[tuple[int, str], list[tuple[float, float]]]


@functools.lru_cache(maxsize=1)
def single_mode(mode: str, copies: int) -> tuple[list[list[Article]], Work]:
    """In a mode's own process: its chunks of the texts and its work on one chunk, after
    one untimed pass (the model's vocabulary meets the texts' words, caches fill)."""
    chunks = chunked(demo_articles(copies), SETTINGS.batch_size)
    work: Work
    if mode == "end-to-end":
        work = lambda c: emit_json(process_many(c, SETTINGS))  # noqa: E731
    else:
        nlp = stock_nlp() if mode == "bare" else load_nlp(SETTINGS.spacy_model)
        work = lambda c: count_tokens(nlp, [a.text for a in c])  # noqa: E731
    for chunk in chunks:
        work(chunk)
    return chunks, work


def prepare_mode(mode: str, copies: int) -> None:
    single_mode(mode, copies)


def run_chunk(mode: str, copies: int, index: int, cold: bool) -> tuple[float, float]:
    """In a mode's own process: (wall, CPU) seconds of its work on chunk ``index``;
    ``cold``: brinkwatch's token-embedding caches are emptied first (untimed)."""
    chunks, work = single_mode(mode, copies)
    if cold and mode != "bare":
        clear_embedding_caches(load_nlp(SETTINGS.spacy_model))
    start, cpu = time.perf_counter(), time.process_time()
    work(chunks[index])
    return time.perf_counter() - start, time.process_time() - cpu


class SingleProcess:
    """The three single-process modes, each in a process of its own (as a user runs
    ``brinkwatch extract``, or a bare ``nlp.pipe`` script: one model per process),
    measured pass by pass.  Within a pass the modes take turns on each 32-article chunk
    (one ``nlp.pipe`` batch), in rotating order and one process at a time, so the
    host's speed, which drifts over seconds on a shared machine, is the same for all
    three; a pass's time in a mode is the sum over its chunks.  (Taking turns inside
    one process holding both models cost end-to-end 3-4 ms an article more than it
    costs alone: each model evicts the other's memory; docs/decisions.md.)"""

    MODES = ("bare", "end-to-end", "parse-ours")

    def __init__(self, articles: list[Article], copies: int, cold: bool = False) -> None:
        """``articles`` are ``demo_articles(copies)``, which each process reads itself."""
        self.copies, self.cold = copies, cold
        self.count = len(chunked(articles, SETTINGS.batch_size))
        ctx = multiprocessing.get_context("spawn")
        self.procs = {
            mode: ProcessPoolExecutor(
                1, mp_context=ctx, initializer=prepare_mode, initargs=(mode, copies)
            )
            for mode in self.MODES
        }
        for pool in self.procs.values():
            wait_until_started(pool, 1)

    def one_pass(self) -> dict[str, tuple[float, float]]:
        totals = dict.fromkeys(self.MODES, (0.0, 0.0))
        for i in range(self.count):
            for mode in self.MODES[i % 3 :] + self.MODES[: i % 3]:
                future = self.procs[mode].submit(run_chunk, mode, self.copies, i, self.cold)
                wall, cpu = future.result()
                totals[mode] = (totals[mode][0] + wall, totals[mode][1] + cpu)
        return totals

    def __enter__(self) -> SingleProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in self.procs.values():
            pool.shutdown(cancel_futures=True)


class Pool:
    """P processes, as ``ingest --workers P``: the articles in batches (transactions) of
    ``pool_batch_size``, each batch in the pool's even chunks, the next batch submitted
    before this one is collected; bare spaCy parses the same chunks in the same order
    in a pool of its own.  Both pools are started (every worker has loaded the model)
    before any timing; use as a context manager."""

    def __init__(self, articles: list[Article], workers: int) -> None:
        self.workers = workers
        self.batches = chunked(articles, pool_batch_size(workers))
        self.chunks = [
            [[a.text for a in c] for c in balanced_chunks(b, workers, DEFAULT_CHUNK_SIZE)]
            for b in self.batches
        ]
        ctx = multiprocessing.get_context("spawn")
        self.bare = ProcessPoolExecutor(workers, mp_context=ctx, initializer=warm_parser)
        self.extractor = ProcessPoolExtractor(workers, SETTINGS)
        wait_until_started(self.bare, workers)
        self.extractor.start()
        self.one_pass()  # untimed: the workers' vocabularies meet the texts, caches fill

    def one_pass(self) -> dict[str, tuple[float, float]]:
        bare = timed(lambda: sum(sum(self.bare.map(parse_chunk, c)) for c in self.chunks))
        e2e = timed(lambda: emit_pipelined(self.extractor, self.batches))
        return {"bare": bare, "end-to-end": e2e}

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bare.shutdown(cancel_futures=True)
        self.extractor.close()


def measure(
    articles: list[Article], copies: int, procs: list[int], repeat: int, cold: bool = False
) -> AllRuns:
    """Every process count's modes, pass by pass: pass i of one process and pass i of
    each pool run back to back, so that ratios can be taken pass by pass too."""
    runs: dict[tuple[int, str], list[tuple[float, float]]] = {}
    with contextlib.ExitStack() as stack:
        single = stack.enter_context(SingleProcess(articles, copies, cold)) if 1 in procs else None
        pools = {p: stack.enter_context(Pool(articles, p)) for p in procs if p > 1}
        for _ in range(repeat):
            for p in procs:
                timings = single.one_pass() if p == 1 and single else pools[p].one_pass()
                for mode, pair in timings.items():
                    runs.setdefault((p, mode), []).append(pair)
    return runs


def emit_pipelined(extractor: ProcessPoolExtractor, batches: Iterable[list[Article]]) -> int:
    """As the ingest loop does: the next batch is submitted before this one's records
    are collected (and written, here: turned into contract JSON)."""
    total, pending = 0, None
    for batch in batches:
        started = extractor.submit(batch, SETTINGS)
        if pending is not None:
            total += emit_json(pending())
        pending = started
    return total + (emit_json(pending()) if pending is not None else 0)


def whole_runs(
    mode: str, articles: list[Article], repeat: int, ready: Any
) -> list[tuple[float, float]]:
    """In a worker: the single-process ``mode`` (bare or end-to-end), warmed, ``repeat``
    times; (wall, CPU) seconds of each run, this process only.  ``ready`` is a barrier:
    every process starts timing together, after all have loaded and warmed up."""
    texts = [a.text for a in articles]
    work: Callable[[], object] = (
        (lambda: count_tokens(stock_nlp(), texts)) if mode == "bare"
        else (lambda: emit_json(process_many(articles, SETTINGS))))  # fmt: skip
    work()
    ready.wait()
    runs = []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        work()
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    return runs


def measure_alone(articles: list[Article], workers: int, repeat: int) -> Runs:
    """``workers`` independent single-process runs at once; run i of the measurement
    is the slowest process's run i, its articles counted once per process."""
    ctx = multiprocessing.get_context("spawn")
    runs: Runs = {}
    for mode in ("bare", "end-to-end"):
        warm = warm_parser if mode == "bare" else warm_extractor  # one model per process
        with (ProcessPoolExecutor(workers, mp_context=ctx, initializer=warm) as pool,
              ctx.Manager() as manager):  # fmt: skip
            wait_until_started(pool, workers)
            ready = manager.Barrier(workers)
            results = list(pool.map(whole_runs, [mode] * workers, [articles] * workers,
                                    [repeat] * workers, [ready] * workers))  # fmt: skip
        runs["e2e-alone" if mode == "end-to-end" else "bare-alone"] = [
            (max(r[i][0] for r in results) / workers, sum(r[i][1] for r in results) / workers)
            for i in range(repeat)
        ]
    return runs


def print_rates(procs: int, runs: Runs, articles: int, words: int) -> None:
    for mode, pairs in runs.items():
        best = min(pairs)
        median = statistics.median(wall for wall, _ in pairs)
        cpu_ms = 1000 * statistics.median(cpu for _, cpu in pairs) / articles
        busy = best[1] / best[0]
        print(f"{procs:5d}  {mode:10s}  {articles / best[0]:8.2f}  {words / best[0]:9.0f}"
              f"  {articles / median:8.2f}  {words / median:9.0f}  {cpu_ms:9.1f}"
              f"  {busy:5.2f}")  # fmt: skip


def print_ratios(runs: AllRuns, procs: list[int]) -> None:
    """The two targets' ratios three ways: from the best runs, from the median runs, and
    pass by pass (the median of the ratios of passes made back to back, which the
    host's drift over minutes affects least)."""
    best = {key: min(wall for wall, _ in pairs) for key, pairs in runs.items()}
    median = {key: statistics.median(wall for wall, _ in pairs) for key, pairs in runs.items()}

    def paired(a: tuple[int, str], b: tuple[int, str]) -> float:
        return statistics.median(x[0] / y[0] for x, y in zip(runs[a], runs[b], strict=True))

    def three_ways(a: tuple[int, str], b: tuple[int, str]) -> str:
        return (f"{best[a] / best[b]:.2f} (best runs), {median[a] / median[b]:.2f} (median "
                f"runs), {paired(a, b):.2f} (median of pass-by-pass ratios)")  # fmt: skip

    for p in procs:
        print(f"end-to-end / bare spaCy with {p} process(es): "
              f"{three_ways((p, 'bare'), (p, 'end-to-end'))}")  # fmt: skip
    for p in (p for p in procs if p > 1 and 1 in procs):
        for mode in ("bare", "end-to-end"):
            print(f"speed-up 1 -> {p} processes ({mode}): {three_ways((1, mode), (p, mode))}")
        for mode, alone in (("bare", "bare-alone"), ("end-to-end", "e2e-alone")):
            if (p, alone) in best:
                print(f"speed-up 1 -> {p} independent processes, no pool ({mode}): "
                      f"{best[(1, mode)] / best[(p, alone)]:.2f}x (best runs)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="copies of the demo corpus")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measurement")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cold", action="store_true",
                        help="one process: empty the token-embedding caches before each chunk")
    parser.add_argument("--alone", action="store_true",
                        help="also run P independent single-process runs at once (P > 1)")
    args = parser.parse_args()
    articles = demo_articles(args.copies)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words; best and median of {args.repeat} runs")
    print("procs  mode        best art/s  words/s  median art/s  words/s  cpu-ms/art  cores")
    with MemorySampler(every_s=0.5) as sampler:
        runs = measure(articles, args.copies, args.workers, args.repeat, args.cold)
        for p in (p for p in args.workers if p > 1 and args.alone):
            runs.update({(p, m): s for m, s in measure_alone(articles, p, args.repeat).items()})
    for p in args.workers:
        print_rates(p, {m: s for (q, m), s in runs.items() if q == p}, len(articles), words)
    print_ratios(runs, args.workers)
    print(f"peak RSS: this process {sampler.peak_parent():.0f} MiB, "
          f"largest worker {sampler.peak_child():.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
