"""Finding toponym mentions in a parsed Doc: spaCy entities plus gazetteer phrase matches.

A mention carries its gazetteer candidates and, for "Kharkiv, Ukraine" or
"Alexandria, La.", the container named after the comma.  Which candidate is
meant is decided in :mod:`brinkwatch.extract.place_resolve`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.place_gazetteer import (
    GazEntry,
    Gazetteer,
    first_word_may_match_non_town,
    normalize_name,
)
from brinkwatch.extract.token_table import TokenTable

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# An organisation named after a place ("the Ohio Department of Health", "Fargo
# police") names that place too; spaCy also often tags a bare town as ORG.
ORG_LABELS = frozenset({"ORG"})
# Phrase matches never reach into these ("Jordan Smith", "Russian", "Paris Agreement").
# The entities read at all: places, organisations, and persons that may be misread towns.
_READ_LABELS = PLACE_LABELS | ORG_LABELS | {"PERSON"}
BLOCKING_LABELS = frozenset({"PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
MAX_PHRASE_TOKENS = 6
# Phrase matches outside entities must name one of these: a bare city name
# without NER support is too often a surname or a common word.  (Every feature but
# "city": the phrase scan skips words that start no name of a non-town.)
PHRASE_FEATURES = frozenset({"country", "admin1", "region", "water", "other"})
# Features of our own entries that may span a name spaCy tagged as a person or a
# nationality ("Nagorno-Karabakh" as PERSON, "Korean" of "Korean peninsula" as NORP).
CURATED_FEATURES = frozenset({"admin1", "region", "water", "other"})
# Generic words that may close a curated name in lower case ("the Korean peninsula",
# "the Pripyat river").
GENERIC_WORDS = frozenset(
    {"peninsula", "river", "sea", "strait", "straits", "gulf", "canal", "islands", "island",
     "shoal", "reef", "valley", "heights", "corridor", "basin", "delta", "region", "province",
     "plateau", "channel"}
)  # fmt: skip
# A water or region name before these is part of a formation's name ("the Black
# Sea Fleet", "the Caspian Flotilla"): an organisation, not where the event is.
FORMATION_WORDS = frozenset({"fleet", "flotilla"})
_DETERMINERS = frozenset({"the", "The"})
_WHITESPACE = re.compile(r"\s")  # the whitespace str.split() splits on
REGION_WORDS = frozenset({"region", "regions", "oblast", "oblasts", "province", "provinces"})
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "from", "to", "into", "outside", "inside", "around", "across", "toward",
     "towards", "through", "throughout", "within", "between", "of"}
)  # fmt: skip


@dataclass(frozen=True)  # (no slots: root is cached on the instance)
class Mention:
    """One toponym in the text and the gazetteer entries it may stand for."""

    start: int  # char offsets into doc.text
    end: int
    text: str
    doc: Doc
    candidates: tuple[GazEntry, ...]
    # the readings of a state or country named after a comma ("La.", "Georgia")
    containers: tuple[GazEntry, ...] = ()
    source: str = "place"  # place entity, org entity, phrase match or repeat
    everyday_word: bool = False  # "Union", "Valley": a place only with support
    tokens: range = range(0)  # the token indices of the mention's span

    @functools.cached_property
    def root(self) -> Token:
        """The syntactic root of the mention's span: built on demand, as few mentions
        are ever asked for it (and a span and its root cost microseconds each)."""
        return self.doc[self.tokens.start : self.tokens.stop].root

    @property
    def key(self) -> str:
        """The name's index key (:func:`normalize_name` of the text)."""
        return _name_key(self.text)


@functools.lru_cache(maxsize=1 << 12)
def _name_key(text: str) -> str:
    # memoized: each step of finding and resolving a mention asks for its key again
    return normalize_name(text)


@dataclass(frozen=True, slots=True)
class _Words:
    """The token facts the phrase scan reads at every token, computed once per document."""

    doc: Doc
    text: str  # doc.text
    lower: Sequence[str]  # lower-case text of each token
    starts: Sequence[int]  # character offset of each token
    ends: Sequence[int]  # character offset after each token
    capital: Sequence[bool]  # the token starts with a capital letter
    orth: Sequence[str]  # the text of each token
    tag: Sequence[str]
    alpha: Sequence[bool]
    ents: tuple[Span, ...]  # doc.ents (a property that rebuilds every entity span)

    @classmethod
    def of(cls, t: TokenTable) -> _Words:
        return cls(
            t.doc, t.text, t.lower, t.starts, t.ends, t.capital, t.orth, t.tag, t.is_alpha, t.ents
        )


