"""What quantities count and how they are qualified: units, currencies, qualifiers.

Loaded once per process from ``data/quantities`` (formats in
``docs/data/quantities.md``).  Also :func:`parse_money`, the string-level reader
of money phrases ("$200 million", "€1.2bn", "50 million euros").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from brinkwatch.errors import DataFileError
from brinkwatch.extract.quantity_numbers import parse_number, read_tsv


@dataclass(frozen=True, slots=True)
class Qualifier:
    phrase: str
    approximate: bool
    after: bool = False  # stands after the number: "500 or more"


@dataclass(frozen=True, slots=True)
class QuantityLexicon:
    """Counted nouns -> unit, currency tokens -> ISO code, qualifier phrases."""

    units: Mapping[str, str]  # "troop" / "troops" / "fighter jets" -> "troops" / "jets"
    currencies_before: Mapping[str, str]  # "$", "us$", "€" -> code
    currencies_after: Mapping[str, str]  # "euros", "roubles", "u.s. dollars" -> code
    qualifiers: Mapping[str, Qualifier]  # before the number: "more than", "about"
    post_qualifiers: Mapping[str, Qualifier]  # after it: "or more", "or less"
    max_unit_words: int
    max_qualifier_words: int

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> QuantityLexicon:
        units = {row["word"]: row["unit"] for row in read_tsv("units.tsv", ("word", "unit"))}
        before, after = _currencies()
        qualifiers = [
            Qualifier(row["phrase"], _flag(row, "approximate"), row["position"] == "after")
            for row in read_tsv("qualifiers.tsv", ("phrase", "approximate", "position"))
        ]
        longest = max(len(word.split()) + 2 * word.count("-") for word in units)  # in tokens
        longest_qualifier = max(len(q.phrase.split()) for q in qualifiers)
        return cls(
            MappingProxyType(units), MappingProxyType(before), MappingProxyType(after),
            MappingProxyType({q.phrase: q for q in qualifiers if not q.after}),
            MappingProxyType({q.phrase: q for q in qualifiers if q.after}), longest,
            longest_qualifier,
        )  # fmt: skip


def _currencies() -> tuple[dict[str, str], dict[str, str]]:
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for row in read_tsv("currencies.tsv", ("token", "code", "side")):
        if row["side"] not in ("before", "after", "both"):
            raise DataFileError(
                f"currencies.tsv: side {row['side']!r} of {row['token']!r} must be "
                "before, after or both"
            )
        if row["side"] in ("before", "both"):
            before[row["token"]] = row["code"]
        if row["side"] in ("after", "both"):
            after[row["token"]] = row["code"]
    return before, after


def _flag(row: dict[str, str], column: str) -> bool:
    value = row[column].strip().lower()
    if value not in ("true", "false"):
        raise DataFileError(f"qualifiers.tsv: {column} of {row!r} must be true or false")
    return value == "true"


def parse_money(text: str) -> tuple[float, str] | None:
    """(amount, ISO currency) of a money phrase, or None. Never raises."""
    lexicon = QuantityLexicon.load()
    lowered = " ".join(text.lower().split())
    for token in sorted(lexicon.currencies_before, key=len, reverse=True):
        if lowered.startswith(token):
            value = parse_number(lowered[len(token) :])
            if value is not None:
                return value, lexicon.currencies_before[token]
    for token in sorted(lexicon.currencies_after, key=len, reverse=True):
        if lowered.endswith(" " + token) or (lowered.endswith(token) and not token.isalpha()):
            value = parse_number(lowered[: -len(token)])
            if value is not None:
                return value, lexicon.currencies_after[token]
    return None
