"""Readers: files, folders, standard input -> :class:`~brinkwatch.records.Article`.

The cascade: :func:`read_paths` finds inputs (``files``), decodes them, picks
the layout by file ending or content (``layouts``) and hands the text to one
reader per layout: exported news text (``text``), HTML pages (``html``), JSON
Lines and JSON (``jsonl``).  Bad inputs come out as
:class:`~brinkwatch.records.ReadFailure` items; the batch always goes on.
See docs/data/readers.md for the decisions (date fallback order, ids).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

from brinkwatch.ingest.dates import checked_published, normalize_date
from brinkwatch.ingest.failures import failure
from brinkwatch.ingest.files import FoundFile, decode_bytes, discover, looks_binary
from brinkwatch.ingest.ids import article_id
from brinkwatch.ingest.layouts import read_file, text_article
from brinkwatch.ingest.text import read_text
from brinkwatch.records import Article, ReadFailure

STDIN = "-"


def read_paths(
    paths: Iterable[str], published: str | None = None
) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths`` (files, folders searched recursively, ``-``
    for standard input), in a stable order, streaming; failures are yielded, not raised.

    Raises :class:`~brinkwatch.errors.ReadError` only for a ``published`` value that
    is not a date, before anything is read."""
    published = checked_published(published)
    for given in paths:
        path = os.fspath(given)  # a pathlib.Path works too; Article.path stays a str
        if path == STDIN:
            yield _read_stdin(published)
            continue
        for found in discover(path):
            if isinstance(found, FoundFile):
                yield from read_file(found.path, published)
            else:
                yield found


def _read_stdin(published: str | None) -> Article | ReadFailure:
    """Standard input is read as layout 1 (exported news text)."""
    if sys.stdin is None:  # started without standard input (a daemon, some CI runners)
        return failure(STDIN, "unreadable", "there is no standard input to read")
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        text = sys.stdin.read()
    else:
        data = buffer.read()
        if looks_binary(data):
            return failure(STDIN, "binary", "standard input holds binary data, not text")
        text = decode_bytes(data)
    if not text.strip():
        return failure(STDIN, "empty", "standard input was empty")
    return text_article(text, STDIN, published)


__all__ = ["article_id", "normalize_date", "read_paths", "read_text"]
