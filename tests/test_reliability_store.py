"""Store faults: a crash between the last batch and the cluster rebuild, a batch that fails
half-way, and the server note that tells ingest who owns a store."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from brinkwatch.api.articles import parse_articles
from brinkwatch.errors import StoreError
from brinkwatch.ingest import read_paths
from brinkwatch.records import Article, ReadFailure
from brinkwatch.settings import Settings
from brinkwatch.store import loader
from brinkwatch.store.db import Store
from brinkwatch.store.remote import article_payload, ingest_via_server
from brinkwatch.store.server_info import (
    ServerInfo,
    info_path,
    read_server_info,
    remove_server_info,
    server_owning,
    write_server_info,
)
from factories import event, record

RECORDS = [
    record("a1", "2022-01-24", [event("a1", 0, "ACCUSE", "RUS", "USA", "2022-01-24")]),
    record("a2", "2022-01-25", [event("a2", 0, "THREATEN", "USA", "RUS", "2022-01-25")]),
]


def members(store: Store) -> int:
    return int(store.query("SELECT count(*) AS n FROM event_cluster_members")[0]["n"])


def test_rerun_rebuilds_clusters_a_killed_run_left_behind(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch(RECORDS)  # the last batch committed, then the process died
        assert loader.clusters_stale(store) and members(store) == 0
        summary = loader.ingest_paths([], store, Settings())  # a re-run finds nothing new
        assert summary.stored == 0
        assert members(store) == 2 and not loader.clusters_stale(store)


def test_failure_inside_a_batch_rolls_the_whole_batch_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        def broken(*args: object) -> None:
            raise RuntimeError("disk full (simulated)")

        monkeypatch.setattr(store, "_insert_failures", broken)  # after every record insert
        with pytest.raises(RuntimeError):
            store.write_batch(RECORDS, [ReadFailure("x.txt", "empty", "empty")])
        counts = store.counts()
    assert counts["articles"] == counts["events"] == counts["ingest_errors"] == 0


def test_server_note_round_trip_and_only_the_owner_removes_it(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    info = ServerInfo("127.0.0.1", 8123, os.getpid(), token_needed=True)
    assert write_server_info(db, info) == tmp_path / "s.duckdb.server.json"
    assert read_server_info(db) == info
    remove_server_info(db, pid=os.getpid() + 1)  # someone else's stop
    assert read_server_info(db) == info
    remove_server_info(db, pid=os.getpid())
    assert not info_path(db).exists()


@pytest.mark.parametrize(
    "content", ["", "{", '{"host": "127.0.0.1"}', '{"host": "h", "port": "x", "pid": 1, '
                '"token_needed": false}', "[1, 2]"],
)  # fmt: skip
def test_unreadable_note_is_ignored(tmp_path: Path, content: str) -> None:
    info_path(tmp_path / "s.duckdb").write_text(content, encoding="utf-8")
    assert read_server_info(tmp_path / "s.duckdb") is None


def test_note_of_a_dead_server_is_ignored_and_the_lock_error_stands(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    write_server_info(db, ServerInfo("127.0.0.1", 8123, _dead_pid(), token_needed=False))
    assert read_server_info(db) is None
    locked = StoreError("cannot open the store: locked")
    with pytest.raises(StoreError) as raised:
        server_owning(db, locked)
    assert raised.value is locked


def test_wildcard_bind_is_reached_on_loopback() -> None:
    assert ServerInfo("0.0.0.0", 9000, 1, False).url == "http://127.0.0.1:9000"


def _dead_pid() -> int:
    """A pid that is not running: a child that has exited and been reaped."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_payload_gives_the_server_the_same_article_id(tmp_path: Path) -> None:
    path = tmp_path / "2022-02-09-talks.txt"
    path.write_text("Talks Resume\n\nFebruary 9, 2022\n\nParis and Berlin met in Paris.\n", "utf-8")
    [local] = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    body = json.dumps([article_payload(local)]).encode()
    [posted] = parse_articles(body, "application/json")
    assert (posted.id, posted.text, posted.title, posted.published) == (
        local.id, local.text, local.title, local.published)  # fmt: skip


def test_silent_server_is_a_clear_store_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nKyiv asked for calm on Monday.\n", "utf-8")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ServerInfo("127.0.0.1", port, os.getpid(), token_needed=False)
    with pytest.raises(StoreError, match=f"127.0.0.1:{port}.*did not answer"):
        ingest_via_server([str(tmp_path / "a.txt")], server, Settings())
