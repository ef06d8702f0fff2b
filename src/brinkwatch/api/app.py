"""The REST API and the dashboard, served by `brinkwatch serve` (FastAPI).

The server owns the store's single writer connection (DuckDB allows one writer
per file); every request takes the store lock, so reads and writes never
interleave on the connection.  Bad input gets a 4xx naming what was wrong and
nothing is written.  Write endpoints need ``Authorization: Bearer TOKEN`` when
the server was started with a token.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from brinkwatch.about import __version__
from brinkwatch.analysis import claims, deployments, escalation, network, queries
from brinkwatch.api.articles import parse_articles
from brinkwatch.errors import BrinkwatchError, QueryError
from brinkwatch.records import to_json_dict
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store

STATIC_DIR = Path(__file__).resolve().parents[1] / "dashboard" / "static"
T = TypeVar("T")


class StoreService:
    """The one store connection of a server process, behind a lock."""

    def __init__(self, path: str) -> None:
        self.store = Store(path)
        self.lock = threading.Lock()

    @contextmanager
    def use(self) -> Iterator[Store]:
        with self.lock:
            yield self.store

    def run(self, fn: Callable[[Store], T]) -> T:
        with self.use() as store:
            return fn(store)


def _plain(value: Any) -> Any:
    """JSON-friendly values (dates as ISO strings, dataclasses as dicts)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def create_app(db_path: str, settings: Settings | None = None) -> FastAPI:
    """The FastAPI application over the store at ``db_path``."""
    settings = settings or Settings()
    service = StoreService(db_path)
    app = FastAPI(
        title="brinkwatch",
        version=__version__,
        description="Events, quotes, escalation and alerts from crisis news.",
    )
    app.state.service = service
    app.state.settings = settings
    _install_error_handlers(app)
    _install_size_limit(app, settings.max_request_bytes)
    _add_read_routes(app, service)
    _add_write_routes(app, service, settings)
    _add_dashboard(app)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BrinkwatchError)
    async def _brinkwatch_error(request: Request, exc: BrinkwatchError) -> JSONResponse:
        status = 400 if isinstance(exc, QueryError) else 500
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=status)


