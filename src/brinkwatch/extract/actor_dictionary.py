"""The actor dictionary: every data file under ``data/actors`` in one immutable index.

Built once per process (:meth:`ActorDictionary.load` is cached), together with
the spaCy phrase matchers that find its phrases in a parsed Doc, so resolving
an article never scans the dictionary itself.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from brinkwatch.extract import actor_data as data
from brinkwatch.extract.actor_data import PersonRow, RoleRow
from brinkwatch.records import SECTORS

# Which entry wins when two data files list the same phrase: blockers (names
# that contain an actor's name but are not actors: "the West Bank") first,
# people's full names next, then organisations and named bodies, seats of power, states, and last
# the short forms and demonyms, which are the most ambiguous.
_PRIORITY = ("blocker", "person", "org", "body", "seat", "state", "capital", "group", "group_adj",
             "demonym", "short", "city", "region")  # fmt: skip


# The effects a word in modifiers.tsv can have (docs/data/actors.md).
MODIFIER_EFFECTS = ("no-holder", "former", "not-affiliation", "agent-compound", "quantity",
                    "ethnic", "place-noun", "place-verb", "expletive-head")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entry:
    """What a dictionary phrase stands for."""

    kind: str  # one of _PRIORITY
    name: str | None = None
    country: str | None = None
    org: str | None = None
    group: str | None = None
    sector: str | None = None
    plural: bool = False
    tags: frozenset[str] = frozenset()

    @property
    def code(self) -> str | None:
        return self.country or self.org or self.group


@dataclass(frozen=True, slots=True)
class Lexeme:
    """A lower-cased lexicon phrase: a role word or a description."""

    kind: str  # "role", "org_description" or "state_description"
    role: RoleRow | None = None
    refers: tuple[str, ...] = ()  # organisation names (orgs.tsv rows), or required state tags


@dataclass(frozen=True, slots=True)
class PrepositionUse:
    use: str  # "place", "topic" or "actor"
    exceptions: frozenset[str]  # governing words that flip the use


@dataclass(frozen=True)
class ActorDictionary:
    """The curated actor dictionary (data files under ``data/actors``)."""

    names: Mapping[int, Entry] = field(default_factory=dict)  # match id -> entry
    lexemes: Mapping[int, Lexeme] = field(default_factory=dict)
    people: Mapping[str, tuple[PersonRow, ...]] = field(default_factory=dict)
    holders: Mapping[tuple[str, str], tuple[PersonRow, ...]] = field(default_factory=dict)
    first_names: Mapping[str, str] = field(default_factory=dict)
    prepositions: Mapping[str, PrepositionUse] = field(default_factory=dict)
    modifiers: Mapping[str, str] = field(default_factory=dict)
    org_names: Mapping[str, str] = field(default_factory=dict)  # code -> name of first row
    org_codes: Mapping[str, str] = field(default_factory=dict)  # row name -> code
    quantity_words: frozenset[str] = frozenset()
    org_heads: Mapping[str, str | None] = field(default_factory=dict)  # head word -> sector
    expletive_heads: frozenset[str] = frozenset()
    name_matcher: PhraseMatcher | None = None
    lexicon_matcher: PhraseMatcher | None = None
    case_lexicon_matcher: PhraseMatcher | None = None

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> ActorDictionary:
        """Read every data file and build the matchers, once per process."""
        from brinkwatch.nlp import load_nlp

        return build_dictionary(load_nlp())

    def person_term(self, name: str, on: date | None) -> PersonRow | None:
        """The term of ``name`` that covers ``on``; see :func:`pick_term`."""
        return pick_term(self.people.get(name, ()), on)

    def holder(
        self, code: str, office: str, on: date | None, sector: str | None = None
    ) -> PersonRow | None:
        """The single holder of ``office`` for ``code`` on ``on``, if exactly one is
        known.  ``sector`` separates offices with one title in two bodies (the
        White House and the Pentagon each have a press secretary)."""
        if on is None:
            return None
        found = {r.name: r for r in self.holders.get((code, office), ()) if _covers(r, on)}
        same_sector = {n: r for n, r in found.items() if r.sector == sector}
        for pool in (same_sector, found if not same_sector else {}):
            if len(pool) == 1:
                return next(iter(pool.values()))
        return None

    def preposition(self, word: str) -> PrepositionUse | None:
        return self.prepositions.get(word.lower())


def _covers(row: PersonRow, on: date) -> bool:
    return (row.start is None or row.start <= on) and (row.end is None or on < row.end)


def pick_term(rows: Iterable[PersonRow], on: date | None) -> PersonRow | None:
    """The term in office on ``on``; without a date, the latest term.  Outside
    every term, the latest earlier term (or the first) is returned with its office
    cleared, so a former holder keeps a nationality but not a title."""
    terms = sorted(rows, key=lambda r: r.start or date.min)
    if not terms:
        return None
    if on is None:
        return terms[-1]
    for row in terms:
        if _covers(row, on):
            return row
    earlier = [r for r in terms if (r.start or date.min) <= on]
    base = earlier[-1] if earlier else terms[0]
    return PersonRow(base.name, base.variants, base.short, base.gender, base.country, None,
                     None, None, (), base.start, base.end)  # fmt: skip


def build_dictionary(nlp: Language) -> ActorDictionary:
    """Every data file, checked, indexed and compiled into phrase matchers
    (patterns are tokenized by ``nlp``'s tokenizer, as texts will be)."""
    people = data.load_people()
    by_phrase = _name_entries(people)
    name_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = _add_patterns(name_matcher, nlp, by_phrase)
    lexemes, lower, cased = _lexicon(nlp)
    return ActorDictionary(
        names=MappingProxyType(names),
        lexemes=MappingProxyType(lexemes),
        people=MappingProxyType(_group_people(people)),
        holders=MappingProxyType(_holders(people)),
        first_names=MappingProxyType(_first_names()),
        prepositions=MappingProxyType(_prepositions()),
        modifiers=MappingProxyType({r.word: r.label for r in _modifier_rows()}),
        quantity_words=frozenset(r.word for r in _modifier_rows() if r.label == "quantity"),
        org_heads=MappingProxyType(_org_heads()),
        expletive_heads=frozenset(r.word for r in _modifier_rows() if r.label == "expletive-head"),
        org_names=MappingProxyType(_org_names()),
        org_codes=MappingProxyType({o.name: o.org for o in data.load_orgs()}),
        name_matcher=name_matcher,
        lexicon_matcher=lower,
        case_lexicon_matcher=cased,
    )


def _add_patterns(
    matcher: PhraseMatcher, nlp: Language, by_phrase: Mapping[str, Entry]
) -> dict[int, Entry]:
    """One matcher key per distinct entry; returns match id -> entry."""
    keys: dict[Entry, str] = {}
    patterns: defaultdict[str, list[Doc]] = defaultdict(list)
    for phrase, entry in by_phrase.items():
        key = keys.setdefault(entry, f"N{len(keys)}")
        patterns[key].append(nlp.make_doc(phrase))
    for key, docs in patterns.items():
        matcher.add(key, docs)
    return {nlp.vocab.strings.add(key): entry for entry, key in keys.items()}


def _name_entries(people: tuple[PersonRow, ...]) -> dict[str, Entry]:
    """Surface phrase -> entry, the higher-priority entry winning a shared phrase."""
    ranked: dict[str, tuple[int, Entry]] = {}
    for phrase, entry in _all_name_entries(people):
        for form in _case_forms(phrase):
            rank = _PRIORITY.index(entry.kind)
            if form not in ranked or rank < ranked[form][0]:
                ranked[form] = (rank, entry)
    return {phrase: entry for phrase, (_, entry) in ranked.items()}


def _case_forms(phrase: str) -> tuple[str, ...]:
    """The phrase as written, and with a capital first letter (sentence start)."""
    upper = phrase[:1].upper() + phrase[1:]
    return (phrase,) if upper == phrase else (phrase, upper)


def _all_name_entries(people: tuple[PersonRow, ...]) -> Iterable[tuple[str, Entry]]:
    yield from _state_entries()
    yield from _metonym_entries()
    yield from _capital_entries()
    for phrase, iso3 in data.load_regions():
        yield phrase, Entry("region", None, country=iso3)
    yield from _org_entries()
    yield from _group_entries()
    yield from _people_entries(people)
    for row in data.load_words("blockers.tsv", "kind", ("place", "other"), "note", lower=False):
        yield row.word, Entry("blocker")


def _state_entries() -> Iterable[tuple[str, Entry]]:
    for s in data.load_states():
        state = Entry("state", s.name, country=s.iso3, tags=s.tags)
        # a short form listed as both alias and demonym is used as an adjective
        # too ("a U.S. request"), which a bare name ("a Ukraine request") is not
        adjectival = set(s.aliases) & set(s.demonyms)
        names = (s.name, *s.aliases, *(() if s.name.startswith("the ") else (f"the {s.name}",)))
        for phrase in names:
            tags = s.tags | {"adjectival"} if phrase in adjectival else s.tags
            yield phrase, replace(state, tags=tags)
        for demonym in (d for d in s.demonyms if d not in adjectival):
            yield demonym, Entry("demonym", s.name, country=s.iso3, tags=s.tags)
            if not demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
                plural = Entry("demonym", s.name, country=s.iso3, plural=True, tags=s.tags)
                yield demonym + "s", plural


def _capital_entries() -> Iterable[tuple[str, Entry]]:
    """Every capital in states.tsv may own a role ("Khartoum government"); only
    those in metonyms.tsv also stand alone for their state ("Moscow said")."""
    for s in data.load_states():
        if s.capital:
            yield s.capital, Entry("city", s.name, country=s.iso3, sector="GOV")


def _metonym_entries() -> Iterable[tuple[str, Entry]]:
    """Seats keep their own name ("Kremlin"); a capital stands for its state or
    organisation, so it takes that name ("Moscow" -> "Russia")."""
    states = {s.iso3: s.name for s in data.load_states()}
    orgs = _org_names()
    for m in data.load_metonyms():
        name = m.phrase[4:] if m.phrase.startswith("the ") else m.phrase
        if m.kind == "capital":
            name = states.get(m.country or "") or orgs.get(m.org or "") or name
        yield m.phrase, Entry(m.kind, name, country=m.country, org=m.org, sector=m.sector)


def _org_names() -> dict[str, str]:
    """Organisation code -> the name of its first row in orgs.tsv (the body itself)."""
    names: dict[str, str] = {}
    for o in data.load_orgs():
        names.setdefault(o.org, o.name)
    return names


def _org_entries() -> Iterable[tuple[str, Entry]]:
    for o in data.load_orgs():
        entry = Entry("org", o.name, org=o.org, sector=o.sector)
        for phrase in (o.name, *o.aliases):
            yield phrase, entry
    for b in data.load_bodies():
        entry = Entry("body", b.name, country=b.country, sector=b.sector)
        for phrase in (b.name, *b.aliases):
            yield phrase, entry


def _group_entries() -> Iterable[tuple[str, Entry]]:
    for g in data.load_groups():
        kind = "group" if g.kind == "name" else "group_adj"
        yield g.phrase, Entry(kind, None, group=g.group, plural=g.plural)


def _people_entries(people: tuple[PersonRow, ...]) -> Iterable[tuple[str, Entry]]:
    for p in people:
        for phrase in (p.name, *p.variants):
            yield phrase, Entry("person", p.name)
        for phrase in p.short:
            yield phrase, Entry("short", p.name)


def _group_people(people: tuple[PersonRow, ...]) -> dict[str, tuple[PersonRow, ...]]:
    grouped: defaultdict[str, list[PersonRow]] = defaultdict(list)
    for p in people:
        grouped[p.name].append(p)
    return {name: tuple(rows) for name, rows in grouped.items()}


def _holders(people: tuple[PersonRow, ...]) -> dict[tuple[str, str], tuple[PersonRow, ...]]:
    index: defaultdict[tuple[str, str], list[PersonRow]] = defaultdict(list)
    for p in people:
        code = p.country or p.org
        for office in p.offices:
            if code:
                index[(code, office)].append(p)
    return {key: tuple(rows) for key, rows in index.items()}


def _lexicon(nlp: Language) -> tuple[dict[int, Lexeme], PhraseMatcher, PhraseMatcher]:
    """Role words and descriptions: lower-case phrases match any case; phrases
    written with capitals (``PM``, ``Gen.``) match only as written."""
    vocab = nlp.vocab
    lower, cased = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab, attr="ORTH")
    lexemes: dict[int, Lexeme] = {}
    for key, (phrase, lexeme) in enumerate(_lexicon_entries()):
        name = f"L{key}"
        matcher = lower if phrase == phrase.lower() else cased
        forms = (phrase,) if matcher is lower else _case_forms(phrase)
        matcher.add(name, [nlp.make_doc(form) for form in forms])
        lexemes[vocab.strings.add(name)] = lexeme
    return lexemes, lower, cased


