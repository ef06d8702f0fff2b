"""The command line: every command has help; queries and the report work on a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.records import Actor, Article, ArticleRecord, Event, Quote, Trigger
from brinkwatch.store.db import Store

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


def test_main_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    assert len(result.output.splitlines()) > 3


HOSTILE = 'Protesters posted "<script>alert(1)</script>" and <img src=x onerror=alert(1)>.'


def _record(article_id: str, day: str, kind: str, goldstein: float, text: str) -> ArticleRecord:
    rus = Actor("Russia", 0, 6, name="Russia", country="RUS", sector="GOV")
    usa = Actor("the United States", 16, 33, name="United States", country="USA")
    event = Event(
        id=f"{article_id}-0", type=kind, sentence=text, start=0, end=len(text),
        trigger=Trigger("accused", 7, 14), quad_class=3, goldstein=goldstein, why="test",
        source=rus, target=usa, confidence=0.9,
    )  # fmt: skip
    speaker = Actor("Dmitry Peskov", 0, 13, name="Dmitry Peskov", country="RUS", role="spokesman")
    return ArticleRecord(
        article=Article(article_id, text, title=f"Title <b>{article_id}</b>", published=day),
        entities=(rus, usa), events=(event,),
        quotes=(Quote(HOSTILE, 0, len(HOSTILE), True, speaker, "said"),),
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        store.write_batch([
            _record("a1", "2022-01-24", "ACCUSE", -2.0, "Russia accused the United States."),
            _record("a2", "2022-01-26", "THREATEN", -4.0, HOSTILE),
        ])  # fmt: skip
    return path


def test_events_filters_by_type_and_formats_json(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--type", "ACCUSE", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["type"], r["source_code"], r["target_code"]) for r in rows] == [
        ("ACCUSE", "RUS", "USA")
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--dyad", "RUS", "USA"], 2),
        (["--dyad", "USA", "RUS"], 0),
        (["--actor", "usa"], 2),
        (["--since", "2022-01-25"], 1),
        (["--until", "2022-01-24"], 1),
    ],
)
def test_events_filters(db: Path, args: list[str], expected: int) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "-f", "json", *args])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == expected


def test_bad_filter_is_a_clear_error(db: Path) -> None:
    from brinkwatch.errors import QueryError

    result = runner.invoke(app, ["events", "--db", str(db), "--type", "INVADE"])
    assert isinstance(result.exception, QueryError)
    assert "unknown event type" in str(result.exception)


def test_events_parquet_and_csv(db: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "e.parquet"
    args = ["events", "--db", str(db), "-o"]
    assert runner.invoke(app, [*args, str(out), "-f", "parquet"]).exit_code == 0
    assert len(pd.read_parquet(out)) == 2
    csv_out = tmp_path / "e.csv"
    assert runner.invoke(app, [*args, str(csv_out), "-f", "csv"]).exit_code == 0
    assert len(pd.read_csv(csv_out)) == 2


def test_quotes_by_speaker(db: Path) -> None:
    result = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "peskov", "-f", "json"])
    assert result.exit_code == 0
    assert {q["speaker_name"] for q in json.loads(result.stdout)} == {"Dmitry Peskov"}


def test_report_has_its_sections_and_escapes_text(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    for section in ("id=timeline", "id=dyads", "id=events", "id=quotes", "<svg"):
        assert section in page
    assert "<script>" not in page and "<img" not in page and "<b>a1" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page  # nothing fetched: works offline


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert "run `brinkwatch ingest" in str(result.exception)
