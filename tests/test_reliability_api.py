"""API and page hardening: size limits that streaming cannot dodge, hostile bodies, tokens,
traversal, loopback by default, parametrized SQL only, escaped article text in the report."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient

from brinkwatch.analysis.report import build_report
from brinkwatch.api.app import create_app
from brinkwatch.cli import app as cli_app
from brinkwatch.ingest import read_paths
from brinkwatch.pipeline import process_many
from brinkwatch.records import Article
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from factories import event, record

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_DEMO = ROOT / "corpus" / "demo" / "2022-02-05-markup-in-headline.txt"
LIMIT = 50_000
TOKEN = "t0ken"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with Store(tmp_path / "h.duckdb") as store:
        store.write_batch([record("s1", "2022-01-24", [event("s1", 0, "ACCUSE", "RUS", "USA",
                                                            "2022-01-24")])])  # fmt: skip
    settings = Settings(max_request_bytes=LIMIT, api_token=TOKEN)
    with TestClient(create_app(str(tmp_path / "h.duckdb"), settings)) as c:
        yield c


AUTH = {"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"}


def articles(client: TestClient) -> int:
    return len(client.get("/api/events", params={"all": True}).json()["events"])


def test_chunked_body_without_length_is_still_limited(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"Troops moved again near the border on Monday. " * 50

    response = client.post("/api/articles", content=chunks(), headers=AUTH)
    assert response.status_code == 413, response.text
    assert articles(client) == 1


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b"[" * 20_000 + b"]" * 20_000, "application/json"),  # nesting past the recursion limit
        (b'{"text": ' * 5_000 + b'"x"' + b"}" * 5_000, "application/json"),
        (b'{"text": "\\ud800 lone surrogate"}', "application/json"),
        (b'{"text": 12}\n[1]\n"x"\n', "application/x-ndjson"),
        (b"<html><body><p>" + b"<div>" * 5_000 + b"</p></body></html>", "text/html"),
    ],
)
def test_hostile_bodies_are_4xx_not_500(client: TestClient, body: bytes, ctype: str) -> None:
    response = client.post("/api/articles", content=body, headers={**AUTH, "content-type": ctype})
    assert 400 <= response.status_code < 500 or response.status_code == 201, response.text


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": TOKEN}, {"authorization": f"Bearer {TOKEN}x"},
     {"authorization": f"bearer{TOKEN}"}, {"authorization": "Bearer "},
     {"x-api-token": TOKEN}],
)  # fmt: skip
def test_writes_need_the_exact_token(client: TestClient, headers: dict[str, str]) -> None:
    body = b"Headline\n\nPoland said on Monday it would send more troops to the border.\n"
    response = client.post("/api/articles", content=body,
                           headers={**headers, "content-type": "text/plain"})  # fmt: skip
    assert response.status_code == 401
    assert articles(client) == 1


@pytest.mark.parametrize(
    "params",
    [{"actor": "RUS' OR '1'='1"}, {"actor": "RUS; DROP TABLE events; --"},
     {"dyad": "RUS,USA' --"}, {"type": "ACCUSE' OR 1=1 --"}, {"since": "2022-01-01' OR 1=1"}],
)  # fmt: skip
def test_injection_in_filters_matches_nothing_and_harms_nothing(
    client: TestClient, params: dict[str, str]
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code in (200, 400), response.text
    if response.status_code == 200:
        assert response.json()["events"] == []
    assert articles(client) == 1


@pytest.mark.parametrize("speaker", ["%", "_", "' OR 1=1 --", "\\", "%' UNION SELECT 1 --"])
def test_speaker_filter_is_a_parameter(client: TestClient, speaker: str) -> None:
    assert client.get("/api/quotes", params={"speaker": speaker}).status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/static/../../pyproject.toml", "/static/..%2F..%2Fpyproject.toml",
     "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/....//....//pyproject.toml",
     "/static//etc/passwd", "/static/%2Fetc%2Fpasswd", "/static/..\\..\\pyproject.toml",
     "/api/articles/..%2F..%2Fpyproject.toml", "/api/articles/%2Fetc%2Fpasswd",
     "/api/articles/....%2F%2Fetc%2Fpasswd", "/api/articles/%00"],
)  # fmt: skip
def test_no_request_path_reaches_the_file_system(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (404, 400), (path, response.status_code)
    assert "root:" not in response.text and "[project]" not in response.text


def test_cli_serves_on_loopback_by_default() -> None:
    command = typer.main.get_command(cli_app).commands["serve"]  # type: ignore[attr-defined]
    defaults = {p.name: p.default for p in command.params}
    assert defaults["host"] == "127.0.0.1" == Settings().host


SQL = re.compile(r"\b(SELECT|INSERT|DELETE|UPDATE|CREATE|DROP|WHERE|FROM)\b")
# Every value an f-string may put into SQL, with why it is safe: none comes from a request.
SAFE_SQL_PARTS = {
    "name": "a table name from CHILD_FIELDS / tables(): our own constants",
    "n": "a table name from tables(): our own constants",
    "self.name": "a table name declared in store/schema.py",
    "', '.join(cols)": "column definitions derived from records.py",
    "cols": "quoted column names from our own table definitions",
    "select": "CAST expressions over our own column names and types",
    "extra_sql": "a constant column list passed by Store itself",
    "now": "a constant expression",
    "view": "one of two constant view names",
    "where": "placeholders only; the values go in as parameters",
}


def sql_fstrings() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((ROOT / "src" / "brinkwatch").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if SQL.search(str(text)):
                found += [(path.name, node.lineno, ast.unparse(v.value))
                          for v in node.values if isinstance(v, ast.FormattedValue)]  # fmt: skip
    return found


def test_sql_is_built_from_our_own_names_only() -> None:
    parts = sql_fstrings()
    assert parts, "the scan found no SQL at all: it is broken"
    unknown = [p for p in parts if p[2] not in SAFE_SQL_PARTS]
    assert not unknown, f"review these values put into SQL text: {unknown}"


def test_hostile_demo_article_is_escaped_in_the_report(tmp_path: Path) -> None:
    [article] = [a for a in read_paths([str(HOSTILE_DEMO)]) if isinstance(a, Article)]
    assert "<script>" in (article.title or "") + article.text  # the hostile text is there
    with Store(tmp_path / "r.duckdb") as store:
        store.write_batch(list(process_many([article])))
        page = build_report(store)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "onerror=" not in page.replace("onerror=alert", "")  # only inside escaped text
    assert "&lt;script&gt;" in page or "&lt;img" in page
