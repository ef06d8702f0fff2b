"""Quotes: direct and reported speech with resolved speakers."""

from __future__ import annotations

from spacy.tokens import Doc

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.records import Quote


def extract_quotes(doc: Doc, actors: ActorMentions) -> tuple[Quote, ...]:
    """Every quote in ``doc`` with its speaker."""
    return ()
