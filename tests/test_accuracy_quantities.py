"""Gate: number, range and currency reading keep their measured accuracy."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate import quantities


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
