"""The shared core of actor resolution: identities, mentions, owners.

Resolution runs in passes over one Doc, each claiming the tokens it uses so a
token belongs to one mention: people (:mod:`actor_people`), noun phrases
headed by actor nouns (:mod:`actor_nouns`), the remaining names
(:mod:`actor_names`), then coreference (:mod:`actor_coref`).  This module
holds what they share: the :class:`Who` / :class:`Mention` records, the
per-Doc :class:`Resolution`, and how owners ("Russian", "NATO", "the
Kremlin") combine with role words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from spacy.tokens import Doc, Span

from brinkwatch.extract.actor_data import PersonRow, RoleRow
from brinkwatch.extract.actor_dictionary import ActorDictionary, Entry
from brinkwatch.extract.actor_matches import DocMatches, Match
from brinkwatch.extract.actor_syntax import (
    place_use,
)
from brinkwatch.extract.token_table import TokenTable

AFFILIATION_KINDS = frozenset({"state", "capital", "city", "seat", "org", "body", "group",
                               "group_adj", "demonym", "person", "short", "region"})  # fmt: skip
# A role whose sector is GOV is a weak hint ("officials", "leaders"): the sector
# of the body it belongs to wins ("Pentagon officials" -> MIL); a title with no
# sector of its own ("spokesman") takes its owner's, or GOV for a state.
WEAK_SECTOR = "GOV"
# What a region's people and forces are: its armed men rebels, its people civilians.
REGIONAL_SECTORS = MappingProxyType({"MIL": "REB", "REB": "REB", "CVL": "CVL"})
# Collectives that are actors without an owner: "separatists", "protesters".
SELF_STANDING_SECTORS = frozenset({"REB", "CVL"})


@dataclass(frozen=True, slots=True)
class Who:
    """The resolved identity of a mention, before it has a text span."""

    name: str | None = None
    country: str | None = None
    org: str | None = None
    group: str | None = None
    sector: str | None = None
    role: str | None = None
    gender: str | None = None
    offices: tuple[str, ...] = ()

    @property
    def code(self) -> str | None:
        return self.country or self.org or self.group


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention over tokens ``start`` .. ``end`` with its identity."""

    start: int
    end: int
    head: int
    who: Who
    kind: str  # person, state, capital, seat, org, body, group, demonym, title, ...
    plural: bool = False
    subject: bool = False
    tags: frozenset[str] = frozenset()
    noun: str | None = None  # the role word heading it ("foreign ministry"), if any


@dataclass(frozen=True, slots=True)
class Description:
    """A definite noun phrase with no owner ("the ministry", "the president")
    left for coreference to resolve."""

    start: int
    end: int
    head: int
    role: RoleRow


@dataclass
class Resolution:
    """Mentions found so far in one Doc and the tokens they claim."""

    mentions: list[Mention] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)
    descriptions: list[Description] = field(default_factory=list)
    by_title_head: dict[int, Who] = field(default_factory=dict)

    def free(self, start: int, end: int) -> bool:
        return self.claimed.isdisjoint(range(start, end))

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.claimed.update(range(mention.start, mention.end))


