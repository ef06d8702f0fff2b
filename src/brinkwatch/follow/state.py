"""What the follower remembers, in two tables of the store's own DuckDB file.

``follow_sources``: one row per feed, sitemap, OPML list or url file, with the
validators (ETag, Last-Modified) for the next conditional GET.  ``follow_urls``:
one row per article url ever seen, with where it stands:

    new -> stored | duplicate          (done: never fetched again)
    new -> failed -> ... -> gave-up    (retried once per cycle until give_up_after)

Only the follower writes these tables, and only from one thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from brinkwatch.follow.items import FeedItem, Problem
from brinkwatch.store.db import Store

TABLES_SQL = (
    """CREATE TABLE IF NOT EXISTS follow_sources (
        url VARCHAR PRIMARY KEY, kind VARCHAR, last_read TIMESTAMP, etag VARCHAR,
        last_modified VARCHAR, status VARCHAR, reason VARCHAR, items INTEGER)""",
    """CREATE TABLE IF NOT EXISTS follow_urls (
        url VARCHAR PRIMARY KEY, canonical_url VARCHAR, content_hash VARCHAR,
        status VARCHAR NOT NULL, reason VARCHAR, attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TIMESTAMP, last_tried TIMESTAMP, article_id VARCHAR,
        source VARCHAR, feed_published VARCHAR, title VARCHAR)""",
)
RETRIED = ("new", "failed")


@dataclass(frozen=True, slots=True)
class DueUrl:
    """A url to fetch this cycle, with the feed's date for a page that states none."""

    url: str
    feed_published: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None
    kind: str | None = None


class FollowState:
    """Reads and writes the follow tables through the store's connection."""

    def __init__(self, store: Store) -> None:
        self._store = store
        for sql in TABLES_SQL:
            self.con.execute(sql)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The store's current connection: the store reopens it now and then (see
        ``Store._reopen_when_due``), so it is looked up on every use, never kept."""
        return self._store.con

    # ---------------------------------------------------------------- sources

    def validators(self, url: str) -> Validators:
        row = self.con.execute(
            "SELECT etag, last_modified, kind FROM follow_sources WHERE url = ?", [url]
        ).fetchone()
        return Validators(*row) if row else Validators()

    def source_read(
        self, url: str, kind: str | None, validators: Validators, items: int | None
    ) -> None:
        """A source answered (``items`` None: 304, nothing new); keep its validators."""
        self.con.execute(
            """INSERT INTO follow_sources VALUES (?, ?, current_timestamp, ?, ?, 'ok', NULL, ?)
            ON CONFLICT (url) DO UPDATE SET kind = coalesce(excluded.kind, kind),
              last_read = excluded.last_read, etag = coalesce(excluded.etag, etag),
              last_modified = coalesce(excluded.last_modified, last_modified),
              status = 'ok', reason = NULL, items = coalesce(excluded.items, items)""",
            [url, kind, validators.etag, validators.last_modified, items],
        )

    def source_failed(self, url: str, problem: Problem) -> None:
        """A source could not be read; it is read again next cycle like every source."""
        self.con.execute(
            """INSERT INTO follow_sources (url, status, reason) VALUES (?, 'failed', ?)
            ON CONFLICT (url) DO UPDATE SET status = 'failed', reason = excluded.reason""",
            [url, f"{problem.reason}: {problem.message}"],
        )

    # ---------------------------------------------------------------- urls

    def register(self, items: Sequence[FeedItem], source: str) -> int:
        """Remember new urls (known ones are left as they are); returns how many were new."""
        before = self._count()
        for item in items:
            self.con.execute(
                """INSERT INTO follow_urls (url, status, attempts, first_seen, source,
                  feed_published, title)
                VALUES (?, 'new', 0, current_timestamp, ?, ?, ?) ON CONFLICT DO NOTHING""",
                [item.url, source, item.published, item.title],
            )
        return self._count() - before

    def reject(self, line: str, source: str) -> None:
        """An entry that is not a url: recorded once, never tried."""
        self.con.execute(
            """INSERT INTO follow_urls (url, status, reason, attempts, first_seen, source)
            VALUES (?, 'gave-up', 'bad-url: not an http(s) url', 0, current_timestamp, ?)
            ON CONFLICT DO NOTHING""",
            [line, source],
        )

    def due(self) -> list[DueUrl]:
        """Urls to fetch this cycle: new ones and failed ones not yet given up, oldest first."""
        rows = self.con.execute(
            """SELECT url, feed_published, attempts FROM follow_urls
            WHERE status IN (SELECT unnest(?)) ORDER BY first_seen, url""",
            [list(RETRIED)],
        ).fetchall()
        return [DueUrl(str(u), p, int(a)) for u, p, a in rows]

    def stored_as(self, url: str, canonical_url: str, content_hash: str) -> str | None:
        """The article id under which this page is already stored, if any: the same url,
        canonical url or body reached through another link counts as the same page."""
        row = self.con.execute(
            """SELECT article_id FROM follow_urls WHERE status = 'stored' AND url <> ?
              AND (canonical_url = ? OR content_hash = ? OR url = ?) LIMIT 1""",
            [url, canonical_url, content_hash, canonical_url],
        ).fetchone()
        return str(row[0]) if row else None

    def failed(self, url: str, problem: Problem, give_up_after: int) -> str:
        """Count a failed try; at ``give_up_after`` tries the url is given up.  Returns the
        new status."""
        row = self.con.execute(
            """UPDATE follow_urls SET attempts = attempts + 1, last_tried = current_timestamp,
              reason = ?, status = CASE WHEN attempts + 1 >= ? THEN 'gave-up' ELSE 'failed' END
            WHERE url = ? RETURNING status""",
            [f"{problem.reason}: {problem.message}", give_up_after, url],
        ).fetchone()
        return str(row[0]) if row else "failed"

    def done(self, url: str, status: str, page: PageKey, article_id: str) -> None:
        """The page is stored (or is a duplicate of a stored one): never fetched again."""
        reason = None if status == "stored" else f"same page as article {article_id}"
        self.con.execute(
            """UPDATE follow_urls SET status = ?, reason = ?, canonical_url = ?,
              content_hash = ?, article_id = ?, attempts = attempts + 1,
              last_tried = current_timestamp WHERE url = ?""",
            [status, reason, page.canonical_url, page.content_hash, article_id, url],
        )

    def _count(self) -> int:
        row = self.con.execute("SELECT count(*) FROM follow_urls").fetchone()
        return int(row[0]) if row else 0


@dataclass(frozen=True, slots=True)
class PageKey:
    """What makes two fetched pages the same article."""

    canonical_url: str
    content_hash: str
