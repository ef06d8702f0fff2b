"""The records' own machinery: the JSON form and the pickling workers rely on."""

from __future__ import annotations

import dataclasses
import math
import pickle
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from brinkwatch.records import ArticleRecord, from_json_dict, to_json_dict


def has_nan(value: Any) -> bool:
    """NaN is never equal to itself, so records holding one cannot be compared."""
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, dict):
        return any(has_nan(v) for v in value.values())
    if isinstance(value, list):
        return any(has_nan(v) for v in value)
    return False


def generic_json(value: Any) -> Any:
    """The JSON form spelled out the slow, obvious way: what to_json_dict must equal."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = [f.name for f in dataclasses.fields(value)]
        if isinstance(value, ArticleRecord):
            names.remove("schema")
            names.insert(0, "schema")
        return {name: generic_json(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [generic_json(item) for item in value]
    return value


RECORDS = st.from_type(ArticleRecord).filter(lambda r: not has_nan(generic_json(r)))


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_a_record_survives_pickling_as_workers_send_it(record: ArticleRecord) -> None:
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        assert pickle.loads(pickle.dumps(record, protocol=protocol)) == record


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_the_json_form_has_every_field_in_declared_order(record: ArticleRecord) -> None:
    data = to_json_dict(record)
    assert data == generic_json(record)
    assert list(data) == list(generic_json(record))
    assert next(iter(data)) == "schema"


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_the_json_form_reads_back_as_the_same_record(record: ArticleRecord) -> None:
    assert from_json_dict(ArticleRecord, to_json_dict(record)) == record
