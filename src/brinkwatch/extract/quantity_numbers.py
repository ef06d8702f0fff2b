"""Reading a number phrase into a value: "8,500", "1.2bn", "three thousand", "a dozen".

Pure functions over strings (no spaCy): :func:`parse_number` never raises and
returns None for what is not a number; :func:`parse_amount` also says whether the
phrase is vague ("several thousand", "tens of thousands": no value, approximate).
The words it knows are in ``data/quantities/number_words.tsv`` and
``vague_words.tsv`` (see ``docs/data/quantities.md``).
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from brinkwatch.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "quantities"
MAX_WORDS = 16  # longer phrases are prose, not numbers
FRACTION_WORDS = frozenset({"half", "quarter"})

_DIGITS = re.compile(r"^([+-]?)(\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)([a-z]*)$")
_FRACTION = re.compile(r"^([+-]?)(\d+)/(\d+)$")
# thousands separators: "1,234,567", "12,34,567" (Indian), "1 234 567" (spaces)
_GROUPED = re.compile(r"(?<=\d)(,(?=\d{2,3}\b)|[ \u202f\u00a0](?=\d{3}\b))")
# word breaks: spaces, and hyphens between words ("twenty-one") or standing apart
# ("fifty - two"); "1000-5000" stays one (unreadable) word
_SPLIT = re.compile(r"\s+[-–]\s+|(?<=[a-z])[-–](?=[a-z])|\s+")


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed number phrase: ``value`` is None when the phrase is vague."""

    value: float | None
    approximate: bool = False
    qualifier: str | None = None  # the vague word: "several", "tens of"


@dataclass(frozen=True, slots=True)
class NumberWords:
    """Number words by kind: unit ("seven", "half"), hundred, scale ("million", "bn"),
    multiplier ("dozen"), and vague openers ("several", "tens of")."""

    units: Mapping[str, float]
    hundreds: frozenset[str]
    scales: Mapping[str, float]
    multipliers: Mapping[str, float]
    vague: Mapping[str, str]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> NumberWords:
        kinds: dict[str, dict[str, float]] = {}
        for row in read_tsv("number_words.tsv", ("word", "value", "kind")):
            kinds.setdefault(row["kind"], {})[row["word"]] = _number_cell(row, "number_words.tsv")
        vague = {row["phrase"]: row["qualifier"] for row in read_tsv("vague_words.tsv")}
        return cls(
            MappingProxyType(kinds.get("unit", {})), frozenset(kinds.get("hundred", {})),
            MappingProxyType(kinds.get("scale", {})), MappingProxyType(kinds.get("multiplier", {})),
            MappingProxyType(vague),
        )  # fmt: skip

    def is_number_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.units or w in self.hundreds or w in self.scales or w in self.multipliers


