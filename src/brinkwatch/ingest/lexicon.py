"""The reader's knowledge (month names, labels, agencies), loaded once from
``data/readers/layout.toml`` into an immutable object.  Format: docs/data/readers.md."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from brinkwatch.errors import DataFileError

LAYOUT_FILE = Path(__file__).resolve().parent.parent / "data" / "readers" / "layout.toml"


@dataclass(frozen=True, slots=True)
class Limits:
    heading_max_words: int
    heading_max_chars: int
    title_max_chars: int
    header_window_lines: int
    credit_side_max_words: int
    byline_max_words: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything lower-cased except ``agencies`` (matched case-insensitively by key)."""

    months: MappingProxyType[str, int]
    weekdays: frozenset[str]
    date_line_words: frozenset[str]
    update_words: frozenset[str]
    related_labels: tuple[str, ...]
    footer_labels: tuple[str, ...]
    photo_labels: tuple[str, ...]
    wire_credit_labels: tuple[str, ...]
    agencies: MappingProxyType[str, str]  # lower-cased name -> spelling as listed
    agency_words: frozenset[str]
    name_particles: frozenset[str]
    continuation_words: frozenset[str]
    boilerplate: frozenset[str]
    skip_stems: frozenset[str]
    front_matter_keys: MappingProxyType[str, tuple[str, ...]]  # field -> keys
    limits: Limits


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LAYOUT_FILE) -> Lexicon:
    """Read and check the layout data file (cached: the file is read once per process)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _build(data)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(
            f"{path}: cannot load the reader's layout data ({type(exc).__name__}: {exc}); "
            "restore the file or fix it as docs/data/readers.md describes"
        ) from exc


def _build(data: dict[str, Any]) -> Lexicon:
    dates, labels, agencies = data["dates"], data["labels"], data["agencies"]
    return Lexicon(
        months=MappingProxyType({k.lower(): int(v) for k, v in dates["months"].items()}),
        weekdays=_lower_set(dates["weekdays"]),
        date_line_words=_lower_set(dates["line_words"]),
        update_words=_lower_set(dates["update_words"]),
        related_labels=_longest_first(labels["related"]),
        footer_labels=_longest_first(labels["footer_url"]),
        photo_labels=_longest_first(labels["photo"]),
        wire_credit_labels=_longest_first(labels["wire_credits"]),
        agencies=MappingProxyType({str(a).lower(): str(a) for a in agencies["known"]}),
        agency_words=_lower_set(agencies["words"]),
        name_particles=_lower_set(data["names"]["particles"]),
        continuation_words=_lower_set(data["paragraphs"]["continuation_words"]),
        boilerplate=_lower_set(data["boilerplate"]["lines"]),
        skip_stems=_lower_set(data["discovery"]["skip_stems"]),
        front_matter_keys=MappingProxyType(
            {
                field: tuple(str(k).lower() for k in keys)
                for field, keys in data["front_matter"].items()
            }
        ),
        limits=Limits(**{k: int(v) for k, v in data["limits"].items()}),
    )


def _lower_set(items: list[str]) -> frozenset[str]:
    return frozenset(str(item).lower() for item in items)


def _longest_first(items: list[str]) -> tuple[str, ...]:
    """Labels sorted longest first so "related article" wins over "related"."""
    return tuple(sorted((str(i).lower() for i in items), key=len, reverse=True))