def find_mentions(
    doc: Doc, gazetteer: Gazetteer, table: TokenTable | None = None
) -> tuple[Mention, ...]:
    """Every toponym mention with at least one candidate, in text order, no overlaps."""
    found: list[Mention] = []
    taken: set[int] = set()
    words = _Words.of(table or TokenTable(doc))
    first = [*_entity_mentions(words, gazetteer), *_phrase_mentions(words, gazetteer)]
    first = [m for m in (_plausible(m, gazetteer) for m in first) if m is not None]
    surnames = _person_name_words(words)

    def take(mention: Mention) -> None:
        tokens = set(mention.tokens)
        if not (tokens & taken or _is_person_name(mention, surnames)):
            taken.update(tokens)
            found.append(mention)

    for mention in first:
        take(mention)
    # (most repeats are the first mentions themselves: those are skipped before a
    # Mention is built and checked)
    for repeat in _repeated_mentions(words, first, taken):
        if (plausible := _plausible(repeat, gazetteer)) is not None:
            take(plausible)
    return tuple(sorted(found, key=lambda m: m.start))


def _plausible(mention: Mention, gazetteer: Gazetteer) -> Mention | None:
    """Drop lower-case words ("metro", "slope"), flag everyday words ("Union"), and
    keep an all-capitals short form ("PA", "UK") only for countries, states and our
    own entries."""
    if not mention.text[:1].isupper():
        return None
    if mention.key in gazetteer.given_names and not (
        mention.containers or _governed_by_place_preposition(mention.root)
    ):
        return None  # "her daughter, Brittany": a person
    if mention.key in gazetteer.common_words:
        return dataclasses.replace(mention, everyday_word=True)
    if mention.text.isupper() and len(mention.text.replace(".", "")) <= 3:
        strong = tuple(
            e for e in mention.candidates if e.feature in ("country", "admin1") or e.preferred
        )
        return dataclasses.replace(mention, candidates=strong) if strong else None
    return mention


def _governed_by_place_preposition(root: Token) -> bool:
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS


def _person_name_words(words: _Words) -> frozenset[str]:
    """Words of full personal names in the article ("Darryl Warden"): a lone
    "Warden" later on is that person, not a town."""
    return frozenset(
        words.lower[i]
        for ent in words.ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for i in range(ent.start, ent.end)
    )


def _is_person_name(mention: Mention, surnames: frozenset[str]) -> bool:
    if mention.containers or mention.key not in surnames:
        return False
    return all(e.feature not in ("country", "admin1") for e in mention.candidates)


# ----------------------------------------------------------------------------- entities


# The entity path works on token ranges and the token columns: a Span, each of its
# tokens and its text are built anew at every access.


def _entity_mentions(words: _Words, gazetteer: Gazetteer) -> Iterator[Mention]:
    for ent in words.ents:
        label, tokens = ent.label_, range(ent.start, ent.end)
        if label not in _READ_LABELS or _is_adjectival(words, tokens):
            continue
        if _names_a_formation(words, tokens):
            continue
        if label in PLACE_LABELS:
            span = _trimmed(words, _strip_determiner(words, tokens), gazetteer)
            yield from _mentions_in_span(words, span, gazetteer)
        elif label in ORG_LABELS:
            yield from _org_prefix(words, _strip_determiner(words, tokens), gazetteer)
        elif label == "PERSON":
            yield from _misread_town(words, tokens, gazetteer)


def _text(words: _Words, span: range) -> str:
    """The text of the tokens ``span`` (``Span.text``)."""
    return words.text[words.starts[span.start] : words.ends[span.stop - 1]] if span else ""


def _names_a_formation(words: _Words, span: range) -> bool:
    """ "Black Sea" of "the Black Sea fleet": part of an organisation's name."""
    return span.stop < len(words.lower) and words.lower[span.stop] in FORMATION_WORDS


def _misread_town(words: _Words, span: range, gazetteer: Gazetteer) -> Iterator[Mention]:
    """A town spaCy took for a person, where the grammar says place: "the town of
    Stanytsia Luhanska", "shelling near Avdiivka"."""
    candidates = _primary(gazetteer.lookup(_text(words, span)))
    if candidates and (_after_locative(words, span) or _curated(candidates)):
        yield _mention(words, span, candidates, source="person")


