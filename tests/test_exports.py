"""Every export format loads unchanged in pandas (GeoJSON is valid RFC 7946)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from typer.testing import CliRunner

from brinkwatch.analysis.exports import FORMATS, GDELT_COLUMNS
from brinkwatch.analysis.merge import rebuild_clusters
from brinkwatch.cli import app
from brinkwatch.records import Place
from brinkwatch.store.db import Store
from factories import event, record

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.duckdb"
    romania = Place("Romania", 0, 7, "Romania", "ROU", "country", 45.9, 24.97)
    with Store(path) as store:
        store.write_batch([
            record("a1", "2022-02-02", [
                event("a1", 0, "MOBILIZE", "USA", None, "2022-02-02", quantity=1000, place=romania),
                event("a1", 1, "ACCUSE", "RUS", "USA", "2022-02-02", text='He said "<b>no</b>"'),
            ]),
            record("a2", "2022-02-02", [
                event("a2", 0, "MOBILIZE", "USA", None, "2022-02-02", quantity=1000),
            ]),
        ])  # fmt: skip
        rebuild_clusters(store)
    return path


def export(db: Path, fmt: str, out: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_plover_json(db: Path, tmp_path: Path) -> None:
    export(db, "plover-json", out := tmp_path / "e.json")
    frame = pd.read_json(out)
    assert len(frame) == 3
    first = json.loads(out.read_text())[0]
    assert first["event"] == "MOBILIZE" and first["source"][0]["code"] == "USA"
    assert first["eventLoc"]["name"] == "Romania"


def test_gdelt_tsv_has_one_row_per_real_event(db: Path, tmp_path: Path) -> None:
    export(db, "gdelt-tsv", out := tmp_path / "e.tsv")
    frame = pd.read_csv(out, sep="\t")
    assert tuple(frame.columns) == GDELT_COLUMNS
    mobilize = frame[frame.PLOVERType == "MOBILIZE"].iloc[0]
    assert (mobilize.NumMentions, mobilize.NumArticles, mobilize.SQLDATE) == (2, 2, 20220202)


@pytest.mark.parametrize(("fmt", "reader"), [("csv", pd.read_csv), ("parquet", pd.read_parquet)])
def test_flat_formats(db: Path, tmp_path: Path, fmt: str, reader: object) -> None:
    export(db, fmt, out := tmp_path / f"e.{fmt}")
    frame = reader(out)  # type: ignore[operator]
    assert len(frame) == 3
    assert {"type", "source_code", "sentence", "article_id"} <= set(frame.columns)


def test_geojson_points_are_lon_lat(db: Path, tmp_path: Path) -> None:
    export(db, "geojson", out := tmp_path / "e.geojson")
    doc = json.loads(out.read_text())
    assert doc["type"] == "FeatureCollection"
    (feature,) = doc["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [24.97, 45.9]}
    frame = pd.json_normalize(doc["features"])
    assert frame.loc[0, "properties.place_name"] == "Romania"


def test_geojson_is_read_by_gdal_as_qgis_reads_it(db: Path, tmp_path: Path) -> None:
    export(db, "geojson", out := tmp_path / "e.geojson")
    info = pyogrio.read_info(out)
    assert (info["driver"], info["geometry_type"], info["features"]) == ("GeoJSON", "Point", 1)
    assert info["crs"] == "EPSG:4326"
    assert {"type", "source_code", "place_name", "sentence"} <= set(info["fields"])
    _, table = pyogrio.read_arrow(out)
    assert table.column("place_name").to_pylist() == ["Romania"]


def test_formats_are_documented() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "exports.md").read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert f"`{fmt}`" in doc
    for column in GDELT_COLUMNS:
        assert f"`{column}`" in doc


def test_stdout_export(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "csv"])
    assert len(pd.read_csv(io.StringIO(result.stdout))) == 3
