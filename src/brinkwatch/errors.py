"""Errors brinkwatch raises, each with a stable code (like spaCy's E050).

Hierarchy::

    BrinkwatchError            base of everything brinkwatch raises on purpose
    ├── ReadError       (E1xx) an input could not be read as any layout
    ├── ModelError      (E2xx) the spaCy model could not be loaded
    ├── DataFileError   (E3xx) a bundled or user data file is malformed
    ├── StoreError      (E4xx) the DuckDB store could not be opened or written
    ├── QueryError      (E5xx) a query or filter was invalid
    └── EvaluationError (E6xx) a gold file could not be read or scored

Every message says what was wrong, where, and what to do.  Library code raises;
only ``cli.py`` turns errors into exit codes.
"""

from __future__ import annotations


class BrinkwatchError(Exception):
    """Base class; ``code`` is a stable identifier users can search for."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ReadError(BrinkwatchError):
    code = "E100"

    def __init__(self, path: str, reason: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = reason


class ModelError(BrinkwatchError):
    code = "E200"


class DataFileError(BrinkwatchError):
    code = "E300"


class StoreError(BrinkwatchError):
    code = "E400"


class QueryError(BrinkwatchError):
    code = "E500"


class EvaluationError(BrinkwatchError):
    code = "E600"
