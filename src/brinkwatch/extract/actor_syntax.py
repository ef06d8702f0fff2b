"""Syntactic tests the resolver needs: is a name used as a place, which tokens
form a title, which words modify a noun.  Pure functions over the document's
:class:`TokenTable`, on token indices: the passes ask them about the same few
tokens many times, and a ``Doc[i]`` builds a new Token object at every access."""

from __future__ import annotations

from collections.abc import Sequence

from brinkwatch.extract.actor_dictionary import ActorDictionary
from brinkwatch.extract.token_table import TokenTable

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "„"})


def governing(table: TokenTable, i: int) -> int:
    """The token whose role in the sentence token ``i`` shares: the first conjunct
    of a coordination ("Russia and Belarus" -> Russia), else itself."""
    dep, head = table.dep, table.head
    seen = 0
    while dep[i] in ("conj", "appos") and head[i] != i and seen < 10:
        i, seen = head[i], seen + 1
    return i


def is_subject(table: TokenTable, i: int) -> bool:
    return table.dep[governing(table, i)] in SUBJECT_DEPS


def place_use(table: TokenTable, i: int, dictionary: ActorDictionary) -> bool:
    """True when a state or capital name (ending at token ``i``) is used as a
    location or a topic, not as an actor: the object of a locative preposition
    ("troops in Belarus") or of a verb of motion ("weapons entered Kyrgyzstan"),
    the owner of a place ("Belarus's border"), or a modifier of an ordinary noun
    ("the Ukraine crisis")."""
    head = governing(table, i)
    ruler, dep = table.head[head], table.dep[head]
    effects = dictionary.modifiers
    if dep == "pobj":
        return _prepositional_place(table, ruler, dictionary)
    if dep == "dobj" and effects.get(lemma_lower(table, ruler)) == "place-verb":
        return True
    if dep == "poss":
        return effects.get(table.lower[ruler]) == "place-noun"
    return dep in MODIFIER_DEPS and ruler != head and table.pos[ruler] in NOUN_POS


def _prepositional_place(table: TokenTable, prep: int, dictionary: ActorDictionary) -> bool:
    use = dictionary.preposition(table.lower[prep])
    if use is None:
        return False
    ruler = table.head[prep]
    words = {table.lower[ruler], lemma_lower(table, ruler)}
    # "send arms to Pakistan": the verb's object can make the object a recipient
    words |= {lemma_lower(table, c) for c in table.children(ruler) if table.dep[c] == "dobj"}
    flipped = bool(words & use.exceptions)
    return (use.use != "actor") != flipped


def lemma_lower(table: TokenTable, i: int) -> str:
    """``Token.lemma_.lower()`` of one token.  Read from the Doc, not the table: the
    passes need a handful per document, the lemma column costs a string per token."""
    return table.doc[i].lemma_.lower()


def left_edge(table: TokenTable, i: int) -> int:
    """``Token.left_edge.i``, read from the Doc for the few tokens that need it:
    spaCy's edges are not always the subtree's ends (its edge pass over a
    non-projective parse stops early), so they are not rebuilt from the heads."""
    return table.doc[i].left_edge.i


def right_edge(table: TokenTable, i: int) -> int:
    """``Token.right_edge.i`` (see :func:`left_edge`)."""
    return table.doc[i].right_edge.i


def rights(table: TokenTable, i: int) -> list[int]:
    """``Token.rights``: the dependents of token ``i`` after it, in order."""
    return [c for c in table.children(i) if c > i]


def conjuncts(table: TokenTable, i: int) -> list[int]:
    """``Token.conjuncts`` as indices: from the first conjunct of token ``i``'s
    coordination, every ``conj`` dependent down the chain, breadth first; not ``i``."""
    first = i
    while table.head[first] != first and table.dep[first] == "conj":
        first = table.head[first]
    found = [first]
    for word in found:  # (the list grows as the walk reads it)
        found += [c for c in rights(table, word) if table.dep[c] == "conj"]
    return [word for word in found if word != i]


def title_tokens(table: TokenTable, start: int, root: int) -> range:
    """Tokens left of a name inside its noun phrase ("Russian Deputy Foreign
    Minister" before "Sergei Ryabkov"), stopping at punctuation or a clause;
    ``root`` is the name's root token."""
    left = left_edge(table, root)
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


def appositive_heads(table: TokenTable, root: int) -> tuple[int, ...]:
    """Heads of noun phrases in apposition to token ``root`` ("X, Ukraine's defence
    minister"), never across a line break (a byline is no apposition)."""
    return tuple(
        c for c in table.children(root)
        if table.dep[c] == "appos" and table.pos[c] in NOUN_POS and same_line(table, root, c)
    )  # fmt: skip


def appositive_of(table: TokenTable, i: int) -> int | None:
    """The noun token ``i`` stands in apposition to, on the same line."""
    head = table.head[i]
    if table.dep[i] == "appos" and table.pos[head] in NOUN_POS and same_line(table, head, i):
        return head
    return None


def same_line(table: TokenTable, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not any("\n" in word for word in table.orth[lo:hi])


def byline(table: TokenTable, start: int, end: int) -> bool:
    """A name in a byline or photo credit: a line opening "By [Name and Name",
    or "**Name / Agency**"."""
    words = table.orth
    first = start
    while first > 0 and "\n" not in words[first - 1]:
        first -= 1
    between = [i for i in range(first, start) if not table.is_punct[i]]
    lower = table.lower
    if between and lower[between[0]] == "by":
        return all(table.pos[i] == "PROPN" or lower[i] in ("by", "and") for i in between)
    return not between and end < table.size and words[end] == "/"


def noun_modifier_tokens(
    table: TokenTable, head: int, start: int, quantity_words: frozenset[str] = frozenset()
) -> range:
    """The pre-modifiers of a noun phrase headed by token ``head`` whose own words
    start at ``start`` ("Senior Russian" in "Senior Russian officials").  A count
    or quantity word ends them: "30,000 Russian soldiers" -> "Russian"."""
    left = left_edge(table, head)
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


def has_definite_article(table: TokenTable, head: int) -> bool:
    return any(table.dep[c] == "det" and table.lower[c] == "the" for c in table.children(head))


def quoted_tokens(words: Sequence[str]) -> frozenset[int]:
    """Indexes of tokens inside quotation marks (straight quotes toggle); ``words``
    are the texts of the doc's tokens.  A quote never runs past a paragraph break
    unclosed.  Only the marks and breaks are visited: the runs between them are
    taken whole (this runs over every token of every document)."""
    if QUOTE_MARKS.isdisjoint(words):
        return frozenset()
    # the quote marks and the paragraph breaks (space tokens holding "\n\n")
    stops = [
        i for i, word in enumerate(words)
        if word in QUOTE_MARKS or ("\n\n" in word and word.isspace())
    ]  # fmt: skip
    inside, run_start, found = False, 0, set[int]()
    for i in stops:
        if inside:
            found.update(range(run_start, i))  # the words since the last stop
        mark = words[i]
        inside = _toggle(mark, inside) if mark in QUOTE_MARKS else False
        run_start = i + 1
    if inside:
        found.update(range(run_start, len(words)))
    return frozenset(found)


def _toggle(mark: str, inside: bool) -> bool:
    if mark in ("“", "«", "„"):
        return True
    if mark in ("”", "»"):
        return False
    return not inside
