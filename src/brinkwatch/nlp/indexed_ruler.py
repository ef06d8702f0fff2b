"""An attribute ruler that finds its matches through dictionaries instead of a Matcher,
and gives each token its attributes once.

Why: in ``en_core_web_md`` 3.7.1 the ``attribute_ruler`` (179 patterns: the tag map,
pronoun and auxiliary morphology, a few contractions) costs about as much CPU as the
parser, because spaCy's ``Matcher`` tries every pattern at every token.  All but a handful
of the patterns are single-token patterns over ``TAG``, ``LOWER``, ``DEP`` and
``IS_SPACE``, so each token only needs to be checked against the patterns filed under its
own lower-cased form, dependency label or tag.  The few multi-token patterns without
operators ("gon na", "let 's", expletive + "is") are filed under their first token the
same way and their other tokens tested only where the first one matched; anything else
would stay with a small ``Matcher`` (the model has none).

The stock ruler then applies its matches one by one, sorted by rule, so a later rule
overrides what an earlier one set on the same token.  When every rule sets only plain
token fields (lemma, POS, tag, dependency, morphology: the model's do), that comes down
to one final value per token and attribute, which depends only on the token's own key
unless a multi-token match annotates it too.  So the final values ("plans") are worked
out once per key and cached with its matches, merged with the longer matches' rules
where there are any, and written with the plain Token setters, which write the same
fields as spaCy's ``set_token_attrs``.  Rules that set anything else (norms, lexeme
flags, extensions), and matches whose index falls outside them, take the general path:
every match in turn through ``set_token_attrs``, exactly as the stock component.  Either
way every token gets exactly the attributes the stock component gives it
(``tests/test_fast_components.py`` compares the two on whole documents).
"""

# no `from __future__ import annotations`: spaCy resolves the factory's annotations at runtime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG  # type: ignore[import-not-found]  # no stub
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, MorphAnalysis, Token
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
KEY_DTYPE = numpy.dtype((numpy.void, 8 * len(KEY_ATTRS)))  # one to_array row (uint64s)
CACHE_LIMIT = 200_000  # distinct keys kept before the cache starts again
# which attribute a pattern is filed under, most selective first
ANCHORS = ("LOWER", "DEP", "TAG")
# attributes that are plain fields of the token (not of its lexeme, not extensions):
# each token can be given their final values once, in any order, by the Token setters
DIRECT_ATTRS: tuple[int, ...] = (LEMMA, POS, TAG, DEP, MORPH)

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


class Plan(NamedTuple):
    """What one token is given, as the stock ruler's ``set_token_attrs`` calls would
    leave it (None: the attribute is not touched)."""

    lemma: int | None
    pos: int | None
    tag: int | None
    dep: int | None
    morph: MorphAnalysis | None


def give_plans(tokens: Iterable[Token], plans: Iterable[Plan | None]) -> None:
    """Set each token's planned attributes, by the plain Token setters: for these
    attributes they write the same field ``Token.set_struct_attr`` writes."""
    for token, plan in zip(tokens, plans, strict=True):
        if plan is None:
            continue
        lemma, pos, tag, dep, morph = plan
        if lemma is not None:
            token.lemma = lemma
        if pos is not None:
            token.pos = pos
        if tag is not None:
            token.tag = tag
        if dep is not None:
            token.dep = dep
        if morph is not None:
            token.morph = morph


