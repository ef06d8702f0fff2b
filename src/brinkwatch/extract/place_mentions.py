"""Finding toponym mentions in a parsed Doc: spaCy entities plus gazetteer phrase matches.

A mention carries its gazetteer candidates and, for "Kharkiv, Ukraine" or
"Alexandria, La.", the container named after the comma.  Which candidate is
meant is decided in :mod:`brinkwatch.extract.place_resolve`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.place_gazetteer import GazEntry, Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities of these kinds are never read as places, even when a word in them is a
# place name ("Georgia Power", "Jordan Smith", "Russian").
BLOCKING_LABELS = frozenset({"PERSON", "NORP", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
MAX_PHRASE_TOKENS = 6
# Phrase matches outside entities must name one of these: a bare city name
# without NER support is too often a surname or a common word.
PHRASE_FEATURES = frozenset({"country", "admin1", "region", "water"})
_DETERMINERS = frozenset({"the", "The"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One toponym in the text and the gazetteer entries it may stand for."""

    start: int  # char offsets into doc.text
    end: int
    text: str
    root: Token
    candidates: tuple[GazEntry, ...]
    # the readings of a state or country named after a comma ("La.", "Georgia")
    containers: tuple[GazEntry, ...] = ()


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> tuple[Mention, ...]:
    """Every toponym mention with at least one candidate, in text order, no overlaps."""
    found: list[Mention] = []
    taken: set[int] = set()
    for mention in [*_entity_mentions(doc, gazetteer), *_phrase_mentions(doc, gazetteer)]:
        tokens = _token_indices(doc, mention)
        if tokens & taken:
            continue
        taken |= tokens
        found.append(mention)
    return tuple(sorted(found, key=lambda m: m.start))


def _token_indices(doc: Doc, mention: Mention) -> set[int]:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


# ----------------------------------------------------------------------------- entities


def _entity_mentions(doc: Doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or _is_adjectival(ent):
            continue
        yield from _mentions_in_span(_strip_determiner(ent), gazetteer)


def _is_adjectival(span: Span) -> bool:
    """A demonym tagged as a place ("Russian"): adjectives are not toponyms."""
    return all(t.tag_ in ("JJ", "JJR", "JJS") for t in span)


def _strip_determiner(span: Span) -> Span:
    while len(span) > 1 and span[0].text in _DETERMINERS:
        span = span[1:]
    while len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def _mentions_in_span(span: Span, gazetteer: Gazetteer) -> Iterator[Mention]:
    """One entity may be "Alexandria, La.": the parts after commas are containers."""
    parts = _split_on_commas(span)
    head = parts[0]
    container_span = parts[1] if len(parts) > 1 else _container_after(head, gazetteer)
    containers = gazetteer.containers(container_span.text) if container_span else ()
    candidates = gazetteer.lookup(head.text)
    if candidates:
        yield _mention(head, candidates, containers)
    if container_span is not None and containers:
        yield _mention(container_span, containers)


def _mention(
    span: Span, candidates: tuple[GazEntry, ...], containers: tuple[GazEntry, ...] = ()
) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, span.root, candidates, containers)


def _split_on_commas(span: Span) -> list[Span]:
    parts: list[Span] = []
    begin = span.start
    for token in span:
        if token.text == ",":
            if token.i > begin:
                parts.append(span.doc[begin : token.i])
            begin = token.i + 1
    if begin < span.end:
        parts.append(span.doc[begin : span.end])
    return parts or [span]


def _container_after(span: Span, gazetteer: Gazetteer) -> Span | None:
    """The "La." in "Alexandria, La." when spaCy left it outside the entity."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    for width in (3, 2, 1):
        candidate = doc[span.end + 1 : min(span.end + 1 + width, len(doc))]
        if candidate.text[:1].isupper() and gazetteer.containers(candidate.text):
            return candidate
    return None


# ----------------------------------------------------------------------------- phrases


def _phrase_mentions(doc: Doc, gazetteer: Gazetteer) -> Iterator[Mention]:
    """Multiword regions, seas, states and countries spaCy did not mark as places."""
    blocked = {t.i for ent in doc.ents if ent.label_ in BLOCKING_LABELS for t in ent}
    i = 0
    while i < len(doc):
        match = _longest_phrase_at(doc, i, gazetteer, blocked)
        if match is None:
            i += 1
            continue
        span, candidates = match
        yield _mention(span, candidates)
        i = span.end


def _longest_phrase_at(
    doc: Doc, i: int, gazetteer: Gazetteer, blocked: set[int]
) -> tuple[Span, tuple[GazEntry, ...]] | None:
    if not doc[i].text[:1].isupper() or i in blocked:
        return None
    for width in range(min(MAX_PHRASE_TOKENS, len(doc) - i), 0, -1):
        span = doc[i : i + width]
        if any(t.i in blocked for t in span) or not span[-1].text[:1].isupper():
            continue
        candidates = tuple(e for e in gazetteer.lookup(span.text) if e.feature in PHRASE_FEATURES)
        if candidates:
            return span, candidates
    return None
