"""Actors: mentions of states, organisations, groups and people, resolved to codes.

The dictionary (:class:`ActorDictionary`, data files under ``data/actors``) is
loaded once; :func:`extract_actors` resolves one parsed Doc in four passes —
people, actor noun phrases, names, coreference — described in
``docs/data/actors.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from spacy.tokens import Doc, Span

from brinkwatch.extract.actor_coref import resolve_coreference
from brinkwatch.extract.actor_dictionary import ActorDictionary
from brinkwatch.extract.actor_matches import find_matches
from brinkwatch.extract.actor_names import resolve_acronyms, resolve_named_bodies, resolve_names
from brinkwatch.extract.actor_nouns import resolve_actor_nouns
from brinkwatch.extract.actor_people import resolve_people
from brinkwatch.extract.actor_resolve import Context, Mention, Resolution
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import Actor

__all__ = ["ActorDictionary", "ActorMentions", "extract_actors"]


@dataclass(frozen=True)
class ActorMentions:
    """All actor mentions of one document, with a token index for lookups."""

    mentions: tuple[Actor, ...] = ()
    by_token: Mapping[int, Actor] = field(default_factory=dict)

    def at(self, token_i: int) -> Actor | None:
        """The actor whose mention covers token ``token_i``, if any."""
        return self.by_token.get(token_i)

    def in_span(self, span: Span) -> tuple[Actor, ...]:
        """The distinct actors mentioned inside ``span``, in order."""
        seen: list[Actor] = []
        for tok in span:
            actor = self.by_token.get(tok.i)
            if actor is not None and actor not in seen:
                seen.append(actor)
        return tuple(seen)


def extract_actors(
    doc: Doc, dictionary: ActorDictionary, published: str | None, table: TokenTable | None = None
) -> ActorMentions:
    """Every actor mention in ``doc``, resolved (coreference included)."""
    table = table or TokenTable(doc)
    ctx = Context(doc, find_matches(doc, dictionary, table), dictionary, _date(published), table)
    res = Resolution()
    resolve_people(ctx, res)
    resolve_actor_nouns(ctx, res)
    resolve_names(ctx, res)
    resolve_named_bodies(ctx, res)
    resolve_acronyms(ctx, res)
    resolve_coreference(ctx, res)
    return _collect(table, res.mentions)


def _collect(table: TokenTable, mentions: list[Mention]) -> ActorMentions:
    actors: list[Actor] = []
    by_token: dict[int, Actor] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        actor = _actor(table, m)
        actors.append(actor)
        by_token.update(dict.fromkeys(range(m.start, m.end), actor))
    return ActorMentions(tuple(actors), MappingProxyType(by_token))


def _actor(table: TokenTable, m: Mention) -> Actor:
    # (text and offsets from the columns: Span.text joins the span token by token)
    start, end = table.starts[m.start], table.ends[m.end - 1]
    w = m.who
    return Actor(table.text[start:end], start, end, w.name, w.country, w.org, w.group,
                 w.sector, w.role)  # fmt: skip


def _date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
