"""Golden articles: the records an analyst would list for demo articles, hand-written in
tests/golden/*.json (format in docs/corpus.md), must come out of the whole pipeline.

Per record list, the share of golden entries found must stay above a pinned floor; denied
acts must never be coded as done (``not_events``: every entry holds, in every article).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from brinkwatch.pipeline import process_many
from brinkwatch.records import ArticleRecord

GOLDEN_DIR = Path(__file__).parent / "golden"

# Recall floors over all golden files, pinned a little under what we measure
# (`python tests/golden/score_golden.py`); raise them as the extractors improve.
# Measured 2026-12-07: events 19/20, quotes 29/30, quantities 13/13, places 27/27,
# times 27/28, not_events 4/4.
FLOORS = {
    "events": 0.90,
    "quotes": 0.93,
    "quantities": 0.90,
    "places": 0.95,
    "times": 0.92,
    "not_events": 1.0,
}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_golden", GOLDEN_DIR / "score_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored() -> list[tuple[str, str, bool, Any]]:
    scorer = _scorer()
    goldens = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN_DIR.glob("*.json"))]
    records: list[ArticleRecord] = list(process_many([scorer.read_one(g["file"]) for g in goldens]))
    return [
        (golden["file"], key, ok, want)
        for golden, record in zip(goldens, records, strict=True)
        for key, ok, want in scorer.score_file(golden, record)
    ]


def test_there_are_at_least_four_golden_articles() -> None:
    assert len(list(GOLDEN_DIR.glob("*.json"))) >= 4


Scored = list[tuple[str, str, bool, Any]]


@pytest.mark.parametrize(("key", "floor"), sorted(FLOORS.items()))
def test_golden_recall_floor(scored: Scored, key: str, floor: float) -> None:
    entries = [(f, ok, want) for f, k, ok, want in scored if k == key]
    assert entries, f"no golden {key}"
    found = sum(ok for _, ok, _ in entries) / len(entries)
    misses = [f"{Path(f).stem}: {want}" for f, ok, want in entries if not ok]
    assert found >= floor, f"{key}: {found:.2f} < {floor}; misses:\n" + "\n".join(misses)
