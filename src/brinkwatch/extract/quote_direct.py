"""Attribute a quoted span to its cue: the speech verb that governs it, the verb
beside it in the same sentence, or the verb of a lead-in ending with a colon."""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.quote_lexicon import QuoteLexicon
from brinkwatch.extract.quote_marks import QuotedSpan
from brinkwatch.extract.token_table import TokenTable

_MAX_HOPS = 4  # how far up the tree a quote may hang below its cue ("said on X that ...")
_SENTENCE_ENDS = frozenset({".", "?", "!"})
_COLON_REACH = 20  # characters of blank space allowed between a lead-in colon and the quote
_VERBAL = frozenset({"VERB", "AUX"})
_ACCORDING = frozenset({"according"})
_NEWLINE = re.compile("\n")
_DASH_SIGN = re.compile(r"[ \t\u00a0]*(?:[―—–]+|--?(?=[ \t\u00a0]))[ \t\u00a0]*")


class QuoteContext:
    """One document's quoted spans, with a character mask to test 'inside a quote'."""

    def __init__(
        self, doc: Doc, spans: tuple[QuotedSpan, ...], lexicon: QuoteLexicon,
        also_quoted: tuple[tuple[int, int], ...] = (), text: str | None = None,
        table: TokenTable | None = None,
    ) -> None:  # fmt: skip
        """``also_quoted``: other stretches of direct speech (transcript turns);
        ``text`` and ``table``: ``doc.text`` and the token table when the caller has
        already read them."""
        self.doc = doc
        self.table = TokenTable(doc) if table is None else table
        # Doc.text joins every token on each access: read it once
        self.text = self.table.text if text is None else text
        self.spans = spans
        self.lexicon = lexicon
        mask = bytearray(len(self.text) + 1)
        stretches = [(s.open_mark, s.close_mark + 1) for s in spans] + list(also_quoted)
        for start, end in stretches:
            mask[start:end] = b"\x01" * (end - start)
        self._mask = bytes(mask)

    @functools.cached_property
    def _cues(self) -> list[bool]:
        """:meth:`is_cue` of every token.  Only verbs and "according" can be cues, so
        only those tokens are read further."""
        verbal = self.table.is_one_of("POS", _VERBAL)
        according = self.table.is_one_of("LOWER", _ACCORDING)
        return [
            (is_verb or is_according) and self._is_cue_index(i, is_according)
            for i, (is_verb, is_according) in enumerate(zip(verbal, according, strict=True))
        ]

    @functools.cached_property
    def cue_indices(self) -> list[int]:
        """The tokens :meth:`is_cue` accepts, in order."""
        return [i for i, is_cue in enumerate(self._cues) if is_cue]

    @functools.cached_property
    def _breaks_before(self) -> list[int]:
        """``_breaks_before[i]``: how many of the tokens before token ``i`` hold a line
        break (every line break of the text lies inside a token)."""
        starts, text = self.table.starts, self.text
        holds_break = [False] * len(starts)
        for found in _NEWLINE.finditer(text):
            holds_break[bisect.bisect_right(starts, found.start()) - 1] = True
        return [0, *itertools.accumulate(holds_break)]

    def line_break_in(self, start: int, end: int) -> bool:
        """Whether a token of ``doc[start:end]`` holds a line break."""
        breaks = self._breaks_before
        size = len(breaks) - 1
        start, end = min(max(start, 0), size), min(max(end, 0), size)
        return end > start and breaks[end] > breaks[start]

    def same_paragraph(self, a: int, b: int) -> bool:
        """No line break in the tokens from the earlier of tokens ``a`` and ``b`` up
        to (not including) the later one."""
        low, high = sorted((a, b))
        return not self.line_break_in(low, high)

    def holds_break(self, i: int) -> bool:
        """Whether token ``i`` holds a line break ("\n" in its text)."""
        return self._breaks_before[i + 1] > self._breaks_before[i]

    def sentence(self, token: Token) -> Span:
        """The sentence of ``token`` (Token.sent rescans the whole Doc on every call)."""
        found = self.table.sentence_range(token.i)
        return self.doc[found.start : found.stop]

    def quoted(self, token: Token) -> bool:
        """True when the token lies inside a quote (marks included)."""
        return bool(self._mask[token.idx])

    def quoted_at(self, i: int) -> bool:
        """:meth:`quoted` of token ``i``."""
        return bool(self._mask[self.table.starts[i]])

    def is_cue(self, token: Token) -> bool:
        """A speech verb (or 'according to') outside every quote."""
        return self._cues[token.i]

    def is_cue_at(self, i: int) -> bool:
        """:meth:`is_cue` of token ``i``."""
        return self._cues[i]

    def _is_cue_index(self, i: int, is_according: bool) -> bool:
        """Whether token ``i``, a verb or "according" (``is_according``), is a cue."""
        table = self.table
        if self.quoted_at(i):
            return False
        if is_according:
            return any(table.lower[c] == "to" for c in table.children(i))
        if table.dep[i] in ("amod", "compound") or _after_so(table, i):
            return False  # "the so-called peacekeepers", "a said agreement"
        return table.lemma_lower[i] in self.lexicon.cue_verbs


