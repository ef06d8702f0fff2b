"""Syntactic tests the resolver needs: is a name used as a place, which tokens
form a title, which words modify a noun.  Pure functions over spaCy tokens."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from brinkwatch.extract.actor_dictionary import ActorDictionary
from brinkwatch.extract.token_table import TokenTable

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "„"})


def governing(token: Token) -> Token:
    """The token whose role in the sentence this one shares: the first conjunct
    of a coordination ("Russia and Belarus" -> Russia), else itself."""
    seen = 0
    while token.dep_ in ("conj", "appos") and token.head.i != token.i and seen < 10:
        token, seen = token.head, seen + 1
    return token


def is_subject(token: Token) -> bool:
    return governing(token).dep_ in SUBJECT_DEPS


def place_use(token: Token, dictionary: ActorDictionary) -> bool:
    """True when a state or capital name is used as a location or a topic, not
    as an actor: the object of a locative preposition ("troops in Belarus") or
    of a verb of motion ("weapons entered Kyrgyzstan"), the owner of a place
    ("Belarus's border"), or a modifier of an ordinary noun ("the Ukraine crisis")."""
    head = governing(token)
    effects = dictionary.modifiers
    if head.dep_ == "pobj":
        return _prepositional_place(head.head, dictionary)
    if head.dep_ == "dobj" and effects.get(head.head.lemma_.lower()) == "place-verb":
        return True
    if head.dep_ == "poss":
        return effects.get(head.head.lower_) == "place-noun"
    return head.dep_ in MODIFIER_DEPS and head.head.i != head.i and head.head.pos_ in NOUN_POS


def _prepositional_place(prep: Token, dictionary: ActorDictionary) -> bool:
    use = dictionary.preposition(prep.lower_)
    if use is None:
        return False
    ruler = prep.head
    words = {ruler.lower_, ruler.lemma_.lower()}
    # "send arms to Pakistan": the verb's object can make the object a recipient
    words |= {c.lemma_.lower() for c in ruler.children if c.dep_ == "dobj"}
    flipped = bool(words & use.exceptions)
    return (use.use != "actor") != flipped


def title_tokens(table: TokenTable, start: int, root: Token) -> range:
    """Tokens left of a name inside its noun phrase ("Russian Deputy Foreign
    Minister" before "Sergei Ryabkov"), stopping at punctuation or a clause."""
    left = root.left_edge.i
    pos = table.pos
    first = start
    for i in range(start - 1, max(left, start - 10) - 1, -1):
        if _ends_phrase(table, i) or (pos[i] == "ADP" and table.lower[i] != "of"):
            break
        first = i
        if table.sent_start[i]:
            break
    while first < start and pos[first] == "DET":
        first += 1
    return range(first, start)


def _ends_phrase(table: TokenTable, i: int) -> bool:
    """Words that cannot be inside a title or pre-modifier run: punctuation
    (but hyphens and abbreviation dots), line breaks, verbs, clause words and
    numbers ("30,000 Russian soldiers": the count is a quantity).  Read off the
    columns: these walks look at every word before a name or role noun."""
    word, pos = table.orth[i], table.pos[i]
    if table.is_space[i] or "\n" in word or table.like_num[i] or pos == "NUM":
        return True
    if table.is_punct[i] and word not in ("-", "."):
        return True
    return pos in ("VERB", "AUX", "SCONJ", "CCONJ")


def appositive_heads(root: Token) -> tuple[Token, ...]:
    """Heads of noun phrases in apposition to ``root`` ("X, Ukraine's defence
    minister"), never across a line break (a byline is no apposition)."""
    return tuple(
        c for c in root.children
        if c.dep_ == "appos" and c.pos_ in NOUN_POS and same_line(root, c)
    )  # fmt: skip


def appositive_of(token: Token) -> Token | None:
    """The noun ``token`` stands in apposition to, on the same line."""
    head = token.head
    if token.dep_ == "appos" and head.pos_ in NOUN_POS and same_line(head, token):
        return head
    return None


def same_line(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text for t in a.doc[lo:hi])


def byline(doc: Doc, start: int, end: int, words: Sequence[str]) -> bool:
    """A name in a byline or photo credit: a line opening "By [Name and Name",
    or "**Name / Agency**".  ``words`` are the texts of the doc's tokens."""
    first = start
    while first > 0 and "\n" not in words[first - 1]:
        first -= 1
    between = [t for t in doc[first:start] if not t.is_punct]
    if between and between[0].lower_ == "by":
        return all(t.pos_ == "PROPN" or t.lower_ in ("by", "and") for t in between)
    return not between and end < len(doc) and doc[end].text == "/"


def noun_modifier_tokens(
    table: TokenTable, head: Token, start: int, quantity_words: frozenset[str] = frozenset()
) -> range:
    """The pre-modifiers of a noun phrase headed by ``head`` whose own words
    start at ``start`` ("Senior Russian" in "Senior Russian officials").  A count
    or quantity word ends them: "30,000 Russian soldiers" -> "Russian"."""
    left = head.left_edge.i
    pos = table.pos
    first = start
    for i in range(start - 1, max(left, start - 8) - 1, -1):
        coordinated = table.dep[i] == "cc" and i > left  # "U.S. and British officials"
        if (_ends_phrase(table, i) and not coordinated) or pos[i] == "ADP":
            break
        if table.lower[i] in quantity_words:
            break
        first = i
        if table.sent_start[i]:
            break
    while first < start and (pos[first] in ("DET", "PUNCT", "PRON") or table.tag[first] == "PRP$"):
        first += 1
    return range(first, start)


def has_definite_article(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def quoted_tokens(words: Sequence[str]) -> frozenset[int]:
    """Indexes of tokens inside quotation marks (straight quotes toggle); ``words``
    are the texts of the doc's tokens."""
    if not any(word in QUOTE_MARKS for word in words):
        return frozenset()
    inside, found = False, set()
    for i, word in enumerate(words):
        if word in QUOTE_MARKS:
            inside = _toggle(word, inside)
            continue
        if "\n\n" in word and word.isspace():
            inside = False  # a quote never runs past a paragraph break unclosed
        if inside:
            found.add(i)
    return frozenset(found)


def _toggle(mark: str, inside: bool) -> bool:
    if mark in ("“", "«", "„"):
        return True
    if mark in ("”", "»"):
        return False
    return not inside
