"""PLOVER events with CAMEO codes, Goldstein values, source and target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.records import Event, Place, Quantity, Quote, TimeMention


class EventLexicon:
    """Verb and noun patterns for the 16 PLOVER types (data files under ``data/events``)."""

    @classmethod
    def load(cls) -> EventLexicon:
        return cls()


@dataclass(frozen=True)
class EventInputs:
    """What the event coder needs from the other extractors for one document."""

    article_id: str
    published: date | None
    actors: ActorMentions
    times: tuple[TimeMention, ...] = ()
    places: tuple[Place, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()


def extract_events(doc: Doc, inputs: EventInputs, lexicon: EventLexicon) -> tuple[Event, ...]:
    """Every PLOVER event in ``doc``: one per (source, target) pair."""
    return ()