@dataclass(frozen=True)
class Hits:
    """What one token key matches: whole single-token rules (rule indices, ascending),
    multi-token rules whose first token it is, and, when the ruler sets only
    :data:`DIRECT_ATTRS`, what the single-token rules give the token."""

    single: tuple[int, ...]
    starts: tuple[SequenceRule, ...]
    plan: Plan | None


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
        self.match_ids: list[int] = []
        self.cache: dict[bytes, Hits] = {}
        for rule, entry in enumerate(ruler.patterns):
            self._file(rule, cast(list[list[dict[str, Any]]], entry["patterns"]))
        self.analyses = self._morph_analyses()
        self.direct = self.analyses is not None and all(
            set(attrs) <= set(DIRECT_ATTRS) for attrs in ruler.attrs
        )

    def _morph_analyses(self) -> dict[int, MorphAnalysis] | None:
        """The MorphAnalysis of every MORPH value the rules set, or None when one is
        not in the morphology table (a Token could not be given it directly)."""
        morphology = self.ruler.vocab.morphology
        keys = {attrs[MORPH] for attrs in self.ruler.attrs if MORPH in attrs}
        if not all(isinstance(key, int) and morphology.get(key) for key in keys):
            return None
        return {key: MorphAnalysis.from_id(self.ruler.vocab, key) for key in keys}

    def _file(self, rule: int, patterns: Iterable[list[dict[str, Any]]]) -> None:
        match_id = self.ruler.vocab.strings.add(str(rule))
        self.match_ids.append(match_id)
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
        """Annotate ``doc`` as the stock ruler would."""
        hits = self.token_hits(doc)
        longer = self.longer_matches(doc, hits)
        targeted = self.targeted_rules(longer) if self.direct else None
        if targeted is None:  # the general path: every match in turn, as the stock ruler
            self.annotate(doc, self.sorted_matches(hits, longer))
        else:
            give_plans(doc, self.plans(hits, targeted))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def match(self, doc: Doc) -> list[Match]:
        """Every (rule, match id, start, end), sorted as :meth:`AttributeRuler.match` sorts."""
        hits = self.token_hits(doc)
        return self.sorted_matches(hits, self.longer_matches(doc, hits))

    def annotate(self, doc: Doc, matches: list[Match]) -> None:
        """What :meth:`AttributeRuler.set_annotations` does, without a Span per match."""
        for match in matches:
            position = self.target(match)
            if position is None:  # let the stock code raise its own error
                stock: Callable[[Doc, list[Match]], None] = self.ruler.set_annotations
                stock(doc, [match])
                continue
            set_token_attrs(doc[position], self.ruler.attrs[match[0]])

    def target(self, match: Match) -> int | None:
        """The token a match annotates (None: the rule's index falls outside the match)."""
        rule, _, start, end = match
        index = self.ruler.indices[rule]
        position = (start if index >= 0 else end) + index
        return position if start <= position < end else None

    def token_hits(self, doc: Doc) -> list[Hits]:
        """What each token matches on its own, and which sequences may start there."""
        # the same (lower, tag, dep, space) recurs all the time: look each up once; the
        # raw bytes of a token's row are a cheaper key than a tuple of its values
        keys = doc.to_array(KEY_ATTRS).view(KEY_DTYPE).ravel().tolist()
        found: list[Hits | None] = [self.cache.get(key) for key in keys]
        if None in found:
            for i, key in enumerate(keys):
                if found[i] is None:
                    found[i] = self.cache[key] = self._token_hits(doc[i])
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
        return cast(list[Hits], found)

    def longer_matches(self, doc: Doc, hits: list[Hits]) -> list[Match]:
        """The matches of the sequence rules and of the Matcher's patterns."""
        found: list[Match] = []
        for start, token_hits in enumerate(hits):
            for sequence in token_hits.starts:  # nearly always none
                end = sequence.end_at(doc, start)
                if end is not None:
                    found.append((sequence.first.rule, sequence.first.match_id, start, end))
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                found.append((int(self.ruler.vocab.strings[match_id]), match_id, start, end))
        return found

    def sorted_matches(self, hits: list[Hits], longer: list[Match]) -> list[Match]:
        """All matches, sorted (rule first: later rules override earlier ones)."""
        found = set(longer)
        for i, token_hits in enumerate(hits):
            found.update((rule, self.match_ids[rule], i, i + 1) for rule in token_hits.single)
        return sorted(found)

    def targeted_rules(self, longer: list[Match]) -> dict[int, set[int]] | None:
        """The rules of ``longer`` by the token they annotate; None if a rule's index
        falls outside its match (the general path then raises the stock error)."""
        rules: dict[int, set[int]] = {}
        for match in longer:
            position = self.target(match)
            if position is None:
                return None
            rules.setdefault(position, set()).add(match[0])
        return rules

    def plans(self, hits: list[Hits], targeted: dict[int, set[int]]) -> list[Plan | None]:
        """Each token's plan: its key's, unless a longer match annotates it too."""
        plans = [token_hits.plan for token_hits in hits]
        for position, rules in targeted.items():
            plans[position] = self.plan_of(rules.union(hits[position].single))
        return plans

    def plan_of(self, rules: Iterable[int]) -> Plan | None:
        """What the rules leave a token with when applied in order (later ones win)."""
        values: dict[int | str, Any] = {}
        for rule in sorted(rules):
            values.update(self.ruler.attrs[rule])
        if not values or self.analyses is None:
            return None
        morph = values.get(MORPH)
        return Plan(
            lemma=values.get(LEMMA),
            pos=values.get(POS),
            tag=values.get(TAG),
            dep=values.get(DEP),
            morph=None if morph is None else self.analyses[morph],
        )

    def _token_hits(self, token: Token) -> Hits:
        values = {attr: read(token) for attr, read in READERS.items()}
        rules = list(self.everywhere)
        for attr in ANCHORS:
            rules += self.by_anchor.get((attr, values[attr]), ())
        passed = [r for r in rules if r.matches(values)]
        single = tuple(sorted({r.rule for r in passed if r not in self.sequences}))
        starts = tuple(self.sequences[r] for r in passed if r in self.sequences)
        plan = self.plan_of(single) if self.direct else None
        return Hits(single, starts, plan)


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
