"""`brinkwatch watch`: new files are stored once, changed files replace their old records."""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from brinkwatch.watch import Cycle, FileState, Watcher, WatchOptions, file_states, ready_files

SECOND = 1_000_000_000
NOW = 1_700_000_000 * SECOND

TROOPS = """Poland moves troops east

WARSAW, Feb 3 (Wire) - Poland said on Thursday it would send 300 more soldiers to its
border with Belarus, the defence ministry in Warsaw said.
"""
TALKS = """Envoys meet in Vienna

VIENNA, Feb 4 (Wire) - Diplomats from France and Germany met Russian officials in Vienna
on Friday to discuss the crisis over Ukraine.
"""
TROOPS_CORRECTED = TROOPS.replace("300 more soldiers", "450 more soldiers")


# ---------------------------------------------------------------------------- polling rules


@pytest.mark.parametrize(
    ("seen", "now", "ready"),
    [
        ({}, FileState(NOW - 5 * SECOND, 10), True),  # new and settled
        ({}, FileState(NOW - SECOND // 10, 10), False),  # new but still being written
        ({"a": FileState(NOW - 9 * SECOND, 10)}, FileState(NOW - 9 * SECOND, 10), False),
        ({"a": FileState(NOW - 9 * SECOND, 10)}, FileState(NOW - 9 * SECOND, 12), True),  # size
        ({"a": FileState(NOW - 9 * SECOND, 10)}, FileState(NOW - 3 * SECOND, 10), True),  # mtime
    ],
)
def test_a_file_is_ready_when_new_or_changed_and_settled(
    seen: dict[str, FileState], now: FileState, ready: bool
) -> None:
    assert ready_files({"a": now}, seen, settle_s=1.0, clock_ns=NOW) == (["a"] if ready else [])


def test_the_watched_files_follow_the_readers_rules(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("one.txt", "sub/two.html", ".hidden.txt", "README.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = sorted(os.path.relpath(p, tmp_path) for p in file_states(str(tmp_path)))
    assert names == ["one.txt", os.path.join("sub", "two.html")]


# ---------------------------------------------------------------------------- a live watcher


def write(path: Path, text: str, age_s: float = 5.0) -> None:
    """Write and backdate, so the settle rule does not delay the test."""
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime - age_s
    os.utime(path, (stamp, stamp))


def stored_texts(db: Path) -> dict[str, str]:
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT path, text FROM articles")
    return {os.path.basename(r["path"]): r["text"] for r in rows}


class Running:
    """A watcher in a thread; ``next_change`` waits for the next cycle that did something."""

    def __init__(self, folder: Path, db: Path) -> None:
        self.cycles: queue.Queue[Cycle] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(folder, db), daemon=True)
        self.thread.start()

    def _run(self, folder: Path, db: Path) -> None:
        options = WatchOptions(interval_s=0.05, settle_s=1.0)
        with Store(db) as store:  # opened in the thread that uses it
            Watcher(str(folder), store, Settings(), options).run(self.stop, self.cycles.put)

    def next_change(self) -> Cycle:
        while True:
            cycle = self.cycles.get(timeout=120)
            if cycle.files:
                return cycle

    def idle_cycles(self, count: int) -> list[Cycle]:
        return [self.cycles.get(timeout=60) for _ in range(count)]


def test_a_watcher_stores_new_files_once_and_replaces_changed_ones(tmp_path: Path) -> None:
    folder, db = tmp_path / "inbox", tmp_path / "watch.duckdb"
    folder.mkdir()
    running = Running(folder, db)
    try:
        staging = tmp_path / "batch"  # both files appear at once: one rename
        staging.mkdir()
        write(staging / "troops.txt", TROOPS)
        write(staging / "talks.txt", TALKS)
        staging.rename(folder / "batch")
        first = running.next_change()
        assert sorted(map(os.path.basename, first.files)) == ["talks.txt", "troops.txt"]
        assert first.summary is not None and first.summary.stored == 2
        assert all(not c.files for c in running.idle_cycles(3))  # nothing is taken twice

        write(folder / "batch" / "troops.txt", TROOPS_CORRECTED, age_s=2.0)
        second = running.next_change()
        assert [os.path.basename(p) for p in second.files] == ["troops.txt"]
        assert second.removed == 1  # the old version of the article is gone
    finally:
        running.stop.set()
        running.thread.join(timeout=60)
    assert not running.thread.is_alive()  # the stop event ends it cleanly
    texts = stored_texts(db)
    assert sorted(texts) == ["talks.txt", "troops.txt"]
    assert "450 more soldiers" in texts["troops.txt"]


def test_a_fresh_file_waits_until_it_has_settled(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write(folder / "talks.txt", TALKS, age_s=0.0)
    with Store(tmp_path / "w.duckdb") as store:
        watcher = Watcher(str(folder), store, Settings(), WatchOptions(settle_s=30.0))
        assert watcher.poll_once().files == ()
        assert store.article_ids() == set()


def test_the_watch_command_runs_a_bounded_number_of_cycles(tmp_path: Path) -> None:
    folder, db = tmp_path / "inbox", tmp_path / "cli.duckdb"
    folder.mkdir()
    write(folder / "talks.txt", TALKS)
    args = ["watch", str(folder), "--db", str(db), "--interval", "0", "--max-cycles", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert list(stored_texts(db)) == ["talks.txt"]
