"""Accuracy gate for the event coder: every floor in brinkwatch.evaluate.events.FLOORS.

Runs the full evaluation (PLOVER gold records, ~300 sentences, plus our dev set
when present); the whole run takes well under a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.evaluate import events
from brinkwatch.evaluate.report import EvalReport


@pytest.fixture(scope="module")
def report(datasets: Path) -> EvalReport:
    if not events.default_gold().exists():
        pytest.skip(f"PLOVER gold not found at {events.default_gold()}")
    return events.run()


@pytest.fixture(scope="module")
def devset_report() -> EvalReport:
    """Our own dev set is in the repository, so its gate runs even where the public
    PLOVER records are not (a fresh CI machine)."""
    return events.evaluate_file(events.DEVSET)


GOLD_FLOORS = sorted((m, f) for m, f in events.FLOORS.items() if not m.startswith("devset_"))
DEVSET_FLOORS = sorted(
    (m.removeprefix("devset_"), f) for m, f in events.FLOORS.items() if m.startswith("devset_")
)


@pytest.mark.slow
@pytest.mark.parametrize(("metric", "floor"), GOLD_FLOORS)
def test_event_floor(report: EvalReport, metric: str, floor: float) -> None:
    assert report.metrics[metric] >= floor, f"{metric} {report.metrics[metric]:.4f} < {floor}"


@pytest.mark.parametrize(("metric", "floor"), DEVSET_FLOORS)
def test_own_devset_floor(devset_report: EvalReport, metric: str, floor: float) -> None:
    got = devset_report.metrics[metric]
    assert got >= floor, f"dev set {metric} {got:.4f} < {floor}"


def test_floors_cover_both_gold_sets() -> None:
    names = set(events.FLOORS)
    assert {"macro_f1", "dyad_macro_f1", "devset_macro_f1", "devset_dyad_macro_f1"} <= names
