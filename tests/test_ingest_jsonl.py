"""Layout 3: JSON Lines and JSON, text taken exactly as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.ingest import article_id, read_paths
from brinkwatch.records import Article, ReadFailure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FEED = FIXTURES / "jsonl" / "feed.jsonl"


def read_feed() -> list[Article | ReadFailure]:
    return list(read_paths([str(FEED)]))


def test_ids_follow_the_contract_and_keep_the_feed_id() -> None:
    first = read_feed()[0]
    assert isinstance(first, Article)
    assert first.id == article_id(first.url, first.text)
    assert first.source_id == "feed-1"


def test_broken_lines_are_reported_by_file_and_line_and_the_batch_goes_on() -> None:
    outcome = [
        (i.path.rsplit("/", 1)[-1], i.reason) if isinstance(i, ReadFailure) else i.source_id
        for i in read_feed()
    ]
    assert outcome == [
        "feed-1",
        "feed-2",
        ("feed.jsonl:3", "bad-json"),
        None,  # no id of its own: only the contract's sha256 id
        ("feed.jsonl:6", "bad-record"),
        ("feed.jsonl:7", "bad-record"),
        ("feed.jsonl:8", "no-body"),
        "7",
    ]


def test_text_is_kept_exactly_as_given_and_offsets_index_it() -> None:
    first = read_feed()[0]
    assert isinstance(first, Article)
    assert first.text == (
        "  Poland said on Monday it would host more U.S. troops.\n\n"
        "The defence ministry gave no numbers.  "
    )
    assert first.sections[0].start == 0 and first.sections[0].end == len(first.text)


def test_optional_fields_are_mapped() -> None:
    first = read_feed()[0]
    assert isinstance(first, Article)
    assert (first.title, first.url, first.agency, first.published) == (
        "Poland to Host More Troops",
        "https://feed.example.org/a/1",
        "Example Wire",
        "2022-02-07",
    )
    assert first.path == str(FEED)


@pytest.mark.parametrize(
    ("published", "argument", "expected"),
    [
        ('"2022-02-01T16:45:00+01:00"', None, "2022-02-01"),
        ('"2022-02-01"', "2021-01-01", "2022-02-01"),
        ('"2022-02-01 16:45:00"', None, "2022-02-01"),
        ('"February 1, 2022"', None, "2022-02-01"),
        ('"last week"', "2022-01-05", "2022-01-05"),
        ("null", "2022-01-05", "2022-01-05"),
        ("12345", None, None),
    ],
)
def test_published_is_normalised_with_fallback(
    tmp_path: Path, published: str, argument: str | None, expected: str | None
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(f'{{"text": "Body.", "published": {published}}}\n', encoding="utf-8")
    [article] = read_paths([str(path)], published=argument)
    assert isinstance(article, Article) and article.published == expected


def test_file_name_date_is_the_last_fallback(tmp_path: Path) -> None:
    path = tmp_path / "feed-2022-02-14.jsonl"
    path.write_text('{"text": "Body."}\n', encoding="utf-8")
    [article] = read_paths([str(path)])
    assert isinstance(article, Article) and article.published == "2022-02-14"


def test_crlf_bom_jsonl_keeps_escaped_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Line one.\\r\\nLine two."}\r\n{"text": "Two."}\r\n')
    items = list(read_paths([str(path)]))
    assert [i.text for i in items if isinstance(i, Article)] == ["Line one.\r\nLine two.", "Two."]


def test_json_array_and_single_object() -> None:
    items = list(read_paths([str(FIXTURES / "json")]))
    summary = [
        (Path(i.path).name, i.reason) if isinstance(i, ReadFailure) else i.source_id
        for i in items
    ]
    assert summary[0] == "arr-1"
    assert summary[2] == ("array.json[2]", "bad-record")
    assert summary[3] == ("malformed.json", "bad-json")
    assert summary[4] == "one"


def test_id_from_url_when_feed_gives_no_id(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text('{"text": "Body.", "url": "https://example.org/x"}\n', encoding="utf-8")
    [article] = read_paths([str(path)])
    assert isinstance(article, Article)
    assert article.id == article_id("https://example.org/x", "ignored")


def test_json_lines_saved_as_json_are_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text('{"text": "One."}\n{"text": "Two."}\n{"text": 3}\n', encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert [getattr(i, "text", None) for i in items[:2]] == ["One.", "Two."]
    assert isinstance(items[2], ReadFailure) and items[2].path == f"{path}:3"
