"""Gate: the place extractor keeps its measured accuracy on a fixed LGL subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate import places


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
