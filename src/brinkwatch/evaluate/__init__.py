"""`brinkwatch evaluate NAME`: score an extractor against a labelled dev set.

Each extractor has a module ``brinkwatch.evaluate.<name>`` with a function
``run(gold: Path | None, limit: int | None) -> EvalReport``.  ``gold=None``
means the extractor's default dev set.  Floors that CI enforces live in
``evaluate/floors.py`` so they are pinned in one place.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.report import EvalReport, Score

EVALUATIONS: tuple[str, ...] = ("events", "actors", "quotes", "times", "places", "quantities")


class _Runner(Protocol):
    def __call__(self, gold: Path | None = None, limit: int | None = None) -> EvalReport: ...


def run_evaluation(name: str, gold: Path | None = None, limit: int | None = None) -> EvalReport:
    """Run the evaluation called ``name`` (one of :data:`EVALUATIONS`)."""
    if name not in EVALUATIONS:
        raise EvaluationError(
            f"unknown evaluation {name!r}; choose one of: {', '.join(EVALUATIONS)}"
        )
    module = importlib.import_module(f"brinkwatch.evaluate.{name}")
    runner: _Runner = module.run
    return runner(gold=gold, limit=limit)


__all__ = ["EVALUATIONS", "EvalReport", "Score", "run_evaluation"]
