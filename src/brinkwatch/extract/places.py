"""Places: toponyms resolved against the offline gazetteer.

Mentions come from spaCy's GPE/LOC/FAC entities and from gazetteer phrase
matches (``place_mentions``); each is resolved to one gazetteer entry using the
rest of the article as context (``place_resolve``).  Capitals used as the
subject of a verb ("Moscow said") are governments, not places, and are left to
the actor extractor.
"""

from __future__ import annotations

from spacy.tokens import Doc

from brinkwatch.extract.place_gazetteer import GazEntry, Gazetteer
from brinkwatch.extract.place_mentions import find_mentions
from brinkwatch.extract.place_resolve import Choice, resolve
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import Place


def extract_places(
    doc: Doc, gazetteer: Gazetteer, table: TokenTable | None = None
) -> tuple[Place, ...]:
    """Every place named in ``doc``, with coordinates."""
    choices = resolve(find_mentions(doc, gazetteer, table))
    return tuple(_place(choice, gazetteer) for choice in choices)


def _place(choice: Choice, gazetteer: Gazetteer) -> Place:
    entry, mention = choice.entry, choice.mention
    return Place(
        text=mention.text, start=mention.start, end=mention.end, name=entry.name,
        country=entry.country, feature=entry.feature, lat=entry.lat, lon=entry.lon,
        admin1=_admin1_name(entry, gazetteer), geonameid=entry.geonameid,
    )  # fmt: skip


def _admin1_name(entry: GazEntry, gazetteer: Gazetteer) -> str | None:
    """US entries carry a state code; the record names the state."""
    state = gazetteer.states.get(entry.admin1) if entry.country == "USA" and entry.admin1 else None
    if state is not None:
        return state.name
    return entry.admin1


__all__ = ["Gazetteer", "extract_places"]
