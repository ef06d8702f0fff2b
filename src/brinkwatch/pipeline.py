"""The whole flow for one article, top to bottom, and the batch loop around it."""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from brinkwatch.extract.actors import extract_actors
from brinkwatch.extract.events import EventInputs, extract_events
from brinkwatch.extract.places import extract_places
from brinkwatch.extract.quantities import extract_quantities
from brinkwatch.extract.quotes import extract_quotes
from brinkwatch.extract.times import extract_times
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.knowledge import Knowledge, load_knowledge
from brinkwatch.nlp import load_nlp
from brinkwatch.records import Article, ArticleRecord, ProcessingError, Section
from brinkwatch.settings import Settings


def process(article: Article, doc: Doc, knowledge: Knowledge) -> ArticleRecord:
    """One parsed article in, one record out: every extractor in dependency order."""
    published = _parse_date(article.published)
    table = TokenTable(doc)  # token columns read once, shared by the extractors
    times = extract_times(doc, published, table)
    places = extract_places(doc, knowledge.gazetteer, table)
    quantities = extract_quantities(doc, table)
    actors = extract_actors(doc, knowledge.actors, article.published, table)
    quotes = extract_quotes(doc, actors, table)
    inputs = EventInputs(article.id, published, actors, times, places, quantities, quotes)
    events = extract_events(doc, inputs, knowledge.events, table)
    return ArticleRecord(
        article=article, entities=actors.mentions, events=events, quotes=quotes,
        times=times, places=places, quantities=quantities,
    )  # fmt: skip


def process_safely(article: Article, doc: Doc, knowledge: Knowledge) -> ArticleRecord:
    """Like :func:`process`, but a failing extractor costs only this article's
    records: the article is kept with a named error instead of stopping a batch."""
    try:
        return process(article, doc, knowledge)
    except Exception as exc:
        error = ProcessingError("extract", f"{type(exc).__name__}: {exc}")
        return ArticleRecord(article=article, errors=(error,))


def process_many(
    articles: Iterable[Article], settings: Settings | None = None
) -> Iterator[ArticleRecord]:
    """Parse articles in batches with ``nlp.pipe`` and extract, keeping input order."""
    settings = settings or Settings()
    nlp = load_nlp(settings.spacy_model)
    knowledge = load_knowledge()
    set_aside_long_lived_objects()
    # spaCy refuses texts longer than nlp.max_length for the whole batch: clip below it.
    limit = min(settings.max_article_chars, nlp.max_length)
    clipped = (truncate_article(a, limit) for a in articles)
    pairs = ((a.text, (a, error)) for a, error in clipped)
    for doc, (article, error) in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        record = process_safely(article, doc, knowledge)
        yield replace(record, errors=(error, *record.errors)) if error else record


def set_aside_long_lived_objects() -> None:
    """Once per process, after the model and the knowledge are loaded: move every
    object alive now out of the cyclic garbage collector's sight.  They live as long
    as the process, and without this each collection walks their millions of objects
    again (measured: about a quarter of the extraction time, see docs/decisions.md)."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()
        # at exit they must be collectable again, or native extensions report leaks
        atexit.register(gc.unfreeze)


def truncate_article(article: Article, limit: int) -> tuple[Article, ProcessingError | None]:
    """Cut an over-long body to ``limit`` characters.  The Article itself is cut (not only
    the parser's input) so that every record offset still indexes ``article.text``."""
    if len(article.text) <= limit:
        return article, None
    sections = tuple(
        Section(s.heading, s.start, min(s.end, limit)) for s in article.sections if s.start < limit
    )
    error = ProcessingError(
        "truncate",
        f"the body has {len(article.text):,} characters; only the first {limit:,} were read "
        "(raise BRINKWATCH_MAX_ARTICLE_CHARS, or split the article)",
    )
    return replace(article, text=article.text[:limit], sections=sections), error


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
