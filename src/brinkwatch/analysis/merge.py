"""One event per real event: merge the mentions several articles make of it.

Two factual mentions belong to the same real event when they have the same
PLOVER type and the same directed dyad, their days are at most
``MAX_DAY_GAP`` apart (measured from the cluster's first day, so daily
repetitions of a routine act do not chain into one), and their
place and quantity are compatible (equal, or unknown on one side; quantities
within 10 %).  Mentions stay in ``events``; clusters go to ``event_clusters``
(one row per real event) and ``event_cluster_members`` (cluster -> mention).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from brinkwatch.store.db import Store

MAX_DAY_GAP = 1
QUANTITY_TOLERANCE = 0.10




@dataclass
class Cluster:
    """Mentions of one real event; the first mention represents it."""

    members: list[dict[str, Any]] = field(default_factory=list)

    @property
    def head(self) -> dict[str, Any]:
        return self.members[0]

    @property
    def first_day(self) -> date:
        day: date = self.head["day"]
        return day

    @property
    def last_day(self) -> date:
        days: list[date] = [m["day"] for m in self.members]
        return max(days)

    def first_known(self, column: str) -> Any:
        return next((m[column] for m in self.members if m[column] is not None), None)

    def accepts(self, ev: dict[str, Any]) -> bool:
        if (ev["day"] - self.first_day).days > MAX_DAY_GAP:
            return False
        return _compatible_place(self, ev) and _compatible_quantity(self, ev)


def _compatible_place(cluster: Cluster, ev: dict[str, Any]) -> bool:
    known = cluster.first_known("place_name")
    return known is None or ev["place_name"] is None or known == ev["place_name"]


def _compatible_quantity(cluster: Cluster, ev: dict[str, Any]) -> bool:
    known = cluster.first_known("quantity_value")
    value = ev["quantity_value"]
    if known is None or value is None:
        return True
    if cluster.first_known("quantity_unit") != ev["quantity_unit"]:
        return False
    return bool(abs(known - value) <= QUANTITY_TOLERANCE * max(abs(known), abs(value)))


def cluster_events(events: list[dict[str, Any]]) -> list[Cluster]:
    """Group mentions (rows of ``factual_events`` with a day) into real events."""
    open_clusters: dict[tuple[str, str | None, str | None], list[Cluster]] = {}
    done: list[Cluster] = []
    for ev in sorted(events, key=lambda e: (e["day"], e["article_id"], e["id"])):
        key = (ev["type"], ev["source_code"], ev["target_code"])
        candidates = open_clusters.setdefault(key, [])
        match = next((c for c in candidates if c.accepts(ev)), None)
        if match is None:
            match = Cluster()
            candidates.append(match)
            done.append(match)
        match.members.append(ev)
    return done


def rebuild_clusters(store: Store) -> int:
    """Recompute ``event_clusters`` from all factual mentions; returns the cluster count."""
    rows = store.query(
        "SELECT id, article_id, day, type, source_code, target_code, quad_class, goldstein,"
        " place_name, place_country, place_lat, place_lon, quantity_value, quantity_unit,"
        " sentence FROM factual_events WHERE day IS NOT NULL"
        " AND (source_code IS NOT NULL OR target_code IS NOT NULL)"
    )
    clusters = cluster_events(rows)
    with store.transaction():
        store.con.execute("DELETE FROM event_cluster_members")
        store.con.execute("DELETE FROM event_clusters")
        for cluster in clusters:
            _insert_cluster(store, cluster)
    return len(clusters)


def _insert_cluster(store: Store, cluster: Cluster) -> None:
    head = cluster.head
    cid = str(head["id"])
    k = cluster.first_known
    store.con.execute(
        "INSERT INTO event_clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [cid, head["type"], head["source_code"], head["target_code"], head["day"],
         cluster.last_day, len(cluster.members), len({m["article_id"] for m in cluster.members}),
         head["quad_class"], head["goldstein"], k("place_name"), k("place_country"),
         k("place_lat"), k("place_lon"), k("quantity_value"), k("quantity_unit"),
         head["sentence"], head["article_id"]],
    )  # fmt: skip
    for m in cluster.members:
        store.con.execute(
            "INSERT INTO event_cluster_members VALUES (?, ?, ?)", [cid, m["id"], m["article_id"]]
        )