def read_tsv(filename: str, required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """Rows of a TSV file under ``data/quantities``, checked for required columns."""
    path = DATA_DIR / filename
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise DataFileError(
                    f"{path}: missing columns {missing}; see docs/data/quantities.md"
                )
            yield from reader
    except FileNotFoundError as exc:
        raise DataFileError(f"quantity data file {path} is missing; reinstall brinkwatch") from exc


def _number_cell(row: dict[str, str], filename: str) -> float:
    try:
        return float(row["value"])
    except (TypeError, ValueError) as exc:
        raise DataFileError(
            f"{filename}: {row.get('word')!r} has no numeric value; fix the row"
        ) from exc


# ----------------------------------------------------------------------------- parsing


def parse_number(text: str) -> float | None:
    """The value of a number phrase ("8,500", "1.2bn", "three thousand", "a dozen"),
    or None when ``text`` is not one or is vague. Never raises."""
    return parse_amount(text).value


def parse_amount(text: str) -> Amount:
    """Value, approximateness and vague qualifier of a number phrase. Never raises."""
    words = _words(text)
    if not words or len(words) > MAX_WORDS:
        return Amount(None)
    vague = _vague_opening(words)
    if vague is not None:
        return Amount(None, approximate=True, qualifier=vague)
    if _is_bare_plural_scale(words):
        return Amount(None, approximate=True)
    value = _value(words)
    return Amount(value if value is not None and math.isfinite(value) else None)


def _words(text: str) -> list[str]:
    """Lower-cased words; thousands separators dropped; a leading minus kept as "-"."""
    cleaned = _GROUPED.sub("", text.lower().strip()).strip(" ,;:").rstrip(".")
    sign = cleaned[:1] in ("-", "−")
    cleaned = cleaned.lstrip("+-− ")
    words = [w for w in _SPLIT.split(cleaned) if w]
    return ["-", *words] if sign and words else words


def _vague_opening(words: list[str]) -> str | None:
    """ "several thousand", "tens of thousands": the vague word, when one opens the phrase."""
    vocabulary = NumberWords.load()
    for size in (3, 2, 1):
        head = " ".join(words[:size])
        if head in vocabulary.vague and len(words) > size:
            return vocabulary.vague[head]
    return None


def _is_bare_plural_scale(words: list[str]) -> bool:
    """ "thousands", "hundreds", "dozens" on their own: many, but how many is unsaid."""
    return (
        len(words) == 1 and words[0].endswith("s") and NumberWords.load().is_number_word(words[0])
    )


def _value(words: list[str]) -> float | None:
    sign = -1.0 if words[0] in ("-", "minus", "negative") else 1.0
    if words[0] in ("-", "minus", "negative"):
        words = words[1:]
    if len(words) == 1:
        single = _single_token(words[0])
        return sign * single if single is not None else None
    total = _combine(words)
    return sign * total if total is not None else None


def _single_token(word: str) -> float | None:
    """ "8500", "1.2bn", "10k", "3/4", "seven"."""
    fraction = _FRACTION.match(word)
    if fraction:
        sign, top, bottom = fraction.groups()
        return None if int(bottom) == 0 else (-1 if sign == "-" else 1) * int(top) / int(bottom)
    match = _DIGITS.match(word)
    if match is None:
        return _combine([word])
    sign, digits, suffix = match.groups()
    scale = NumberWords.load().scales.get(suffix, None) if suffix else 1.0
    if scale is None:
        return None
    return _tidy((-1 if sign == "-" else 1) * float(digits) * scale)


def _tidy(value: float) -> float:
    """16.4 * 1e6 is 16399999.999999998 in binary; report 16400000."""
    if not math.isfinite(value):
        return value
    return float(f"{value:.15g}")


def _combine(words: list[str]) -> float | None:
    """Words and digits in English order: "two hundred and five thousand", "2.5 million",
    "half a dozen", "twenty-one trillion three hundred"."""
    state = _Accumulator()
    for position, word in enumerate(words):
        if word == "point":
            return _with_decimals(state.result(), words[position + 1 :])
        if not state.add(word, words[position + 1 :]):
            return None
    return state.result() if state.seen_number else None


def _with_decimals(whole: float | None, rest: list[str]) -> float | None:
    """ "two hundred point zero three" -> 200.03."""
    digits = ""
    for position, word in enumerate(rest):
        following = rest[position + 1] if position + 1 < len(rest) else ""
        value = _single_token(word)
        if value is None or value != int(value) or value < 0:
            return None
        if value >= 20 and value % 10 == 0 and following in NumberWords.load().units:
            digits += str(int(value))[0]  # "seventy-one": the tens digit, the unit follows
        else:
            digits += str(int(value))
    if whole is None or not digits:
        return None
    return whole + float("0." + digits)


class _Accumulator:
    """Running total while reading number words left to right (local to one parse)."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current = 0.0
        self.seen_number = False
        self.last_scale = 0.0
        self.last_unit: float | None = None  # the previous word, when it was a unit
        self.words = NumberWords.load()

    def add(self, word: str, rest: list[str]) -> bool:
        """Take one word; False when it cannot be part of a number."""
        if word in ("and", "a", "an", "of"):
            return word != "of" or bool(rest)
        if word in FRACTION_WORDS and (self.last_scale or self.current >= 1):
            return self._add_fraction(word)
        self.last_unit = None if word not in self.words.units else self.last_unit
        if word in self.words.hundreds:
            self.current = (self.current or 1.0) * 100
        elif word in self.words.scales:
            if not self.seen_number and len(word) <= 3:
                return False  # "m" or "bn" alone is a letter, not a million
            self.total += (self.current or 1.0) * self.words.scales[word]
            self.current = 0.0
            self.last_scale = self.words.scales[word]
        elif word in self.words.multipliers:
            self.current = (self.current or 1.0) * self.words.multipliers[word]
        else:
            return self._add_unit(word)
        self.seen_number = True
        return True

    def _add_fraction(self, word: str) -> bool:
        """ "a million and a half" is half the last scale; "five and a half" adds a half."""
        if self.last_scale and self.current in (0.0, 1.0):
            self.total += self.words.units[word] * self.last_scale
            self.current = 0.0
        elif self.current >= 1:
            self.current += self.words.units[word]
            self.last_unit = None
        else:
            return False
        return True

    def _add_unit(self, word: str) -> bool:
        value = self.words.units.get(word)
        if value is None:
            digits = _DIGITS.match(word)
            if digits is None or digits.group(3):
                return False
            value = float(digits.group(1) + digits.group(2))
        if not self._fits(value):
            return False
        self.current += value
        self.last_unit = value
        self.seen_number = True
        return True

    def _fits(self, value: float) -> bool:
        """ "twenty one" and "hundred five" add up; "five five" or "1000 5000" do not."""
        if self.current == 0 or self.last_unit is None:
            return True
        tens = 20 <= self.last_unit < 100 and self.last_unit % 10 == 0
        return tens and value < 10

    def result(self) -> float | None:
        return _tidy(self.total + self.current) if self.seen_number else None
