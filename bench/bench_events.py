"""How much event coding adds to spaCy parsing.

Parses the demo corpus (corpus/demo/*.txt and the bodies in corpus/demo/**/*.jsonl;
generated wire-style texts when the corpus is absent), times ``nlp.pipe`` alone,
then times actor resolution + event coding on the parsed docs, and prints both
and their ratio.  The target is a ratio under 0.25.

    .venv/bin/python bench/bench_events.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from brinkwatch.extract.actors import extract_actors
from brinkwatch.extract.events import EventInputs, extract_events
from brinkwatch.knowledge import load_knowledge
from brinkwatch.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "demo"
PUBLISHED = date(2022, 2, 10)

GENERATED = [
    "Russia deployed {n} troops to Belarus on Monday, Ukraine's defence ministry said.",
    "Washington warned Moscow that an invasion of Ukraine would bring severe sanctions.",
    "The United States and NATO rejected Russia's demands and offered talks on arms control.",
    "Kyiv accused Moscow of massing {n} soldiers near the border, which the Kremlin denied.",
    "Germany pledged to send {n} helmets to Ukraine, and Britain delivered anti-tank weapons.",
]


def corpus_texts() -> list[str]:
    """Bodies of the demo corpus, or generated texts when it is missing."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += list(_jsonl_bodies())
    if texts:
        return texts
    return [" ".join(s.format(n=1000 * (i + k)) for k, s in enumerate(GENERATED))
            for i in range(60)]  # fmt: skip


def _jsonl_bodies() -> Iterator[str]:
    for path in sorted(CORPUS.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line).get("text")
                if isinstance(text, str):
                    yield text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="times to repeat the corpus")
    args = parser.parse_args()
    nlp = load_nlp()
    knowledge = load_knowledge()
    texts = corpus_texts() * args.repeat
    nlp("warm up")
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    mentions = [extract_actors(doc, knowledge.actors, PUBLISHED.isoformat()) for doc in docs]
    actors_s = time.perf_counter() - start
    start = time.perf_counter()
    n_events = 0
    for i, (doc, actors) in enumerate(zip(docs, mentions, strict=True)):
        inputs = EventInputs(f"b{i}", PUBLISHED, actors)
        n_events += len(extract_events(doc, inputs, knowledge.events))
    events_s = time.perf_counter() - start
    code_s = actors_s + events_s
    chars = sum(len(t) for t in texts)
    print(f"texts {len(texts)}  chars {chars}  events {n_events}")
    print(f"nlp.pipe                      {parse_s:8.3f} s")
    print(f"extract_actors                {actors_s:8.3f} s")
    print(f"extract_events                {events_s:8.3f} s  ({events_s / parse_s:.3f} of parse)")
    print(f"extract_actors+extract_events {code_s:8.3f} s")
    print(f"ratio                         {code_s / parse_s:8.3f}  (target < 0.25)")


if __name__ == "__main__":
    main()
