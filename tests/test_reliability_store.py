"""Store faults: a crash between the last batch and the cluster rebuild, a batch that fails
half-way, and the server note that tells ingest who owns a store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brinkwatch.errors import StoreError
from brinkwatch.records import ReadFailure
from brinkwatch.settings import Settings
from brinkwatch.store import loader
from brinkwatch.store.db import Store
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
