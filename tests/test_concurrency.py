"""A running server owns the store; `brinkwatch ingest --db` on the same file sends its
articles through the server's API, and the server keeps answering reads meanwhile."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from brinkwatch.store.server_info import info_path, read_server_info

BRINKWATCH = Path(sys.executable).with_name("brinkwatch")
TOKEN = "s3cret-for-tests"
ARTICLE = (
    "Talks Report {n}\n\nFebruary {day}, 2022\n\n"
    "{who} accused Russia on Monday of massing troops near the border of Ukraine, "
    "officials said. Moscow rejected the claim and called for talks in Geneva.\n"
)
WHO = ["Britain", "France", "Poland", "Germany", "Canada", "Lithuania"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n, who in enumerate(WHO):
        text = ARTICLE.format(n=n, day=n + 1, who=who)
        (folder / f"talks-{n}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    """`brinkwatch serve` with a token on a fresh store; yields (base url, db, process)."""
    db, port = tmp_path / "served.duckdb", free_port()
    args = [str(BRINKWATCH), "serve", "--db", str(db), "--port", str(port), "--token", TOKEN]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc)
        yield base, db, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)


def _wait_until_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server exited during start-up"
        try:
            if httpx.get(f"{base}/api/events", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise AssertionError("the server did not start within 120 s")


def run_ingest(corpus: Path, db: Path, token: str | None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "BRINKWATCH_API_TOKEN"}
    if token:
        env["BRINKWATCH_API_TOKEN"] = token
    args = [str(BRINKWATCH), "ingest", str(corpus), "--db", str(db), "--batch-size", "1"]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_ingest_goes_through_the_server_which_keeps_answering(
    corpus: Path, server: tuple[str, Path, subprocess.Popen[bytes]]
) -> None:
    base, db, proc = server
    note = read_server_info(db)
    assert note is not None and note.pid == proc.pid and note.token_needed

    refused = run_ingest(corpus, db, token=None)
    _, stderr = refused.communicate(timeout=300)
    assert refused.returncode == 1 and b"BRINKWATCH_API_TOKEN" in stderr, stderr

    ingest = run_ingest(corpus, db, token=TOKEN)
    slowest, answered = 0.0, 0
    while ingest.poll() is None:
        started = time.perf_counter()
        response = httpx.get(f"{base}/api/events", params={"all": True}, timeout=30)
        slowest = max(slowest, time.perf_counter() - started)
        answered += response.status_code == 200
        time.sleep(0.2)
    _, stderr = ingest.communicate()
    assert ingest.returncode == 0, stderr.decode()
    assert b"owned by the server" in stderr
    # a server that waited for the ingest's writes would stall for whole batches; 10 s
    # leaves room for a loaded machine (7.6 s seen with four CPU-bound jobs on two cores)
    assert answered >= 3 and slowest < 10.0, (answered, slowest)
    events = httpx.get(f"{base}/api/events", params={"all": True, "limit": 500}).json()
    assert {e["source_code"] for e in events["events"]} >= {"GBR", "FRA"}


@pytest.mark.slow
def test_stopped_server_removes_its_note_and_ingest_writes_directly(
    corpus: Path, server: tuple[str, Path, subprocess.Popen[bytes]]
) -> None:
    _, db, proc = server
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert not info_path(db).exists()
    ingest = run_ingest(corpus, db, token=None)
    _, stderr = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, stderr.decode()
    assert b"owned by the server" not in stderr and b"stored 6" in stderr
