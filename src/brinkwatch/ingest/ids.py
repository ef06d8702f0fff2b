"""Stable article ids."""

from __future__ import annotations

import hashlib


def article_id(url: str | None, text: str) -> str:
    """sha256 hex of the url when there is one, else of the body with whitespace
    collapsed, so re-exported copies of the same article get the same id."""
    key = url.strip() if url and url.strip() else " ".join(text.split())
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