def _curated(candidates: tuple[GazEntry, ...]) -> bool:
    """A region, sea or shoal of our own files: "Nagorno-Karabakh" is no person."""
    return any(e.preferred and e.feature in CURATED_FEATURES for e in candidates)


def _org_prefix(words: _Words, span: range, gazetteer: Gazetteer) -> Iterator[Mention]:
    """A town spaCy tagged as an organisation (the whole name), or the country,
    state or county an organisation's name starts with ("Ohio Department of Health")."""
    if words.lower[span[-1]] in FORMATION_WORDS:
        return
    whole = _primary(gazetteer.lookup(_text(words, span)))
    if whole and _after_locative(words, span) and not _preceded_by_the(words, span):
        yield _mention(words, span, whole, source="org")
        return
    for width in range(min(MAX_PHRASE_TOKENS, len(span) - 1), 0, -1):
        head = span[:width]
        candidates = _phrase_entries(_text(words, head), gazetteer)
        if candidates and words.capital[head[-1]]:
            yield _mention(words, head, candidates, source="org")
            return


def _after_locative(words: _Words, span: range) -> bool:
    """ "in Fargo", "from Mansfield": the object of a place preposition."""
    return _governed_by_place_preposition(words.doc[span.start : span.stop].root)


def _preceded_by_the(words: _Words, span: range) -> bool:
    """ "the Alliance" is a body: towns take no article."""
    return span.start > 0 and words.lower[span.start - 1] == "the"


def _primary(candidates: tuple[GazEntry, ...]) -> tuple[GazEntry, ...]:
    return tuple(e for e in candidates if not e.alternate)


def _phrase_entries(text: str, gazetteer: Gazetteer) -> tuple[GazEntry, ...]:
    """Entries a phrase outside a place entity may name: no towns, no alternate names."""
    return tuple(
        e for e in gazetteer.lookup(text) if e.feature in PHRASE_FEATURES and not e.alternate
    )


def _trimmed(words: _Words, span: range, gazetteer: Gazetteer) -> range:
    """ "southern Fargo" -> "Fargo", "Matara district" -> "Matara" when only the
    trimmed name is in the gazetteer."""
    if gazetteer.lookup(_text(words, span)):
        return span
    before, after = gazetteer.trim_words
    while len(span) > 1 and words.lower[span[0]] in before:
        span = span[1:]
    while len(span) > 1 and words.lower[span[-1]] in after:
        span = span[:-1]
    return span


def _is_adjectival(words: _Words, span: range) -> bool:
    """A demonym tagged as a place ("Russian"): adjectives are not toponyms."""
    return all(words.tag[i] in ("JJ", "JJR", "JJS") for i in span)


def _strip_determiner(words: _Words, span: range) -> range:
    while len(span) > 1 and words.orth[span[0]] in _DETERMINERS:
        span = span[1:]
    while len(span) > 1 and words.tag[span[-1]] == "POS":
        span = span[:-1]
    return span


def _mentions_in_span(words: _Words, span: range, gazetteer: Gazetteer) -> Iterator[Mention]:
    """One entity may be "Alexandria, La.": the parts after commas are containers."""
    parts = _split_on_commas(words, span)
    head = parts[0]
    container_span = parts[1] if len(parts) > 1 else _container_after(words, head, gazetteer)
    containers = gazetteer.containers(_text(words, container_span)) if container_span else ()
    head_text = _text(words, head)
    candidates = gazetteer.lookup(head_text) or _abbreviated_state(head_text, gazetteer)
    regions = (
        gazetteer.lookup(f"{head_text} region") if _followed_by_region_word(words, head) else ()
    )
    if regions:
        candidates, head = regions, _with_region_word(words, head)
    elif (longer := _with_generic_word(words, head, gazetteer)) is not None:
        candidates, head = longer
    if candidates:
        yield _mention(words, head, candidates, containers)
    if container_span is not None and containers:
        yield _mention(words, container_span, containers)


def _with_generic_word(
    words: _Words, span: range, gazetteer: Gazetteer
) -> tuple[tuple[GazEntry, ...], range] | None:
    """ "Pripyat" + "river" right after it, where "Pripyat river" is one of our entries:
    the river, not the town."""
    if span.stop >= len(words.lower) or words.lower[span.stop] not in GENERIC_WORDS:
        return None
    longer = range(span.start, span.stop + 1)
    candidates = tuple(e for e in gazetteer.lookup(_text(words, longer)) if e.preferred)
    return (candidates, longer) if candidates else None


