"""The quote lexicon: cue verbs and phrases, audience nouns, role nouns and
country words, read once from ``data/quotes`` (format: docs/data/quotes.md)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.errors import DataFileError
from brinkwatch.settings import DATA_DIR

QUOTES_DATA = DATA_DIR / "quotes"


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Everything the quote extractor knows about words, as immutable sets."""

    cue_verbs: frozenset[str]  # lemmas that attribute speech
    reported_verbs: frozenset[str]  # the subset that also introduces reported speech
    cue_phrases: frozenset[str]  # multi-word cues such as "according to"
    audiences: frozenset[str]  # "reporters" in "told reporters"
    documents: frozenset[str]  # "statement" in "a Kremlin statement said"
    roles: tuple[str, ...]  # role phrases, longest first
    countries: tuple[tuple[str, str], ...]  # (word or phrase, ISO3)

    @classmethod
    def from_folder(cls, folder: Path) -> QuoteLexicon:
        """Read the data files of ``folder``; raise DataFileError if one is malformed."""
        cues = _read_rows(folder / "cues.tsv", 3)
        verbs = frozenset(r[0] for r in cues if r[1] == "verb")
        return cls(
            cue_verbs=verbs,
            reported_verbs=frozenset(r[0] for r in cues if r[1] == "verb" and r[2] == "yes"),
            cue_phrases=frozenset(r[0] for r in cues if r[1] == "phrase"),
            audiences=frozenset(r[0] for r in _read_rows(folder / "audiences.txt", 1)),
            documents=frozenset(r[0] for r in _read_rows(folder / "documents.txt", 1)),
            roles=tuple(sorted((r[0] for r in _read_rows(folder / "roles.txt", 1)),
                               key=len, reverse=True)),
            countries=tuple((r[0], r[1]) for r in _read_rows(folder / "countries.tsv", 2)),
        )  # fmt: skip


@functools.lru_cache(maxsize=1)
def load_quote_lexicon() -> QuoteLexicon:
    """The bundled lexicon, read once per process."""
    return QuoteLexicon.from_folder(QUOTES_DATA)


def _read_rows(path: Path, width: int) -> tuple[tuple[str, ...], ...]:
    """Non-comment, non-blank lines of a UTF-8 TSV file, each with exactly ``width`` fields."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(
            f"cannot read quote data file {path}: {exc}; reinstall brinkwatch"
        ) from exc
    rows: list[tuple[str, ...]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = tuple(f.strip() for f in line.split("\t"))
        if len(fields) != width:
            raise DataFileError(
                f"{path}:{number}: expected {width} tab-separated fields, found {len(fields)};"
                " see docs/data/quotes.md"
            )
        rows.append(fields)
    return tuple(rows)