def _install_size_limit(app: FastAPI, limit: int) -> None:
    @app.middleware("http")
    async def _limit(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return JSONResponse(
                {"detail": f"request body larger than {limit} bytes; send fewer articles"},
                status_code=413,
            )
        return await call_next(request)


def _dyad_param(dyad: str | None) -> tuple[str, str] | None:
    if not dyad:
        return None
    parts = [p.strip() for p in dyad.split(",")]
    if len(parts) != 2 or not all(parts):
        raise QueryError(f"dyad {dyad!r} must be two codes separated by a comma, e.g. RUS,USA")
    return parts[0], parts[1]


def _add_read_routes(app: FastAPI, service: StoreService) -> None:
    @app.get("/api/events", summary="Events with the CLI's filters, paginated")
    def get_events(
        actor: str | None = None, dyad: Annotated[str | None, Query(examples=["RUS,USA"])] = None,
        type: str | None = None, since: str | None = None, until: str | None = None,
        include_all: Annotated[bool, Query(alias="all")] = False,
        limit: Annotated[int, Query(ge=1, le=5000)] = 100, offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:  # fmt: skip
        flt = queries.EventFilter(actor, _dyad_param(dyad), type, since, until, include_all,
                                  limit, offset)  # fmt: skip
        rows = service.run(lambda s: queries.select_events(s, flt))
        return {"events": _plain(rows), "limit": limit, "offset": offset}

    @app.get("/api/dyads", summary="Most active dyads")
    def get_dyads(n: Annotated[int, Query(ge=1, le=100)] = 10) -> list[dict[str, Any]]:
        return _plain(service.run(lambda s: queries.top_dyads(s, n)))  # type: ignore[no-any-return]

    @app.get("/api/dyads/{a}/{b}/timeline", summary="Daily figures, index and alerts of a dyad")
    def get_timeline(a: str, b: str) -> dict[str, Any]:
        def work(s: Store) -> dict[str, Any]:
            points = [asdict(p) for p in escalation.timeline(s, a, b)]
            found = [asdict(x) for x in escalation.alerts(s, a, b)]
            return {"a": a.upper(), "b": b.upper(), "points": points, "alerts": found}

        return _plain(service.run(work))  # type: ignore[no-any-return]

    @app.get("/api/alerts", summary="Alerts of the most active dyads (or of one: ?a=RUS&b=USA)")
    def get_alerts(a: str | None = None, b: str | None = None) -> list[dict[str, Any]]:
        def work(s: Store) -> list[dict[str, Any]]:
            pairs = [(a, b)] if a and b else [(d["a"], d["b"]) for d in queries.top_dyads(s, 10)]
            return [asdict(x) for p, q in pairs for x in escalation.alerts(s, p, q)]

        return _plain(service.run(work))  # type: ignore[no-any-return]

    @app.get("/api/claims", summary="Claims (accusations, threats) with their denials")
    def get_claims(answered: bool = False) -> list[dict[str, Any]]:
        pairs = service.run(lambda s: claims.claim_pairs(s, answered))
        return _plain([asdict(p) for p in pairs])  # type: ignore[no-any-return]

    @app.get("/api/deployments", summary="The deployment ledger")
    def get_deployments() -> list[dict[str, Any]]:
        return _plain(service.run(deployments.deployments))  # type: ignore[no-any-return]

    @app.get("/api/network", summary="The weighted, directed actor network")
    def get_network(min_events: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        return _plain(service.run(lambda s: network.network(s, min_events)))  # type: ignore[no-any-return]

    @app.get("/api/quotes", summary="Quotes, optionally by speaker")
    def get_quotes(
        speaker: str | None = None, limit: Annotated[int, Query(ge=1, le=5000)] = 200
    ) -> list[dict[str, Any]]:
        return _plain(service.run(lambda s: queries.select_quotes(s, speaker, limit)))  # type: ignore[no-any-return]

    @app.get("/api/actors", summary="Actors with their mention counts")
    def get_actors(limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> list[dict[str, Any]]:
        return _plain(service.run(lambda s: queries.actor_counts(s, limit)))  # type: ignore[no-any-return]

    @app.get("/api/articles/{article_id}", summary="One article with all its records")
    def get_article(article_id: str) -> Any:
        record = service.run(lambda s: s.load_record(article_id))
        if record is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return to_json_dict(record)


def _check_token(settings: Settings) -> Callable[[Request], None]:
    def check(request: Request) -> None:
        if settings.api_token and request.headers.get("authorization") != (
            f"Bearer {settings.api_token}"
        ):
            raise HTTPException(401, "this server needs 'Authorization: Bearer <token>' to write")

    return check


def _add_write_routes(app: FastAPI, service: StoreService, settings: Settings) -> None:
    @app.post(
        "/api/articles",
        summary="Add one or many articles (JSON objects as in layout 3, or text as layout 1)",
        dependencies=[Depends(_check_token(settings))],
        status_code=201,
    )
    async def post_articles(request: Request) -> dict[str, Any]:
        body = await _read_limited(request, settings.max_request_bytes)
        articles = parse_articles(body, request.headers.get("content-type", ""))
        from brinkwatch.analysis.merge import rebuild_clusters
        from brinkwatch.pipeline import process_many

        # Extraction takes seconds (the first call loads the model): off the event loop,
        # so reads keep being answered while articles are posted.
        records = await run_in_threadpool(lambda: list(process_many(articles, settings)))
        result = service.run(lambda s: s.write_batch(records))
        service.run(rebuild_clusters)
        return {
            "stored": result.stored, "replaced": result.replaced, "unchanged": result.unchanged,
            "articles": [{"id": r.article.id, "events": len(r.events), "quotes": len(r.quotes),
                          "errors": [e.message for e in r.errors]} for r in records],
        }  # fmt: skip


async def _read_limited(request: Request, limit: int) -> bytes:
    """The body, refused past ``limit`` bytes even when it comes chunked, without a
    Content-Length for the size middleware to check."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body larger than {limit} bytes; send fewer articles")
    return bytes(body)


def _add_dashboard(app: FastAPI) -> None:
    if (STATIC_DIR / "index.html").is_file():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        page = STATIC_DIR / "index.html"
        if not page.is_file():
            return JSONResponse({"detail": "dashboard assets are not installed"}, 404)
        return FileResponse(page, media_type="text/html")

