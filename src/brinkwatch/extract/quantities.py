"""Quantities: numbers with what they count, money, percentages."""

from __future__ import annotations

from spacy.tokens import Doc

from brinkwatch.records import Quantity


def extract_quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Every counted quantity in ``doc``."""
    return ()
