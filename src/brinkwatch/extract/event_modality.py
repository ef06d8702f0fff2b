"""Modality of a trigger: negated, future, hypothetical, historical — read from
auxiliaries, negation, conditions and time cues in the trigger's own clause."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from brinkwatch.extract.event_lexicon import EventLexicon
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import TimeMention

CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "pcomp"})
YEAR_MIN = 1900


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    historical: bool = False


def clause_heads(start: int, end: int, table: TokenTable) -> list[int]:
    """The index of the head of the clause each token ``start`` to ``end`` belongs to.
    Complements of control verbs (xcomp) and coordinated verbs stay in their
    governor's clause, so "agreed to send troops on Monday" dates the sending by "on
    Monday"."""
    dep, head, pos = table.dep, table.head, table.pos
    found = []
    for i in range(start, end):
        while dep[i] not in CLAUSE_DEPS:
            up = head[i]
            if up == i or (dep[i] == "conj" and pos[i] in ("VERB", "AUX")):
                break
            i = up
        found.append(i)
    return found


def _aux_lemmas(verb: int, table: TokenTable) -> set[str]:
    """Auxiliaries of token ``verb``, as written and as lemmas ("wo" and "will")."""
    found: set[str] = set()
    for c in table.children(verb):
        if table.dep[c] in ("aux", "auxpass"):
            found.update((table.lower[c], table.lemma_lower[c]))
    return found


def is_negated(verb: Token, lexicon: EventLexicon, table: TokenTable) -> bool:
    """A negation dependent ("did not", "never"), or "no" determining a nominal act."""
    words = lexicon.cue("negation.words")
    dep, lower = table.dep, table.lower
    return any(dep[c] in ("neg", "det", "advmod") and lower[c] in words
               for c in table.children(verb.i))  # fmt: skip


def _has_mark(i: int, words: frozenset[str], table: TokenTable) -> bool:
    """Token ``i`` has a "mark" dependent ("if", "unless") that is one of ``words``."""
    return any(table.dep[c] == "mark" and table.lower[c] in words for c in table.children(i))


def has_condition(verb: Token, lexicon: EventLexicon, table: TokenTable) -> bool:
    """The verb's clause, or a clause it is inside, is introduced by "if"/"unless"."""
    conditions = lexicon.cue("hypothetical.conditions")
    i = verb.i
    for _ in range(6):
        if _has_mark(i, conditions, table):
            return True
        if table.head[i] == i or table.dep[i] in ("ROOT", "ccomp"):
            return False
        i = table.head[i]
    return False


def has_condition_clause(verb: Token, lexicon: EventLexicon, table: TokenTable) -> Token | None:
    """The if/unless clause attached to ``verb`` (the verb is its consequence)."""
    conditions = lexicon.cue("hypothetical.conditions")
    for child in table.children(verb.i):
        if table.dep[child] == "advcl" and _has_mark(child, conditions, table):
            return table.doc[child]
    return None


def verb_modality(verb: Token, lexicon: EventLexicon, table: TokenTable) -> Modality:
    """Negation, future and hypothetical marked on the verb itself."""
    aux = _aux_lemmas(verb.i, table)
    would = bool(aux & lexicon.cue("hypothetical.conditional_would"))
    conditions = lexicon.cue("hypothetical.conditions")
    sent = table.sentence_range(verb.i) if would else range(0)
    sentence_condition = would and not conditions.isdisjoint(table.lower[sent.start : sent.stop])
    hypothetical = (
        bool(aux & lexicon.cue("hypothetical.modals"))
        or has_condition(verb, lexicon, table)
        or (would and sentence_condition)
    )
    future = bool(aux & lexicon.cue("future.auxiliaries")) or (would and not hypothetical)
    future = future or _going_to(verb.i, table)
    return Modality(is_negated(verb, lexicon, table), future, hypothetical, False)


def _going_to(verb: int, table: TokenTable) -> bool:
    head = table.head[verb]
    return table.dep[verb] == "xcomp" and table.lemma[head] == "go" and table.tag[head] == "VBG"


def is_historical(
    indices: Sequence[int], table: TokenTable, times: Iterable[TimeMention],
    published_year: int | None, lexicon: EventLexicon,
) -> bool:  # fmt: skip
    """Background: a past year in the clause (tokens ``indices``: "in 2014", "since
    2008"), "since" with a date, or "... years ago"."""
    # Only explicit years count: a relative date ("on Wednesday") resolved against a
    # January publication date would otherwise fall in the previous year.
    starts = table.starts
    for mention in times:
        if _past_decade(mention, indices, table, published_year):  # "in the 1990s"
            return True
        year = _year(mention.value)
        if year is None or published_year is None or year >= published_year:
            continue
        if any(starts[i] == mention.start for i in indices) and str(year) in mention.text:
            return True
    # only "ago" and words starting with a digit (a "dddd" shape) can date the clause:
    # no Token is built for the others
    lower, doc = table.lower, table.doc
    return any(_past_year_token(doc[i], published_year, lexicon) for i in indices
               if lower[i] == "ago" or lower[i][:1].isdigit())  # fmt: skip


def long_standing(verb: Token, lexicon: EventLexicon, table: TokenTable) -> bool:
    """"has long supplied": an adverb of a long-standing state on the verb itself."""
    adverbs = lexicon.cue("historical.adverbs")
    return any(table.dep[c] == "advmod" and table.lower[c] in adverbs
               for c in table.children(verb.i))  # fmt: skip


def _past_year_token(tok: Token, published_year: int | None, lexicon: EventLexicon) -> bool:
    markers = lexicon.cue("historical.markers")
    if tok.lower_ == "ago" and any(t.lemma_ in ("year", "decade") for t in tok.head.subtree):
        return True
    if not (tok.shape_ == "dddd" and tok.like_num):
        return False
    if not _dates_the_clause(tok):
        return False
    year = int(tok.text)
    if published_year is None or not YEAR_MIN <= year < published_year:
        return tok.head.lower_ in markers and year >= YEAR_MIN
    return True


def _dates_the_clause(year: Token) -> bool:
    """The year dates the predicate, not a noun phrase inside it ("annexed Crimea in
    2014" yes; "the first summit since 2016" no): on the way up to the verb only
    prepositions and date words are crossed; "since" dates a state only with a
    perfect verb ("has occupied Crimea since 2014")."""
    tok = year.head
    since = tok.lower_ == "since"
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
            return perfect or not since
        if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "DATE":
            return False
        tok = tok.head
    return False


def _year(value: str) -> int | None:
    head = value[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def _past_decade(
    mention: TimeMention, indices: Sequence[int], table: TokenTable, published_year: int | None
) -> bool:
    """A past decade ("199" for "the 1990s") is background only when it dates the predicate
    ("the first concession since the war of the 1990s" is no old concession)."""
    value = mention.value
    if not (len(value) == 3 and value.isdigit()) or published_year is None:
        return False
    if int(value) * 10 + 10 > published_year:
        return False
    inside = [i for i in indices if mention.start <= table.starts[i] < mention.end]
    return (bool(inside) and table.starts[inside[0]] == mention.start
            and _dates_the_clause(table.doc[inside[-1]]))  # fmt: skip