def _lexicon_entries() -> Iterable[tuple[str, Lexeme]]:
    for role in data.load_roles():
        yield role.phrase, Lexeme("role", role=role)
    descriptions: defaultdict[str, list[str]] = defaultdict(list)
    for o in data.load_orgs():
        for phrase in o.descriptions:
            descriptions[phrase.lower()].append(o.name)
    for phrase, names in descriptions.items():
        yield phrase, Lexeme("org_description", refers=tuple(dict.fromkeys(names)))
    for row in data.load_words("descriptions.tsv", "refers", ("state",), "tags"):
        yield row.word, Lexeme("state_description", refers=row.extra)


def _org_heads() -> dict[str, str | None]:
    rows = data.load_words("org_heads.tsv", "sector", (*SECTORS, "-"), "note")
    return {r.word: (None if r.label == "-" else r.label) for r in rows}


def _first_names() -> dict[str, str]:
    rows = data.load_words("first_names.tsv", "gender", ("m", "f"), "note")
    return {r.word: r.label for r in rows}


def _prepositions() -> dict[str, PrepositionUse]:
    rows = data.load_words("prepositions.tsv", "use", ("place", "topic", "actor"), "except")
    return {r.word: PrepositionUse(r.label, frozenset(r.extra)) for r in rows}


def _modifier_rows() -> tuple[data.WordRow, ...]:
    return data.load_words("modifiers.tsv", "effect", MODIFIER_EFFECTS, "note")
