"""Table schemas derived from the record dataclasses — never written by hand.

A record becomes one flat row: a nested record field (``Event.source: Actor``)
becomes prefixed columns (``source_text``, ``source_country``, ...), a tuple of
strings becomes ``VARCHAR[]``, a tuple of records becomes ``JSON``.  Every row
of a child table also carries ``article_id`` and ``idx`` (its position in the
article record), which together identify it.

Only ``articles`` has a PRIMARY KEY.  Child rows are unique by construction (an
article's rows are deleted and written in the same transaction as its
``articles`` row), and a DuckDB key is an ART index that grows with every row
and is held in memory: on the child tables it cost the writer about 2 MiB per
1,000 articles (docs/benchmarks.md, "20,000-article stream through ingest").
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from brinkwatch.records import (
    Actor,
    Article,
    Event,
    Place,
    Quantity,
    Quote,
    TimeMention,
    from_json_dict,
    to_json_dict,
)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str
    path: tuple[str, ...]  # attribute path inside the record
    kind: Literal["scalar", "list", "json"]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    record: type
    columns: tuple[Column, ...]
    child: bool  # child tables carry article_id + idx

    @property
    def all_column_names(self) -> tuple[str, ...]:
        keys = ("article_id", "idx") if self.child else ()
        return keys + tuple(c.name for c in self.columns)

    def create_sql(self) -> str:
        cols = [f'"{c.name}" {c.sql_type}' for c in self.columns]
        if self.child:  # no key: see the module docstring
            cols = ['"article_id" VARCHAR NOT NULL', '"idx" INTEGER NOT NULL', *cols]
        else:
            cols.append('PRIMARY KEY ("id")')
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" ({", ".join(cols)})'


_SCALARS: dict[Any, str] = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}


def _strip_optional(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        inner = [a for a in get_args(hint) if a is not type(None)]
        return inner[0] if len(inner) == 1 else str
    return hint


def _columns(cls: type, prefix: str = "", path: tuple[str, ...] = ()) -> list[Column]:
    columns: list[Column] = []
    for name, raw in get_type_hints(cls).items():
        if name not in {f.name for f in dataclasses.fields(cls)}:
            continue
        hint, col, sub = _strip_optional(raw), f"{prefix}{name}", (*path, name)
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            columns += _columns(hint, f"{col}_", sub)
        elif get_origin(hint) is tuple:
            item = get_args(hint)[0]
            kind: Literal["list", "json"] = "list" if item is str else "json"
            columns.append(Column(col, "VARCHAR[]" if kind == "list" else "JSON", sub, kind))
        elif get_origin(hint) is Literal:
            columns.append(Column(col, "VARCHAR", sub, "scalar"))
        else:
            columns.append(Column(col, _SCALARS.get(hint, "VARCHAR"), sub, "scalar"))
    return columns


@functools.cache
def tables() -> tuple[Table, ...]:
    """Every table of the store, in creation order."""
    spec: tuple[tuple[str, type, bool], ...] = (
        ("articles", Article, False),
        ("actors", Actor, True),
        ("events", Event, True),
        ("quotes", Quote, True),
        ("times", TimeMention, True),
        ("places", Place, True),
        ("quantities", Quantity, True),
    )
    return tuple(Table(n, cls, tuple(_columns(cls)), child) for n, cls, child in spec)


def table(name: str) -> Table:
    return next(t for t in tables() if t.name == name)


# Extra columns the store keeps beside the derived ones.
ARTICLE_EXTRA_SQL = (
    'ALTER TABLE articles ADD COLUMN IF NOT EXISTS "content_hash" VARCHAR',
    'ALTER TABLE articles ADD COLUMN IF NOT EXISTS "errors" JSON',
    'ALTER TABLE articles ADD COLUMN IF NOT EXISTS "ingested_at" TIMESTAMP',
)

# Real events (analysis/merge.py fills them from the mentions in `events`).
CLUSTER_SQL = """CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id VARCHAR PRIMARY KEY, type VARCHAR, source_code VARCHAR, target_code VARCHAR,
    first_day DATE, last_day DATE, mentions INTEGER, articles INTEGER, quad_class INTEGER,
    goldstein DOUBLE, place_name VARCHAR, place_country VARCHAR, place_lat DOUBLE,
    place_lon DOUBLE, quantity_value DOUBLE, quantity_unit VARCHAR, sentence VARCHAR,
    article_id VARCHAR)"""
MEMBER_SQL = """CREATE TABLE IF NOT EXISTS event_cluster_members (
    cluster_id VARCHAR, event_id VARCHAR, article_id VARCHAR, PRIMARY KEY (cluster_id, event_id))"""

INGEST_ERRORS_SQL = """CREATE TABLE IF NOT EXISTS ingest_errors (
    path VARCHAR NOT NULL, reason VARCHAR NOT NULL, message VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"""


def to_row(tbl: Table, record: Any) -> list[Any]:
    """One record as a list of values in column order (without article_id/idx)."""
    row: list[Any] = []
    for col in tbl.columns:
        value: Any = record
        for attr in col.path:
            value = None if value is None else getattr(value, attr)
        if col.kind == "list":
            value = list(value) if value is not None else None
        elif col.kind == "json":
            value = json.dumps(to_json_dict(value)) if value is not None else None
        row.append(value)
    return row


def from_row(tbl: Table, row: dict[str, Any]) -> Any:
    """Rebuild a record from a row dict (the inverse of :func:`to_row`)."""
    nested: dict[str, Any] = {}
    for col in tbl.columns:
        value = row.get(col.name)
        if col.kind == "json" and isinstance(value, str):
            value = json.loads(value)
        cursor = nested
        for attr in col.path[:-1]:
            cursor = cursor.setdefault(attr, {})
        cursor[col.path[-1]] = value
    return from_json_dict(tbl.record, _drop_empty(nested))


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """A nested record whose columns are all NULL was None."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _drop_empty(value)
            value = value if any(v is not None for v in value.values()) else None
        out[key] = value
    return out
