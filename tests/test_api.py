"""The REST API: writes validate everything first, reads take the CLI's filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from brinkwatch.analysis.merge import rebuild_clusters
from brinkwatch.api.app import create_app
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from factories import event, record

ARTICLE = {
    "id": "api-1",
    "title": "Moscow rejects Western demands",
    "published": "2022-01-27",
    "text": "Russia on Thursday rejected the demands of the United States. "
    "Kremlin spokesman Dmitry Peskov said the answer left no room for optimism.",
}


def _seed(path: Path) -> None:
    with Store(path) as store:
        store.write_batch([
            record("s1", "2022-01-24", [event("s1", 0, "ACCUSE", "RUS", "USA", "2022-01-24")]),
            record("s2", "2022-01-25", [event("s2", 0, "REJECT", "USA", "RUS", "2022-01-25")]),
        ])  # fmt: skip
        rebuild_clusters(store)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    _seed(tmp_path / "api.duckdb")
    app = create_app(str(tmp_path / "api.duckdb"), Settings(max_request_bytes=200_000))
    with TestClient(app) as c:
        yield c


def count(client: TestClient) -> int:
    return len(client.get("/api/events", params={"all": True, "limit": 5000}).json()["events"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, 2), ({"actor": "RUS"}, 2), ({"dyad": "RUS,USA"}, 1), ({"type": "REJECT"}, 1),
     ({"since": "2022-01-25"}, 1), ({"limit": 1}, 1), ({"limit": 1, "offset": 1}, 1)],
)  # fmt: skip
def test_events_filters(client: TestClient, params: dict[str, object], expected: int) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200
    assert len(response.json()["events"]) == expected


@pytest.mark.parametrize(
    ("params", "fragment"),
    [({"type": "INVADE"}, "unknown event type"), ({"dyad": "RUS"}, "two codes"),
     ({"since": "yesterday"}, "not a date"), ({"limit": 0}, "greater than")],
)  # fmt: skip
def test_bad_filters_are_400s_that_say_why(
    client: TestClient, params: dict[str, object], fragment: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code in (400, 422)
    assert fragment in response.text


def test_post_json_article_stores_it_and_its_records(client: TestClient) -> None:
    response = client.post("/api/articles", json=ARTICLE)
    assert response.status_code == 201, response.text
    article_id = response.json()["articles"][0]["id"]
    assert len(article_id) == 64  # sha256 of the body: the contract's stable id
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["article"]["source_id"] == "api-1"
    assert article["schema"] == "brinkwatch.article/1"
    assert article["article"]["published"] == "2022-01-27"
    again = client.post("/api/articles", json=[ARTICLE])
    assert again.json()["unchanged"] == 1


def test_post_text_layout(client: TestClient) -> None:
    text = "Talks End Without Deal\n\nJanuary 21, 2022\n\n" + ARTICLE["text"]
    response = client.post("/api/articles", content=text, headers={"content-type": "text/plain"})
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    ("body", "ctype", "status", "fragment"),
    [
        (b"", "application/json", 400, "empty"),
        (b'[{"text": "fine"}, {"title": "no text"}]', "application/json", 422, "no string field"),
        (b"{not json", "application/json", 422, "JSON"),
        (b"\x00\x01\x02binary", "text/plain", 400, "binary"),
        (b"hello", "image/png", 415, "unsupported content type"),
        (b"x" * 300_000, "text/plain", 413, "larger than"),
    ],
)
def test_bad_posts_write_nothing(
    client: TestClient, body: bytes, ctype: str, status: int, fragment: str
) -> None:
    before = count(client)
    response = client.post("/api/articles", content=body, headers={"content-type": ctype})
    assert response.status_code == status
    assert fragment in response.text
    assert count(client) == before


def test_token_protects_writes(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "t.duckdb"), Settings(api_token="s3cret"))
    with TestClient(app) as c:
        assert c.post("/api/articles", json=ARTICLE).status_code == 401
        assert c.get("/api/events").status_code == 200  # reads stay open
        ok = c.post("/api/articles", json=ARTICLE, headers={"authorization": "Bearer s3cret"})
        assert ok.status_code == 201


@pytest.mark.parametrize(
    "path",
    ["/api/dyads", "/api/dyads/RUS/USA/timeline", "/api/alerts", "/api/claims",
     "/api/deployments", "/api/quotes", "/api/actors", "/api/network", "/openapi.json", "/docs"],
)  # fmt: skip
def test_read_endpoints_answer(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_claim_pairs_over_http(client: TestClient) -> None:
    (pair,) = client.get("/api/claims").json()
    assert pair["claim"]["source_code"] == "RUS"
    assert pair["counter"]["source_code"] == "USA"


def test_unknown_article_is_404(client: TestClient) -> None:
    response = client.get("/api/articles/nope")
    assert response.status_code == 404 and "no article" in response.text


def test_path_like_ids_never_reach_the_file_system(client: TestClient) -> None:
    assert client.get("/api/articles/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/static/../../pyproject.toml").status_code == 404
