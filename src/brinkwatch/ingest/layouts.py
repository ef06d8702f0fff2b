"""Choosing the layout of one file (by its ending, else by its content) and reading it."""

from __future__ import annotations

import os
from collections.abc import Iterator

from brinkwatch.ingest.failures import failure
from brinkwatch.ingest.files import (
    MAX_FILE_BYTES,
    SNIFF_BYTES,
    decode_bytes,
    looks_binary,
    read_file_bytes,
)
from brinkwatch.ingest.html import read_html
from brinkwatch.ingest.jsonl import read_json, read_jsonl
from brinkwatch.ingest.text import read_text
from brinkwatch.records import Article, ReadFailure

_BY_ENDING = {".txt": "text", ".md": "text", ".markdown": "text", ".html": "html",
              ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
              ".json": "json"}  # fmt: skip


def read_file(path: str, published: str | None) -> Iterator[Article | ReadFailure]:
    """Every article in one file; failures are yielded, never raised."""
    layout = _BY_ENDING.get(os.path.splitext(path)[1].lower())
    if layout == "jsonl":
        yield from _read_jsonl_file(path, published)
        return
    try:
        data = read_file_bytes(path)
    except OSError as exc:
        yield failure(path, "unreadable", f"cannot read the file ({exc.strerror or exc})")
        return
    problem = _byte_problem(path, data)
    if problem:
        yield problem
        return
    text = decode_bytes(data)
    yield from read_decoded(text, path, layout or sniff_layout(text), published)


def read_decoded(
    text: str, path: str, layout: str, published: str | None
) -> Iterator[Article | ReadFailure]:
    """Dispatch decoded text to the reader of ``layout``."""
    if layout == "html":
        yield read_html(text, path, published)
    elif layout == "json":
        yield from read_json(text, path, published)
    elif layout == "jsonl":
        yield from read_jsonl(text.split("\n"), path, published)
    else:
        yield text_article(text, path, published)


def text_article(text: str, path: str, published: str | None) -> Article | ReadFailure:
    """Layout 1, with an article that has no body reported instead of returned."""
    article = read_text(text, path=path, published=published)
    if not article.text.strip():
        return failure(path, "no-body", "only a title or metadata lines, no article text")
    return article


def sniff_layout(text: str) -> str:
    """The layout of a file whose ending says nothing: HTML, JSON, JSON Lines or text."""
    head = text.lstrip()[:2048].lower()
    if head.startswith("<") and any(t in head for t in ("<html", "<!doctype html", "<body",
                                                        "<article", "<head")):  # fmt: skip
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first_line = text.lstrip().split("\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith("}") and "\n{" in text.strip() else "json"
    return "text"


def _byte_problem(path: str, data: bytes) -> ReadFailure | None:
    if not data.strip():
        return failure(path, "empty", "the file is empty or only blank")
    if len(data) > MAX_FILE_BYTES:
        return failure(path, "too-large", f"larger than {MAX_FILE_BYTES // 2**20} MiB")
    if looks_binary(data):
        return failure(path, "binary", "the file holds binary data, not text")
    return None


def _read_jsonl_file(path: str, published: str | None) -> Iterator[Article | ReadFailure]:
    """Stream a JSON Lines file line by line: feeds can be larger than memory."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            handle.seek(0)
            problem = _byte_problem(path, head)
            if problem:
                yield problem
                return
            yield from read_jsonl((decode_bytes(raw) for raw in handle), path, published)
    except OSError as exc:
        yield failure(path, "unreadable", f"cannot read the file ({exc.strerror or exc})")
