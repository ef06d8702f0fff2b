"""Where the labelled sets are, and how a line of ours is read: our own annotated
sets (``devsets/*`` in the repository, formats in devsets/README.md) and the public
ones (``Settings.datasets_dir``, ``BRINKWATCH_DATASETS_DIR``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from brinkwatch.errors import EvaluationError
from brinkwatch.settings import REPO_DIR, Settings


def devset_path(file_name: str) -> Path:
    """``devsets/<file_name>`` in the repository."""
    return REPO_DIR / "devsets" / file_name


def public_dataset(relative: str) -> Path:
    """``relative`` under the public dev sets (``../shared/datasets`` by default)."""
    return Settings.from_env().datasets_dir / relative


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every non-blank line of ``path`` as a JSON object."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        items = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"could not read {path}: {exc}; pass --gold PATH") from exc
    if not all(isinstance(item, dict) for item in items):
        raise EvaluationError(f"{path}: every line must be a JSON object")
    return items
