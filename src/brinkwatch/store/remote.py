"""Ingest through a running server: used when `brinkwatch serve` owns the store.

Articles are read locally (same readers, same ids) and posted in batches to
``POST /api/articles``; the server extracts and stores them, one transaction per
batch, exactly as a local ingest would.  Read failures are reported in the
summary; the API has no endpoint for them, so they do not reach ``ingest_errors``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx

from brinkwatch.errors import StoreError
from brinkwatch.ingest import read_paths
from brinkwatch.records import Article
from brinkwatch.settings import Settings
from brinkwatch.store.loader import IngestSummary, Progress, batches
from brinkwatch.store.server_info import ServerInfo

# Extraction of a batch happens inside the request: allow for a slow, shared machine.
REQUEST_TIMEOUT_S = 600.0


def article_payload(article: Article) -> dict[str, Any]:
    """The layout-3 JSON object the API reads back into the same article (same id)."""
    return {"text": article.text, "title": article.title, "url": article.url,
            "published": article.published, "source": article.agency,
            "id": article.source_id}  # fmt: skip


def ingest_via_server(
    paths: Iterable[str],
    server: ServerInfo,
    settings: Settings,
    published: str | None = None,
    on_progress: Progress | None = None,
) -> IngestSummary:
    """Read ``paths`` and post the articles to ``server``, ``settings.batch_size`` at a time."""
    summary = IngestSummary()
    headers = {"Authorization": f"Bearer {settings.api_token}"} if settings.api_token else {}
    with httpx.Client(base_url=server.url, headers=headers, timeout=REQUEST_TIMEOUT_S) as client:
        for articles, failures in batches(read_paths(paths, published), settings.batch_size):
            if articles:
                _add_response(summary, _post(client, server, articles))
            summary.read += len(articles)
            summary.add_failures(failures)
            if on_progress:
                on_progress(len(articles) + len(failures))
    return summary


def _post(client: httpx.Client, server: ServerInfo, articles: list[Article]) -> dict[str, Any]:
    try:
        response = client.post("/api/articles", json=[article_payload(a) for a in articles])
    except httpx.HTTPError as exc:
        raise StoreError(
            f"the store is owned by the server at {server.url} (pid {server.pid}), which did "
            f"not answer ({exc}); check that it runs, or stop it and ingest again"
        ) from exc
    if response.status_code == 401:
        raise StoreError(
            f"the server at {server.url} owns the store and needs a token to write; set "
            "BRINKWATCH_API_TOKEN (or --token) to the token it was started with"
        )
    if response.status_code >= 400:
        raise StoreError(
            f"the server at {server.url} refused a batch of {len(articles)} articles "
            f"(HTTP {response.status_code}: {response.text[:500]})"
        )
    body: dict[str, Any] = response.json()
    return body


def _add_response(summary: IngestSummary, body: dict[str, Any]) -> None:
    summary.stored += int(body.get("stored", 0))
    summary.replaced += int(body.get("replaced", 0))
    summary.unchanged += int(body.get("unchanged", 0))
    for item in body.get("articles", []):
        summary.events += int(item.get("events", 0))
        summary.quotes += int(item.get("quotes", 0))
        summary.article_errors += 1 if item.get("errors") else 0
