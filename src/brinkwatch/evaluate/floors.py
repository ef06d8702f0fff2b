"""Accuracy floors CI enforces (tests/test_accuracy_gates.py).

Each evaluation module ``brinkwatch.evaluate.<name>`` declares its own
``FLOORS: dict[str, float]`` (metric name -> minimum) next to the scorer, so a
floor is pinned where it is measured.  This module gathers them.  Raise a floor
as an extractor improves; never lower one without a note in docs/decisions.md.
"""

from __future__ import annotations

import importlib

from brinkwatch.evaluate import EVALUATIONS


def all_floors() -> dict[tuple[str, str], float]:
    """(evaluation, metric) -> floor, for every evaluation that declares floors."""
    floors: dict[tuple[str, str], float] = {}
    for name in EVALUATIONS:
        module = importlib.import_module(f"brinkwatch.evaluate.{name}")
        for metric, value in getattr(module, "FLOORS", {}).items():
            floors[(name, metric)] = value
    return floors
