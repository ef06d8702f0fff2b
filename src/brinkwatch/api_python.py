"""The Python API: ``extract`` and ``extract_file`` (re-exported from the package)."""

from __future__ import annotations

from pathlib import Path

from brinkwatch.ingest import read_paths, read_text
from brinkwatch.pipeline import process_many
from brinkwatch.records import Article, ArticleRecord, ReadFailure
from brinkwatch.settings import Settings


def extract(
    text: str, published: str | None = None, settings: Settings | None = None
) -> ArticleRecord:
    """Extract every record from one article given as text (read as layout 1)."""
    article = read_text(text, published=published)
    return next(process_many([article], settings))


def extract_file(
    path: str | Path, published: str | None = None, settings: Settings | None = None
) -> tuple[ArticleRecord, ...]:
    """Extract every article in a file or folder (any layout); unreadable inputs
    raise :class:`~brinkwatch.errors.ReadError`."""
    from brinkwatch.errors import ReadError

    articles: list[Article] = []
    for item in read_paths([str(path)], published=published):
        if isinstance(item, ReadFailure):
            raise ReadError(item.path, item.reason, item.message)
        articles.append(item)
    return tuple(process_many(articles, settings))
