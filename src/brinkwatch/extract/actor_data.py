"""Reading and validating the actor data files (``data/actors/*.tsv``).

Every file is UTF-8, tab-separated, with a header row; ``|`` separates list
values inside a cell.  The formats are documented in ``docs/data/actors.md``.
Each reader returns immutable records; a malformed row raises
:class:`~brinkwatch.errors.DataFileError` naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from brinkwatch.errors import DataFileError
from brinkwatch.records import SECTORS

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORG_CODE = re.compile(r"^[A-Z0-9_]{2,12}$")

Row = dict[str, str]


@dataclass(frozen=True, slots=True)
class StateRow:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    tags: frozenset[str]


@dataclass(frozen=True, slots=True)
class MetonymRow:
    phrase: str
    country: str | None
    org: str | None
    sector: str | None
    kind: str  # "seat" or "capital"


@dataclass(frozen=True, slots=True)
class OrgRow:
    org: str
    name: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    sector: str | None


@dataclass(frozen=True, slots=True)
class BodyRow:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GroupRow:
    phrase: str
    group: str
    kind: str  # "name" or "adjective"
    plural: bool


@dataclass(frozen=True, slots=True)
class RoleRow:
    phrase: str
    sector: str | None
    office: str | None
    kind: str  # "title", "collective", "institution" or "act" (its owner is its agent)
    plural: bool


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One term of one person in one office (a person may have several rows)."""

    name: str
    variants: tuple[str, ...]
    short: tuple[str, ...]
    gender: str | None  # "m", "f" or None
    country: str | None
    org: str | None
    sector: str | None
    role: str | None
    offices: tuple[str, ...]
    start: date | None
    end: date | None  # exclusive; None while in office


@dataclass(frozen=True, slots=True)
class WordRow:
    """A word with a label: first names (gender), modifiers (effect), prepositions (use)."""

    word: str
    label: str
    extra: tuple[str, ...] = ()


def read_rows(name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, Row]]:
    """(line number, row) for every data row of ``data/actors/<name>``."""
    path = DATA_DIR / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            _check_header(path, reader.fieldnames, columns)
            for line, row in enumerate(reader, start=2):
                _check_width(path, line, row, columns)
                yield line, {k: (row[k] or "").strip() for k in columns}
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}; reinstall brinkwatch") from exc


def _check_header(path: Path, found: object, columns: tuple[str, ...]) -> None:
    if not isinstance(found, list) or tuple(found) != columns:
        raise DataFileError(
            f"{path}: header is {found!r}; expected the tab-separated columns "
            f"{', '.join(columns)} (see docs/data/actors.md)"
        )


def _check_width(
    path: Path, line: int, row: dict[str | None, object], cols: tuple[str, ...]
) -> None:
    if None in row or any(row.get(c) is None for c in cols):
        raise DataFileError(
            f"{path}:{line}: expected {len(cols)} tab-separated cells; fix the row "
            "(empty cells still need their tab)"
        )


def split_list(cell: str) -> tuple[str, ...]:
    """``a|b|c`` -> ("a", "b", "c"), empty items dropped."""
    return tuple(item.strip() for item in cell.split("|") if item.strip())


def check_country(value: str, where: str) -> str | None:
    if not value:
        return None
    if not _ISO3.match(value):
        raise DataFileError(f"{where}: {value!r} is not an ISO 3166-1 alpha-3 code like RUS")
    return value


def check_org(value: str, where: str) -> str | None:
    if not value:
        return None
    if not _ORG_CODE.match(value):
        raise DataFileError(f"{where}: {value!r} is not an organisation code like NATO or EU")
    return value


def check_sector(value: str, where: str) -> str | None:
    if not value:
        return None
    if value not in SECTORS:
        raise DataFileError(f"{where}: sector {value!r} is not one of {', '.join(SECTORS)}")
    return value


def check_flag(value: str, where: str) -> bool:
    if value not in ("yes", "no", ""):
        raise DataFileError(f"{where}: expected yes, no or an empty cell, found {value!r}")
    return value == "yes"


def check_date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DataFileError(f"{where}: {value!r} is not a date YYYY-MM-DD") from exc


def check_choice(value: str, choices: tuple[str, ...], where: str) -> str:
    if value not in choices:
        raise DataFileError(f"{where}: {value!r} must be one of {', '.join(choices)}")
    return value


def check_required(value: str, column: str, where: str) -> str:
    if not value:
        raise DataFileError(f"{where}: the column {column!r} must not be empty")
    return value


def _where(name: str, line: int) -> str:
    return f"data/actors/{name}:{line}"


def load_states() -> tuple[StateRow, ...]:
    cols = ("iso3", "name", "aliases", "demonyms", "capital", "tags")
    rows = []
    for line, r in read_rows("states.tsv", cols):
        where = _where("states.tsv", line)
        iso3 = check_country(check_required(r["iso3"], "iso3", where), where) or ""
        rows.append(StateRow(
            iso3, check_required(r["name"], "name", where), split_list(r["aliases"]),
            split_list(r["demonyms"]), r["capital"], frozenset(split_list(r["tags"])),
        ))  # fmt: skip
    return tuple(rows)


