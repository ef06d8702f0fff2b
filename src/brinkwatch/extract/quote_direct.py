"""Attribute a quoted span to its cue: the speech verb that governs it, the verb
beside it in the same sentence, or the verb of a lead-in ending with a colon."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from brinkwatch.extract.quote_lexicon import QuoteLexicon
from brinkwatch.extract.quote_marks import QuotedSpan

_MAX_HOPS = 4  # how far up the tree a quote may hang below its cue ("said on X that ...")
_NEAR_AFTER = 6  # tokens between a closing mark and a trailing cue (", Lavrov said")


class QuoteContext:
    """One document's quoted spans, with a character mask to test 'inside a quote'."""

    def __init__(self, doc: Doc, spans: tuple[QuotedSpan, ...], lexicon: QuoteLexicon) -> None:
        self.doc = doc
        self.spans = spans
        self.lexicon = lexicon
        mask = bytearray(len(doc.text) + 1)
        for span in spans:
            mask[span.open_mark : span.close_mark + 1] = b"\x01" * (
                span.close_mark + 1 - span.open_mark
            )
        self._mask = bytes(mask)

    def quoted(self, token: Token) -> bool:
        """True when the token lies inside a quote (marks included)."""
        return bool(self._mask[token.idx])

    def is_cue(self, token: Token) -> bool:
        """A speech verb (or 'according to') outside every quote."""
        if self.quoted(token):
            return False
        if token.lower_ == "according":
            return any(c.lower_ == "to" for c in token.children)
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lexicon.cue_verbs


def find_cue(ctx: QuoteContext, span: QuotedSpan) -> Token | None:
    """The cue that attributes ``span``, or None when the sentence has none."""
    return (
        _governing_cue(ctx, span)
        or _sentence_cue(ctx, span)
        or _colon_cue(ctx, span)
    )


def _governing_cue(ctx: QuoteContext, span: QuotedSpan) -> Token | None:
    """A cue verb above the quote in the parse ("warned against "provocations"")."""
    doc = ctx.doc
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None:
        return None
    for token in inside:
        head = token.head
        for _ in range(_MAX_HOPS):
            if head.idx >= span.open_mark and head.idx <= span.close_mark:
                break  # still inside the quote
            if ctx.is_cue(head):
                return head
            if head.head.i == head.i:
                break
            head = head.head
    return None


def _sentence_cue(ctx: QuoteContext, span: QuotedSpan) -> Token | None:
    """A cue verb outside the quote in the sentences holding its marks: right after
    the closing mark first, else before the opening mark."""
    doc = ctx.doc
    open_tok = _token_at(doc, span.open_mark)
    close_tok = _token_at(doc, min(span.close_mark, len(doc.text) - 1))
    after = [t for t in _unquoted(ctx, close_tok.sent) if t.i > close_tok.i and ctx.is_cue(t)]
    if after and after[0].i - close_tok.i <= _NEAR_AFTER:
        return after[0]
    before = [t for t in _unquoted(ctx, open_tok.sent) if t.i < open_tok.i and ctx.is_cue(t)]
    if before and not _quote_between(ctx, before[-1].idx, span.open_mark):
        return before[-1]
    return after[0] if after else None


def _colon_cue(ctx: QuoteContext, span: QuotedSpan) -> Token | None:
    """'Lavrov said on Monday:' followed by the quote, in the same or the previous paragraph."""
    text = ctx.doc.text
    lead = text[: span.open_mark].rstrip()
    if not lead.endswith(":"):
        return None
    colon = _token_at(ctx.doc, len(lead) - 1)
    cues = [t for t in _unquoted(ctx, colon.sent) if t.i < colon.i and ctx.is_cue(t)]
    return cues[-1] if cues else None


def _unquoted(ctx: QuoteContext, tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if not ctx.quoted(t)]


def _quote_between(ctx: QuoteContext, start: int, end: int) -> bool:
    """True when another quote closes between a cue and this quote's opening mark."""
    return any(start < s.close_mark < end for s in ctx.spans)


def _token_at(doc: Doc, char: int) -> Token:
    """The token at (or just before) character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span[0]
    return next(t for t in reversed(doc) if t.idx <= char)


def cue_text(cue: Token, lexicon: QuoteLexicon) -> str:
    """The cue as written: "said", "told reporters", "according to"."""
    if cue.lower_ == "according":
        return f"{cue.text} to"
    nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
    if nxt is not None and nxt.head.i == cue.i and nxt.lemma_.lower() in lexicon.audiences:
        return f"{cue.text} {nxt.text}"
    return cue.text
