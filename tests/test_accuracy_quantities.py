"""Gate: number, range and currency reading keep their measured accuracy on the public
files, and the extractor on our own sentences (devsets/quantities.jsonl; that gate runs
without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate import quantities
from brinkwatch.evaluate.report import EvalReport
from brinkwatch.records import Quantity


def test_quantities_floors(datasets: Path) -> None:
    folder = datasets / "numbers"
    if not (folder / "NumberModel.json").is_file():
        pytest.skip(f"{folder} has no NumberModel.json")
    report = quantities.run(gold=folder)
    for metric, floor in quantities.FLOORS.items():
        assert report.metrics[metric] >= floor, f"{metric} {report.metrics[metric]:.3f} < {floor}"


@pytest.mark.parametrize(
    ("interval", "expected"),
    [("(300,)", (300.0, "lower")), ("(,30]", (30.0, "upper")), ("[20,30)", (20.0, "both")),
     ("[x,)", (None, ""))],
)  # fmt: skip
def test_bound(interval: str, expected: tuple[float | None, str]) -> None:
    assert quantities._bound(interval) == expected


def test_skip_reasons() -> None:
    one = {"Results": [{"Text": "two thirds", "Resolution": {"value": "0.66"}}]}
    assert quantities._number_skip_reason(one) == "fraction or exponent"
    assert quantities._number_skip_reason({"Results": []}) == "no number"
    plain = {"Results": [{"Text": "forty", "Resolution": {"value": "40"}}]}
    assert quantities._number_skip_reason(plain) is None


# ------------------------------------------------------------- our own sentences


@pytest.fixture(scope="module")
def devset_report() -> EvalReport:
    """Our sentences are in the repository, so this gate runs without ../shared."""
    return quantities.run_devset()


@pytest.mark.parametrize(("metric", "floor"), sorted(quantities.DEVSET_FLOORS.items()))
def test_own_devset_meets_floor(devset_report: EvalReport, metric: str, floor: float) -> None:
    got = devset_report.metrics[metric]
    assert got >= floor, f"dev set {metric} {got:.4f} < {floor}\n{devset_report.as_text(30)}"


def _gold(text: str, start: int, value: float | None, unit: str, kind: str = "count"
          ) -> quantities.GoldQuantity:  # fmt: skip
    return quantities.GoldQuantity(start, start + len(text), text, value, unit, kind, False)


def test_a_sentence_is_scored_by_overlapping_spans() -> None:
    """'$200 million and 8,500 troops': money right, troops read as soldiers, one extra."""
    golds = (
        _gold("$200 million", 0, 2e8, "USD", "money"),
        _gold("8,500 troops", 17, 8500, "troops"),
    )
    found = (Quantity("$200 million", 0, 12, 2e8, "USD"),
             Quantity("8,500 troops", 17, 29, 8500, "soldiers"),
             Quantity("two tanks", 40, 49, 2, "tanks"))  # fmt: skip
    tally = quantities._DevTally()
    errors = quantities.score_sentence(golds, found, tally)
    assert (tally.matched, tally.predicted_on_gold, tally.predicted) == (2, 2, 3)
    assert (tally.value_ok, tally.unit_ok, tally.unit_judged) == (2, 0, 1)
    assert (tally.money, tally.money_ok) == (1, 1)
    assert len(errors) == 2  # the unit and the extra quantity
