"""Exports: PLOVER JSON, GDELT-style TSV, CSV, Parquet and GeoJSON (fields in docs/exports.md).

Each export is a pure function from the store to rows or a document, and one
writer per format; every file loads unchanged in pandas (GeoJSON also in
QGIS-style readers: RFC 7946, WGS 84, [lon, lat]).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any

from brinkwatch.about import __version__
from brinkwatch.analysis.queries import EVENT_COLUMNS, EventFilter, select_events
from brinkwatch.errors import QueryError
from brinkwatch.store.db import Store

FORMATS = ("plover-json", "gdelt-tsv", "csv", "parquet", "geojson")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "PLOVERType", "DATEADDED", "SOURCEURL",
)  # fmt: skip


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def plover_records(store: Store) -> list[dict[str, Any]]:
    """One PLOVER-style JSON record per factual event mention."""
    return [_plover(ev) for ev in select_events(store, EventFilter())]


def _actor_list(ev: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if ev[f"{side}_code"] is None:
        return []
    return [{"actorText": ev[f"{side}_text"], "code": ev[f"{side}_code"],
             "name": ev[f"{side}_name"]}]  # fmt: skip


def _plover(ev: dict[str, Any]) -> dict[str, Any]:
    loc = None
    if ev["place_name"]:
        loc = {"name": ev["place_name"], "country": ev["place_country"],
               "lat": ev["place_lat"], "lon": ev["place_lon"]}  # fmt: skip
    return {
        "id": ev["id"], "date": _iso(ev["day"]), "event": ev["type"], "mode": ev["mode"],
        "context": [], "source": _actor_list(ev, "source"), "target": _actor_list(ev, "target"),
        "eventText": ev["trigger_text"], "text": ev["sentence"], "eventLoc": loc,
        "size": ev["quantity_value"], "sizeUnit": ev["quantity_unit"], "cameo": ev["cameo"],
        "quadClass": ev["quad_class"], "goldstein": ev["goldstein"], "future": ev["future"],
        "articleId": ev["article_id"], "publication": ev["article_title"],
        "url": ev["article_url"], "language": "en", "coder": f"brinkwatch {__version__}",
        "confidence": ev["confidence"], "why": ev["why"],
    }  # fmt: skip


def gdelt_rows(store: Store) -> list[dict[str, Any]]:
    """One GDELT-2.0-style row per real event (merged mentions), tab-separated on export."""
    rows = store.query(
        """SELECT c.*, e.source_name, e.target_name, e.source_country, e.target_country,
                  e.source_sector, e.target_sector, e.cameo, a.url, a.path
           FROM event_clusters c JOIN events e ON e.id = c.cluster_id
           JOIN articles a ON a.id = c.article_id ORDER BY c.first_day, c.cluster_id"""
    )
    return [_gdelt(r) for r in rows]


def _gdelt(r: dict[str, Any]) -> dict[str, Any]:
    day: date = r["first_day"]
    cameo = r["cameo"] or ""
    values = [
        r["cluster_id"], day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year,
        round(day.year + (day.timetuple().tm_yday - 1) / 365, 4), r["source_code"],
        r["source_name"], r["source_country"], r["source_sector"], r["target_code"],
        r["target_name"], r["target_country"], r["target_sector"], 1, cameo, cameo[:3],
        cameo[:2], r["quad_class"], r["goldstein"], r["mentions"], r["articles"], r["articles"],
        None, 1 if r["place_name"] else 0, r["place_name"], r["place_country"], r["place_lat"],
        r["place_lon"], r["type"], day.strftime("%Y%m%d000000"), r["url"] or r["path"],
    ]  # fmt: skip
    return dict(zip(GDELT_COLUMNS, values, strict=True))


def geojson(store: Store) -> dict[str, Any]:
    """Events that have a place, as an RFC 7946 FeatureCollection of points."""
    features = []
    for ev in select_events(store, EventFilter()):
        if ev["place_lat"] is None or ev["place_lon"] is None:
            continue
        props = {k: _iso(ev[k]) for k in (
            "id", "day", "type", "source_code", "target_code", "goldstein", "quad_class",
            "quantity_value", "quantity_unit", "place_name", "place_country", "sentence",
            "article_id", "article_title")}  # fmt: skip
        geometry = {"type": "Point", "coordinates": [ev["place_lon"], ev["place_lat"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def flat_events(store: Store) -> list[dict[str, Any]]:
    """Every factual mention as a flat row (CSV and Parquet)."""
    return [{k: _iso(v) for k, v in ev.items()} for ev in select_events(store, EventFilter())]


def _write_json(data: Any, stream: IO[str]) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=1)
    stream.write("\n")


def _write_delimited(
    rows: list[dict[str, Any]], stream: IO[str], delimiter: str, fields: tuple[str, ...]
) -> None:
    writer = csv.DictWriter(stream, fieldnames=fields, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_export(store: Store, fmt: str, stream: IO[str] | None, path: Path | None) -> int:
    """Write one export; returns the number of records written."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        if path is None:
            raise QueryError("--format parquet needs -o FILE.parquet")
        rows = flat_events(store)
        pq.write_table(pa.Table.from_pylist(rows), path)
        return len(rows)
    if stream is None:
        raise QueryError(f"--format {fmt} needs an output stream")
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    writers: dict[str, Callable[[], int]] = {
        "plover-json": lambda: _emit(plover_records(store), stream, _write_json),
        "geojson": lambda: _emit_geojson(store, stream),
        "gdelt-tsv": lambda: _emit(gdelt_rows(store), stream, _tsv),
        "csv": lambda: _emit(flat_events(store), stream, _csv),
    }
    return writers[fmt]()


def _tsv(rows: list[dict[str, Any]], stream: IO[str]) -> None:
    _write_delimited(rows, stream, "\t", GDELT_COLUMNS)


def _csv(rows: list[dict[str, Any]], stream: IO[str]) -> None:
    _write_delimited(rows, stream, ",", EVENT_COLUMNS)


def _emit(rows: list[dict[str, Any]], stream: IO[str], writer: Callable[..., None]) -> int:
    writer(rows, stream)
    return len(rows)


def _emit_geojson(store: Store, stream: IO[str]) -> int:
    doc = geojson(store)
    _write_json(doc, stream)
    return len(doc["features"])
