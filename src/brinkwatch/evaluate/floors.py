"""Accuracy floors CI enforces (tests/test_accuracy_gates.py).  Raise them as
the extractors improve; never lower one without a note in docs/decisions.md."""

from __future__ import annotations

# (evaluation name, metric name) -> minimum value
FLOORS: dict[tuple[str, str], float] = {}