def _after_so(table: TokenTable, i: int) -> bool:
    """'so-called' and 'so called' (token ``i`` being "called")."""
    if table.lower[i] != "called":
        return False
    return "so" in table.lower[max(0, i - 2) : i]


def find_cue(ctx: QuoteContext, span: QuotedSpan) -> Token | None:
    """The cue that attributes ``span``, or None when its sentence has none.

    Only cues in the quote's own sentence are considered: the stretch after the
    closing mark and the stretch before the opening mark, each up to a sentence
    end, a line break or another quote.  A cue that governs the quote in the parse
    wins; then the nearest cue after the quote; then the nearest before it.
    """
    cue = _cue_index(ctx, span)
    return None if cue is None else ctx.doc[cue]


def _cue_index(ctx: QuoteContext, span: QuotedSpan) -> int | None:
    """:func:`find_cue` as a token index (Token objects are built only for the answer)."""
    cues_after = [i for i in _window(ctx, span, forward=True) if ctx.is_cue_at(i)]
    cues_before = [i for i in _window(ctx, span, forward=False) if ctx.is_cue_at(i)]
    if cues_after or cues_before:
        governing = _governing_cues(ctx, span)
        for cue in (*cues_after, *cues_before):
            if cue in governing:
                return cue
    if cues_after:
        return cues_after[0]
    if cues_before:
        return cues_before[-1]
    return _colon_cue(ctx, span)


def _window(ctx: QuoteContext, span: QuotedSpan, forward: bool) -> list[int]:
    """Unquoted tokens next to the quote, up to the end of its sentence (forward)
    or back to the start of it, stopping at another quote or a line break."""
    words = ctx.table.orth
    anchor = _token_at(ctx, span.close_mark if forward else span.open_mark)
    step = 1 if forward else -1
    found: list[int] = []
    i = anchor + step
    while 0 <= i < len(words):
        quoted = ctx.quoted_at(i)
        if "\n" in words[i] or (words[i] in _SENTENCE_ENDS and not quoted):
            break
        if quoted and forward:
            break  # the next quote belongs to its own attribution
        if not quoted:  # walking back, step over partial quotes to the cue
            found.append(i)
        i += step
    return found if forward else found[::-1]


def _governing_cues(ctx: QuoteContext, span: QuotedSpan) -> set[int]:
    """Indexes of tokens that head the quote's tokens in the parse (a few hops up)."""
    inside = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None:
        return set()
    head = ctx.table.head
    heads: set[int] = set()
    for i in range(inside.start, inside.end):
        for _ in range(_MAX_HOPS):
            if head[i] == i:
                break
            i = head[i]
            heads.add(i)
    return heads


def _colon_cue(ctx: QuoteContext, span: QuotedSpan) -> int | None:
    """'Lavrov said on Monday:' followed by the quote, in the same or the previous paragraph."""
    text = ctx.text
    base = max(0, span.open_mark - _COLON_REACH)
    lead = text[base : span.open_mark].rstrip()
    if not lead.endswith(":"):
        return None
    colon = _token_at(ctx, base + len(lead) - 1)
    sentence = ctx.table.sentence_range(colon)
    cues = [i for i in range(sentence.start, colon) if not ctx.quoted_at(i) and ctx.is_cue_at(i)]
    return cues[-1] if cues else None


def _token_at(ctx: QuoteContext, char: int) -> int:
    """The index of the token at (or just before) character ``char``."""
    span = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span.start
    return bisect.bisect_right(ctx.table.starts, char) - 1


def cue_text(cue: Token, lexicon: QuoteLexicon) -> str:
    """The cue as written: "said", "told reporters", "according to"."""
    if cue.lower_ == "according":
        return "according to"  # the same cue wherever it stands in the sentence
    nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
    if nxt is not None and nxt.head.i == cue.i and nxt.lemma_.lower() in lexicon.audiences:
        return f"{cue.text} {nxt.text}"
    return cue.text


def dash_speaker(ctx: QuoteContext, span: QuotedSpan) -> Span | None:
    """The name after a dash that signs a quote: '"..." ― Jane Doe'."""
    sign = _DASH_SIGN.match(ctx.text, span.close_mark + 1)
    if sign is None:
        return None
    first = ctx.doc.char_span(sign.end(), sign.end() + 1, alignment_mode="expand")
    if first is None or not len(first):
        return None
    start = first[0].i
    name = list(itertools.takewhile(lambda t: t.pos_ == "PROPN", ctx.doc[start:]))
    return ctx.doc[start : start + len(name)] if name else None
