"""Modality of a trigger: negated, future, hypothetical, historical — read from
auxiliaries, negation, conditions and time cues in the trigger's own clause."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

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


def clause_head(tok: Token) -> Token:
    """The head of the clause ``tok`` belongs to.  Complements of control verbs
    (xcomp) and coordinated verbs stay in their governor's clause, so "agreed to
    send troops on Monday" dates the sending by "on Monday"."""
    while tok.dep_ not in CLAUSE_DEPS:
        head = tok.head  # Token.head builds a new Token: read it once per step
        if head.i == tok.i or (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")):
            break
        tok = head
    return tok


def clause_head_index(i: int, table: TokenTable) -> int:
    """:func:`clause_head` of token ``i``, read off the token table (for whole-sentence scans)."""
    while table.dep[i] not in CLAUSE_DEPS:
        head = table.head[i]
        if head == i or (table.dep[i] == "conj" and table.pos[i] in ("VERB", "AUX")):
            break
        i = head
    return i


def clause_tokens(tok: Token) -> list[Token]:
    """Tokens of the sentence whose clause head is the clause head of ``tok``."""
    head = clause_head(tok)
    return [t for t in tok.sent if clause_head(t).i == head.i]


def _aux_lemmas(verb: Token) -> set[str]:
    """Auxiliaries of ``verb``, as written and as lemmas ("wo" and "will")."""
    found: set[str] = set()
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            found.update((c.lower_, c.lemma_.lower()))
    return found


def is_negated(verb: Token, lexicon: EventLexicon) -> bool:
    """A negation dependent ("did not", "never"), or "no" determining a nominal act."""
    words = lexicon.cue("negation.words")
    return any(c.dep_ in ("neg", "det", "advmod") and c.lower_ in words for c in verb.children)


def has_condition(verb: Token, lexicon: EventLexicon) -> bool:
    """The verb's clause, or a clause it is inside, is introduced by "if"/"unless"."""
    conditions = lexicon.cue("hypothetical.conditions")
    tok = verb
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in conditions for c in tok.children):
            return True
        if tok.head.i == tok.i or tok.dep_ in ("ROOT", "ccomp"):
            return False
        tok = tok.head
    return False


def has_condition_clause(verb: Token, lexicon: EventLexicon) -> Token | None:
    """The if/unless clause attached to ``verb`` (the verb is its consequence)."""
    conditions = lexicon.cue("hypothetical.conditions")
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in conditions for c in child.children
        ):
            return child
    return None


def verb_modality(verb: Token, lexicon: EventLexicon) -> Modality:
    """Negation, future and hypothetical marked on the verb itself."""
    aux = _aux_lemmas(verb)
    would = bool(aux & lexicon.cue("hypothetical.conditional_would"))
    conditions = lexicon.cue("hypothetical.conditions")
    sentence_condition = would and any(t.lower_ in conditions for t in verb.sent)
    hypothetical = (
        bool(aux & lexicon.cue("hypothetical.modals"))
        or has_condition(verb, lexicon)
        or (would and sentence_condition)
    )
    future = bool(aux & lexicon.cue("future.auxiliaries")) or (would and not hypothetical)
    future = future or _going_to(verb)
    return Modality(is_negated(verb, lexicon), future, hypothetical, False)


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"


def is_historical(
    tokens: Iterable[Token], times: Iterable[TimeMention], published_year: int | None,
    lexicon: EventLexicon,
) -> bool:  # fmt: skip
    """Background: a past year in the clause ("in 2014", "since 2008"), "since"
    with a date, or "... years ago"."""
    # Only explicit years count: a relative date ("on Wednesday") resolved against a
    # January publication date would otherwise fall in the previous year.
    toks = list(tokens)
    for mention in times:
        if _past_decade(mention, toks, published_year):  # "in the 1990s"
            return True
        year = _year(mention.value)
        if year is None or published_year is None or year >= published_year:
            continue
        if any(t.idx == mention.start for t in toks) and str(year) in mention.text:
            return True
    return any(_past_year_token(t, published_year, lexicon) for t in toks)


def long_standing(verb: Token, lexicon: EventLexicon) -> bool:
    """"has long supplied": an adverb of a long-standing state on the verb itself."""
    adverbs = lexicon.cue("historical.adverbs")
    return any(c.dep_ == "advmod" and c.lower_ in adverbs for c in verb.children)


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


def _past_decade(mention: TimeMention, toks: list[Token], published_year: int | None) -> bool:
    """A past decade ("199" for "the 1990s") is background only when it dates the predicate
    ("the first concession since the war of the 1990s" is no old concession)."""
    value = mention.value
    if not (len(value) == 3 and value.isdigit()) or published_year is None:
        return False
    if int(value) * 10 + 10 > published_year:
        return False
    inside = [t for t in toks if mention.start <= t.idx < mention.end]
    return bool(inside) and inside[0].idx == mention.start and _dates_the_clause(inside[-1])


def sentence_of(tok: Token) -> Span:
    return tok.sent
