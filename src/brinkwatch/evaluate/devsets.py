"""Our own annotated sets (``devsets/*.jsonl`` in the repository, formats in
devsets/README.md): where they are and how a line is read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import brinkwatch
from brinkwatch.errors import EvaluationError


def devset_path(file_name: str) -> Path:
    """``devsets/<file_name>`` at the repository root (parents[2] of the package)."""
    return Path(brinkwatch.__file__).resolve().parents[2] / "devsets" / file_name


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
