"""The time lexicon and grammar, read once from ``data/times/*.toml``.

``lexicon.toml`` holds the words (months, units, deictic days...), ``patterns.toml``
the forms built from them.  Both are documented in ``docs/data/times.md``.
"""

from __future__ import annotations

import functools
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from brinkwatch.errors import DataFileError

_PACKAGE = "brinkwatch"
_PLACEHOLDER = re.compile(r"<<([A-Z]+)>>")
# Placeholder name -> lexicon table whose keys it stands for.
_TABLES = MappingProxyType({
    "MONTH": "months", "WEEKDAY": "weekdays", "NUM": "numbers", "VAGUE": "vague_numbers",
    "ORD": "ordinals", "UNIT": "units", "DAYPART": "day_parts", "SEASON": "seasons",
    "DEICTIC": "deictic_days", "REF": "references", "SET": "sets", "HOLIDAY": "holidays",
    "MOD": "modifiers", "DAYWORD": "day_words", "FLOATING": "floating_holidays",
    "YEARWORDS": "year_words", "EASTER": "easter_days", "DECADEWORD": "decade_words",
})  # fmt: skip
# Tens that combine with a unit word ("twenty-five"), matched on top of the NUM table.
_COMPOUND_NUMBER = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]"
    r"(?:one|two|three|four|five|six|seven|eight|nine)"
)
_DIGITS = r"\d+(?:[.,]\d+)?"
_ABBREVIATED = frozenset({"MONTH", "WEEKDAY"})
_PLAIN_HEADS = frozenset(string.ascii_lowercase + string.digits)
# Every rule matches whole words: nothing word-like (or a hyphen) right before, no
# word character right after.
_WORD_START = r"(?<![\w-])"
_WORD_END = r"(?![\w])"
# A named group or a reference to one, renamed per rule in a group's scanner; a
# reference to a group by number, or a test of one, which forbid the scanner.
_GROUP_NAME = re.compile(r"\(\?P(<|=)(\w+)")
_GROUP_BY_NUMBER = re.compile(r"\\[1-9]|\(\?\(")


