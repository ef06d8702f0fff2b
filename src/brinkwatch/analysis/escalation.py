"""Per-dyad daily figures, the escalation index, and alerts.

Escalation index (documented in docs/analysis.md).  For a dyad — two sets of
actor codes A and B, events in both directions — and a day d, over the real
events (merged clusters) first reported on d::

    I(d) = sum_e  w(e) * (-goldstein(e)),   w(e) = 1 + log2(articles(e))

Conflict (negative Goldstein) raises the index, cooperation lowers it; an event
reported by more articles weighs more, sub-linearly.  An **alert** fires on day
d when I(d) >= ALERT_MIN_INDEX and its z-score against the previous
BASELINE_DAYS days (zero-filled; standard deviation floored at 1) is at least
ALERT_Z.  Each alert lists the events that drove it, largest contribution first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import mean, pstdev
from typing import Any

from brinkwatch.store.db import Store

BASELINE_DAYS = 14
ALERT_Z = 2.0
ALERT_MIN_INDEX = 3.0


@dataclass(frozen=True, slots=True)
class DayPoint:
    day: date
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float
    index: float


@dataclass(frozen=True, slots=True)
class Alert:
    day: date
    dyad: str
    index: float
    baseline_mean: float
    z: float
    drivers: tuple[dict[str, Any], ...]


def _codes(side: str | Sequence[str]) -> list[str]:
    items = side.split(",") if isinstance(side, str) else list(side)
    return [c.strip().upper() for c in items if c.strip()]


Side = str | Sequence[str]


def dyad_events(store: Store, a: Side, b: Side) -> list[dict[str, Any]]:
    """Real events between the two sides, both directions, with their index weight."""
    left, right = _codes(a), _codes(b)
    rows = store.query(
        """SELECT c.*, (1 + log2(greatest(c.articles, 1))) * (-c.goldstein) AS contribution
           FROM event_clusters c
           WHERE (list_contains(?, c.source_code) AND list_contains(?, c.target_code))
              OR (list_contains(?, c.source_code) AND list_contains(?, c.target_code))
           ORDER BY c.first_day, c.cluster_id""",
        [left, right, right, left],
    )
    return rows


def timeline(store: Store, a: Side, b: Side) -> list[DayPoint]:
    """One point per day from the first to the last event of the dyad (gaps zero-filled)."""
    rows = dyad_events(store, a, b)
    if not rows:
        return []
    first, last = rows[0]["first_day"], rows[-1]["first_day"]
    by_day: dict[date, list[dict[str, Any]]] = {}
    for row in rows:
        by_day.setdefault(row["first_day"], []).append(row)
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return [_point(d, by_day.get(d, [])) for d in days]


def _point(day: date, rows: list[dict[str, Any]]) -> DayPoint:
    quads = [sum(1 for r in rows if r["quad_class"] == q) for q in (1, 2, 3, 4)]
    gold = [float(r["goldstein"]) for r in rows]
    index = sum(float(r["contribution"]) for r in rows)
    return DayPoint(
        day=day, events=len(rows), verbal_coop=quads[0], material_coop=quads[1],
        verbal_conflict=quads[2], material_conflict=quads[3], goldstein_sum=round(sum(gold), 2),
        goldstein_mean=round(mean(gold), 2) if gold else 0.0, index=round(index, 2),
    )  # fmt: skip


def alerts(store: Store, a: Side, b: Side) -> list[Alert]:
    """Days whose index departs from the recent baseline, with the events behind them."""
    points = timeline(store, a, b)
    rows = dyad_events(store, a, b)
    name = f"{','.join(_codes(a))}–{','.join(_codes(b))}"
    found: list[Alert] = []
    for i, point in enumerate(points):
        window = [p.index for p in points[max(0, i - BASELINE_DAYS) : i]]
        window += [0.0] * (BASELINE_DAYS - len(window))
        base, spread = mean(window), max(pstdev(window), 1.0)
        z = (point.index - base) / spread
        if point.index >= ALERT_MIN_INDEX and z >= ALERT_Z:
            drivers = sorted(
                (r for r in rows if r["first_day"] == point.day),
                key=lambda r: -float(r["contribution"]),
            )
            found.append(Alert(point.day, name, point.index, round(base, 2), round(z, 2),
                               tuple(drivers[:5])))  # fmt: skip
    return found


def weight(articles: int) -> float:
    """The reporting weight of a real event (kept in one place for docs and tests)."""
    return 1 + math.log2(max(articles, 1))
