"""Gate: the actor resolver keeps its measured accuracy on the PLOVER gold records."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate import actors
from brinkwatch.extract.actors import ActorMentions
from brinkwatch.records import Actor


@pytest.mark.slow
def test_actor_floors_on_plover_gold(datasets: Path) -> None:
    gold = datasets / actors.DATASET
    if not gold.is_file():
        pytest.skip(f"{gold} not found")
    report = actors.run(gold=gold)
    assert report.extra["gold_actors"] >= 500
    for metric, floor in actors.FLOORS.items():
        assert report.metrics[metric] >= floor, f"{metric} {report.metrics[metric]:.3f} < {floor}"


def test_score_counts_right_wrong_and_missed() -> None:
    text = "Serbia rejected an Australian ultimatum from Canberra."
    record = actors.GoldRecord("r1", text, "2000-01-01", (
        actors.GoldActor("Serbia", "SRB", None),
        actors.GoldActor("Australian", "AUS", None),
        actors.GoldActor("Canberra", "AUS", "GOV"),
    ))  # fmt: skip
    found = ActorMentions((
        Actor("Serbia", 0, 6, country="SRB"),
        Actor("Australian", 19, 29, country="NZL"),
    ))  # fmt: skip
    report = actors.score([record], [found])
    assert report.extra["found"] == 2
    assert report.metrics["precision"] == 0.5
    assert report.metrics["recall"] == pytest.approx(1 / 3)
    assert any("Canberra" in e for e in report.errors)


@pytest.mark.slow
def test_actor_floors_on_project_devset() -> None:
    gold = actors.default_devset()
    if not gold.is_file():
        pytest.skip(f"{gold} not found")
    report = actors.run(gold=gold)
    assert report.extra["items"] >= 600
    for metric, floor in actors.DEVSET_FLOORS.items():
        assert report.metrics[metric] >= floor, f"{metric} {report.metrics[metric]:.3f} < {floor}"


def test_devset_scoring_counts_codes() -> None:
    items = [("x-1", "Moscow warned Kyiv.", "2022-02-01", frozenset({"RUS", "UKR"}))]
    found = ActorMentions((Actor("Moscow", 0, 6, country="RUS"), Actor("NATO", 0, 0, org="NATO")))
    report = actors.score_devset(items, [found])
    assert report.metrics["code_recall"] == 0.5
    assert report.metrics["participant_share"] == 0.5
    assert report.errors and "UKR" in report.errors[0]
