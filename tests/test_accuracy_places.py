"""Gate: the place extractor keeps its measured accuracy on a fixed LGL subset and on
our own sentences (devsets/places.jsonl; that gate runs without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate import places
from brinkwatch.evaluate.report import EvalReport


@pytest.mark.slow
def test_places_floors_on_lgl_subset(datasets: Path) -> None:
    gold = datasets / places.DATASET
    if not gold.is_file():
        pytest.skip(f"{gold} not found")
    report = places.run(gold=gold, limit=places.GATE_ARTICLES)
    assert report.extra["articles"] == places.GATE_ARTICLES
    for metric, floor in places.FLOORS.items():
        assert report.metrics[metric] >= floor, f"{metric} {report.metrics[metric]:.3f} < {floor}"


def test_haversine_known_distance() -> None:
    # Kyiv to Kharkiv is about 410 km
    assert 400 < places.haversine_km(50.45, 30.52, 49.99, 36.23) < 420


def test_score_counts_overlap_and_distance() -> None:
    from brinkwatch.records import Place

    gold = places.GoldArticle(
        "d1",
        "In Kyiv and Lviv.",
        (
            places.GoldToponym(3, 7, "Kyiv", "Kyiv", 50.45, 30.52),
            places.GoldToponym(12, 16, "Lviv", "Lviv", 49.84, 24.03),
        ),
    )
    near = Place("Kyiv", 3, 7, "Kyiv", "UKR", "city", 50.4, 30.6)
    far = Place("Lviv", 12, 16, "Lviv", "USA", "city", 40.0, -80.0)
    report = places.score([gold], [(near, far)])
    assert report.metrics["recall"] == 1.0
    assert report.metrics["accuracy_161km"] == 0.5
    assert report.metrics["precision"] == 1.0
    assert any("Lviv" in e for e in report.errors)


# ------------------------------------------------------------- our own sentences


@pytest.fixture(scope="module")
def devset_report() -> EvalReport:
    """Our sentences are in the repository, so this gate runs without ../shared."""
    return places.run_devset()


@pytest.mark.parametrize(("metric", "floor"), sorted(places.DEVSET_FLOORS.items()))
def test_own_devset_meets_floor(devset_report: EvalReport, metric: str, floor: float) -> None:
    got = devset_report.metrics[metric]
    assert got >= floor, f"dev set {metric} {got:.4f} < {floor}\n{devset_report.as_text(30)}"


def test_a_country_named_as_that_country_is_right_wherever_its_point_is() -> None:
    from brinkwatch.records import Place

    gold = places.GoldArticle("d1", "in Russia", (
        places.GoldToponym(3, 9, "Russia", "Russia", 60.0, 100.0, "RUS", "country"),))  # fmt: skip
    elsewhere = Place("Russia", 3, 9, "Russia", "RUS", "country", 61.5, 60.0)
    assert places.score([gold], [(elsewhere,)]).metrics["accuracy_161km"] == 1.0


def test_our_places_that_are_no_gold_toponym_are_listed() -> None:
    from brinkwatch.records import Place

    gold = places.GoldArticle("d1", "Moscow said", ())
    metonym = Place("Moscow", 0, 6, "Moscow", "RUS", "city", 55.75, 37.62)
    report = places.score([gold], [(metonym,)], list_extra=True)
    assert report.metrics["precision"] == 0.0
    assert any("not a place here: 'Moscow'" in e for e in report.errors)
