"""An attribute ruler that finds its matches through dictionaries instead of a Matcher.

Why: in ``en_core_web_md`` 3.7.1 the ``attribute_ruler`` (179 patterns: the tag map,
pronoun and auxiliary morphology, a few contractions) costs about as much CPU as the
parser, because spaCy's ``Matcher`` tries every pattern at every token.  All but a handful
of the patterns are single-token patterns over ``TAG``, ``LOWER``, ``DEP`` and
``IS_SPACE``, so each token only needs to be checked against the patterns filed under its
own lower-cased form, dependency label or tag.  The few multi-token patterns without
operators ("gon na", "let 's", expletive + "is") are filed under their first token the
same way and their other tokens tested only where the first one matched; anything else
would stay with a small ``Matcher`` (the model has none).  The matches are then
applied with spaCy's own ``set_token_attrs``, in the order and with the values of the
original ruler, so every token gets exactly the attributes the stock component gives
it (``tests/test_fast_components.py`` compares the two on whole documents).
"""

# no `from __future__ import annotations`: spaCy resolves the factory's annotations at runtime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

from brinkwatch.nlp.swap import swap_component

# token attribute name in a pattern -> how to read it off a Token
READERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
# what a token's single-token matches depend on (the key of the per-ruler cache)
KEY_ATTRS: list[int | str] = list(READERS)
CACHE_LIMIT = 200_000  # distinct keys kept before the cache starts again
# which attribute a pattern is filed under, most selective first
ANCHORS = ("LOWER", "DEP", "TAG")

Match = tuple[int, int, int, int]  # (rule index, match id, start, end) as AttributeRuler sorts them


@dataclass(frozen=True)
class TokenRule:
    """One single-token pattern of the ruler: its rule index and its tests."""

    rule: int
    match_id: int
    tests: tuple[tuple[str, Callable[[Any], bool]], ...]

    def matches(self, values: dict[str, Any]) -> bool:
        return all(test(values[attr]) for attr, test in self.tests)


@dataclass(frozen=True)
class SequenceRule:
    """A multi-token pattern without operators: its first token is tested like a
    :class:`TokenRule`, the ``rest`` on the tokens that follow it."""

    first: TokenRule
    rest: tuple[tuple[tuple[str, Callable[[Any], bool]], ...], ...]

    def end_at(self, doc: Doc, start: int) -> int | None:
        """The end of a match starting at ``start`` (whose first token matched)."""
        end = start + 1 + len(self.rest)
        if end > len(doc):
            return None
        for offset, tests in enumerate(self.rest, start + 1):
            token = doc[offset]
            if not all(test(READERS[attr](token)) for attr, test in tests):
                return None
        return end


@dataclass(frozen=True)
class Hits:
    """What one token key matches: whole single-token rules (rule index, match id),
    and multi-token rules whose first token it is."""

    single: tuple[tuple[int, int], ...]
    starts: tuple[SequenceRule, ...]


def value_test(spec: Any) -> Callable[[Any], bool]:
    """The Matcher's meaning of one attribute's value: equality, IN, NOT_IN or REGEX."""
    if not isinstance(spec, dict):
        return lambda value: bool(value == spec)
    if set(spec) == {"IN"}:
        allowed = frozenset(spec["IN"])
        return lambda value: value in allowed
    if set(spec) == {"NOT_IN"}:
        banned = frozenset(spec["NOT_IN"])
        return lambda value: value not in banned
    if set(spec) == {"REGEX"}:
        regex = re.compile(spec["REGEX"])
        return lambda value: regex.search(value) is not None
    raise ValueError(f"unsupported attribute-ruler predicate {spec!r}")


