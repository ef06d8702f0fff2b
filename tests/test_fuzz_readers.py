"""Fuzzing the readers' whole dispatch (every layout, JSON shapes, raw bytes): nothing
escapes, every item is an Article or a named ReadFailure, sections fit the text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from brinkwatch.ingest import read_paths
from brinkwatch.ingest.files import decode_bytes, looks_binary
from brinkwatch.ingest.layouts import read_decoded, sniff_layout
from brinkwatch.records import Article, ReadFailure

LAYOUTS = ("text", "html", "json", "jsonl")
SURROGATE = re.compile("[\ud800-\udfff]")

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=30))  # fmt: skip
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip
RECORDS = st.fixed_dictionaries(
    {},
    optional={"text": st.one_of(st.text(max_size=80), JSON_VALUES), "title": JSON_VALUES,
              "url": JSON_VALUES, "published": st.one_of(st.text(max_size=12), JSON_VALUES),
              "source": JSON_VALUES, "id": JSON_VALUES},
)  # fmt: skip
MARKUP = st.lists(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<script>", "<!--", "-->",
                                   "<article>", "Kyiv said on Monday.", "&amp;", "&#xD800;",
                                   "<title>T</title>", "\x00", "]]>", "<br/>"]),
                  max_size=25).map("".join)  # fmt: skip


def check_items(items: list[Article | ReadFailure]) -> None:
    for item in items:
        assert isinstance(item, Article | ReadFailure)
        if isinstance(item, ReadFailure):
            assert item.reason and item.message and item.path
            continue
        assert item.text.strip(), "an article without a body must be a failure"
        assert not SURROGATE.search(item.text), "lone surrogates break spaCy and DuckDB"
        for section in item.sections:
            assert 0 <= section.start <= section.end <= len(item.text)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300), layout=st.sampled_from(LAYOUTS))
@example(text="[" * 5000, layout="json")
@example(text='{"text": "\\ud800 half a pair"}', layout="jsonl")
@example(text='[{"text": "ok \\udfff"}]', layout="json")
def test_any_text_in_any_layout(text: str, layout: str) -> None:
    check_items(list(read_decoded(text, "fuzz.in", layout, None)))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(RECORDS, JSON_VALUES), max_size=6))
def test_any_json_records(records: list[Any]) -> None:
    feed = "\n".join(json.dumps(r) for r in records)
    check_items(list(read_decoded(feed, "feed.jsonl", "jsonl", "2022-02-01")))
    check_items(list(read_decoded(json.dumps(records), "feed.json", "json", None)))


@settings(max_examples=60, deadline=None)
@given(MARKUP)
def test_any_markup_as_html(page: str) -> None:
    check_items(list(read_decoded(page, "page.html", "html", None)))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
@example(b"\xff\xfe" + "Kyiv".encode("utf-16-le") + b"\x00\xd8")  # UTF-16, half a pair
@example(b"\xfe\xff\x00")
def test_any_bytes_decode_to_text_a_layout_can_read(data: bytes) -> None:
    if looks_binary(data):
        return
    text = decode_bytes(data)
    check_items(list(read_decoded(text, "raw.bin", sniff_layout(text), None)))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.binary(max_size=400), ending=st.sampled_from([".txt", ".html", ".json",
                                                              ".jsonl", ".md", ""]))  # fmt: skip
def test_any_file_through_read_paths(tmp_path: Path, data: bytes, ending: str) -> None:
    path = tmp_path / f"fuzz{ending}"
    path.write_bytes(data)
    check_items(list(read_paths([str(path)])))
