"""The note `brinkwatch serve` leaves next to its store: ``<db>.server.json``.

DuckDB lets one process write a file.  While a server runs, it owns the store,
so `brinkwatch ingest --db <db>` cannot open it; the note tells ingest where the
server listens, so the articles can go through ``POST /api/articles`` instead.
The note is written atomically when the server starts and removed when it
stops; a note whose process is gone (the server was killed) is ignored.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from brinkwatch.errors import StoreError


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """Where the server that owns a store listens."""

    host: str
    port: int
    pid: int
    token_needed: bool

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"


def info_path(db: str | Path) -> Path:
    """``brinkwatch.duckdb`` -> ``brinkwatch.duckdb.server.json`` in the same folder."""
    path = Path(db)
    return path.with_name(f"{path.name}.server.json")


def write_server_info(db: str | Path, info: ServerInfo) -> Path:
    """Write the note atomically (a reader never sees half a file)."""
    target = info_path(db)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(asdict(info)), encoding="utf-8")
    os.replace(partial, target)
    return target


def remove_server_info(db: str | Path, pid: int | None = None) -> None:
    """Remove the note, but only our own: a second server may have replaced it."""
    found = read_server_info(db, check_alive=False)
    if found is not None and (pid is None or found.pid == pid):
        info_path(db).unlink(missing_ok=True)


def read_server_info(db: str | Path, check_alive: bool = True) -> ServerInfo | None:
    """The note of the live server that owns ``db``, or None (no note, unreadable, stale)."""
    try:
        data = json.loads(info_path(db).read_text(encoding="utf-8"))
        info = ServerInfo(str(data["host"]), int(data["port"]), int(data["pid"]),
                          bool(data["token_needed"]))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if check_alive and not _process_alive(info.pid):
        return None
    return info


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 checks existence only
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


def server_owning(db: str | Path, error: StoreError) -> ServerInfo:
    """The server holding ``db`` after opening it failed with ``error``; re-raises
    ``error`` when no live server announced itself (another writer holds the file)."""
    info = read_server_info(db)
    if info is None:
        raise error
    return info
