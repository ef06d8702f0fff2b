"""Speed of extract_times on already-parsed documents (target: >= 200 docs/s).

Parses the TempEval-3 TimeML documents (../shared/datasets/timeml), or the demo corpus
(corpus/demo/*.txt) when the datasets are absent, once with ``nlp.pipe``; then times
``extract_times`` alone over the parsed docs and prints docs/s, ms/doc (wall and CPU
time: on a shared machine the wall figure also counts other programs' load) and the
spaCy parse rate for comparison.

    .venv/bin/python bench/bench_times.py [--repeat N] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from brinkwatch.evaluate.times import default_datasets
from brinkwatch.evaluate.times_gold import read_timeml_dir
from brinkwatch.extract.times import extract_times
from brinkwatch.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = date(2022, 2, 10)


def texts_and_anchors(limit: int | None) -> list[tuple[str, date | None]]:
    """TimeML texts with their creation dates, else the demo corpus."""
    folder = default_datasets() / "timeml"
    if folder.is_dir():
        return [(d.text, d.anchor) for d in read_timeml_dir(folder, limit)]
    files = sorted((ROOT / "corpus" / "demo").rglob("*.txt"))[:limit]
    return [(p.read_text(encoding="utf-8"), PUBLISHED) for p in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the docs")
    parser.add_argument("--limit", type=int, default=None, help="at most this many docs")
    args = parser.parse_args()
    items = texts_and_anchors(args.limit)
    nlp = load_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe(text for text, _ in items))
    parse_seconds = time.perf_counter() - started
    extract_times(docs[0], items[0][1])  # load the lexicon outside the timing
    started, cpu_started = time.perf_counter(), time.process_time()
    mentions = 0
    for _ in range(args.repeat):
        for doc, (_, anchor) in zip(docs, items, strict=True):
            mentions += len(extract_times(doc, anchor))
    seconds = (time.perf_counter() - started) / args.repeat
    cpu_seconds = (time.process_time() - cpu_started) / args.repeat
    tokens = sum(len(doc) for doc in docs)
    print(f"docs: {len(docs)}  tokens: {tokens}  mentions/pass: {mentions // args.repeat}")
    print(f"spaCy parse:   {len(docs) / parse_seconds:8.1f} docs/s")
    per_doc_ms = 1000 * seconds / len(docs)
    print(f"extract_times: {len(docs) / seconds:8.1f} docs/s  ({per_doc_ms:.2f} ms/doc)")
    # CPU time is what the code costs; wall time also counts other programs' load.
    cpu_ms = 1000 * cpu_seconds / len(docs)
    print(f"  in CPU time: {len(docs) / cpu_seconds:8.1f} docs/s  ({cpu_ms:.2f} CPU ms/doc)")


if __name__ == "__main__":
    main()
