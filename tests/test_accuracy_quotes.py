"""Accuracy gate for quotes: PolNeAr dev and our own annotated articles.

The PolNeAr run parses all 84 dev articles (about 15-30 s on the shared machine),
so it is marked slow; the floors live beside the scorer in evaluate/quotes.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate.quotes import DEVSET_FLOORS, FLOORS, run

DEVSET = Path(__file__).resolve().parent.parent / "devsets" / "quotes"


@pytest.mark.slow
def test_polnear_dev_meets_floors(datasets: Path) -> None:
    report = run(gold=datasets / "polnear" / "dev")
    below = {m: (round(report.metrics[m], 4), f) for m, f in FLOORS.items()
             if report.metrics[m] < f}  # fmt: skip
    assert not below, f"quote metrics under their floors (got, floor): {below}"


def test_own_articles_meet_floors() -> None:
    report = run(gold=DEVSET)
    assert report.extra["articles"] >= 8
    below = {m: (round(report.metrics[m], 4), f) for m, f in DEVSET_FLOORS.items()
             if report.metrics[m] < f}  # fmt: skip
    assert not below, f"quote metrics under their floors (got, floor): {below}"
