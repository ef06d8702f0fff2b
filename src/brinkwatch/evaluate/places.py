"""Score the place extractor on LGL (local news toponyms with GeoNames coordinates).

A predicted place matches a gold toponym when their character spans overlap.
``accuracy_161km`` is over the gold toponyms we matched (the usual geoparsing
"accuracy@161km"); ``recall`` is over gold toponyms that have coordinates;
``precision`` counts our places that overlap any gold toponym span.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import brinkwatch
from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.report import EvalReport
from brinkwatch.extract.places import Gazetteer, extract_places
from brinkwatch.nlp import load_nlp
from brinkwatch.records import Place

DATASET = "geo/lgl.xml"
ACCURACY_KM = 161.0
EARTH_RADIUS_KM = 6371.0
# Measured on the first GATE_ARTICLES articles (see tests/test_accuracy_places.py).
GATE_ARTICLES = 120
# Measured on the first 120 articles: accuracy 0.881, recall 0.719, precision 0.944
# (all 588: 0.871, 0.741, 0.944).
FLOORS: dict[str, float] = {"accuracy_161km": 0.86, "recall": 0.72, "precision": 0.93}


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    name: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    docid: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass
class _Tally:
    """Running counts while scoring (local to one run)."""

    gold: int = 0
    found: int = 0
    within: int = 0
    predicted: int = 0
    predicted_on_gold: int = 0
    error_km: float = 0.0


def default_gold() -> Path:
    """``shared/datasets/geo/lgl.xml`` beside the repository root."""
    root = Path(brinkwatch.__file__).resolve().parents[2]
    return root.parent / "shared" / "datasets" / DATASET


def run(gold: Path | None = None, limit: int | None = None) -> EvalReport:
    """Parse each LGL article, extract places and score them against the gold toponyms."""
    articles = load_lgl(gold or default_gold())[:limit]
    nlp = load_nlp()
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    gazetteer = Gazetteer.load()
    predictions = [extract_places(doc, gazetteer) for doc in docs]
    return score(articles, predictions)


def load_lgl(path: Path) -> list[GoldArticle]:
    """Every article of an LGL XML file with its toponyms."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(
            f"could not read LGL gold file {path}: {exc}; pass --gold PATH to an lgl.xml"
        ) from exc
    return [_article(node) for node in root.iter("article")]


def _article(node: ET.Element) -> GoldArticle:
    toponyms = tuple(_toponym(t) for t in node.iter("toponym"))
    return GoldArticle(node.get("docid", ""), node.findtext("text") or "", toponyms)


def _toponym(node: ET.Element) -> GoldToponym:
    gaz = node.find("gaztag")
    lat = gaz.findtext("lat") if gaz is not None else None
    lon = gaz.findtext("lon") if gaz is not None else None
    name = gaz.findtext("name") if gaz is not None else None
    return GoldToponym(
        int(node.findtext("start") or 0), int(node.findtext("end") or 0),
        node.findtext("phrase") or "", name,
        float(lat) if lat else None, float(lon) if lon else None,
    )  # fmt: skip


def score(articles: Sequence[GoldArticle], predictions: Sequence[Iterable[Place]]) -> EvalReport:
    """Compare predicted places with gold toponyms, article by article."""
    tally = _Tally()
    errors: list[str] = []
    for article, places in zip(articles, predictions, strict=True):
        errors += _score_article(article, tuple(places), tally)
    return _report(tally, errors, len(articles))


def _score_article(article: GoldArticle, places: tuple[Place, ...], tally: _Tally) -> list[str]:
    errors: list[str] = []
    tally.predicted += len(places)
    tally.predicted_on_gold += sum(1 for p in places if _overlapping(p, article.toponyms))
    for gold in article.toponyms:
        if gold.lat is None or gold.lon is None:
            continue
        tally.gold += 1
        place = next((p for p in places if _overlaps(p, gold)), None)
        if place is None:
            errors.append(f"{article.docid}: missed {gold.phrase!r} ({gold.name})")
            continue
        errors += _score_match(article.docid, gold, place, tally)
    return errors


def _score_match(docid: str, gold: GoldToponym, place: Place, tally: _Tally) -> list[str]:
    tally.found += 1
    if place.lat is None or place.lon is None or gold.lat is None or gold.lon is None:
        return [f"{docid}: {gold.phrase!r} resolved without coordinates"]
    km = haversine_km(place.lat, place.lon, gold.lat, gold.lon)
    tally.error_km += km
    if km <= ACCURACY_KM:
        tally.within += 1
        return []
    where = ", ".join(x for x in (place.name, place.admin1, place.country) if x)
    return [f"{docid}: {gold.phrase!r} -> {where} is {km:.0f} km from gold {gold.name}"]


def _overlaps(place: Place, gold: GoldToponym) -> bool:
    return place.start < gold.end and gold.start < place.end


def _overlapping(place: Place, golds: tuple[GoldToponym, ...]) -> bool:
    return any(_overlaps(place, g) for g in golds)


def _report(tally: _Tally, errors: list[str], n_articles: int) -> EvalReport:
    metrics = {
        "accuracy_161km": tally.within / tally.found if tally.found else 0.0,
        "recall": tally.found / tally.gold if tally.gold else 0.0,
        "precision": tally.predicted_on_gold / tally.predicted if tally.predicted else 0.0,
        "mean_error_km": tally.error_km / tally.found if tally.found else 0.0,
    }
    extra = {"articles": n_articles, "gold_toponyms": tally.gold, "matched": tally.found,
             "predicted": tally.predicted}  # fmt: skip
    return EvalReport("places", DATASET, metrics, errors=tuple(errors), extra=extra)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
