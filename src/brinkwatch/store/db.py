"""The embedded DuckDB store: one file, tables derived from the records.

Writes are idempotent: an article is keyed by its id; storing the same article
again changes nothing, storing a changed body under the same id replaces all
its rows.  Each batch is one transaction, so a crash leaves whole articles only.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from brinkwatch.about import __version__ as EXTRACTOR_VERSION
from brinkwatch.errors import StoreError
from brinkwatch.records import Article, ArticleRecord, ProcessingError, ReadFailure, to_json_dict
from brinkwatch.settings import Settings
from brinkwatch.store.schema import (
    ARTICLE_EXTRA_SQL,
    CLUSTER_SQL,
    INGEST_ERRORS_SQL,
    MEMBER_SQL,
    Table,
    from_row,
    table,
    tables,
    to_row,
)

REOPEN_WAIT_S = 30.0  # how long a reopening store waits for another process's file lock
_MEMORY_LIMIT = re.compile(r"^\d+(\.\d+)?\s*[KMGT]?i?B$", re.IGNORECASE)  # "512MB", "2GiB"

CHILD_FIELDS: dict[str, str] = {
    "actors": "entities", "events": "events", "quotes": "quotes", "times": "times",
    "places": "places", "quantities": "quantities",
}  # fmt: skip

VIEWS_SQL = (
    """CREATE OR REPLACE VIEW events_v AS
    SELECT e.*, coalesce(e.source_country, e.source_org, e.source_group) AS source_code,
           coalesce(e.target_country, e.target_org, e.target_group) AS target_code,
           -- a month, week or FUTURE_REF is no day: such events count on the day reported
           coalesce(TRY_CAST(e.date_value AS DATE), TRY_CAST(a.published AS DATE)) AS day,
           a.title AS article_title, a.url AS article_url, a.path AS article_path,
           a.published AS article_published
    FROM events e JOIN articles a ON a.id = e.article_id""",
    """CREATE OR REPLACE VIEW factual_events AS
    SELECT * FROM events_v WHERE NOT negated AND NOT hypothetical AND NOT historical""",
)


@dataclass(frozen=True, slots=True)
class WriteResult:
    stored: int = 0
    unchanged: int = 0
    replaced: int = 0
    events: int = 0
    quotes: int = 0


def content_hash(article: Article) -> str:
    """Hash of an article as read plus the extractor version: an equal hash means
    re-extracting would change nothing, so the article is skipped before parsing."""
    payload = json.dumps(to_json_dict(article), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{EXTRACTOR_VERSION}\n{payload}".encode()).hexdigest()


class Store:
    """A brinkwatch DuckDB file.  Use as a context manager or call :meth:`close`."""

    def __init__(
        self, path: str | Path = "brinkwatch.duckdb", read_only: bool = False,
        memory_limit: str | None = None, reopen_every: int | None = None,
    ) -> None:  # fmt: skip
        """``memory_limit``: DuckDB's memory_limit for this connection ("512MB");
        by default ``Settings.store_memory_limit`` (``BRINKWATCH_STORE_MEMORY_LIMIT``).
        ``reopen_every``: stored articles between reopenings of the connection (0: never);
        by default ``Settings.store_reopen_every`` (``BRINKWATCH_STORE_REOPEN_EVERY``)."""
        env = Settings.from_env()
        self.path = str(path)
        self.read_only = read_only
        self.memory_limit = memory_limit or env.store_memory_limit
        self.reopen_every = env.store_reopen_every if reopen_every is None else reopen_every
        self._since_reopen = 0  # articles stored since the connection was (re)opened
        self.con = self._connect()
        if not read_only:
            self._create_schema()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            con = duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the store {self.path}: {exc}. If another brinkwatch process is "
                "writing to it, wait for it to finish or use another --db file."
            ) from exc
        self._limit_memory(con, self.memory_limit)
        return con

    @staticmethod
    def _limit_memory(con: duckdb.DuckDBPyConnection, limit: str) -> None:
        """Cap DuckDB's memory (its default limit is 80 % of RAM); larger operations
        spill to disk.  The cap alone does not keep a writer flat: see :meth:`_reopen_when_due`."""
        if not _MEMORY_LIMIT.match(limit):
            con.close()
            raise StoreError(
                f"invalid store memory limit {limit!r}: give a size such as '512MB' or '2GB' "
                "(BRINKWATCH_STORE_MEMORY_LIMIT)"
            )
        con.execute(f"SET memory_limit = '{limit}'")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _create_schema(self) -> None:
        for tbl in tables():
            self.con.execute(tbl.create_sql())
        for sql in (*ARTICLE_EXTRA_SQL, INGEST_ERRORS_SQL, CLUSTER_SQL, MEMBER_SQL, *VIEWS_SQL):
            self.con.execute(sql)

    # ------------------------------------------------------------------ writes

    def write_batch(
        self, records: Sequence[ArticleRecord], failures: Sequence[ReadFailure] = ()
    ) -> WriteResult:
        """Store a batch in one transaction; returns what changed."""
        hashes = {r.article.id: content_hash(r.article) for r in records}
        known = self._known_hashes(list(hashes))
        todo = [r for r in _dedupe(records) if known.get(r.article.id) != hashes[r.article.id]]
        replaced = [r.article.id for r in todo if r.article.id in known]
        with self.transaction():
            self._delete_articles(replaced)
            self._insert_articles(todo, hashes)
            for name, attr in CHILD_FIELDS.items():
                self._insert_children(table(name), todo, attr)
            self._insert_failures(failures)
        self._reopen_when_due(len(todo))
        return WriteResult(
            stored=len(todo) - len(replaced), unchanged=len(records) - len(todo),
            replaced=len(replaced), events=sum(len(r.events) for r in todo),
            quotes=sum(len(r.quotes) for r in todo),
        )  # fmt: skip

    def _reopen_when_due(self, stored: int) -> None:
        """Reopen the connection once ``reopen_every`` articles were stored through it.

        DuckDB keeps the blocks a connection wrote (and read) in its buffer cache until
        memory_limit, so a long-lived writer's memory grows with the store (about 1.8 MiB
        per 1,000 articles), outside anything Python holds.  Closing checkpoints and drops
        that cache; reopening costs 0.1–0.3 s.  Call between transactions only.  An
        in-memory database would lose its data, so it is never reopened."""
        self._since_reopen += stored
        due = self.reopen_every > 0 and self._since_reopen >= self.reopen_every
        in_memory = self.path in ("", ":memory:") or self.path.startswith(":memory:")
        if not due or in_memory or self.read_only:
            return
        self.con.close()
        self.con = self._connect_again()
        self._since_reopen = 0

    def _connect_again(self) -> duckdb.DuckDBPyConnection:
        """Reopen after a close.  Another process may take DuckDB's file lock in the
        moment the file is closed (a reader opening it); wait a little for it to finish
        rather than end a long ingest whose batches are all committed."""
        deadline = time.monotonic() + REOPEN_WAIT_S
        while True:
            try:
                return self._connect()
            except StoreError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def unchanged(self, articles: Sequence[Article]) -> set[str]:
        """Ids of the articles already stored exactly as they are now."""
        known = self._known_hashes([a.id for a in articles])
        return {a.id for a in articles if known.get(a.id) == content_hash(a)}

    def _known_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {str(i): str(h) for i, h in rows}

    def delete_articles(self, ids: Sequence[str]) -> int:
        """Delete these articles and every record derived from them, in one transaction;
        returns how many articles were stored."""
        known = len(self._known_hashes(list(ids)))
        with self.transaction():
            self._delete_articles(list(ids))
        return known

    def _delete_articles(self, ids: list[str]) -> None:
        if not ids:
            return
        self.con.execute(
            "DELETE FROM event_cluster_members WHERE article_id IN (SELECT unnest(?))", [ids]
        )
        for name in CHILD_FIELDS:
            self.con.execute(f'DELETE FROM "{name}" WHERE article_id IN (SELECT unnest(?))', [ids])
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])

    def _insert_articles(self, records: list[ArticleRecord], hashes: dict[str, str]) -> None:
        tbl = table("articles")
        rows = []
        for r in records:
            errors = json.dumps(to_json_dict(r.errors))
            rows.append([*to_row(tbl, r.article), hashes[r.article.id], errors])
        names = [*tbl.all_column_names, "content_hash", "errors"]
        self._insert_rows("articles", names, rows, extra_sql=", ingested_at")

    def _insert_children(self, tbl: Table, records: list[ArticleRecord], attr: str) -> None:
        rows = [
            [r.article.id, idx, *to_row(tbl, item)]
            for r in records
            for idx, item in enumerate(getattr(r, attr))
        ]
        self._insert_rows(tbl.name, list(tbl.all_column_names), rows)

    def _insert_rows(
        self, name: str, columns: list[str], rows: list[list[Any]], extra_sql: str = ""
    ) -> None:
        """Bulk insert through an Arrow table (far faster than executemany)."""
        if not rows:
            return
        data = pa.table({c: [row[i] for row in rows] for i, c in enumerate(columns)})
        self.con.register("_incoming", data)
        try:
            cols = ", ".join(f'"{c}"' for c in columns)
            select = ", ".join(f'CAST("{c}" AS {self._type_of(name, c)})' for c in columns)
            now = ", current_timestamp" if extra_sql else ""
            self.con.execute(
                f'INSERT INTO "{name}" ({cols}{extra_sql}) SELECT {select}{now} FROM _incoming'
            )
        finally:
            self.con.unregister("_incoming")

    def _type_of(self, table_name: str, column: str) -> str:
        if column in ("article_id", "content_hash"):
            return "VARCHAR"
        if column == "idx":
            return "INTEGER"
        if column == "errors" and table_name == "articles":
            return "JSON"
        return next(c.sql_type for c in table(table_name).columns if c.name == column)

    def _insert_failures(self, failures: Sequence[ReadFailure]) -> None:
        # A failure seen again replaces its old row, so re-running an ingest changes nothing
        # but the time it was last seen.
        for f in failures:
            self.con.execute(
                "DELETE FROM ingest_errors WHERE path = ? AND reason = ?", [f.path, f.reason]
            )
            self.con.execute(
                "INSERT INTO ingest_errors (path, reason, message) VALUES (?, ?, ?)",
                [f.path, f.reason, f.message],
            )

    # ------------------------------------------------------------------ reads

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a parametrized query; rows as dicts."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        names = [t.name for t in tables()] + ["ingest_errors"]
        return {n: int(self.query(f'SELECT count(*) AS n FROM "{n}"')[0]["n"]) for n in names}

    def article_ids(self) -> set[str]:
        return {str(r[0]) for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def load_record(self, article_id: str) -> ArticleRecord | None:
        """Everything stored for one article, rebuilt as an :class:`ArticleRecord`."""
        rows = self.query("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        article = from_row(table("articles"), rows[0])
        children: dict[str, tuple[Any, ...]] = {}
        for name, attr in CHILD_FIELDS.items():
            sql = f'SELECT * FROM "{name}" WHERE article_id = ? ORDER BY idx'
            got = self.query(sql, [article_id])
            children[attr] = tuple(from_row(table(name), row) for row in got)
        errors = tuple(ProcessingError(**e) for e in json.loads(rows[0].get("errors") or "[]"))
        return ArticleRecord(article, errors=errors, **children)  # type: ignore[arg-type]


def _dedupe(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    """The last record wins when one batch holds the same article id twice."""
    by_id = {r.article.id: r for r in records}
    return list(by_id.values())
