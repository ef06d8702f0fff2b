"""Per-document token tables: what the rule-based scanners read at every token, as
plain Python lists.

``doc[i]`` builds a new ``Token`` object at every access (about a microsecond) and
each of its string attributes is another lookup; scanners that look at every token,
often several times, spend most of their time there.  A :class:`TokenTable` reads
the columns once per document with ``Doc.to_array`` (numbers) and one string-store
lookup per token (strings).  Each column is computed on first use, so an
extractor pays only for what it reads.  :func:`brinkwatch.pipeline.process` builds
one per document and hands it to every extractor (each builds its own when called
alone); the table must not outlive the ``Doc`` it was read from.
"""

from __future__ import annotations

import bisect
import functools

from spacy.tokens import Doc, Span


class TokenTable:
    """Column ``name[i]`` is the value of ``doc[i].name`` (the ``_`` suffix dropped)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.size = len(doc)

    @functools.cached_property
    def text(self) -> str:
        """``Doc.text``, joined from the columns: ``Doc.text`` itself builds a Token
        object per token on every access."""
        pairs = zip(self.orth, self._numbers[4], strict=True)
        return "".join(word + " " if space else word for word, space in pairs)

    def text_of(self, span: Span) -> str:
        """``Span.text``, sliced from :attr:`text` instead of joined token by token."""
        return self.span_text(span.start, span.end)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the span (added for the actor passes)."""
        return self.text[self.starts[start] : self.ends[end - 1]] if end > start else ""

    @functools.cached_property
    def _numbers(self) -> list[list[int]]:
        """idx, length, is_alpha, head offset and trailing space of every token (columns)."""
        if not self.size:
            return [[], [], [], [], []]
        columns: list[str | int] = ["IDX", "LENGTH", "IS_ALPHA", "HEAD", "SPACY"]
        rows: list[list[int]] = self.doc.to_array(columns).T.tolist()
        return [rows[0], rows[1], rows[2], _signed(rows[3]), rows[4]]

    @functools.cached_property
    def starts(self) -> list[int]:
        """``Token.idx``: the character offset of each token."""
        return self._numbers[0]

    @functools.cached_property
    def ends(self) -> list[int]:
        """``Token.idx + len(Token)``: the character offset after each token."""
        return [start + length for start, length in zip(self.starts, self._numbers[1], strict=True)]

    @functools.cached_property
    def is_alpha(self) -> list[bool]:
        return [bool(v) for v in self._numbers[2]]

    @functools.cached_property
    def head(self) -> list[int]:
        """``Token.head.i``."""
        return [i + offset for i, offset in enumerate(self._numbers[3])]

    @functools.cached_property
    def orth(self) -> list[str]:
        """``Token.text``."""
        return self._strings("ORTH")

    @functools.cached_property
    def lower(self) -> list[str]:
        return self._strings("LOWER")

    @functools.cached_property
    def lemma(self) -> list[str]:
        return self._strings("LEMMA")

    @functools.cached_property
    def tag(self) -> list[str]:
        return self._strings("TAG")

    @functools.cached_property
    def pos(self) -> list[str]:
        return self._strings("POS")

    @functools.cached_property
    def dep(self) -> list[str]:
        return self._strings("DEP")

    @functools.cached_property
    def ent_type(self) -> list[str]:
        """``Token.ent_type_`` ("" outside entities)."""
        return self._strings("ENT_TYPE")

    @functools.cached_property
    def ent_iob(self) -> list[str]:
        """``Token.ent_iob_``: "B", "I", "O", or "" where no entity was annotated.
        (Added for the actor matcher, which walks entities token by token.)"""
        names = ("", "I", "O", "B")  # spaCy's codes 0-3
        return [names[v] for v in self.doc.to_array("ENT_IOB").tolist()] if self.size else []

    # (is_punct, is_space and sent_start: added for the actor passes' phrase walks)

    @functools.cached_property
    def is_punct(self) -> list[bool]:
        return self._flags("IS_PUNCT")

    @functools.cached_property
    def is_space(self) -> list[bool]:
        return self._flags("IS_SPACE")

    @functools.cached_property
    def sent_start(self) -> list[bool]:
        """Whether ``Token.is_sent_start`` is true (not False, nor None: unknown)."""
        # to_array gives spaCy's 1 / -1 (as uint64) / 0 for True / False / None
        return [v == 1 for v in self.doc.to_array("SENT_START").tolist()] if self.size else []

    def _flags(self, attr: str) -> list[bool]:
        return [bool(v) for v in self.doc.to_array(attr).tolist()] if self.size else []

    @functools.cached_property
    def ents(self) -> tuple[Span, ...]:
        """``Doc.ents``, read once: the property rebuilds every entity span per access."""
        return tuple(self.doc.ents)

    @functools.cached_property
    def sents(self) -> tuple[Span, ...]:
        """``Doc.sents``, read once: the property rebuilds every sentence span per access."""
        return tuple(self.doc.sents)

    @functools.cached_property
    def like_num(self) -> list[bool]:
        return self._flags("LIKE_NUM")

    @functools.cached_property
    def capital(self) -> list[bool]:
        """The token starts with a capital letter (``Token.text[:1].isupper()``)."""
        return [word[:1].isupper() for word in self.orth]

    def is_one_of(self, attr: str, values: frozenset[str]) -> list[bool]:
        """Whether ``attr`` of each token (e.g. "ENT_TYPE") is one of ``values``: compared
        as string-store ids, without reading a string per token."""
        if not self.size:
            return []
        store = self.doc.vocab.strings
        wanted = {store[value] for value in values}
        return [key in wanted for key in self.doc.to_array(attr).tolist()]

    # ------------------------------------------------------------ dependents
    # (added for the event coder, whose rules walk the parse through Token.children)

    @functools.cached_property
    def _children(self) -> list[list[int]]:
        """Dependents of every token, read off :attr:`head` once per document."""
        kids: list[list[int]] = [[] for _ in range(self.size)]
        for j, h in enumerate(self.head):
            if h != j:
                kids[h].append(j)  # j ascends: each list is in document order
        return kids

    def children(self, i: int) -> list[int]:
        """``[c.i for c in doc[i].children]``: dependents of token ``i``, in document
        order, as indices (``Token.children`` builds a Token per dependent per pass)."""
        return self._children[i]

    def subtree(self, i: int) -> list[int]:
        """``[t.i for t in doc[i].subtree]``: token ``i`` and its descendants, in
        ``Token.subtree`` order (each left dependent's subtree, the token, each right
        dependent's subtree)."""
        found: list[int] = []

        def walk(j: int) -> None:
            kids = self._children[j]
            for c in kids:
                if c < j:
                    walk(c)
            found.append(j)
            for c in kids:
                if c > j:
                    walk(c)

        walk(i)
        return found

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [sent.start for sent in self.sents]

    def sentence_range(self, i: int) -> range:
        """The token indices of ``doc[i].sent``, without building the Span."""
        k = bisect.bisect_right(self._sentence_starts, i) - 1
        return range(self.sents[k].start, self.sents[k].end)

    @functools.cached_property
    def lemma_lower(self) -> list[str]:
        """``Token.lemma_.lower()``, lowered once per document instead of per rule."""
        return list(map(str.lower, self.lemma))

    def _strings(self, attr: str) -> list[str]:
        if not self.size:
            return []
        ids: list[int] = self.doc.to_array(attr).tolist()
        store = self.doc.vocab.strings
        return [store[key] for key in ids]


def _signed(values: list[int]) -> list[int]:
    """``to_array`` returns uint64: head offsets before the token wrap around."""
    return [v - (1 << 64) if v >= 1 << 63 else v for v in values]
