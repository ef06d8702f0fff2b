"""One follow cycle: read every source, fetch the urls that are due, store new articles.

Database work happens in the calling thread only (a DuckDB connection is not
shared between threads); worker threads do nothing but fetch.  Articles are
stored in batches, each one store transaction, and a url is marked done only
after its article is stored: a crash between the two costs one refetch, which
the store's idempotent writes absorb, and never loses a stored article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from brinkwatch.analysis.merge import rebuild_clusters
from brinkwatch.follow.decode import decode_page
from brinkwatch.follow.feeds import parse_source
from brinkwatch.follow.fetch import Fetched, Fetcher, Outcome
from brinkwatch.follow.items import ParsedSource, Problem
from brinkwatch.follow.options import FollowOptions
from brinkwatch.follow.state import DueUrl, FollowState, PageKey, Validators
from brinkwatch.follow.urls import absolute_url, is_web_url
from brinkwatch.ingest.html import read_html
from brinkwatch.ingest.ids import article_id
from brinkwatch.pipeline import process_many
from brinkwatch.records import Article, ArticleRecord
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_SOURCE_DEPTH = 3  # OPML -> sitemap index -> sitemap is deep enough; stops cycles too

Extractor = Callable[[list[Article], Settings], Sequence[ArticleRecord]]


@dataclass
class CycleReport:
    """What one cycle did; the CLI prints it."""

    sources_read: int = 0
    sources_not_modified: int = 0
    new_urls: int = 0
    stored: int = 0
    duplicates: int = 0
    gave_up: int = 0
    source_problems: list[tuple[str, Problem]] = field(default_factory=list)
    url_problems: list[tuple[str, Problem]] = field(default_factory=list)


def _extract_here(articles: list[Article], settings: Settings) -> Sequence[ArticleRecord]:
    return list(process_many(articles, settings))


def run_cycle(
    sources: Sequence[str], store: Store, options: FollowOptions,
    settings: Settings | None = None, extractor: Extractor = _extract_here,
) -> CycleReport:  # fmt: skip
    """Read ``sources``, then fetch, extract and store every url that is due."""
    state = FollowState(store)
    report = CycleReport()
    with Fetcher(options) as fetcher:
        _read_sources(sources, fetcher, state, report)
        due = state.due()
        pages = _fetch_all(fetcher, due, options.concurrency)
        _Ingester(store, state, options, settings or Settings(), extractor, report).run(pages)
    if report.stored:
        rebuild_clusters(store)  # clusters of real events are derived from all mentions
    return report


# ------------------------------------------------------------------------- sources


def _read_sources(
    sources: Sequence[str], fetcher: Fetcher, state: FollowState, report: CycleReport
) -> None:
    """Every source, and the sources OPML lists and sitemap indexes name, each once."""
    queue = [(source, 0) for source in sources]
    seen: set[str] = set()
    while queue:
        source, depth = queue.pop(0)
        if source in seen or depth > _MAX_SOURCE_DEPTH:
            continue
        seen.add(source)
        parsed = _read_source(source, fetcher, state, report)
        if parsed is not None:
            report.new_urls += state.register(parsed.items, source)
            for line in parsed.rejected:
                state.reject(line, source)
            queue.extend((feed, depth + 1) for feed in parsed.feeds)


def _read_source(
    source: str, fetcher: Fetcher, state: FollowState, report: CycleReport
) -> ParsedSource | None:
    """The source's links; None when it failed (recorded) or has not changed (304)."""
    parsed = _fetch_source(source, fetcher, state) if is_web_url(source) else _local(source, state)
    if isinstance(parsed, Problem):
        state.source_failed(source, parsed)
        report.source_problems.append((source, parsed))
        return None
    if parsed is None:
        report.sources_not_modified += 1
        return None
    report.sources_read += 1
    return parsed


def _fetch_source(
    source: str, fetcher: Fetcher, state: FollowState
) -> ParsedSource | Problem | None:
    known = state.validators(source)
    outcome = fetcher.fetch(source, known.etag, known.last_modified)
    if isinstance(outcome, Problem):
        return outcome
    if outcome.status == 304:
        state.source_read(source, None, Validators(), None)
        return None
    parsed = parse_source(outcome.body, outcome.url)
    if isinstance(parsed, ParsedSource):
        validators = Validators(outcome.etag, outcome.last_modified)
        state.source_read(source, parsed.kind, validators, len(parsed.items) + len(parsed.feeds))
    return parsed


