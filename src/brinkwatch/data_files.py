"""Versions of the bundled data files, as `brinkwatch info` reports them.

Each folder under ``data/`` may hold a ``VERSION`` file (one line, e.g.
``2026.11.23``); a folder without one is identified by a short content hash,
so two installs with the same data always report the same version.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from brinkwatch.settings import DATA_DIR


def data_file_versions() -> dict[str, str]:
    """``{folder: version}`` for every data folder."""
    versions: dict[str, str] = {}
    if not DATA_DIR.is_dir():
        return versions
    for folder in sorted(p for p in DATA_DIR.iterdir() if p.is_dir()):
        marker = folder / "VERSION"
        if marker.is_file():
            versions[folder.name] = marker.read_text(encoding="utf-8").strip()
        else:
            versions[folder.name] = "sha256:" + _folder_hash(folder)[:12]
    return versions


def _folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
