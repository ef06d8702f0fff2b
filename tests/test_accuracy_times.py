"""Accuracy gate for times: TempEval-3 TimeML (TimeBank + AQUAINT), the date cases
of Recognizers-Text's DateTimeModel.json and our own sentences (devsets/times.jsonl),
scored as in evaluate/times.py.  Only the last runs where ../shared is absent.

Parsing the 256 TimeML documents takes 15-30 s on the shared machine, so the TimeML
run is marked slow; the DateTimeModel run takes a few seconds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from brinkwatch.evaluate.report import EvalReport
from brinkwatch.evaluate.times import (
    DEVSET_FLOORS,
    FLOORS,
    Tally,
    _score_doc,
    default_devset,
    run,
)
from brinkwatch.evaluate.times_gold import (
    GoldDoc,
    GoldTime,
    _accepted_values,
    _scorable,
    _week_spanned,
    canonical_value,
    read_devset,
)
from brinkwatch.records import TimeMention


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


def _gold_doc(spans: list[tuple[int, int, str]]) -> GoldDoc:
    times = tuple(GoldTime(a, b, "DATE", frozenset({v}), "date") for a, b, v in spans)
    return GoldDoc("case", "x" * 40, date(2022, 1, 25), times)


def test_second_mention_over_a_paired_gold_span_counts_neither_way() -> None:
    """TempEval-3 counts every system TIMEX3 overlapping a gold one as matched."""
    tally = Tally()
    found = [TimeMention("Friday", 0, 6, "DATE", "2022-01-21"),
             TimeMention("1/21", 7, 11, "DATE", "2022-01-21")]  # fmt: skip
    _score_doc(_gold_doc([(0, 11, "2022-01-21")]), found, "date", tally)
    assert (tally.value.tp, tally.value.fp, tally.value.fn) == (1, 0, 0)


def test_a_week_range_also_accepts_its_iso_week() -> None:
    resolution = {"timex": "XXXX-02-15", "start": "2022-02-14", "end": "2022-02-21"}
    assert "2022-W07" in _accepted_values("XXXX-02-15", [resolution])
    assert _week_spanned({"start": "2022-02-15", "end": "2022-02-22"}) is None


def test_an_open_weekend_is_read_as_a_weekend() -> None:
    resolution = {"timex": "XXXX-WXX-WE", "start": "2022-02-19", "end": "2022-02-21"}
    assert "2022-W07-WE" in _accepted_values("XXXX-WXX-WE", [resolution])


def test_cases_of_another_mode_are_not_scored() -> None:
    assert not _scorable({"Context": {}, "Comment": "Only supported in CalendarMode"})
    assert _scorable({"Context": {}, "Comment": "Known false positive"})


@pytest.mark.parametrize(
    ("written", "read"),
    [("2000-W7", "2000-W07"), ("1989-11-06T17", "1989-11-06T17:00"), ("P1D", "P1D")],
)
def test_timeml_values_are_read_in_one_spelling(written: str, read: str) -> None:
    assert canonical_value(written) == read


# ------------------------------------------------------------- our own sentences


@pytest.fixture(scope="module")
def devset_report() -> EvalReport:
    """Our sentences are in the repository, so this gate runs without ../shared."""
    return run(gold=default_devset())


@pytest.mark.parametrize(("metric", "floor"), sorted(DEVSET_FLOORS.items()))
def test_own_devset_meets_floor(devset_report: EvalReport, metric: str, floor: float) -> None:
    got = devset_report.metrics[metric]
    assert got >= floor, f"dev set {metric} {got:.4f} < {floor}\n{devset_report.as_text(30)}"


def test_own_devset_scores_every_sentence(devset_report: EvalReport) -> None:
    assert devset_report.extra["devset_docs"] == len(read_devset(default_devset()))


def test_an_alternative_value_of_our_gold_counts_as_right() -> None:
    """'midnight' may be T24:00 or T00:00: a gold time accepts its value and 'also'."""
    gold = GoldTime(0, 8, "TIME", frozenset({"T24:00", "T00:00"}), "date")
    tally = Tally()
    found = [TimeMention("midnight", 0, 8, "TIME", "2023-07-30T00:00")]
    _score_doc(GoldDoc("case", "midnight", date(2023, 7, 30), (gold,)), found, "date", tally)
    assert tally.value.tp == 1
