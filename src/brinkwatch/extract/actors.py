"""Actors: mentions of states, organisations, groups and people, resolved to codes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from brinkwatch.records import Actor


class ActorDictionary:
    """The curated actor dictionary (data files under ``data/actors``)."""

    @classmethod
    def load(cls) -> ActorDictionary:
        return cls()


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


def extract_actors(doc: Doc, dictionary: ActorDictionary, published: str | None) -> ActorMentions:
    """Every actor mention in ``doc``, resolved (coreference included)."""
    return ActorMentions()
