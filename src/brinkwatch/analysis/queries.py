"""Read-side queries over the store: events, quotes, dyads, daily timelines.

All SQL is parametrized; filter values never reach the SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from brinkwatch.errors import QueryError
from brinkwatch.records import PLOVER_TYPES
from brinkwatch.store.db import Store

EVENT_COLUMNS = (
    "id", "article_id", "day", "type", "mode", "cameo", "quad_class", "goldstein",
    "source_code", "source_name", "source_text", "target_code", "target_name", "target_text",
    "trigger_text", "trigger_start", "trigger_end",
    "sentence", "place_name", "place_country", "place_lat", "place_lon",
    "quantity_value", "quantity_unit", "negated", "future", "hypothetical", "historical",
    "attributed_to_country", "attributed_to_name", "confidence", "why", "article_title",
    "article_url", "article_path", "start", "end",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # source or target code
    dyad: tuple[str, str] | None = None  # (source, target), directed
    type: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    include_all: bool = False  # also negated, hypothetical and historical events
    limit: int | None = None
    offset: int = 0

    def validated(self) -> EventFilter:
        if self.type and self.type.upper() not in PLOVER_TYPES:
            raise QueryError(
                f"unknown event type {self.type!r}; use one of: {', '.join(PLOVER_TYPES)}"
            )
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError as exc:
                    raise QueryError(f"--{name} {value!r} is not a date; use YYYY-MM-DD") from exc
        return self


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.actor:
        clauses.append("(source_code = ? OR target_code = ?)")
        params += [f.actor.upper(), f.actor.upper()]
    if f.dyad:
        clauses.append("source_code = ? AND target_code = ?")
        params += [f.dyad[0].upper(), f.dyad[1].upper()]
    if f.type:
        clauses.append("type = ?")
        params.append(f.type.upper())
    if f.since:
        clauses.append("day >= CAST(? AS DATE)")
        params.append(f.since)
    if f.until:
        clauses.append("day <= CAST(? AS DATE)")
        params.append(f.until)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def select_events(store: Store, f: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """Events matching ``f``, oldest first."""
    f = f.validated()
    view = "events_v" if f.include_all else "factual_events"
    where, params = _where(f)
    cols = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    sql = f"SELECT {cols} FROM {view}{where} ORDER BY day, article_id, id"
    if f.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [f.limit, f.offset]
    return store.query(sql, params)


def select_quotes(
    store: Store, speaker: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Quotes, optionally those whose speaker name or text contains ``speaker``."""
    sql = (
        "SELECT q.article_id, q.idx, q.text, q.direct, q.cue, q.speaker_name, q.speaker_text,"
        " q.speaker_country, q.speaker_org, q.speaker_role, a.published, a.title AS article_title"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
    )
    params: list[Any] = []
    if speaker:
        sql += " WHERE (q.speaker_name ILIKE ? OR q.speaker_text ILIKE ?)"
        params += [f"%{speaker}%", f"%{speaker}%"]
    sql += " ORDER BY a.published, q.article_id, q.idx"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.query(sql, params)


def top_dyads(store: Store, n: int = 10) -> list[dict[str, Any]]:
    """The most active undirected dyads (pairs of codes) over factual events."""
    return store.query(
        """SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b,
                  count(*) AS events, round(sum(goldstein), 1) AS goldstein_sum,
                  count(*) FILTER (WHERE quad_class >= 3) AS conflict,
                  count(*) FILTER (WHERE quad_class <= 2) AS cooperation
           FROM factual_events
           WHERE source_code IS NOT NULL AND target_code IS NOT NULL
             AND source_code <> target_code
           GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?""",
        [n],
    )


def daily_goldstein(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Per day, the sum of Goldstein scores of events between ``a`` and ``b`` (both ways)."""
    return store.query(
        """SELECT day, round(sum(goldstein), 2) AS goldstein_sum, count(*) AS events
           FROM factual_events
           WHERE day IS NOT NULL AND ((source_code = ? AND target_code = ?)
                                   OR (source_code = ? AND target_code = ?))
           GROUP BY day ORDER BY day""",
        [a, b, b, a],
    )


def quotes_by_speaker(store: Store, n: int = 15) -> list[dict[str, Any]]:
    """The speakers quoted most, with their quote counts."""
    return store.query(
        """SELECT coalesce(speaker_name, speaker_text) AS speaker,
                  any_value(speaker_country) AS country, count(*) AS quotes
           FROM quotes WHERE coalesce(speaker_name, speaker_text) IS NOT NULL
           GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?""",
        [n],
    )


def actor_counts(store: Store, limit: int = 200) -> list[dict[str, Any]]:
    """Resolved actors (by code and name) with how often they are mentioned."""
    return store.query(
        """SELECT coalesce(country, org, "group") AS code, name, any_value(sector) AS sector,
                  count(*) AS mentions, count(DISTINCT article_id) AS articles
           FROM actors WHERE coalesce(country, org, "group") IS NOT NULL
           GROUP BY 1, 2 ORDER BY mentions DESC, code, name LIMIT ?""",
        [limit],
    )