def anchor_values(pattern: dict[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    """The attribute and the exact values a token must have for ``pattern`` to match,
    or None when no attribute narrows it down (the pattern is tried at every token)."""
    for attr in ANCHORS:
        spec = pattern.get(attr)
        if isinstance(spec, str):
            return attr, (spec,)
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return attr, tuple(spec["IN"])
    return None


def is_indexable(pattern: list[dict[str, Any]]) -> bool:
    """A pattern of tokens over attributes we can read, without operators."""
    return bool(pattern) and all(_is_plain_token(token) for token in pattern)


def _is_plain_token(token: dict[str, Any]) -> bool:
    if not set(token) <= set(READERS):  # "OP" and unread attributes go to the Matcher
        return False
    return all(not isinstance(v, dict) or set(v) <= {"IN", "NOT_IN", "REGEX"}
               for v in token.values())  # fmt: skip


def _tests(token: dict[str, Any]) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
    return tuple((attr, value_test(spec)) for attr, spec in token.items())


class IndexedAttributeRuler:
    """Drop-in replacement for a loaded :class:`AttributeRuler` (same annotations)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.use(ruler)

    def use(self, ruler: AttributeRuler) -> None:
        """Index the rules of ``ruler`` (patterns in the order the ruler applies them)."""
        self.ruler = ruler
        self.by_anchor: dict[tuple[str, Any], list[TokenRule]] = {}
        self.everywhere: list[TokenRule] = []
        # a multi-token rule is filed (in by_anchor/everywhere) by its first TokenRule
        self.sequences: dict[TokenRule, SequenceRule] = {}
        self.matcher = Matcher(ruler.vocab, validate=False)
        self.cache: dict[tuple[int, ...], Hits] = {}
        for rule, entry in enumerate(ruler.patterns):
            self._file(rule, cast(list[list[dict[str, Any]]], entry["patterns"]))

    def _file(self, rule: int, patterns: Iterable[list[dict[str, Any]]]) -> None:
        match_id = self.ruler.vocab.strings.add(str(rule))
        for pattern in patterns:
            if not is_indexable(pattern):
                self.matcher.add(match_id, [pattern])
                continue
            token_rule = TokenRule(rule, match_id, _tests(pattern[0]))
            if len(pattern) > 1:
                rest = tuple(_tests(token) for token in pattern[1:])
                self.sequences[token_rule] = SequenceRule(token_rule, rest)
            anchor = anchor_values(pattern[0])
            if anchor is None:
                self.everywhere.append(token_rule)
                continue
            attr, values = anchor
            for value in values:
                self.by_anchor.setdefault((attr, value), []).append(token_rule)

    def __call__(self, doc: Doc) -> Doc:
        self.annotate(doc, self.match(doc))
        return doc

    def annotate(self, doc: Doc, matches: list[Match]) -> None:
        """What :meth:`AttributeRuler.set_annotations` does, without a Span per match."""
        for rule, match_id, start, end in matches:
            index = self.ruler.indices[rule]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:  # let the stock code raise its own error
                stock: Callable[[Doc, list[Match]], None] = self.ruler.set_annotations
                stock(doc, [(rule, match_id, start, end)])
            set_token_attrs(doc[position], self.ruler.attrs[rule])

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def match(self, doc: Doc) -> list[Match]:
        """Every (rule, match id, start, end), sorted as :meth:`AttributeRuler.match` sorts."""
        found: set[Match] = set()
        # the same (lower, tag, dep, space) recurs all the time: look each up once
        for i, key in enumerate(map(tuple, doc.to_array(KEY_ATTRS).tolist())):
            hits = self.cache.get(key)
            if hits is None:
                hits = self.cache[key] = self._token_hits(doc[i])
            found.update((rule, match_id, i, i + 1) for rule, match_id in hits.single)
            for sequence in hits.starts:
                end = sequence.end_at(doc, i)
                if end is not None:
                    found.add((sequence.first.rule, sequence.first.match_id, i, end))
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                found.add((int(self.ruler.vocab.strings[match_id]), match_id, start, end))
        return sorted(found)

    def _token_hits(self, token: Token) -> Hits:
        values = {attr: read(token) for attr, read in READERS.items()}
        rules = list(self.everywhere)
        for attr in ANCHORS:
            rules += self.by_anchor.get((attr, values[attr]), ())
        passed = [r for r in rules if r.matches(values)]
        single = tuple((r.rule, r.match_id) for r in passed if r not in self.sequences)
        return Hits(single, tuple(self.sequences[r] for r in passed if r in self.sequences))


@Language.factory("brinkwatch_indexed_attribute_ruler_v1")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """An empty indexed ruler; :func:`index_attribute_ruler` gives it the model's rules."""
    return IndexedAttributeRuler(AttributeRuler(nlp.vocab, name))


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Swap the pipeline's attribute ruler for the indexed one, same name, same place."""
    ruler = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return
    indexed = swap_component(nlp, name, "brinkwatch_indexed_attribute_ruler_v1")
    assert isinstance(indexed, IndexedAttributeRuler)
    indexed.use(ruler)