def _with_region_word(words: _Words, span: range) -> range:
    """ "Kharkiv" + "region" right after it: the mention's text is "Kharkiv region"."""
    if span.stop < len(words.lower) and words.lower[span.stop] in REGION_WORDS:
        return range(span.start, span.stop + 1)
    return span


def _followed_by_region_word(words: _Words, span: range) -> bool:
    """ "Donetsk region", "the Donetsk and Luhansk regions": the region, not the city."""
    lower, size = words.lower, len(words.lower)
    i = span.stop
    # (str.istitle is Token.is_title)
    while i < size and i < span.stop + 4 and (lower[i] in ("and", ",") or words.orth[i].istitle()):
        i += 1
    return i < size and lower[i] in REGION_WORDS


def _abbreviated_state(text: str, gazetteer: Gazetteer) -> tuple[GazEntry, ...]:
    """ "Ill." or "W.Va." on its own; bare postal codes ("IN", "ME") are too ambiguous."""
    code = gazetteer.state_code(text) if text.endswith(".") else None
    return (gazetteer.states[code],) if code is not None and code in gazetteer.states else ()


def _mention(
    words: _Words,
    tokens: range,
    candidates: tuple[GazEntry, ...],
    containers: tuple[GazEntry, ...] = (),
    source: str = "place",
) -> Mention:
    """The mention over the token indices ``tokens``."""
    start, end = words.starts[tokens.start], words.ends[tokens.stop - 1]
    return Mention(
        start, end, words.text[start:end], words.doc, candidates, containers, source, tokens=tokens
    )


def _split_on_commas(words: _Words, span: range) -> list[range]:
    parts: list[range] = []
    begin = span.start
    for i in span:
        if words.orth[i] == ",":
            if i > begin:
                parts.append(range(begin, i))
            begin = i + 1
    if begin < span.stop:
        parts.append(range(begin, span.stop))
    return parts or [span]


def _container_after(words: _Words, span: range, gazetteer: Gazetteer) -> range | None:
    """The "La." in "Alexandria, La." when spaCy left it outside the entity."""
    size = len(words.orth)
    if span.stop + 1 >= size or words.orth[span.stop] != ",":
        return None
    for width in (3, 2, 1):
        candidate = range(span.stop + 1, min(span.stop + 1 + width, size))
        # (the candidate's text starts with its first token's)
        if words.capital[candidate.start] and gazetteer.containers(_text(words, candidate)):
            return candidate
    return None


# ----------------------------------------------------------------------------- repeats


def _repeated_mentions(words: _Words, found: list[Mention], taken: set[int]) -> Iterator[Mention]:
    """Other capitalised occurrences of a name already found as a place: one sense
    per article, even where spaCy read the repeat as a person or missed it
    ("MANSFIELD" in a dateline, "Alexandria" tagged PERSON).  Occurrences over the
    tokens ``taken`` by the mentions kept so far are left out."""
    by_key = {m.key: m for m in found if m.source == "place"}
    blocked = {i for ent in words.ents if ent.label_ == "NORP" for i in range(ent.start, ent.end)}
    for match in _find_words(words.text, by_key):
        tokens = _tokens_between(words, match.start(), match.end())
        if tokens is None or not (blocked.isdisjoint(tokens) and taken.isdisjoint(tokens)):
            continue
        yield _mention(words, tokens, by_key[_name_key(match.group())].candidates, source="repeat")


def _tokens_between(words: _Words, start: int, end: int) -> range | None:
    """The tokens from character ``start`` to ``end`` when both are token edges, else
    None (``Doc.char_span`` in its strict mode, without building the span)."""
    first = bisect.bisect_left(words.starts, start)
    last = bisect.bisect_left(words.ends, end)
    if first == len(words.starts) or words.starts[first] != start:
        return None
    if last == len(words.ends) or words.ends[last] != end or last < first:
        return None
    return range(first, last + 1)


def _find_words(text: str, keys: dict[str, Mention]) -> Iterator[re.Match[str]]:
    if not keys:
        return
    names = sorted((re.escape(m.text) for m in keys.values()), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(names) + r")\b", re.IGNORECASE)
    for match in pattern.finditer(text):
        if match.group()[:1].isupper():
            yield match


# ----------------------------------------------------------------------------- phrases


