"""Layout 3: JSON Lines (one article per line) and JSON (an array or one object).

Only ``text`` is required.  The text is used exactly as given, so character
offsets refer to it unchanged; nothing is cleaned.  A broken line or record
becomes a :class:`ReadFailure` naming ``file:line`` and the batch goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from brinkwatch.ingest.dates import checked_published, date_from_file_name, normalize_date
from brinkwatch.ingest.failures import failure
from brinkwatch.ingest.ids import article_id
from brinkwatch.records import Article, ReadFailure, Section

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(
    lines: Iterable[str], path: str, published: str | None
) -> Iterator[Article | ReadFailure]:
    """One article per non-blank line; a bad line is reported as ``path:line``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:  # nesting deeper than Python's stack
            yield failure(where, "bad-json", f"line {number} is not valid JSON ({exc})")
            continue
        yield article_from_record(record, path, where, published)


def read_json(text: str, path: str, published: str | None) -> Iterator[Article | ReadFailure]:
    """A JSON array of article objects, or one object."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # nesting deeper than Python's stack
        if _first_line_is_object(text):  # JSON Lines saved with a .json ending
            yield from read_jsonl(text.split("\n"), path, published)
        else:
            yield failure(path, "bad-json", f"not valid JSON ({exc})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = f"{path}[{index}]" if isinstance(data, list) else path
        yield article_from_record(record, path, where, published)


def article_from_record(
    record: Any, path: str, where: str, published: str | None
) -> Article | ReadFailure:
    """An :class:`Article` from one record; the feed's own ``id`` is kept as ``source_id``."""
    if not isinstance(record, dict):
        return failure(where, "bad-record", f"expected a JSON object, got {type(record).__name__}")
    text = _without_lone_surrogates(record.get("text"))
    if not isinstance(text, str):
        return failure(where, "bad-record", "the record has no string field 'text'")
    if not text.strip():
        return failure(where, "no-body", "the record's 'text' is empty")
    url = _string(record.get("url"))
    return Article(
        id=article_id(url, text), source_id=_given_id(record.get("id")),
        text=text, path=path, title=_string(record.get("title")),
        agency=_string(record.get("source")),
        published=_record_date(record.get("published")) or checked_published(published)
        or date_from_file_name(path),
        url=url, sections=(Section(None, 0, len(text)),),
    )  # fmt: skip


def _first_line_is_object(text: str) -> bool:
    first, _, rest = text.strip().partition("\n")
    try:
        return isinstance(json.loads(first), dict) and bool(rest.strip())
    except (ValueError, RecursionError):
        return False


def _given_id(value: Any) -> str | None:
    """The feed's own id (a string or an integer), so results can be joined back."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _string(value: Any) -> str | None:
    value = _without_lone_surrogates(value)
    return value.strip() or None if isinstance(value, str) else None


def _without_lone_surrogates(value: Any) -> Any:
    """JSON may escape half a surrogate pair ("\\ud800"); spaCy and DuckDB cannot encode
    it.  Replace it by U+FFFD, one character for one, so offsets do not move."""
    return _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _record_date(value: Any) -> str | None:
    return normalize_date(value) if isinstance(value, str) else None
