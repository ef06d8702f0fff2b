"""Golden expectations for the demo corpus: the `article` metadata the reader must
produce, and checks that every golden record points at text the article really holds.

The format of ``tests/golden/*.json`` is documented in ``docs/corpus.md``.  Only the
metadata is compared with the pipeline here; the record lists are scored by the
integration test that reads the same files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from brinkwatch.ingest import read_paths
from brinkwatch.records import Article, ReadFailure

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden"
GOLDEN_FILES = sorted(GOLDEN_DIR.glob("*.json"))
RECORD_LISTS = ("events", "not_events", "quotes", "quantities", "places", "times")
ARTICLE_KEYS = ("title", "authors", "agency", "published", "url", "photo_credit", "related",
                "headings")  # fmt: skip


def load_golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def read_article(relative: str) -> Article:
    """The one article the reader makes of a demo file (golden files name layout-1 files)."""
    items = list(read_paths([str(ROOT / relative)]))
    assert len(items) == 1, f"{relative}: expected one article, got {len(items)}"
    item = items[0]
    assert not isinstance(item, ReadFailure), f"{relative}: {item.reason}: {item.message}"
    return item


def article_metadata(article: Article) -> dict[str, Any]:
    """The reader's output in the shape of a golden file's `article` object."""
    return {
        "title": article.title,
        "authors": list(article.authors),
        "agency": article.agency,
        "published": article.published,
        "url": article.url,
        "photo_credit": article.photo_credit,
        "related": list(article.related),
        "headings": [s.heading for s in article.sections if s.heading is not None],
    }


def test_there_are_enough_golden_files() -> None:
    assert len(GOLDEN_FILES) >= 6


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_file_is_well_formed(path: Path) -> None:
    golden = load_golden(path)
    assert golden["file"] == f"corpus/demo/{path.stem}.txt"
    assert (ROOT / golden["file"]).is_file()
    assert set(golden["article"]) == set(ARTICLE_KEYS)
    for key in RECORD_LISTS:
        assert isinstance(golden[key], list), f"{path.name}: {key} must be a list"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("key", ARTICLE_KEYS)
def test_reader_produces_golden_metadata(path: Path, key: str) -> None:
    golden = load_golden(path)
    produced = article_metadata(read_article(golden["file"]))
    assert produced[key] == golden["article"][key]


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_quotes_and_times_are_in_the_body(path: Path) -> None:
    """A golden quote or time that the body does not contain could never be matched:
    such a golden file is wrong, whatever the extractors do."""
    golden = load_golden(path)
    text = read_article(golden["file"]).text
    for quote in golden["quotes"]:
        assert quote["starts_with"] in text, f"{path.name}: quote {quote['starts_with']!r}"
    for time in golden["times"]:
        assert time["text"] in text, f"{path.name}: time {time['text']!r}"
    for place in golden["places"]:
        assert place["name"] in text, f"{path.name}: place {place['name']!r}"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_quantities_are_written_in_the_body(path: Path) -> None:
    golden = load_golden(path)
    text = read_article(golden["file"]).text
    for quantity in golden["quantities"]:
        assert _spellings(quantity["value"]) & _words(text), f"{path.name}: {quantity}"


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}


def _spellings(value: float) -> set[str]:
    """How a golden value may be written: digits with thousands separators, a number
    word, or millions ("200 million")."""
    number = int(value)
    forms = {f"{number:,}", str(number)}
    if number in _NUMBER_WORDS:
        forms.add(_NUMBER_WORDS[number])
    if number >= 1_000_000 and number % 1_000_000 == 0:
        forms.add(f"{number // 1_000_000}")
    return forms


def _words(text: str) -> set[str]:
    return {word.strip(".,;:()\"'$").lower() for word in text.split()}
