"""CPU time of each extractor alone on the parsed demo corpus, in ms per article.

Parses the demo articles once (``nlp.pipe``), resolves their actors once (quotes
need them), then times each extractor over all the parsed docs (``record``: the whole
record as ``pipeline.process`` makes it, extractors sharing one token table, turned
into contract JSON): CPU time (``time.process_time``), best of ``--repeat`` passes,
so that other programs on a shared machine inflate the figure as little as possible.
Compare two versions of the code by running both, alternately, a few times each.

    .venv/bin/python bench/bench_extractors.py [--repeat N] [--only places quotes ...]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from brinkwatch.extract.actors import ActorMentions, extract_actors
from brinkwatch.extract.events import EventInputs, extract_events
from brinkwatch.extract.places import extract_places
from brinkwatch.extract.quantities import extract_quantities
from brinkwatch.extract.quotes import extract_quotes
from brinkwatch.extract.times import extract_times
from brinkwatch.ingest import read_paths
from brinkwatch.knowledge import load_knowledge
from brinkwatch.nlp import load_nlp
from brinkwatch.pipeline import process
from brinkwatch.records import Article, to_json_dict

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("times", "places", "quantities", "actors", "quotes", "events", "record")


def _published(article: Article) -> date | None:
    try:
        return date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed passes; the best counts")
    parser.add_argument("--only", nargs="+", choices=NAMES, default=list(NAMES))
    args = parser.parse_args()
    articles = [a for a in read_paths([str(ROOT / "corpus" / "demo")]) if isinstance(a, Article)]
    knowledge = load_knowledge()
    docs = list(load_nlp().pipe(a.text for a in articles))
    items = list(zip(articles, docs, strict=True))
    actors = [extract_actors(doc, knowledge.actors, a.published) for a, doc in items]

    inputs = {
        id(doc): EventInputs(
            a.id, _published(a), found, extract_times(doc, _published(a)),
            extract_places(doc, knowledge.gazetteer), extract_quantities(doc),
            extract_quotes(doc, found),
        )
        for (a, doc), found in zip(items, actors, strict=True)
    }

    runs: dict[str, Callable[[Article, Doc, ActorMentions], object]] = {
        "times": lambda a, doc, _: extract_times(doc, _published(a)),
        "places": lambda _, doc, __: extract_places(doc, knowledge.gazetteer),
        "quantities": lambda _, doc, __: extract_quantities(doc),
        "actors": lambda a, doc, _: extract_actors(doc, knowledge.actors, a.published),
        "quotes": lambda _, doc, found: extract_quotes(doc, found),
        "events": lambda _, doc, __: extract_events(doc, inputs[id(doc)], knowledge.events),
        # the whole record as the pipeline makes it (one shared token table), as contract JSON
        "record": lambda a, doc, _: json.dumps(
            to_json_dict(process(a, doc, knowledge)), ensure_ascii=False
        ),
    }
    print(f"{len(items)} demo articles, {sum(len(d) for d in docs)} tokens; "
          f"CPU ms per article, best of {args.repeat}")  # fmt: skip
    for name in args.only:
        run = runs[name]
        for (a, doc), found in zip(items, actors, strict=True):
            run(a, doc, found)  # warm: lexicons and caches load outside the timing
        best = float("inf")
        for _ in range(args.repeat):
            started = time.process_time()
            for (a, doc), found in zip(items, actors, strict=True):
                run(a, doc, found)
            best = min(best, time.process_time() - started)
        print(f"  {name:11s} {1000 * best / len(items):6.2f}")


if __name__ == "__main__":
    main()