@dataclass(frozen=True)
class Context:
    """Everything a pass needs about one Doc."""

    doc: Doc
    matches: DocMatches
    dictionary: ActorDictionary
    on: date | None
    table: TokenTable  # the document's token columns, for scans over every token

    @property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, computed once (spaCy rebuilds it per access)."""
        return self.table.ents


# ----------------------------------------------------------------- identities


def who_from_term(term: PersonRow) -> Who:
    return Who(term.name, term.country, term.org, None, term.sector, term.role, term.gender,
               term.offices)  # fmt: skip


def who_from_entry(entry: Entry, ctx: Context) -> Who:
    """The identity a dictionary name gives, people resolved for the article date."""
    if entry.kind in ("person", "short") and entry.name:
        term = ctx.dictionary.person_term(entry.name, ctx.on)
        return who_from_term(term) if term else Who(entry.name)
    return Who(entry.name, entry.country, entry.org, entry.group, entry.sector)


def combine(role: RoleRow | None, owner: Who | None) -> Who:
    """A role word and the body it belongs to ("Pentagon" + "spokesman")."""
    if owner is None:
        return Who(sector=role.sector if role else None, role=role_name(role))
    sector = owner.sector if owner.org or owner.group or owner.country else None
    if role and role.sector and not (role.sector == WEAK_SECTOR and sector):
        sector = role.sector
    if sector is None and role and role.kind == "title" and owner.country:
        sector = WEAK_SECTOR  # "a Russian spokesman" speaks for the government
    if owner.org and not owner.country and sector == WEAK_SECTOR:
        sector = "IGO"
    name = owner.name if owner.org or _is_body(owner) else None
    return Who(name, owner.country, owner.org, owner.group, sector, role_name(role))


def _is_body(owner: Who) -> bool:
    return bool(owner.name and owner.sector in ("BUS", "MED"))


def role_name(role: RoleRow | None) -> str | None:
    return role.phrase.lower() if role and role.kind == "title" else None


def owner_of(entry: Entry, ctx: Context) -> Who:
    """What an affiliation word contributes: a person lends their state or org;
    a capital its state, but no sector of its own ("Kinshasa's first lady" is
    not the government; "Moscow's ambassador" takes DIP from the title)."""
    who = who_from_entry(entry, ctx)
    if entry.kind in ("person", "short"):
        return Who(country=who.country, org=who.org, sector=who.sector)
    if entry.kind in ("state", "demonym"):
        return replace(who, name=None)
    if entry.kind in ("capital", "city"):
        return replace(who, name=None, sector=None)
    return who


def affiliations(
    ctx: Context, tokens: Iterable[int], owner_phrase: bool = False
) -> list[Match[Entry]]:
    """Names in ``tokens`` that say whom a role belongs to ("Russian", "NATO",
    "the Kremlin"), skipping "pro-Russian" and "Kremlin-backed", and places
    ("the deputy chief of mission at the U.S. embassy in Moscow") unless the
    tokens are an owner phrase already ("advisers from Russia")."""
    found: list[Match[Entry]] = []
    for i in tokens:
        m = ctx.matches.name_at(i)
        if m and m.value.kind in AFFILIATION_KINDS and m not in found and _owns(ctx, m):
            found.append(m)
    return found if owner_phrase else [m for m in found if not _located(ctx, m)]


def _located(ctx: Context, m: Match[Entry]) -> bool:
    if m.value.kind not in ("state", "capital", "city", "seat", "region"):
        return False
    table, last = ctx.table, m.end - 1
    if table.dep[last] != "pobj":
        return False
    use = ctx.dictionary.preposition(table.lower[table.head[last]])
    return use is not None and use.use == "place" and place_use(table, last, ctx.dictionary)


def _owns(ctx: Context, m: Match[Entry]) -> bool:
    """Not an owner inside "pro-Russian", "Russian-speaking", "Kremlin-backed",
    nor after "ethnic" ("ethnic Armenian forces" are not Armenia's)."""
    after, before = _compound_word(ctx, m.end, 1), _compound_word(ctx, m.start - 1, -1)
    effects = ctx.dictionary.modifiers
    if m.start > 0 and effects.get(ctx.table.lower[m.start - 1]) == "ethnic":
        return False
    if after is not None and effects.get(after) in ("not-affiliation", "agent-compound"):
        return False
    return not (before is not None and effects.get(before) == "not-affiliation")


def _compound_word(ctx: Context, hyphen: int, step: int) -> str | None:
    """The word (lower case) joined by a hyphen at ``hyphen`` to a name ("Russian-backed")."""
    word, size = hyphen + step, ctx.table.size
    if 0 <= hyphen < size and 0 <= word < size and ctx.table.orth[hyphen] == "-":
        return ctx.table.lower[word]
    return None


def agent_compound(ctx: Context, m: Match[Entry]) -> bool:
    """ "Russian-brokered", "U.S.-led", "Russian-held": the name is the agent."""
    after = _compound_word(ctx, m.end, 1)
    return after is not None and ctx.dictionary.modifiers.get(after) == "agent-compound"


_PLACE_KINDS = frozenset({"state", "demonym", "capital", "city"})


def single_owner(ctx: Context, found: list[Match[Entry]]) -> Who | None:
    """The one state or body all matches belong to.  A body named in the phrase speaks
    for it ("British Foreign Office minister": DIP, not the state's GOV), else the
    first match in text order -- never a set's order, which changes from run to run."""
    ordered = sorted(found, key=lambda m: (m.value.kind in _PLACE_KINDS, m.start))
    owners = [owner_of(m.value, ctx) for m in ordered]
    if not owners or len({o.code for o in owners}) != 1:
        return None
    return owners[0]


# ------------------------------------------------- helpers shared by the passes


def span_root(ctx: Context, start: int, end: int) -> int:
    """``doc[start:end].root.i``, as spaCy's ``Span.root`` finds it, on the table:
    a sentence root inside the span, else the word whose head is outside it, and
    when there are several, the first nearest the sentence root (a childless
    punctuation or space token counting as far away)."""
    head = ctx.table.head
    inside = range(start, end)
    for i in inside:
        if head[i] == i:
            return i  # a sentence root
    candidates = [i for i in inside if head[i] not in inside]
    if len(candidates) == 1:  # the usual case: a phrase hangs from one word
        return candidates[0]
    return min(candidates, key=lambda i: _words_to_root(ctx.table, i), default=start)


def _words_to_root(table: TokenTable, i: int) -> int:
    """spaCy's ``_count_words_to_root``: the steps from token ``i`` up to its sentence root."""
    if (table.is_space[i] or table.is_punct[i]) and not table.children(i):
        return table.size - 1
    steps = 0
    while table.head[i] != i:
        i, steps = table.head[i], steps + 1
    return steps


def names_object(ctx: Context, m: Match[Entry], obj: int) -> bool:
    """The owner is the object itself ("of Ukraine") or describes it ("of the
    Baltic states"), not a possessor inside it ("of Israel's ally")."""
    head = m.end - 1
    table = ctx.table
    return head == obj or (table.head[head] == obj and table.dep[head] in ("amod", "compound"))


def collective_sector(ctx: Context, tokens: Iterable[int]) -> str | None:
    """ "opposition spokesman", "rebel commander": the group word sets the sector."""
    for i in tokens:
        m = ctx.matches.lexeme_at(i)
        if m and m.value.role and m.value.role.kind == "collective" and m.value.role.sector:
            return m.value.role.sector
    return None


def as_former(ctx: Context, tokens: Iterable[int], who: Who) -> Who:
    """ "the former Ukrainian lawmaker": the role is a past one and no longer
    places the person in a sector."""
    effects = ctx.dictionary.modifiers
    lower = ctx.table.lower
    if not any(effects.get(lower[i]) == "former" for i in tokens):
        return who
    return replace(who, role=f"former {who.role}" if who.role else None, sector=None)


def no_holder(ctx: Context, mods: range) -> bool:
    effects = ctx.dictionary.modifiers
    lower = ctx.table.lower
    return any(effects.get(lower[i]) in ("no-holder", "former") for i in mods)
