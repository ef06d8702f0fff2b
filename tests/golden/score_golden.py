"""Score the pipeline against the golden files: `python tests/golden/score_golden.py [-v]`.

A reference implementation of the matching rules in docs/corpus.md, for measuring
while developing; prints recall per record list (and, for `not_events`, how many
unwanted events were avoided). `-v` lists every golden entry that was not matched.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from brinkwatch.ingest import read_paths
from brinkwatch.pipeline import process_many
from brinkwatch.records import Actor, Article, ArticleRecord, Event, Quote

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = ROOT / "tests" / "golden"
OPENING_MARKS = "\"'“‘ "


def code(actor: Actor | None) -> str | None:
    return None if actor is None else actor.code


def event_matches(want: dict[str, Any], got: Event) -> bool:
    if got.type != want["type"]:
        return False
    if "source" in want and code(got.source) != want["source"]:
        return False
    if "target" in want and code(got.target) != want["target"]:
        return False
    if "future" in want and got.future != want["future"]:
        return False
    return "quantity" not in want or _same_quantity(want["quantity"], got)


def _same_quantity(want: dict[str, Any], got: Event) -> bool:
    quantity = got.quantity
    return quantity is not None and (quantity.value, quantity.unit) == (want["value"], want["unit"])


def unwanted_event(want: dict[str, Any], got: Event) -> bool:
    """A `not_events` entry is violated by an event with its type and dyad coded as done:
    neither negated nor hypothetical ("a possible Russian attack" is not an attack)."""
    dyad = (code(got.source), code(got.target))
    return (
        got.type == want["type"]
        and dyad == (want.get("source"), want.get("target"))
        and not (got.negated or got.hypothetical)
    )


def quote_matches(want: dict[str, Any], got: Quote) -> bool:
    speaker = got.speaker
    if speaker is None or got.direct != want["direct"]:
        return False
    if not got.text.lstrip(OPENING_MARKS).startswith(want["starts_with"]):
        return False
    same_org = "speaker_org" not in want or speaker.org == want["speaker_org"]
    return (
        speaker.name == want["speaker_name"]
        and speaker.country == want["speaker_country"]
        and (same_org)
    )


def time_matches(want: dict[str, Any], got: Any) -> bool:
    a, b = want["text"].lower(), got.text.lower()
    return bool(got.value == want["value"] and (a in b or b in a))


MATCHERS: dict[str, Callable[[dict[str, Any], Any], bool]] = {
    "events": event_matches,
    "quotes": quote_matches,
    "quantities": lambda w, g: (g.value, g.unit) == (w["value"], w["unit"]),
    "places": lambda w, g: (g.name, g.country) == (w["name"], w["country"]),
    "times": time_matches,
}


def records_of(record: ArticleRecord, key: str) -> tuple[Any, ...]:
    return tuple(getattr(record, key))


def score_file(golden: dict[str, Any], record: ArticleRecord) -> Iterable[tuple[str, bool, Any]]:
    """(list name, matched?, golden entry) for every entry of one golden file."""
    for key, matcher in MATCHERS.items():
        for want in golden[key]:
            yield key, any(matcher(want, got) for got in records_of(record, key)), want
    for want in golden["not_events"]:
        yield "not_events", not any(unwanted_event(want, got) for got in record.events), want


def read_one(relative: str) -> Article:
    item = next(iter(read_paths([str(ROOT / relative)])))
    if not isinstance(item, Article):
        raise SystemExit(f"{relative}: cannot be read: {item.message}")
    return item


def main(argv: list[str]) -> int:
    goldens = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN_DIR.glob("*.json"))]
    records = process_many([read_one(g["file"]) for g in goldens])
    totals: dict[str, list[int]] = {}
    for golden, record in zip(goldens, records, strict=True):
        for key, ok, want in score_file(golden, record):
            totals.setdefault(key, [0, 0])[0] += ok
            totals[key][1] += 1
            if not ok and "-v" in argv:
                sys.stdout.write(f"miss {Path(golden['file']).stem} {key} {want}\n")
    for key, (hit, total) in totals.items():
        sys.stdout.write(f"{key:11} {hit:3}/{total:<3} {hit / total if total else 0:.2f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
