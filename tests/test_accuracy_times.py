"""Accuracy gate for times: TempEval-3 TimeML (TimeBank + AQUAINT) and the date cases
of Recognizers-Text's DateTimeModel.json, scored as in evaluate/times.py.

Parsing the 256 TimeML documents takes 15-30 s on the shared machine, so the TimeML
run is marked slow; the DateTimeModel run takes a few seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate.times import FLOORS, run


def _below(metrics: dict[str, float], names: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    return {n: (round(metrics[n], 4), FLOORS[n]) for n in names if metrics[n] < FLOORS[n]}


@pytest.mark.slow
def test_timeml_meets_floors(datasets: Path) -> None:
    report = run(gold=datasets / "timeml")
    assert report.extra["timeml_docs"] == 256
    below = _below(report.metrics, ("timeml_value_f1", "timeml_relaxed_span_f1"))
    assert not below, f"TimeML metrics under their floors (got, floor): {below}"


def test_datetime_model_meets_floors(datasets: Path) -> None:
    report = run(gold=datasets / "numbers" / "DateTimeModel.json")
    assert report.extra["dtm_docs"] > 900
    assert not _below(report.metrics, ("dtm_value_f1",)), report.as_text(max_errors=10)


def test_every_floor_is_a_reported_metric(datasets: Path) -> None:
    report = run(gold=datasets / "numbers" / "DateTimeModel.json", limit=5)
    dtm_floors = {name for name in FLOORS if name.startswith("dtm_")}
    assert dtm_floors <= set(report.metrics)
