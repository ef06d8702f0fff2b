"""Time expressions (TIMEX3) found and normalized against the publication date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from brinkwatch.records import TimeMention


def extract_times(doc: Doc, published: date | None) -> tuple[TimeMention, ...]:
    """Every time expression in ``doc`` with its TIMEX3 value."""
    return ()
