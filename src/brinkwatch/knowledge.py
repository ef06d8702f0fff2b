"""The data every extractor reads, loaded once per process.

Knowledge lives in data files under ``data/`` (documented in
``docs/data-formats.md``); this module only gathers the loaded objects.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from brinkwatch.extract.actors import ActorDictionary
from brinkwatch.extract.events import EventLexicon
from brinkwatch.extract.places import Gazetteer


@dataclass(frozen=True)
class Knowledge:
    actors: ActorDictionary
    gazetteer: Gazetteer
    events: EventLexicon


@functools.lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """Actor dictionary, gazetteer and event lexicon, loaded once per process."""
    return Knowledge(
        actors=ActorDictionary.load(),
        gazetteer=Gazetteer.load(),
        events=EventLexicon.load(),
    )
