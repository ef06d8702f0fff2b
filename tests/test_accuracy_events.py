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
    if not events.DEFAULT_GOLD.exists():
        pytest.skip(f"PLOVER gold not found at {events.DEFAULT_GOLD}")
    return events.run()


@pytest.mark.slow
@pytest.mark.parametrize(("metric", "floor"), sorted(events.FLOORS.items()))
def test_event_floor(report: EvalReport, metric: str, floor: float) -> None:
    if metric.startswith("devset_") and not events.DEVSET.exists():
        pytest.skip("dev set devsets/events.jsonl not present")
    assert report.metrics[metric] >= floor, f"{metric} {report.metrics[metric]:.4f} < {floor}"


def test_floors_cover_both_gold_sets() -> None:
    names = set(events.FLOORS)
    assert {"macro_f1", "dyad_macro_f1", "devset_macro_f1", "devset_dyad_macro_f1"} <= names
