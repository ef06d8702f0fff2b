"""The actor network: a weighted, directed graph over real events."""

from __future__ import annotations

from typing import Any

from brinkwatch.store.db import Store


def network(store: Store, min_events: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Nodes (actor codes with activity) and edges (source -> target, weights)."""
    edges = store.query(
        """SELECT source_code AS source, target_code AS target, count(*) AS events,
                  sum(mentions) AS mentions, round(sum(goldstein), 2) AS goldstein_sum,
                  count(*) FILTER (WHERE quad_class >= 3) AS conflict,
                  count(*) FILTER (WHERE quad_class <= 2) AS cooperation
           FROM event_clusters
           WHERE source_code IS NOT NULL AND target_code IS NOT NULL
             AND source_code <> target_code
           GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY events DESC, source, target""",
        [min_events],
    )
    degree: dict[str, int] = {}
    for e in edges:
        for code in (e["source"], e["target"]):
            degree[code] = degree.get(code, 0) + int(e["events"])
    nodes = [{"id": c, "events": n} for c, n in sorted(degree.items(), key=lambda kv: -kv[1])]
    return {"nodes": nodes, "edges": edges}
