"""Layout 2: a saved article page, read with trafilatura.

trafilatura finds the article's main text and metadata (title, authors, date,
canonical url) and leaves out navigation, footers, captions and comments.  We
ask for Markdown formatting only to learn where the sub-headings are; the
Markdown markers are then removed the same way as in layout 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import trafilatura

from brinkwatch.ingest.body import PARAGRAPH_BREAK, Block, assemble
from brinkwatch.ingest.dates import checked_published, date_from_file_name, normalize_date
from brinkwatch.ingest.failures import failure
from brinkwatch.ingest.ids import article_id
from brinkwatch.ingest.markdown import clean_inline, heading_text, strip_block_markers
from brinkwatch.ingest.meta import ends_sentence
from brinkwatch.ingest.paragraphs import is_heading_like
from brinkwatch.records import Article, ReadFailure

# Only dates the page states (meta tags, <time>, the url, a date line): the extensive
# search would turn a "(c) 2022" footer into 2022-01-01.
_DATE_SEARCH: dict[str, Any] = {"extensive_search": False, "original_date": True}
_BOLD_LINE = re.compile(r"\*\*[^*]+\*\*")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def read_html(html: str, path: str, published: str | None) -> Article | ReadFailure:
    """One article from a saved page, or a failure when no article text is found."""
    fields = _extract(html, path)
    if isinstance(fields, ReadFailure):
        return fields
    title = _string(fields.get("title"))
    body, sections = assemble(_blocks(fields.get("text") or "", title))
    if not _has_sentence(body):
        # trafilatura falls back to any text it finds ("Home"); that is not an article.
        return failure(path, "no-body", "no article text found in the page")
    url = _string(fields.get("url"))
    return Article(
        id=article_id(url, body), text=body, path=path, title=title,
        authors=_authors(fields.get("author")),
        published=normalize_date(fields.get("date") or "") or checked_published(published)
        or date_from_file_name(path),
        url=url, sections=sections,
    )  # fmt: skip


def _extract(html: str, path: str) -> dict[str, Any] | ReadFailure:
    """trafilatura's fields for the page (an empty dict when it finds nothing)."""
    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_images=False,
            include_tables=False, include_formatting=True, include_links=False,
            date_extraction_params=_DATE_SEARCH,
        )  # fmt: skip
    except Exception as exc:  # a third-party parser on arbitrary pages: one bad page
        # must cost only that page, never the batch (lxml and htmldate raise many types)
        return failure(path, "html-error", f"trafilatura failed ({type(exc).__name__}: {exc})")
    return _as_dict(document)


def _blocks(text: str, title: str | None) -> Iterator[Block]:
    """Paragraphs and headings of trafilatura's Markdown; the title heading is skipped."""
    for line in text.split("\n"):
        line = _LIST_MARKER.sub("", strip_block_markers(line))
        heading = heading_text(line)
        plain = " ".join(clean_inline(heading if heading is not None else line).split())
        # Many sites mark sub-headings up as a bold paragraph, not as <h2>.
        is_heading = heading is not None or (
            _BOLD_LINE.fullmatch(line.strip()) is not None and is_heading_like(plain)
        )
        if plain and not (is_heading and plain == title):
            yield Block(plain, is_heading=is_heading)


def _has_sentence(body: str) -> bool:
    return any(ends_sentence(p) and len(p.split()) >= 3 for p in body.split(PARAGRAPH_BREAK))


def _as_dict(document: Any) -> dict[str, Any]:
    """trafilatura returns a Document (or a dict when asked, or None when it finds nothing)."""
    if document is None:
        return {}
    return dict(document) if isinstance(document, dict) else dict(document.as_dict())


def _authors(value: Any) -> tuple[str, ...]:
    """trafilatura joins several authors with "; "."""
    if not isinstance(value, str):
        return ()
    return tuple(dict.fromkeys(a.strip() for a in value.split(";") if a.strip()))


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