@dataclass(frozen=True, slots=True)
class TimeRule:
    """One form of time expression: a compiled pattern and the normalizer it feeds.

    ``near_words``/``near_digit`` say which words a match must contain (the recognizer
    only runs the rule around them); both empty means: run it on the whole text."""

    name: str
    handler: str
    regex: re.Pattern[str]
    needs_hint: bool
    near_words: frozenset[str] = frozenset()
    near_digit: bool = False

    @property
    def everywhere(self) -> bool:
        return not self.near_words and not self.near_digit


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Every table of ``lexicon.toml`` (read-only) and the compiled grammar."""

    tables: Mapping[str, Mapping[str, Any]]
    rules: tuple[TimeRule, ...]
    # Rules with the same `near` list share their search windows: each group's rules
    # (indices, in order) and, for a group of several, its scanner (group_scanner);
    # word -> the groups to look around it; groups to look around digits.
    group_rules: tuple[tuple[int, ...], ...]
    group_scanners: tuple[re.Pattern[str] | None, ...]
    triggers: Mapping[str, tuple[int, ...]]
    digit_groups: tuple[int, ...]

    def lookup(self, table: str, word: str) -> Any:
        """The value of ``word`` (normalised: lower case, no final dot) in ``table``."""
        return self.tables[table].get(normalise_word(word))


def normalise_word(word: str) -> str:
    """Lower case, single spaces, straight apostrophes, no trailing dot."""
    word = re.sub(r"\s+", " ", word.strip().lower()).replace("\u2019", "'")
    return word[:-1] if word.endswith(".") else word


@functools.lru_cache(maxsize=1)
def load_time_lexicon() -> TimeLexicon:
    """Read and compile the bundled time lexicon and grammar (once per process)."""
    lexicon = _read_toml("lexicon.toml")
    tables = {name: MappingProxyType(dict(values)) for name, values in lexicon.items()}
    grammar = _read_toml("patterns.toml")
    rules = tuple(compile_rule(raw, tables) for raw in grammar.get("rule", []))
    groups: dict[tuple[frozenset[str], bool], int] = {}
    rule_group = tuple(
        groups.setdefault((rule.near_words, rule.near_digit), len(groups)) for rule in rules
    )
    triggers: dict[str, list[int]] = {}
    for (words, _), group in groups.items():
        for word in words:
            triggers.setdefault(word, []).append(group)
    digit_groups = tuple(group for (_, digit), group in groups.items() if digit)
    frozen = MappingProxyType({word: tuple(found) for word, found in triggers.items()})
    members = tuple(
        tuple(order for order, group in enumerate(rule_group) if group == index)
        for index in range(len(groups))
    )
    scanners = tuple(group_scanner([rules[order] for order in orders]) for orders in members)
    return TimeLexicon(MappingProxyType(tables), rules, members, scanners, frozen, digit_groups)


def group_scanner(rules: list[TimeRule]) -> re.Pattern[str] | None:
    """One regex that matches, empty, exactly where at least one of ``rules`` matches
    (with the same search bounds).  The recognizer searches a window once with it and
    tries each rule only at the places found, instead of letting every rule search the
    whole window: a search costs about the same at every character it passes.

    The rules' patterns become the branches of one lookahead, their named groups
    renamed per rule to stay unique.  ``None`` (each rule searches on its own) for a
    single rule, or when a pattern refers to a group by number or tests one, which
    the merged pattern would renumber."""
    if len(rules) < 2 or any(_GROUP_BY_NUMBER.search(rule.regex.pattern) for rule in rules):
        return None
    branches = (
        _GROUP_NAME.sub(rf"(?P\1r{index}_\2", rule.regex.pattern.removeprefix(_WORD_START))
        for index, rule in enumerate(rules)
    )
    return re.compile(f"{_WORD_START}(?={'|'.join(branches)})", re.IGNORECASE)


def _read_toml(name: str) -> dict[str, Any]:
    resource = resources.files(_PACKAGE).joinpath(f"data/times/{name}")
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(
            f"cannot read data/times/{name}: {exc}; fix the file (format: docs/data/times.md)"
        ) from exc


def compile_rule(raw: dict[str, Any], tables: Mapping[str, Mapping[str, Any]]) -> TimeRule:
    try:
        name, handler, pattern = str(raw["name"]), str(raw["handler"]), str(raw["pattern"])
    except KeyError as exc:
        raise DataFileError(
            f"data/times/patterns.toml: a [[rule]] lacks {exc}; each needs name, handler, pattern"
        ) from exc
    expanded = _PLACEHOLDER.sub(lambda m: _alternation(m.group(1), tables, name), pattern)
    try:
        regex = re.compile(f"{_WORD_START}(?:{expanded}){_WORD_END}", re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(
            f"data/times/patterns.toml: rule {name!r} is not a valid regex ({exc}); fix it"
        ) from exc
    near = [str(item) for item in raw.get("near", [])]
    words = frozenset(w for item in near if item != "DIGIT" for w in _near_words(item, tables))
    return TimeRule(name, handler, regex, bool(raw.get("hint", False)), words, "DIGIT" in near)


def _near_words(item: str, tables: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """The words a `near` item stands for: every word of a lexicon table's entries
    (less the stop words), or the item itself when it is a literal word."""
    table = _TABLES.get(item)
    if table is None:
        return frozenset({item.lower()})
    stop = set(tables["trigger_stopwords"]["words"])
    parts = (p for key in tables[table] for p in re.split(r"[^a-z0-9]+", key.lower()))
    return frozenset(p for p in parts if len(p) > 1 and p not in stop)


def _alternation(placeholder: str, tables: Mapping[str, Mapping[str, Any]], rule: str) -> str:
    table = _TABLES.get(placeholder)
    if table is None or table not in tables:
        raise DataFileError(
            f"data/times/patterns.toml: rule {rule!r} uses unknown <<{placeholder}>>; "
            f"use one of {', '.join(sorted(_TABLES))}"
        )
    if placeholder == "YEARWORDS":
        return _spelled_year(tables[table])
    # Longest first so "the day before yesterday" wins over "yesterday"; month and
    # weekday abbreviations may end in a dot ("Jan.", "Tues.").
    dot = r"\.?" if placeholder in _ABBREVIATED else ""
    words = sorted(tables[table], key=len, reverse=True)
    parts = [factored([_flexible(word) + dot for word in words])]
    if placeholder == "NUM":
        parts = [_COMPOUND_NUMBER, _DIGITS, *parts]
    return "(?:" + "|".join(parts) + ")"


def factored(alternatives: list[str]) -> str:
    """``"|".join(alternatives)`` with the branches that begin with the same letter
    merged, letter by letter (monday|mon|tue: ``m(?:o(?:n(?:day|)))|tue``).  It matches
    the same text with the same groups, as the branches are still tried in their
    order, but the regex engine tests one letter where it tried every branch in turn
    (the lexicon's alternations are most of the recognizer's work).

    For branches that are plain sequences (escaped words: no "|" of their own).
    Merged only when every branch begins with a lower-case ASCII letter or digit that
    stands alone (no quantifier after it): then no two different first letters can
    match the same character, even ignoring case."""
    tails: dict[str, list[str]] = {}
    for alternative in alternatives:
        head, tail = alternative[:1], alternative[1:]
        if head not in _PLAIN_HEADS or tail[:1] in ("*", "+", "?", "{"):
            return "|".join(alternatives)
        tails.setdefault(head, []).append(tail)
    return "|".join(
        head + (rest[0] if len(rest) == 1 else f"(?:{factored(rest)})")
        for head, rest in tails.items()
    )


def _flexible(word: str) -> str:
    """A lexicon word as a regex: any run of spaces between its parts, either apostrophe."""
    escaped = (re.escape(part) for part in word.split(" "))
    return r"\s+".join(escaped).replace("'", "['\u2019]")


def _spelled_year(year_words: Mapping[str, Any]) -> str:
    """A year in words: "nineteen ninety-six", "nineteen hundred (and) ninety three",
    "two thousand (and) fifteen", "twenty twenty", "nineteen oh five"."""
    unit, teen, ten, century = (
        "(?:" + "|".join(year_words[key]) + ")" for key in ("units", "teens", "tens", "centuries")
    )
    tens = rf"{ten}(?:[\s-]{unit})?"
    below_hundred = rf"(?:{tens}|{teen}|{unit})"
    after_century = rf"(?:{tens}|{teen}|oh[\s-]{unit})"
    and_ = r"\s+(?:and\s+)?"
    return (
        rf"(?:{century}\s+hundred(?:{and_}{below_hundred})?|{century}[\s-]{after_century}"
        rf"|(?:one|two)\s+thousand(?:{and_}{below_hundred})?)"
    )
