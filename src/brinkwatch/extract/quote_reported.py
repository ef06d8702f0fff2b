"""Reported speech: a cue verb with a complement clause ("X warned that ..."),
"X accused Y of ...", "according to X, ...", and "..., X said."."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.quote_direct import QuoteContext

_MIN_TOKENS = 3  # shorter complements are fragments, not statements
_MIN_ACCUSATION = 2  # "accused Kyiv of stalling" reports an act in two words
_EDGE_JUNK = frozenset({"that", ",", ":", ";", "-", "—", "–", '"', "“", "”", "'", "‘", "’"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_MOSTLY_QUOTED = 0.5  # a complement mostly inside quote marks is left to the direct quote


@dataclass(frozen=True, slots=True)
class ReportedClause:
    """A cue token and the character span of what it reports."""

    cue: Token
    start: int
    end: int


def find_reported(ctx: QuoteContext) -> tuple[ReportedClause, ...]:
    """Every reported-speech clause of the document outside direct quotes."""
    found: list[ReportedClause] = []
    doc = ctx.doc
    for token in (doc[i] for i in ctx.cue_indices):
        if _is_negated(token):
            continue
        content = _content_span(ctx, token)
        if content is not None and not _mostly_quoted(ctx, content):
            found.append(ReportedClause(token, content.start_char, content.end_char))
    return tuple(found)


def _content_span(ctx: QuoteContext, cue: Token) -> Span | None:
    """What the cue reports, trimmed of 'that' and edge punctuation."""
    if cue.lower_ == "according":
        return _according_content(ctx, cue)
    if cue.lemma_.lower() not in ctx.lexicon.reported_verbs:
        return None
    clause = _complement(ctx, cue)
    if clause is None:
        return _parenthetical_content(ctx, cue)
    shortest = _MIN_ACCUSATION if clause.dep_ in ("pobj", "pcomp") else _MIN_TOKENS
    start = _fronted_start(cue, clause)
    start, end = _within_paragraph(ctx, cue, start, clause.right_edge.i + 1)
    end = _before_next_cue(ctx, cue, start, end)
    return _trimmed(ctx.doc, start, end, shortest)


def _parenthetical_content(ctx: QuoteContext, cue: Token) -> Span | None:
    """'The talks, Peskov said, had failed.': the attribution sits inside the
    statement, so the content is the whole clause around it (attribution included,
    so that it stays one contiguous span)."""
    if cue.dep_ != "parataxis" or cue.head.i == cue.i:
        return None
    clause = cue.head
    start, end = _within_paragraph(ctx, cue, clause.left_edge.i, clause.right_edge.i + 1)
    return _trimmed(ctx.doc, start, end)


def _fronted_start(cue: Token, clause: Token) -> int:
    """'Those deployments, he told reporters, were a provocation': the parser hangs the
    fronted subject on the cue; it belongs to the statement."""
    fronted = [c for c in cue.lefts if c.dep_ in ("npadvmod", "dep") and c.pos_ in _NOUNS]
    if clause.i > cue.i and fronted and fronted[0].nbor(1).text == ",":
        return fronted[0].left_edge.i
    return clause.left_edge.i


def _before_next_cue(ctx: QuoteContext, cue: Token, start: int, end: int) -> int:
    """'said the plan could work, but repeated that ...': a coordinated speech verb
    the parser buried in the complement starts a statement of its own."""
    for i in range(max(start, cue.i + 1), min(end, len(ctx.doc))):
        if ctx.is_cue_at(i) and ctx.doc[i].dep_ == "conj":
            return i
    return end


def _within_paragraph(ctx: QuoteContext, cue: Token, start: int, end: int) -> tuple[int, int]:
    """Clip doc[start:end] to the cue's paragraph: the parser sometimes hangs a
    headline or a dateline on the first sentence of the body."""
    for i in range(cue.i - 1, start - 1, -1):
        if ctx.holds_break(i):
            start = i + 1
            break
    for i in range(cue.i + 1, end):
        if ctx.holds_break(i):
            end = i
            break
    return start, end


def _complement(ctx: QuoteContext, cue: Token) -> Token | None:
    """The clause a cue reports: its ccomp, a that-clause below it, or the 'of'
    object of an accusation."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp" and ctx.same_paragraph(cue, c)]
    if clauses:
        return min(clauses, key=lambda c: abs(c.i - cue.i))
    if cue.lemma_.lower() == "accuse":
        return _accusation(cue)
    for token in cue.subtree:
        if token.i > cue.i and token.dep_ in ("acl", "advcl") and _has_that(token):
            return token
    return None


def _accusation(cue: Token) -> Token | None:
    """What someone is accused of: the object of 'of', on the verb or on its object."""
    holders = [cue, *(c for c in cue.children if c.dep_ == "dobj")]
    return next((g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ in ("pobj", "pcomp")), None)  # fmt: skip


def _has_that(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _according_content(ctx: QuoteContext, cue: Token) -> Span | None:
    """'According to X, Y happened': Y is the side of the sentence holding the clause."""
    doc = ctx.doc
    clause = cue.head
    sent = ctx.sentence(cue)
    phrase_start, phrase_end = cue.left_edge.i, cue.right_edge.i + 1
    left = _trimmed(doc, sent.start, phrase_start)
    right = _trimmed(doc, phrase_end, sent.end)
    sides = [s for s in (left, right) if s is not None and clause.i in range(s.start, s.end)]
    return sides[0] if sides else None


def _trimmed(doc: Doc, start: int, end: int, shortest: int = _MIN_TOKENS) -> Span | None:
    """doc[start:end] without leading 'that' / punctuation and trailing punctuation."""
    while start < end and (doc[start].lower_ in _EDGE_JUNK or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_JUNK or doc[end - 1].is_space
                           or doc[end - 1].text == "." or doc[end - 1].dep_ == "cc"):  # fmt: skip
        end -= 1
    return doc[start:end] if end - start >= shortest else None


def _mostly_quoted(ctx: QuoteContext, span: Span) -> bool:
    starts, ends = ctx.table.starts, ctx.table.ends
    lengths = [(ends[i] - starts[i], ctx.quoted_at(i)) for i in range(span.start, span.end)]
    quoted = sum(length for length, inside in lengths if inside)
    return quoted > _MOSTLY_QUOTED * sum(length for length, _ in lengths)


def _is_negated(cue: Token) -> bool:
    """'did not say that ...' reports nothing."""
    return any(c.dep_ == "neg" for c in cue.children)
