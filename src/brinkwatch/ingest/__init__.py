"""Readers: files, folders, standard input -> :class:`~brinkwatch.records.Article`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from brinkwatch.records import Article, ReadFailure


def read_text(text: str, path: str | None = None, published: str | None = None) -> Article:
    """Read one article in layout 1 (exported news text) from a string."""
    raise NotImplementedError


def read_paths(
    paths: Iterable[str], published: str | None = None
) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths`` (files, folders searched recursively, ``-``
    for standard input), in a stable order, streaming; failures are yielded, not raised."""
    raise NotImplementedError