def load_metonyms() -> tuple[MetonymRow, ...]:
    cols = ("phrase", "country", "org", "sector", "kind")
    rows = []
    for line, r in read_rows("metonyms.tsv", cols):
        where = _where("metonyms.tsv", line)
        country, org = check_country(r["country"], where), check_org(r["org"], where)
        if not (country or org):
            raise DataFileError(f"{where}: a metonym needs a country or an org")
        rows.append(MetonymRow(
            check_required(r["phrase"], "phrase", where), country, org,
            check_sector(r["sector"], where), check_choice(r["kind"], ("seat", "capital"), where),
        ))  # fmt: skip
    return tuple(rows)


def load_orgs() -> tuple[OrgRow, ...]:
    cols = ("org", "name", "aliases", "descriptions", "sector")
    rows = []
    for line, r in read_rows("orgs.tsv", cols):
        where = _where("orgs.tsv", line)
        rows.append(OrgRow(
            check_org(check_required(r["org"], "org", where), where) or "",
            check_required(r["name"], "name", where), split_list(r["aliases"]),
            split_list(r["descriptions"]), check_sector(r["sector"], where),
        ))  # fmt: skip
    return tuple(rows)


def load_bodies() -> tuple[BodyRow, ...]:
    cols = ("name", "aliases", "country", "sector")
    rows = []
    for line, r in read_rows("bodies.tsv", cols):
        where = _where("bodies.tsv", line)
        rows.append(BodyRow(
            check_required(r["name"], "name", where), split_list(r["aliases"]),
            check_country(r["country"], where), check_sector(r["sector"], where),
        ))  # fmt: skip
    return tuple(rows)


def load_groups() -> tuple[GroupRow, ...]:
    cols = ("phrase", "group", "kind", "plural")
    rows = []
    for line, r in read_rows("groups.tsv", cols):
        where = _where("groups.tsv", line)
        rows.append(GroupRow(
            check_required(r["phrase"], "phrase", where),
            check_org(check_required(r["group"], "group", where), where) or "",
            check_choice(r["kind"], ("name", "adjective"), where), check_flag(r["plural"], where),
        ))  # fmt: skip
    return tuple(rows)


def load_roles() -> tuple[RoleRow, ...]:
    cols = ("phrase", "sector", "office", "kind", "plural")
    kinds = ("title", "collective", "institution", "act")
    rows = []
    for line, r in read_rows("roles.tsv", cols):
        where = _where("roles.tsv", line)
        rows.append(RoleRow(
            check_required(r["phrase"], "phrase", where), check_sector(r["sector"], where),
            r["office"] or None, check_choice(r["kind"], kinds, where),
            check_flag(r["plural"], where),
        ))  # fmt: skip
    return tuple(rows)


def load_people() -> tuple[PersonRow, ...]:
    cols = ("name", "variants", "short", "gender", "country", "org", "sector", "role",
            "office", "start", "end")  # fmt: skip
    return tuple(_person(line, r) for line, r in read_rows("people.tsv", cols))


def _person(line: int, r: Row) -> PersonRow:
    where = _where("people.tsv", line)
    start, end = check_date(r["start"], where), check_date(r["end"], where)
    if start and end and end < start:
        raise DataFileError(f"{where}: term ends ({end}) before it starts ({start})")
    gender = check_choice(r["gender"], ("m", "f", ""), where) or None
    country, org = check_country(r["country"], where), check_org(r["org"], where)
    if not (country or org):
        raise DataFileError(f"{where}: a person needs a country or an org for the term")
    return PersonRow(
        check_required(r["name"], "name", where), split_list(r["variants"]),
        split_list(r["short"]), gender, country, org, check_sector(r["sector"], where),
        r["role"] or None, split_list(r["office"]), start, end,
    )  # fmt: skip


def load_regions() -> tuple[tuple[str, str], ...]:
    """(phrase, ISO3) of regions whose armed groups and people CAMEO codes by the
    state they lie in ("Donbas separatists" -> UKR)."""
    rows = []
    for line, r in read_rows("regions.tsv", ("phrase", "country", "note")):
        where = _where("regions.tsv", line)
        phrase = check_required(r["phrase"], "phrase", where)
        rows.append(
            (phrase, check_country(check_required(r["country"], "country", where), where) or "")
        )
    return tuple(rows)


def load_words(
    name: str, label_column: str, choices: tuple[str, ...], extra_column: str, lower: bool = True
) -> tuple[WordRow, ...]:
    """A three-column word list: ``word`` (lower-cased unless ``lower`` is
    false), a label, a list."""
    cols = ("word", label_column, extra_column)
    rows = []
    for line, r in read_rows(name, cols):
        where = _where(name, line)
        word = check_required(r["word"], "word", where)
        rows.append(WordRow(
            word.lower() if lower else word, check_choice(r[label_column], choices, where),
            split_list(r[extra_column].lower()),
        ))  # fmt: skip
    return tuple(rows)
