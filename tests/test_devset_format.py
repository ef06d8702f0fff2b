"""Format spec for the hand-written PLOVER events dev set (devsets/events.jsonl).

The file is our own yardstick for the events coder, so a malformed line would
silently skew every score: each rule below is what the scorer relies on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from brinkwatch.records import PLOVER_TYPES

DEVSET = Path(__file__).resolve().parent.parent / "devsets" / "events.jsonl"
MIN_POSITIVE_PER_TYPE = 30
MIN_NO_EVENT_ITEMS = 50
ITEM_KEYS = frozenset({"id", "text", "published", "events", "tags"})
EVENT_KEYS = frozenset({"type", "source", "target", "future", "attributed_to", "quantity", "mode"})
ORG_CODES = frozenset(
    {"NATO", "EU", "UN", "OSCE", "CSTO", "AU", "G7", "G20", "IAEA", "ECOWAS", "ASEAN",
     "ICC", "IMF", "ICRC", "OPCW", "WHO", "ARAB_LEAGUE", "GCC", "SCO", "BRICS", "OAS"}
)  # fmt: skip
GROUP_CODES = frozenset({"WEST", "EUROPE"})
TAGS = frozenset(
    {"reported", "negation", "coordination", "passive", "nominal", "light-verb",
     "historical", "future", "no-event", "pronoun", "metonym", "quantity", "hypothetical"}
)  # fmt: skip
TYPE_PREFIXES = "|".join(t.lower() for t in PLOVER_TYPES)
ID_PATTERN = re.compile(rf"^({TYPE_PREFIXES}|none)-\d{{3}}$")


@lru_cache(maxsize=1)
def load_items() -> tuple[dict[str, Any], ...]:
    lines = DEVSET.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def is_actor_code(code: object) -> bool:
    if code is None:
        return True
    if not isinstance(code, str):
        return False
    return bool(re.fullmatch(r"[A-Z]{3}", code)) or code in ORG_CODES | GROUP_CODES


def all_events() -> list[dict[str, Any]]:
    return [event for item in load_items() for event in item["events"]]


def test_every_line_is_a_json_object() -> None:
    for number, line in enumerate(DEVSET.read_text(encoding="utf-8").splitlines(), 1):
        assert isinstance(json.loads(line), dict), f"line {number} is not a JSON object"


def test_items_have_exactly_the_required_keys() -> None:
    wrong = [item.get("id") for item in load_items() if set(item) != ITEM_KEYS]
    assert not wrong, f"items with missing or extra keys: {wrong}"


def test_events_have_exactly_the_required_keys() -> None:
    wrong = [item["id"] for item in load_items() for event in item["events"]
             if set(event) != EVENT_KEYS]  # fmt: skip
    assert not wrong, f"items with malformed events: {wrong}"


def test_event_types_are_plover_types() -> None:
    bad = {event["type"] for event in all_events()} - set(PLOVER_TYPES)
    assert not bad, f"unknown event types: {bad}"


@pytest.mark.parametrize("field", ["source", "target", "attributed_to"])
def test_actor_codes_are_iso_or_known_groups(field: str) -> None:
    bad = sorted({str(event[field]) for event in all_events() if not is_actor_code(event[field])})
    assert not bad, f"bad {field} codes: {bad}"


@pytest.mark.parametrize(
    ("code", "valid"),
    [("RUS", True), ("NATO", True), ("WEST", True), (None, True),
     ("rus", False), ("Russia", False), ("RU", False), ("", False)],
)  # fmt: skip
def test_actor_code_rule(code: str | None, valid: bool) -> None:
    assert is_actor_code(code) is valid


def test_event_flags_and_quantities_have_the_right_types() -> None:
    for event in all_events():
        assert isinstance(event["future"], bool), event
        quantity = event["quantity"]
        assert quantity is None or (isinstance(quantity, int | float) and quantity > 0), event
        assert event["mode"] is None or isinstance(event["mode"], str), event


def test_ids_are_unique_and_well_formed() -> None:
    ids = [item["id"] for item in load_items()]
    duplicates = [key for key, count in Counter(ids).items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    malformed = [key for key in ids if not ID_PATTERN.match(key)]
    assert not malformed, f"ids not of the form type-NNN: {malformed}"


def test_texts_are_unique() -> None:
    texts = Counter(" ".join(item["text"].split()).lower() for item in load_items())
    duplicates = [text[:60] for text, count in texts.items() if count > 1]
    assert not duplicates, f"duplicate texts: {duplicates}"


def test_published_dates_are_iso_dates() -> None:
    for item in load_items():
        dt.date.fromisoformat(item["published"])


def test_tags_are_known_and_no_event_matches_the_event_list() -> None:
    for item in load_items():
        assert set(item["tags"]) <= TAGS, (item["id"], set(item["tags"]) - TAGS)
        assert ("no-event" in item["tags"]) == (not item["events"]), item["id"]


@pytest.mark.parametrize("plover_type", PLOVER_TYPES)
def test_each_type_has_enough_positive_items(plover_type: str) -> None:
    positive = [item for item in load_items()
                if any(event["type"] == plover_type for event in item["events"])]  # fmt: skip
    assert len(positive) >= MIN_POSITIVE_PER_TYPE, f"{plover_type}: {len(positive)}"


def test_there_are_enough_items_without_events() -> None:
    empty = [item for item in load_items() if not item["events"]]
    assert len(empty) >= MIN_NO_EVENT_ITEMS


DERIVED_TAGS = {
    "reported": lambda event: bool(event["attributed_to"]),
    "future": lambda event: event["future"],
    "quantity": lambda event: event["quantity"] is not None,
}


@pytest.mark.parametrize("tag", sorted(DERIVED_TAGS))
def test_derived_tags_match_the_annotations(tag: str) -> None:
    """'reported', 'future' and 'quantity' say exactly what the events say."""
    wrong = [item["id"] for item in load_items()
             if (tag in item["tags"]) != any(map(DERIVED_TAGS[tag], item["events"]))]  # fmt: skip
    assert not wrong, f"items whose '{tag}' tag disagrees with their events: {wrong}"


def test_threats_are_always_future() -> None:
    present = [item["id"] for item in load_items() for event in item["events"]
               if event["type"] == "THREATEN" and not event["future"]]  # fmt: skip
    assert not present, f"THREATEN events not marked future: {present}"


def test_texts_are_short_wire_items() -> None:
    for item in load_items():
        sentences = re.findall(r"[.!?](?:\s|$)", item["text"])
        assert 1 <= len(sentences) <= 3, (item["id"], len(sentences))
