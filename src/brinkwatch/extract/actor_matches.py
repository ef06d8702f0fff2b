"""Dictionary phrases found in one parsed Doc, indexed by token.

The phrase matchers were compiled once with the dictionary; here they run once
per Doc, overlapping matches are reduced to the longest, and every covered
token points at its match so later steps look phrases up in O(1).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, TypeVar

from spacy.tokens import Doc

from brinkwatch.extract.actor_dictionary import ActorDictionary, Entry, Lexeme
from brinkwatch.extract.token_table import TokenTable

T = TypeVar("T")

# Entity labels whose text is a name of something that is not a state: a state
# name inside them ("Bank of Russia", "George Washington") is not the state.
FOREIGN_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A phrase found at tokens ``start`` .. ``end`` (exclusive)."""

    start: int
    end: int
    value: T


@dataclass(frozen=True)
class DocMatches:
    """Names (ORTH matches) and lexicon phrases (role words, descriptions) per token."""

    names: Mapping[int, Match[Entry]]
    lexemes: Mapping[int, Match[Lexeme]]

    def name_at(self, i: int) -> Match[Entry] | None:
        return self.names.get(i)

    def lexeme_at(self, i: int) -> Match[Lexeme] | None:
        return self.lexemes.get(i)

    def unique_names(self) -> tuple[Match[Entry], ...]:
        return self._unique_names

    def unique_lexemes(self) -> tuple[Match[Lexeme], ...]:
        return self._unique_lexemes

    # (each pass asks for these again: sorted once per document)
    @functools.cached_property
    def _unique_names(self) -> tuple[Match[Entry], ...]:
        return _unique(self.names.values())

    @functools.cached_property
    def _unique_lexemes(self) -> tuple[Match[Lexeme], ...]:
        return _unique(self.lexemes.values())


def _unique(matches: Iterable[Match[T]]) -> tuple[Match[T], ...]:
    seen = {(m.start, m.end): m for m in matches}
    return tuple(seen[k] for k in sorted(seen))


def find_matches(
    doc: Doc, dictionary: ActorDictionary, table: TokenTable | None = None
) -> DocMatches:
    """Run the dictionary's matchers over ``doc``; longest match wins an overlap."""
    table = table or TokenTable(doc)
    names = [
        Match(start, end, dictionary.names[key])
        for key, start, end in _run(dictionary.name_matcher, doc)
        if key in dictionary.names
    ]
    names = [m for m in names if _plausible_name(table, m)]
    lexemes = [
        Match(start, end, dictionary.lexemes[key])
        for matcher in (dictionary.lexicon_matcher, dictionary.case_lexicon_matcher)
        for key, start, end in _run(matcher, doc)
        if key in dictionary.lexemes
    ]
    return DocMatches(_by_token(names), _by_token(lexemes))


def _run(matcher: object, doc: Doc) -> list[tuple[int, int, int]]:
    if matcher is None or not callable(matcher):
        return []
    found: list[tuple[int, int, int]] = matcher(doc)
    return found


def _by_token(matches: list[Match[T]]) -> Mapping[int, Match[T]]:
    """Longest first, then leftmost; a token belongs to at most one match."""
    index: dict[int, Match[T]] = {}
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        tokens = range(m.start, m.end)
        if index.keys().isdisjoint(tokens):
            index.update(dict.fromkeys(tokens, m))
    return MappingProxyType(index)


def _plausible_name(table: TokenTable, m: Match[Entry]) -> bool:
    """Reject a short form or place name that the parser reads as part of a
    longer, different name, and a capitalised short form opening a sentence
    unless the parser calls it a person."""
    kind = m.value.kind
    if kind in ("state", "capital", "city", "seat", "demonym") and (
        _covering_label(table, m) == "PERSON"
    ):
        return False
    if kind == "short":
        return table.ent_type[m.start] == "PERSON" or not table.sent_start[m.start]
    return True


def _covering_label(table: TokenTable, m: Match[Entry]) -> str | None:
    """The label of an entity strictly longer than the match that covers it."""
    ent = table.ent_iob[m.start] and _entity_of(table, m.start)
    if not ent:
        return None
    start, end, label = ent
    if start <= m.start and m.end <= end and (end - start) > (m.end - m.start):
        return label
    return None


def _entity_of(table: TokenTable, i: int) -> tuple[int, int, str] | None:
    """The entity token ``i`` is in, walked on the IOB column (not on Token objects)."""
    label, iob = table.ent_type[i], table.ent_iob
    if label == "":
        return None
    start = i
    while start > 0 and iob[start] == "I":
        start -= 1
    end = i + 1
    while end < table.size and iob[end] == "I":
        end += 1
    return start, end, label


def inside_foreign_entity(table: TokenTable, m: Match[Entry]) -> bool:
    """True when the match sits inside a longer name of another kind of thing."""
    return _covering_label(table, m) in FOREIGN_LABELS
