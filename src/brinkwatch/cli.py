"""The `brinkwatch` command line: a thin layer over the Python API.

Records go to standard output, diagnostics to standard error.  Exit codes:
0 everything read; 1 an error (message on stderr); 2 usage error;
3 some inputs were skipped (each named on stderr and in ``ingest_errors``);
4 nothing could be read.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from brinkwatch.about import __version__
from brinkwatch.errors import BrinkwatchError
from brinkwatch.settings import Settings

app = typer.Typer(
    name="brinkwatch",
    help="Who did what to whom, when, where and how many: event coding for crisis news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

EXIT_OK, EXIT_ERROR, EXIT_SOME_SKIPPED, EXIT_NOTHING_READ = 0, 1, 3, 4

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
DEFAULT_DB = Path(Settings().db_path)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def main() -> None:
    """Console-script entry point: library errors become a message and exit code 1."""
    try:
        app()
    except BrinkwatchError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        raise SystemExit(EXIT_ERROR) from exc


# ----------------------------------------------------------------------------- info


@app.command()
def info(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print the package version, the spaCy model and the data-file versions."""
    from brinkwatch.data_files import data_file_versions
    from brinkwatch.nlp import model_info

    data = {"brinkwatch": __version__, **model_info(Settings.from_env().spacy_model)}
    data["data_files"] = data_file_versions()
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    for key, value in data.items():
        out.print(f"{key}: {value}", highlight=False)


