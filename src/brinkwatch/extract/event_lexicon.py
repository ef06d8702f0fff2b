"""The event coder's knowledge, read once from ``data/events`` (format: docs/data/events.md)."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from brinkwatch.errors import DataFileError
from brinkwatch.settings import DATA_DIR

EVENTS_DIR = DATA_DIR / "events"


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One row of cameo.tsv: a CAMEO code and what it means in PLOVER."""

    code: str
    plover: str
    mode: str | None
    contexts: tuple[str, ...]
    quad_class: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class Sense:
    """One way a trigger word codes: a CAMEO code and a prior confidence."""

    cameo: str
    weight: float
    joint_cameo: str | None = None


def _rows(path: Path, min_cols: int) -> Iterator[tuple[int, list[str]]]:
    """Non-comment, non-blank TSV rows of ``path`` with at least ``min_cols`` columns."""
    if not path.is_file():
        raise DataFileError(f"{path}: missing; reinstall brinkwatch or restore data/events")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < min_cols:
            raise DataFileError(
                f"{path}:{n}: expected at least {min_cols} tab-separated columns, got "
                f"{len(cols)}; see docs/data/events.md"
            )
        yield n, cols


def _weight(path: Path, n: int, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError as exc:
        raise DataFileError(f"{path}:{n}: weight {raw!r} is not a number") from exc
    if not 0.0 <= value <= 1.0:
        raise DataFileError(f"{path}:{n}: weight {value} outside 0..1")
    return value


def load_cameo(path: Path) -> Mapping[str, CameoCode]:
    """cameo.tsv: code -> CameoCode."""
    table: dict[str, CameoCode] = {}
    for _n, cols in _rows(path, 6):
        code, plover, mode, contexts, quad, goldstein = cols[:6]
        table[code] = CameoCode(
            code, plover, mode or None, tuple(c for c in contexts.split(";") if c),
            int(quad), float(goldstein),
        )  # fmt: skip
    return MappingProxyType(table)


def load_verbs(path: Path) -> Mapping[tuple[str, str], Sense]:
    """verbs.tsv: (key, object class or "") -> Sense."""
    table: dict[tuple[str, str], Sense] = {}
    for n, cols in _rows(path, 3):
        obj = cols[3].strip() if len(cols) > 3 else ""
        table[(cols[0].strip(), obj)] = Sense(cols[1].strip(), _weight(path, n, cols[2]))
    return MappingProxyType(table)


def load_nouns(path: Path) -> Mapping[str, Sense]:
    """nouns.tsv: lemma (or "modifier lemma") -> Sense."""
    table: dict[str, Sense] = {}
    for n, cols in _rows(path, 3):
        joint = cols[3].strip() if len(cols) > 3 and cols[3].strip() else None
        table[cols[0].strip()] = Sense(cols[1].strip(), _weight(path, n, cols[2]), joint)
    return MappingProxyType(table)


def load_light(path: Path) -> Mapping[tuple[str, str], Sense]:
    """light_verbs.tsv: (verb key, noun lemma or "*") -> Sense (cameo "" = the noun's)."""
    table: dict[tuple[str, str], Sense] = {}
    for n, cols in _rows(path, 4):
        sense = Sense(cols[2].strip(), _weight(path, n, cols[3]))
        table[(cols[0].strip(), cols[1].strip())] = sense
    return MappingProxyType(table)


def load_pairs(path: Path) -> Mapping[str, str]:
    """objects.tsv: lemma -> object class."""
    return MappingProxyType({cols[0].strip(): cols[1].strip() for _n, cols in _rows(path, 2)})


def load_cues(path: Path) -> Mapping[str, tuple[str, ...]]:
    """cues.toml flattened to "section.key" -> lemmas in file order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read cue file ({exc}); fix the TOML") from exc
    cues: dict[str, tuple[str, ...]] = {}
    for section, entries in data.items():
        for key, words in entries.items():
            if not isinstance(words, list):
                raise DataFileError(f"{path}: [{section}] {key} must be a list of words")
            cues[f"{section}.{key}"] = tuple(str(w).lower() for w in words)
    return MappingProxyType(cues)


# cue lists whose verbs trigger events through a special rule, not a lexicon row
SPECIAL_TRIGGER_CUES = (
    "args.expulsion_verbs", "args.motion_verbs", "args.receive_verbs", "control.instruction",
    "args.joint_making_verbs",
)  # fmt: skip


_NO_CUES: frozenset[str] = frozenset()
# object classes that are armed forces and their equipment
FORCE_CLASSES = ("troops", "weapons", "platforms", "peacekeepers")


@dataclass(frozen=True)
class EventLexicon:
    """Verb, noun and light-verb patterns for the 16 PLOVER types, and the cue words."""

    cameo: Mapping[str, CameoCode]
    verbs: Mapping[tuple[str, str], Sense]
    nouns: Mapping[str, Sense]
    light: Mapping[tuple[str, str], Sense]
    objects: Mapping[str, str]
    cues: Mapping[str, frozenset[str]]
    cue_order: Mapping[str, tuple[str, ...]]

    @classmethod
    def load(cls, directory: Path | None = None) -> EventLexicon:
        """The lexicon from ``directory`` (default: the bundled data), cached per directory."""
        return _load_cached(directory or EVENTS_DIR)

    @functools.cached_property
    def light_keys(self) -> frozenset[str]:
        """The verb keys of light_verbs.tsv."""
        return frozenset(verb for verb, _noun in self.light)

    @functools.cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """Every verb lemma some verb or light-verb row or special trigger starts with:
        any other verb is dismissed without reading its dependents."""
        return self.verb_lemmas | self.light_lemmas | self.special_lemmas

    @functools.cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """The lemmas the keys of verbs.tsv start with."""
        return _first_words(verb for verb, _cls in self.verbs)

    @functools.cached_property
    def light_lemmas(self) -> frozenset[str]:
        """The lemmas the verb keys of light_verbs.tsv start with."""
        return _first_words(self.light_keys)

    @functools.cached_property
    def special_lemmas(self) -> frozenset[str]:
        """The verbs of the special trigger rules (SPECIAL_TRIGGER_CUES)."""
        return frozenset().union(*(self.cue(name) for name in SPECIAL_TRIGGER_CUES))

    @functools.cached_property
    def noun_words(self) -> frozenset[str]:
        """Every word of a nouns.tsv key: a noun whose lemma is none of them has no sense."""
        return frozenset(word for key in self.nouns for word in key.split(" "))

    @functools.cached_property
    def conflict_lemmas(self) -> frozenset[str]:
        """Verb lemmas that code a conflictual act (QuadClass 3-4) in some row."""
        return frozenset(key.split(" ")[0] for (key, _o), sense in self.verbs.items()
                         if self.code(sense.cameo).quad_class >= 3)  # fmt: skip

    @functools.cached_property
    def denial_verbs(self) -> frozenset[str]:
        """The first words of the denial cues ("deny", "rule" of "rule out")."""
        return frozenset(d.split(" ")[0] for d in self.cue("control.denial"))

    @functools.cached_property
    def force_objects(self) -> frozenset[str]:
        """The object lemmas of a force class (FORCE_CLASSES): read once, not per document."""
        return frozenset(k for k, v in self.objects.items() if v in FORCE_CLASSES)

    def ordered_cue(self, name: str) -> tuple[str, ...]:
        """A cue list in file order (for lists where order is priority)."""
        return self.cue_order.get(name, ())

    def cue(self, name: str) -> frozenset[str]:
        """The cue set called ``section.key`` in cues.toml (empty when absent)."""
        return self._cue_sets.get(name, _NO_CUES)

    @functools.cached_property
    def _cue_sets(self) -> dict[str, frozenset[str]]:
        """:attr:`cues` as a plain dict: the rules look cues up thousands of times a document."""
        return dict(self.cues)

    def code(self, cameo: str) -> CameoCode:
        """The CAMEO row for ``cameo``; a missing code is a data error."""
        row = self.cameo.get(cameo)
        if row is None:
            raise DataFileError(
                f"CAMEO code {cameo!r} is used in data/events but missing from cameo.tsv"
            )
        return row


def _first_words(keys: Iterable[str]) -> frozenset[str]:
    """The first word of each key; a hyphenated one ("co-host") also after each hyphen
    ("host"): the parser splits such a word and the lemma is what comes after it."""
    firsts = {key.split(" ")[0] for key in keys}
    firsts |= {word[i + 1 :] for word in firsts for i, c in enumerate(word) if c == "-"}
    return frozenset(firsts)


@functools.lru_cache(maxsize=4)
def _load_cached(directory: Path) -> EventLexicon:
    ordered = load_cues(directory / "cues.toml")
    lexicon = EventLexicon(
        cameo=load_cameo(directory / "cameo.tsv"),
        verbs=load_verbs(directory / "verbs.tsv"),
        nouns=load_nouns(directory / "nouns.tsv"),
        light=load_light(directory / "light_verbs.tsv"),
        objects=load_pairs(directory / "objects.tsv"),
        cues=MappingProxyType({k: frozenset(v) for k, v in ordered.items()}),
        cue_order=ordered,
    )
    _check_codes(lexicon)
    return lexicon


def _check_codes(lexicon: EventLexicon) -> None:
    """Every CAMEO code a lexicon row uses must exist in cameo.tsv (fail at load, not later)."""
    senses = [*lexicon.verbs.values(), *lexicon.nouns.values(), *lexicon.light.values()]
    for sense in senses:
        for code in (sense.cameo, sense.joint_cameo):
            if code:
                lexicon.code(code)