def _local(source: str, state: FollowState) -> ParsedSource | Problem:
    """A url list or OPML (or feed) file on disk; relative links resolve against nothing."""
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        return Problem("unreadable", f"cannot read {source}: {exc.strerror or exc}")
    parsed = parse_source(data, "")
    if isinstance(parsed, ParsedSource):
        state.source_read(source, parsed.kind, Validators(), len(parsed.items) + len(parsed.feeds))
    return parsed


# ------------------------------------------------------------------------- pages


def _fetch_all(
    fetcher: Fetcher, due: Sequence[DueUrl], concurrency: int
) -> Iterator[tuple[DueUrl, Outcome]]:
    """Fetch in worker threads (the throttle keeps one request per host at a time);
    results come back in ``due`` order."""
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        yield from zip(due, pool.map(lambda d: fetcher.fetch(d.url), due), strict=True)


@dataclass
class _Ingester:
    """Turns fetched pages into stored articles, in store batches."""

    store: Store
    state: FollowState
    options: FollowOptions
    settings: Settings
    extractor: Extractor
    report: CycleReport
    batch: list[tuple[DueUrl, Article, PageKey]] = field(default_factory=list)

    def run(self, pages: Iterator[tuple[DueUrl, Outcome]]) -> None:
        for due, outcome in pages:
            page = _page_article(due, outcome)
            if isinstance(page, Problem):
                self._failed(due, page)
            elif not self._duplicate(due, *page):
                self.batch.append((due, *page))
                if len(self.batch) >= self.options.batch_size:
                    self._flush()
        self._flush()

    def _duplicate(self, due: DueUrl, article: Article, key: PageKey) -> bool:
        """Already stored, or already waiting in this batch, under another url."""
        earlier = self.state.stored_as(due.url, key.canonical_url, key.content_hash)
        pending = (a.id for _, a, k in self.batch if k.canonical_url == key.canonical_url
                   or k.content_hash == key.content_hash)  # fmt: skip
        same = earlier or next(pending, None)
        if same is None:
            return False
        self.state.done(due.url, "duplicate", key, same)
        self.report.duplicates += 1
        return True

    def _flush(self) -> None:
        if not self.batch:
            return
        records = self.extractor([a for _, a, _ in self.batch], self.settings)
        self.store.write_batch(records)
        for due, article, key in self.batch:
            self.state.done(due.url, "stored", key, article.id)
        self.report.stored += len(self.batch)
        self.batch = []

    def _failed(self, due: DueUrl, problem: Problem) -> None:
        status = self.state.failed(due.url, problem, self.options.give_up_after)
        self.report.gave_up += status == "gave-up"
        self.report.url_problems.append((due.url, problem))


def _page_article(due: DueUrl, outcome: Outcome) -> tuple[Article, PageKey] | Problem:
    """The article a fetched page holds, under its canonical url, or why there is none."""
    if isinstance(outcome, Problem):
        return outcome
    if not _is_html(outcome):
        return Problem("not-html", f"the page is {outcome.content_type}, not HTML")
    html = decode_page(outcome.body, outcome.content_type)
    read = read_html(html, due.url, due.feed_published)
    if not isinstance(read, Article):
        return Problem(read.reason, read.message)
    canonical = _canonical(outcome.url, read.url)
    article = replace(read, url=canonical, id=article_id(canonical, read.text))
    return article, PageKey(canonical, _body_hash(article.text))


def _canonical(fetched_url: str, stated: str | None) -> str:
    """The page's own canonical url, unless it names a bare site root: some sites point
    every article at their home page, which would make all their articles one."""
    canonical = absolute_url(fetched_url, stated or "")
    if canonical is None or urlsplit(canonical).path in ("", "/"):
        return fetched_url
    return canonical


def _is_html(fetched: Fetched) -> bool:
    kind = (fetched.content_type or "text/html").split(";")[0].strip().lower()
    return kind in _HTML_TYPES


def _body_hash(text: str) -> str:
    """sha256 of the body with whitespace collapsed: the same text re-served is the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()
