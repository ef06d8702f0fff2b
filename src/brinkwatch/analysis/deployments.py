"""The deployment ledger: every MOBILIZE and RETREAT with who, how many, from, to, when.

``to`` is the event's place; ``from`` is a place in the same sentence introduced
by "from" or "based in" (as in "1,000 soldiers will move from Germany to Romania"),
and a place introduced by "to"/"into"/"toward(s)" overrides ``to``.  When a sentence
sends forces to several countries ("to Poland, Germany and Romania") each of its
events goes to the place in its own target country.
"""

from __future__ import annotations

from typing import Any

from brinkwatch.store.db import Store

FROM_WORDS = ("from ", "based in ", "stationed in ")
TO_WORDS = ("to ", "into ", "toward ", "towards ")
_LOOK_BACK = max(len(w) for w in FROM_WORDS + TO_WORDS)  # characters read before a place


def deployments(store: Store) -> list[dict[str, Any]]:
    """Ledger rows, oldest first (announced deployments are included, marked ``future``)."""
    rows = store.query(
        """SELECT e.id, e.article_id, e.day, e.type, e.source_code, e.source_name, e.target_code,
                  e.quantity_value, e.quantity_unit, e.quantity_text, e.place_name,
                  e.place_lat, e.place_lon, e.sentence, e.start, e."end", e.future,
                  e.article_title, a.text AS article_text
           FROM factual_events e JOIN articles a ON a.id = e.article_id
           WHERE e.type IN ('MOBILIZE', 'RETREAT') ORDER BY e.day, e.id"""
    )
    places = _places_by_article(store, {r["article_id"] for r in rows})
    return [_ledger_row(r, places.get(r["article_id"], [])) for r in rows]


def _places_by_article(store: Store, ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    if not ids:
        return {}
    found: dict[str, list[dict[str, Any]]] = {}
    for p in store.query(
        "SELECT article_id, start, name, country, lat, lon FROM places"
        " WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, start",
        [sorted(ids)],
    ):
        found.setdefault(p["article_id"], []).append(p)
    return found


def _ledger_row(ev: dict[str, Any], places: list[dict[str, Any]]) -> dict[str, Any]:
    text = ev.pop("article_text")
    origin, dest = None, None
    in_sentence = [p for p in places if ev["start"] <= p["start"] < ev["end"]]
    for p in in_sentence:
        before = text[max(0, p["start"] - _LOOK_BACK) : p["start"]].lower()
        if before.endswith(FROM_WORDS) and origin is None:
            origin = p
        elif before.endswith(TO_WORDS) and dest is None:
            dest = p
    in_target = [p for p in in_sentence if ev["target_code"] and p["country"] == ev["target_code"]]
    if in_target and in_target[0] is not origin:
        dest = in_target[0]
    dest_name = dest["name"] if dest else ev["place_name"]
    return {
        "id": ev["id"], "day": ev["day"], "type": ev["type"], "actor": ev["source_code"],
        "actor_name": ev["source_name"], "quantity": ev["quantity_value"],
        "unit": ev["quantity_unit"], "from": origin["name"] if origin else None,
        "from_lat": origin["lat"] if origin else None,
        "from_lon": origin["lon"] if origin else None,
        "to": dest_name, "lat": dest["lat"] if dest else ev["place_lat"],
        "lon": dest["lon"] if dest else ev["place_lon"], "future": ev["future"],
        "evidence": ev["sentence"], "article_id": ev["article_id"],
        "article_title": ev["article_title"],
    }  # fmt: skip