# ----------------------------------------------------------------------------- extract


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for articles without one.")
    ] = None,
) -> None:
    """Extract records from articles and print them (schema brinkwatch.article/1)."""
    from brinkwatch.ingest import read_paths
    from brinkwatch.pipeline import process_many
    from brinkwatch.records import Article, ReadFailure, to_json_dict

    failures: list[ReadFailure] = []

    def articles() -> Any:
        for item in read_paths(paths, _check_date(published)):
            if isinstance(item, Article):
                yield item
            else:
                failures.append(item)
                err.print(f"skipped {item.path}: {item.message} ({item.reason})", highlight=False)

    records = process_many(articles(), Settings.from_env())
    if fmt is ExtractFormat.jsonl:
        for rec in records:
            sys.stdout.write(json.dumps(to_json_dict(rec), ensure_ascii=False) + "\n")
    elif fmt is ExtractFormat.json:
        sys.stdout.write(json.dumps([to_json_dict(r) for r in records], ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        _print_events_table([row for rec in records for row in _event_rows(rec)])
    raise typer.Exit(_exit_code(read=None, skipped=len(failures)))


def _event_rows(rec: Any) -> list[dict[str, Any]]:
    return [
        {"day": e.date.value if e.date else rec.article.published, "type": e.type,
         "source_code": e.source.code if e.source else None,
         "target_code": e.target.code if e.target else None,
         "trigger_text": e.trigger.text, "sentence": e.sentence,
         "negated": e.negated, "future": e.future}
        for e in rec.events
    ]  # fmt: skip


def _check_date(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _exit_code(read: int | None, skipped: int) -> int:
    if read == 0 and skipped:
        return EXIT_NOTHING_READ
    return EXIT_SOME_SKIPPED if skipped else EXIT_OK


# ----------------------------------------------------------------------------- ingest


class RateColumn(ProgressColumn):
    """Articles per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:6.1f} articles/s", style="cyan")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    published: Annotated[str | None, typer.Option(help="Date for undated articles.")] = None,
    batch_size: Annotated[
        int | None,
        typer.Option(min=1, help="Articles per transaction (32; 128 per worker with --workers)."),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(envvar="BRINKWATCH_API_TOKEN", help="Token, when a server owns the store."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes.")] = 1,
    dask: Annotated[
        str | None, typer.Option(help="Extract on a Dask cluster: scheduler address or 'local'.")
    ] = None,
) -> None:
    """Extract articles and store them; re-running changes nothing (idempotent).

    When `brinkwatch serve` owns the store, the articles go through its API."""
    from brinkwatch.errors import StoreError
    from brinkwatch.scale.choose import default_batch_size
    from brinkwatch.store.db import Store
    from brinkwatch.store.server_info import server_owning

    batch = batch_size or default_batch_size(workers, dask)
    settings = Settings.from_env().replace(batch_size=batch, db_path=str(db), api_token=token)
    started = time.perf_counter()
    try:
        store = Store(db)
    except StoreError as locked:  # DuckDB has one writer per file: maybe a server
        summary, counts = _ingest_remote(paths, server_owning(db, locked), settings, published)
    else:
        summary, counts = _ingest_local(paths, store, settings, published, workers, dask)
    _print_ingest_summary(summary, counts, time.perf_counter() - started)
    raise typer.Exit(_exit_code(summary.read, sum(summary.skipped.values())))


def _ingest_local(
    paths: list[str], store: Any, settings: Settings, published: str | None,
    workers: int = 1, dask: str | None = None,
) -> Any:  # fmt: skip
    from brinkwatch.scale import open_extractor
    from brinkwatch.store.loader import ingest_paths

    scaled = open_extractor(settings, workers, dask, store.path)  # this process, a pool or Dask
    with store, scaled as extractor, _progress() as progress:
        task = progress.add_task("ingesting", total=None)
        summary = ingest_paths(
            paths, store, settings, _check_date(published),
            on_progress=lambda n: progress.advance(task, n), extractor=extractor,
        )  # fmt: skip
        return summary, store.counts()


def _ingest_remote(paths: list[str], server: Any, settings: Settings, published: str | None) -> Any:
    from brinkwatch.store.remote import ingest_via_server

    err.print(f"the store is owned by the server at {server.url}; sending articles to it",
              highlight=False)  # fmt: skip
    with _progress() as progress:
        task = progress.add_task("sending", total=None)
        summary = ingest_via_server(
            paths, server, settings, _check_date(published),
            on_progress=lambda n: progress.advance(task, n),
        )  # fmt: skip
    return summary, {}


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed} items"),
        RateColumn(), TimeElapsedColumn(), console=err, transient=False,
    )  # fmt: skip


def _print_ingest_summary(summary: Any, counts: dict[str, int], seconds: float) -> None:
    rate = summary.read / seconds if seconds > 0 else 0.0
    err.print(
        f"read {summary.read} articles in {seconds:.1f}s ({rate:.1f}/s): stored {summary.stored}, "
        f"replaced {summary.replaced}, unchanged {summary.unchanged}, "
        f"skipped {sum(summary.skipped.values())}; new events {summary.events}, "
        f"new quotes {summary.quotes}",
        highlight=False,
    )
    for reason, n in sorted(summary.skipped.items()):
        err.print(f"  skipped ({reason}): {n}", highlight=False)
    for failure in summary.failures[:10]:
        err.print(f"  {failure.path}: {failure.message}", highlight=False)
    if summary.article_errors:
        err.print(f"  articles with extraction errors: {summary.article_errors}", highlight=False)
    if counts:  # unknown when a server stored the articles
        err.print(
            f"store now holds {counts['articles']} articles, {counts['events']} events, "
            f"{counts['quotes']} quotes",
            highlight=False,
        )


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder to watch (recursive).")],
    db: DbOption = DEFAULT_DB,
    interval: Annotated[float, typer.Option(min=0.0, help="Seconds between polls.")] = 2.0,
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes.")] = 1,
    published: Annotated[str | None, typer.Option(help="Date for undated articles.")] = None,
    settle: Annotated[float, typer.Option(hidden=True, help="Min file age (s).")] = 1.0,
    max_cycles: Annotated[int | None, typer.Option(hidden=True, help="Stop after N.")] = None,
) -> None:
    """Ingest new and changed files under FOLDER as they appear; Ctrl-C stops."""
    from brinkwatch.scale import open_extractor
    from brinkwatch.store.db import Store
    from brinkwatch.watch import Watcher, WatchOptions, describe_cycle

    options = WatchOptions(interval, settle, max_cycles, _check_date(published))
    settings = Settings.from_env().replace(db_path=str(db))
    err.print(f"watching {folder} every {interval:g}s into {db}; Ctrl-C stops", highlight=False)
    with Store(db) as store, open_extractor(settings, workers, None, db) as extractor:
        watcher = Watcher(str(folder), store, settings, options, extractor)
        try:
            watcher.run(on_cycle=lambda c: _print_lines(describe_cycle(c)))
        except KeyboardInterrupt:
            err.print("stopped; the next start resumes where this one ended", highlight=False)


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        err.print(line, highlight=False)


@app.command()
def follow(
    sources: Annotated[
        list[str], typer.Argument(help="RSS/Atom, news sitemap or OPML urls; url or OPML files.")
    ],
    db: DbOption = DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Time between cycles: 90s, 15m, 2h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one cycle, then exit.")] = False,
    user_agent: Annotated[
        str | None, typer.Option(help="User-Agent header, also the robots.txt name.")
    ] = None,
    rate: Annotated[
        float | None, typer.Option(min=0.0, help="Seconds between requests to a host [2].")
    ] = None,
    max_bytes: Annotated[int | None, typer.Option(min=1, help="Largest body read [5e6].")] = None,
    timeout: Annotated[float | None, typer.Option(min=0.01, help="Seconds per read [20].")] = None,
    retries: Annotated[int | None, typer.Option(min=0, help="Retries on 5xx/timeout [2].")] = None,
    give_up_after: Annotated[
        int | None, typer.Option(min=1, help="Failed cycles before a url is dropped [5].")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(min=1, help="Parallel fetches [4].")] = None,
    backoff: Annotated[float | None, typer.Option(min=0.0, hidden=True)] = None,
) -> None:
    """Follow news feeds and store each new article once (see docs/follow.md); Ctrl-C stops."""
    from brinkwatch.follow import FollowOptions, describe_cycle, parse_every
    from brinkwatch.follow import follow as follow_sources
    from brinkwatch.store.db import Store

    given = {"user_agent": user_agent, "rate": rate, "max_bytes": max_bytes, "timeout": timeout,
             "retries": retries, "give_up_after": give_up_after, "concurrency": concurrency,
             "backoff": backoff}  # fmt: skip
    options = FollowOptions().replace(**{k: v for k, v in given.items() if v is not None})
    try:
        interval = None if once else parse_every(every)
    except BrinkwatchError as exc:
        raise typer.BadParameter(exc.message, param_hint="--every") from None
    failed: list[int] = []

    def show(cycle: Any) -> None:
        failed.append(len(cycle.source_problems) + len(cycle.url_problems))
        for line in describe_cycle(cycle):
            err.print(line, highlight=False, markup=False, soft_wrap=True)

    with Store(db) as store:
        try:
            follow_sources(sources, store, options, interval, show, settings=Settings.from_env())
        except KeyboardInterrupt:
            err.print("stopped; the next start resumes where this one ended", highlight=False)
    raise typer.Exit(EXIT_SOME_SKIPPED if failed and failed[-1] else EXIT_OK)


# ----------------------------------------------------------------------------- queries


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Source or target code, e.g. RUS.")] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option(help="Source and target codes, e.g. RUS USA.")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ACCUSE.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="Also denied, hypothetical and historical events.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to a file.")] = None,
) -> None:
    """List stored events, filtered by actor, dyad, type and dates."""
    from brinkwatch.analysis.queries import EventFilter, select_events

    flt = EventFilter(actor, dyad, type_, since, until, include_all, limit)
    with _open_store(db) as store:
        rows = select_events(store, flt)
    _emit_rows(rows, fmt, output, _print_events_table)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to a file.")] = None,
) -> None:
    """List stored quotes, optionally by speaker."""
    from brinkwatch.analysis.queries import select_quotes

    with _open_store(db) as store:
        rows = select_quotes(store, speaker, limit)
    _emit_rows(rows, fmt, output, _print_quotes_table)


def _open_store(db: Path) -> Any:
    from brinkwatch.store.db import Store

    if not db.exists():
        raise BrinkwatchError(f"no store at {db}; run `brinkwatch ingest PATH --db {db}` first")
    return Store(db, read_only=True)


def _emit_rows(
    rows: list[dict[str, Any]], fmt: QueryFormat, output: Path | None, table: Any
) -> None:
    if fmt is QueryFormat.parquet:
        if output is None:
            raise typer.BadParameter("--format parquet needs -o FILE.parquet")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist([_plain(r) for r in rows]), output)
        err.print(f"wrote {len(rows)} rows to {output}", highlight=False)
        return
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt is QueryFormat.json:
            json.dump([_plain(r) for r in rows], stream, ensure_ascii=False, indent=1)
            stream.write("\n")
        elif fmt is QueryFormat.csv:
            writer = csv.DictWriter(stream, fieldnames=list(rows[0]) if rows else [])
            writer.writeheader()
            writer.writerows(_plain(r) for r in rows)
        else:
            table(rows)
    finally:
        if output:
            stream.close()


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON-friendly values (dates as ISO strings)."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def _print_events_table(rows: list[dict[str, Any]]) -> None:
    table = Table(show_lines=False)
    for col in ("day", "type", "source", "target", "trigger", "sentence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        flags = " (denied)" if r.get("negated") else " (future)" if r.get("future") else ""
        table.add_row(str(r["day"] or ""), r["type"] + flags, r["source_code"] or "",
                      r["target_code"] or "", r["trigger_text"], r["sentence"])  # fmt: skip
    out.print(table)
    err.print(f"{len(rows)} events", highlight=False)


def _print_quotes_table(rows: list[dict[str, Any]]) -> None:
    table = Table()
    for col in ("date", "speaker", "country", "direct", "quote"):
        table.add_column(col, overflow="fold")
    for r in rows:
        speaker = r["speaker_name"] or r["speaker_text"] or ""
        table.add_row(str(r["published"] or ""), speaker, r["speaker_country"] or "",
                      "yes" if r["direct"] else "no", r["text"])  # fmt: skip
    out.print(table)
    err.print(f"{len(rows)} quotes", highlight=False)


# ----------------------------------------------------------------------------- report


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "report.html"
    ),
) -> None:
    """Write a self-contained HTML report (timeline, dyads, events, quotes)."""
    from brinkwatch.analysis.report import build_report

    with _open_store(db) as store:
        page = build_report(store)
    output.write_text(page, encoding="utf-8")
    err.print(f"wrote {output} ({len(page) // 1024} KiB)", highlight=False)


@app.command()
def summary(
    db: DbOption = DEFAULT_DB,
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Report file to point at.")
    ] = None,
) -> None:
    """Print counts and the top dyads of a store."""
    from brinkwatch.analysis.queries import top_dyads

    with _open_store(db) as store:
        counts = store.counts()
        dyads = top_dyads(store, 8)
    out.print(", ".join(f"{v} {k}" for k, v in counts.items()), highlight=False)
    table = Table(title="Top dyads")
    for col in ("dyad", "events", "conflict", "cooperation", "Goldstein sum"):
        table.add_column(col)
    for d in dyads:
        table.add_row(f"{d['a']}–{d['b']}", str(d["events"]), str(d["conflict"]),
                      str(d["cooperation"]), str(d["goldstein_sum"]))  # fmt: skip
    out.print(table)
    if report_path:
        out.print(f"Report: {report_path.resolve().as_uri()}", highlight=False)
    out.print(
        f"Dashboard: run `brinkwatch serve --db {db}` (in .venv/bin) and open "
        "http://127.0.0.1:8000/ in a browser",
        highlight=False,
    )


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="plover-json, gdelt-tsv, csv, parquet or geojson.")
    ],
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")] = None,
) -> None:
    """Export events (fields documented in docs/exports.md)."""
    from brinkwatch.analysis.exports import write_export

    with _open_store(db) as store:
        if output is None or fmt == "parquet":
            count = write_export(store, fmt, None if output else sys.stdout, output)
        else:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = write_export(store, fmt, stream, output)
    err.print(f"exported {count} records ({fmt})", highlight=False)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="BRINKWATCH_API_TOKEN", help="Token for write endpoints.")
    ] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the dashboard at /."""
    import os
    import signal

    import uvicorn

    from brinkwatch.api.app import create_app
    from brinkwatch.store.server_info import ServerInfo, remove_server_info, write_server_info

    settings = Settings.from_env().replace(host=host, port=port, api_token=token, db_path=str(db))
    application = create_app(str(db), settings)  # opens the store: fails here if it is busy
    err.print(f"dashboard: http://{host}:{port}/  ·  API docs: http://{host}:{port}/docs",
              highlight=False)  # fmt: skip
    # The note tells `brinkwatch ingest --db` where to send articles while we own the store.
    write_server_info(db, ServerInfo(host, port, os.getpid(), token_needed=bool(token)))
    # uvicorn shuts down on SIGTERM, then re-raises it: exit through `finally`, not by the
    # default handler, so the note is removed.
    signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    finally:
        remove_server_info(db, os.getpid())


def _exit_quietly(signum: int, frame: object) -> None:
    raise typer.Exit(EXIT_OK)


# ----------------------------------------------------------------------------- evaluate


@app.command()
def evaluate(
    name: Annotated[
        str, typer.Argument(help="events, actors, quotes, times, places, quantities or all.")
    ],
    gold: Annotated[
        Path | None, typer.Option(help="Gold file or folder (default: the dev set).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    max_errors: Annotated[int, typer.Option(help="Misses to list.")] = 20,
) -> None:
    """Score an extractor on a labelled dev set: P/R/F1 per label and the misses."""
    from brinkwatch.evaluate import EVALUATIONS, run_evaluation

    if name == "all" and gold is not None:
        raise typer.BadParameter("--gold names one dev set; give it with a single extractor")
    names = EVALUATIONS if name == "all" else (name,)
    results = {one: run_evaluation(one, gold, limit) for one in names}
    if as_json:
        payload = {k: r.as_dict() for k, r in results.items()} if name == "all" else (
            results[name].as_dict()
        )
        typer.echo(json.dumps(payload, indent=2, default=str))
        return
    typer.echo("\n\n".join(r.as_text(max_errors) for r in results.values()))