def _phrase_mentions(words: _Words, gazetteer: Gazetteer) -> Iterator[Mention]:
    """Multiword regions, seas, states and countries spaCy did not mark as places."""
    blocked = {
        i for ent in words.ents if ent.label_ in BLOCKING_LABELS for i in range(ent.start, ent.end)
    }
    after_match = 0
    # (the phrases start at capitalised words)
    for i in itertools.compress(range(len(words.capital)), words.capital):
        if i < after_match:
            continue  # inside the phrase just found
        if not _may_start_a_name(words, i, gazetteer):
            continue
        match = _longest_phrase_at(words, i, gazetteer, blocked)
        if match is not None:
            span, candidates = match
            yield _mention(words, span, candidates, source="phrase")
            after_match = span.stop


def _stands_alone(words: _Words, end: int, generic_end: bool = False) -> bool:
    """A phrase (ending before token ``end``) ending in a capitalised word (or, for
    our own entries, a generic word: "the Korean peninsula") and not followed by one:
    "Tennessee" in "Tennessee Colony" or "Texas Southern University" is part of
    another name, and "Black Sea" in "Black Sea fleet" part of a formation's."""
    if not (words.capital[end - 1] or (generic_end and words.lower[end - 1] in GENERIC_WORDS)):
        return False  # (tested first: most phrases end in a lower-case word)
    if end == len(words.lower):
        return True
    followed = words.alpha[end] and words.capital[end]
    return not followed and words.lower[end] not in FORMATION_WORDS


def _after_place_preposition(words: _Words, i: int) -> bool:
    """ "the capital of Tigray": a name spaCy took for a nationality, after "of"/"in"."""
    return i > 0 and words.lower[i - 1] in LOCATIVE_PREPOSITIONS


def _longest_phrase_at(
    words: _Words, i: int, gazetteer: Gazetteer, blocked: set[int]
) -> tuple[range, tuple[GazEntry, ...]] | None:
    """The longest phrase from the capitalised token ``i`` naming a region, sea,
    state or country, and its entries."""
    for end in reversed(_possible_ends(words, i)):
        width = end - i
        if not _stands_alone(words, end, width > 1):
            continue
        through_entity = not blocked.isdisjoint(range(i, end))
        if through_entity and width == 1 and not _after_place_preposition(words, i):
            continue
        candidates = _phrase_entries(words.text[words.starts[i] : words.ends[end - 1]], gazetteer)
        if (through_entity or not words.capital[end - 1]) and not _curated(candidates):
            continue  # only our own multiword entries may span a person's name or end in "sea"
        if candidates:
            return range(i, end), candidates
    return None


def _possible_ends(words: _Words, i: int) -> list[int]:
    """The ends (token indices after) of the phrases from token ``i`` that may stand
    alone, in ascending order: those ending in a capitalised word or, past the first
    token, a generic word (the first test of :func:`_stands_alone`, made here in one
    sweep instead of once per width)."""
    ends = [i + 1]  # (token i is capitalised)
    for k in range(i + 1, min(i + MAX_PHRASE_TOKENS, len(words.lower))):
        if words.capital[k] or words.lower[k] in GENERIC_WORDS:
            ends.append(k + 1)
    return ends


def _may_start_a_name(words: _Words, i: int, gazetteer: Gazetteer) -> bool:
    """Whether some phrase starting at token ``i`` could have phrase entries (no
    towns), judged on its first word alone (most capitalised words start no such
    name, and this saves up to MAX_PHRASE_TOKENS lookups each).  A phrase's first
    word is its text up to the first whitespace, so it ends at a token end or at
    that whitespace."""
    text, start, end = words.text, words.starts[i], words.ends[i]
    # (str.isspace is the \s of _WHITESPACE, character for character)
    if end == len(text) or text[end].isspace():
        return _may_be_first_word(words.orth[i], gazetteer)  # a whole word: most are
    space = _WHITESPACE.search(text, start)
    first_word_end = space.start() if space else len(text)
    for j in range(i, min(i + MAX_PHRASE_TOKENS, len(words.ends))):
        word = text[start : min(words.ends[j], first_word_end)]
        if _may_be_first_word(word, gazetteer):
            return True
        if words.ends[j] >= first_word_end:
            break
    return False


def _may_be_first_word(word: str, gazetteer: Gazetteer) -> bool:
    """:func:`first_word_may_match_non_town` of ``word`` as written."""
    return first_word_may_match_non_town(word.replace("’", "'").lower(), gazetteer)
