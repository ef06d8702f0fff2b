"""Articles posted to the API: JSON (layout 3: one object or a list) or text (layout 1, HTML).

Everything is validated before anything is written: one bad article rejects
the whole request with a 4xx that names each problem.
"""

from __future__ import annotations

from fastapi import HTTPException

from brinkwatch.ingest.files import decode_bytes, looks_binary
from brinkwatch.ingest.layouts import read_decoded
from brinkwatch.records import Article, ReadFailure

LAYOUTS = {"application/json": "json", "application/x-ndjson": "jsonl",
           "application/jsonl": "jsonl", "text/plain": "text", "text/markdown": "text",
           "text/html": "html"}  # fmt: skip
MAX_ARTICLES = 500


def parse_articles(body: bytes, content_type: str) -> list[Article]:
    """The articles of a request body, or an HTTP error saying what is wrong."""
    media = content_type.split(";")[0].strip().lower() or "application/json"
    layout = LAYOUTS.get(media)
    if layout is None:
        raise HTTPException(415, f"unsupported content type {media!r}; use one of: "
                                 f"{', '.join(sorted(LAYOUTS))}")  # fmt: skip
    if not body.strip():
        raise HTTPException(400, "the request body is empty; send an article")
    if looks_binary(body):
        raise HTTPException(400, "the request body is binary data, not text")
    items = list(read_decoded(decode_bytes(body), "api", layout, None))
    problems = [f"{f.path}: {f.message}" for f in items if isinstance(f, ReadFailure)]
    if problems:
        raise HTTPException(422, {"message": "nothing was stored", "problems": problems})
    articles = [a for a in items if isinstance(a, Article)]
    if len(articles) > MAX_ARTICLES:
        raise HTTPException(413, f"{len(articles)} articles in one request; send at most "
                                 f"{MAX_ARTICLES}")  # fmt: skip
    return articles
