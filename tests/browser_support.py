"""Helpers for the dashboard's browser tests: a live API server and a headless chromium.

The browser is Debian's chromium (installed by scripts/install-browser.sh), driven by
Playwright for Python; Playwright's own browser downloads are never used.  When the
browser or Playwright is missing, ``browser_missing()`` says why so the tests can skip.
"""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from brinkwatch.api.app import create_app
from brinkwatch.settings import Settings
from brinkwatch.store.db import Store
from brinkwatch.store.loader import ingest_paths

CHROMIUM = Path("/usr/bin/chromium")
# No network beyond the local server, no background updates: the run is offline and quiet.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found; run `bash scripts/install-browser.sh` as root"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed; pip install -c constraints.txt -e '.[dev]'"
    return None


def build_store(db_path: Path, corpus: Path) -> Path:
    """Ingest every article under ``corpus`` into a new DuckDB file and close it."""
    with Store(db_path) as store:
        summary = ingest_paths([str(corpus)], store, Settings())
    if not summary.stored:
        raise RuntimeError(f"no article from {corpus} was stored; is the demo corpus there?")
    return db_path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(db_path: Path, timeout: float = 20.0) -> Iterator[str]:
    """Serve the API and dashboard over ``db_path`` in a thread; yields the base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(str(db_path)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="dashboard-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the test server did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
