"""Format spec for the hand-written PLOVER events dev set (devsets/events.jsonl).

The file is our own yardstick for the events coder, so a malformed line would
silently skew every score: each rule below is what the scorer relies on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from functools import cache, lru_cache
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


# ------------------------------------------ times, places and quantities (devsets/README.md)

DEVSETS = DEVSET.parent
# file name -> (list key, least number of sentences, keys of every annotation)
OWN_SETS: dict[str, tuple[str, int, frozenset[str]]] = {
    "times.jsonl": ("times", 120, frozenset({"text", "start", "end", "type", "value"})),
    "places.jsonl": ("places", 80, frozenset({"text", "start", "end", "name", "country", "lat",
                                              "lon", "feature"})),
    "quantities.jsonl": ("quantities", 80,
                         frozenset({"text", "start", "end", "value", "unit", "kind", "approximate",
                                    "qualifier", "range"})),
}  # fmt: skip
OPTIONAL_KEYS = {"times.jsonl": frozenset({"also"})}
TIMEX3_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
PLACE_FEATURES = frozenset({"country", "admin1", "city", "region", "water", "other"})


@cache
def own_items(file_name: str) -> tuple[dict[str, Any], ...]:
    lines = (DEVSETS / file_name).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def annotations(file_name: str) -> list[tuple[str, dict[str, Any]]]:
    key = OWN_SETS[file_name][0]
    return [(item["id"], ann) for item in own_items(file_name) for ann in item[key]]


@pytest.mark.parametrize("file_name", sorted(OWN_SETS))
def test_own_set_items_have_id_date_text_and_annotations(file_name: str) -> None:
    key, least, _ = OWN_SETS[file_name]
    items = own_items(file_name)
    assert len(items) >= least, f"{file_name} has {len(items)} sentences, wants {least}"
    wrong = [item.get("id") for item in items if set(item) != {"id", "published", "text", key}]
    assert not wrong, f"items with missing or extra keys: {wrong}"
    for item in items:
        dt.date.fromisoformat(item["published"])
        assert isinstance(item[key], list), item["id"]


@pytest.mark.parametrize("file_name", sorted(OWN_SETS))
def test_own_set_ids_are_numbered_in_order_and_texts_unique(file_name: str) -> None:
    prefix = OWN_SETS[file_name][0]
    ids = [item["id"] for item in own_items(file_name)]
    assert ids == [f"{prefix}-{n:03d}" for n in range(1, len(ids) + 1)]
    texts = Counter(item["text"] for item in own_items(file_name))
    assert not [t for t, n in texts.items() if n > 1], "a sentence is written twice"


@pytest.mark.parametrize("file_name", sorted(OWN_SETS))
def test_own_set_annotations_have_their_fields(file_name: str) -> None:
    required = OWN_SETS[file_name][2]
    allowed = required | OPTIONAL_KEYS.get(file_name, frozenset())
    wrong = [i for i, ann in annotations(file_name) if not required <= set(ann) <= allowed]
    assert not wrong, f"annotations with missing or extra fields: {wrong}"


@pytest.mark.parametrize("file_name", sorted(OWN_SETS))
def test_own_set_spans_are_the_text_they_name_in_reading_order(file_name: str) -> None:
    key = OWN_SETS[file_name][0]
    for item in own_items(file_name):
        ends = [0]
        for ann in item[key]:
            assert item["text"][ann["start"] : ann["end"]] == ann["text"], (item["id"], ann)
            assert ann["start"] >= ends[-1], f"{item['id']}: spans overlap or are out of order"
            ends.append(ann["end"])


def test_times_have_timex3_types_and_values() -> None:
    from brinkwatch.evaluate.times_gold import TIMEX3_VALUE

    for item_id, t in annotations("times.jsonl"):
        assert t["type"] in TIMEX3_TYPES, (item_id, t)
        for value in [t["value"], *t.get("also", [])]:
            assert TIMEX3_VALUE.fullmatch(value), (item_id, value)
        if t["type"] == "DURATION":
            assert t["value"].startswith("P"), (item_id, t)


def test_named_weekdays_resolve_to_that_weekday() -> None:
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for item_id, t in annotations("times.jsonl"):
        named = [n for n, day in enumerate(days) if day in t["text"].lower()]
        if named and re.match(r"\d{4}-\d\d-\d\d", t["value"]):
            weekday = dt.date.fromisoformat(t["value"][:10]).weekday()
            assert weekday == named[0], (item_id, t)


def test_places_have_coordinates_codes_and_features() -> None:
    for item_id, p in annotations("places.jsonl"):
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180, (item_id, p)
        assert p["country"] is None or re.fullmatch(r"[A-Z]{3}", p["country"]), (item_id, p)
        assert p["feature"] in PLACE_FEATURES, (item_id, p)
        assert p["country"] is not None or p["feature"] in ("water", "region", "other"), item_id


def test_quantities_kind_follows_unit_and_vague_numbers_are_approximate() -> None:
    for item_id, q in annotations("quantities.jsonl"):
        money = bool(re.fullmatch(r"[A-Z]{3}", q["unit"]))
        kind = "money" if money else "percent" if q["unit"] == "percent" else "count"
        assert q["kind"] == kind, (item_id, q)
        assert isinstance(q["approximate"], bool), (item_id, q)
        if q["value"] is None:
            assert q["approximate"], f"{item_id}: a vague number is approximate"
        if q["range"] is not None:
            low, high = q["range"]
            assert q["value"] == low < high, f"{item_id}: a range's value is its lower bound"
