"""brinkwatch: who did what to whom, when, where and how many, from crisis news.

The public surface is small and re-exported here::

    import brinkwatch
    record = brinkwatch.extract("Russia accused the United States ...", published="2022-01-24")
    records = brinkwatch.extract_file("corpus/demo/2022-01-24-troops-alert.txt")

Records are frozen dataclasses from :mod:`brinkwatch.records`; errors derive
from :class:`brinkwatch.errors.BrinkwatchError`.
"""

from __future__ import annotations

from brinkwatch.about import __version__
from brinkwatch.api_python import extract, extract_file
from brinkwatch.errors import (
    BrinkwatchError,
    DataFileError,
    EvaluationError,
    ModelError,
    QueryError,
    ReadError,
    StoreError,
)
from brinkwatch.records import (
    Actor,
    Article,
    ArticleRecord,
    Event,
    Place,
    Quantity,
    Quote,
    TimeMention,
)
from brinkwatch.settings import Settings

__all__ = [
    "Actor", "Article", "ArticleRecord", "BrinkwatchError", "DataFileError", "EvaluationError",
    "Event", "ModelError", "Place", "Quantity", "QueryError", "Quote", "ReadError", "Settings",
    "StoreError", "TimeMention", "__version__", "extract", "extract_file",
]  # fmt: skip
