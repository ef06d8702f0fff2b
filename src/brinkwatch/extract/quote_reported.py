"""Reported speech: a cue verb with a complement clause ("X warned that ..."),
"X accused Y of ...", "according to X, ...", and "..., X said.".

The rules walk the parse as token indices over the document's :class:`TokenTable`:
a ``Token`` object is built only for the cue of each clause found."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from brinkwatch.extract.quote_direct import QuoteContext
from brinkwatch.extract.token_table import TokenTable

_MIN_TOKENS = 3  # shorter complements are fragments, not statements
_MIN_ACCUSATION = 2  # "accused Kyiv of stalling" reports an act in two words
_EDGE_JUNK = frozenset({"that", ",", ":", ";", "-", "—", "–", '"', "“", "”", "'", "‘", "’"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_MOSTLY_QUOTED = 0.5  # a complement mostly inside quote marks is left to the direct quote

TokenRange = tuple[int, int]  # doc[start:end] as (start, end)


@dataclass(frozen=True, slots=True)
class ReportedClause:
    """A cue token and the character span of what it reports."""

    cue: Token
    start: int
    end: int


def find_reported(ctx: QuoteContext) -> tuple[ReportedClause, ...]:
    """Every reported-speech clause of the document outside direct quotes."""
    found: list[ReportedClause] = []
    table = ctx.table
    for cue in ctx.cue_indices:
        if _is_negated(table, cue):
            continue
        content = _content_span(ctx, cue)
        if content is not None and not _mostly_quoted(ctx, content):
            start, end = content
            found.append(ReportedClause(ctx.doc[cue], table.starts[start], table.ends[end - 1]))
    return tuple(found)


def _content_span(ctx: QuoteContext, cue: int) -> TokenRange | None:
    """What the cue reports, trimmed of 'that' and edge punctuation."""
    table = ctx.table
    if table.lower[cue] == "according":
        return _according_content(ctx, cue)
    if table.lemma_lower[cue] not in ctx.lexicon.reported_verbs:
        return None
    clause = _complement(ctx, cue)
    if clause is None:
        return _parenthetical_content(ctx, cue)
    shortest = _MIN_ACCUSATION if table.dep[clause] in ("pobj", "pcomp") else _MIN_TOKENS
    start = _fronted_start(ctx, cue, clause)
    start, end = _within_paragraph(ctx, cue, start, _right_edge(ctx, clause) + 1)
    end = _before_next_cue(ctx, cue, start, end)
    return _trimmed(table, start, end, shortest)


def _left_edge(ctx: QuoteContext, i: int) -> int:
    """``doc[i].left_edge.i``: spaCy's stored edge, read for the few clause heads."""
    return int(ctx.doc[i].left_edge.i)


def _right_edge(ctx: QuoteContext, i: int) -> int:
    """``doc[i].right_edge.i`` (see :func:`_left_edge`)."""
    return int(ctx.doc[i].right_edge.i)


def _parenthetical_content(ctx: QuoteContext, cue: int) -> TokenRange | None:
    """'The talks, Peskov said, had failed.': the attribution sits inside the
    statement, so the content is the whole clause around it (attribution included,
    so that it stays one contiguous span)."""
    table = ctx.table
    clause = table.head[cue]
    if table.dep[cue] != "parataxis" or clause == cue:
        return None
    left, right = _left_edge(ctx, clause), _right_edge(ctx, clause)
    start, end = _within_paragraph(ctx, cue, left, right + 1)
    return _trimmed(table, start, end)


def _fronted_start(ctx: QuoteContext, cue: int, clause: int) -> int:
    """'Those deployments, he told reporters, were a provocation': the parser hangs the
    fronted subject on the cue; it belongs to the statement."""
    table = ctx.table
    fronted = [c for c in table.children(cue) if c < cue
               and table.dep[c] in ("npadvmod", "dep") and table.pos[c] in _NOUNS]  # fmt: skip
    if clause > cue and fronted and table.orth[fronted[0] + 1] == ",":
        return _left_edge(ctx, fronted[0])
    return _left_edge(ctx, clause)


def _before_next_cue(ctx: QuoteContext, cue: int, start: int, end: int) -> int:
    """'said the plan could work, but repeated that ...': a coordinated speech verb
    the parser buried in the complement starts a statement of its own."""
    dep = ctx.table.dep
    for i in range(max(start, cue + 1), min(end, len(dep))):
        if ctx.is_cue_at(i) and dep[i] == "conj":
            return i
    return end


def _within_paragraph(ctx: QuoteContext, cue: int, start: int, end: int) -> TokenRange:
    """Clip doc[start:end] to the cue's paragraph: the parser sometimes hangs a
    headline or a dateline on the first sentence of the body."""
    for i in range(cue - 1, start - 1, -1):
        if ctx.holds_break(i):
            start = i + 1
            break
    for i in range(cue + 1, end):
        if ctx.holds_break(i):
            end = i
            break
    return start, end


def _complement(ctx: QuoteContext, cue: int) -> int | None:
    """The clause a cue reports: its ccomp, a that-clause below it, or the 'of'
    object of an accusation."""
    table = ctx.table
    clauses = [c for c in table.children(cue)
               if table.dep[c] == "ccomp" and ctx.same_paragraph(cue, c)]  # fmt: skip
    if clauses:
        return min(clauses, key=lambda c: abs(c - cue))
    if table.lemma_lower[cue] == "accuse":
        return _accusation(table, cue)
    for i in table.subtree(cue):
        if i > cue and table.dep[i] in ("acl", "advcl") and _has_that(table, i):
            return i
    return None


def _accusation(table: TokenTable, cue: int) -> int | None:
    """What someone is accused of: the object of 'of', on the verb or on its object."""
    dep, lower = table.dep, table.lower
    holders = [cue, *(c for c in table.children(cue) if dep[c] == "dobj")]
    return next((g for h in holders for c in table.children(h) if dep[c] == "prep"
                 and lower[c] == "of" for g in table.children(c)
                 if dep[g] in ("pobj", "pcomp")), None)  # fmt: skip


def _has_that(table: TokenTable, i: int) -> bool:
    return any(table.dep[c] == "mark" and table.lower[c] == "that" for c in table.children(i))


def _according_content(ctx: QuoteContext, cue: int) -> TokenRange | None:
    """'According to X, Y happened': Y is the side of the sentence holding the clause."""
    table = ctx.table
    clause = table.head[cue]
    sent = table.sentence_range(cue)
    phrase_start, phrase_end = _left_edge(ctx, cue), _right_edge(ctx, cue) + 1
    left = _trimmed(table, sent.start, phrase_start)
    right = _trimmed(table, phrase_end, sent.stop)
    sides = [s for s in (left, right) if s is not None and s[0] <= clause < s[1]]
    return sides[0] if sides else None


def _trimmed(
    table: TokenTable, start: int, end: int, shortest: int = _MIN_TOKENS
) -> TokenRange | None:
    """doc[start:end] without leading 'that' / punctuation and trailing punctuation."""
    lower, words, is_space, dep = table.lower, table.orth, table.is_space, table.dep
    while start < end and (lower[start] in _EDGE_JUNK or is_space[start]):
        start += 1
    while end > start and (words[end - 1] in _EDGE_JUNK or is_space[end - 1]
                           or words[end - 1] == "." or dep[end - 1] == "cc"):  # fmt: skip
        end -= 1
    return (start, end) if end - start >= shortest else None


def _mostly_quoted(ctx: QuoteContext, span: TokenRange) -> bool:
    starts, ends = ctx.table.starts, ctx.table.ends
    lengths = [(ends[i] - starts[i], ctx.quoted_at(i)) for i in range(*span)]
    quoted = sum(length for length, inside in lengths if inside)
    return quoted > _MOSTLY_QUOTED * sum(length for length, _ in lengths)


def _is_negated(table: TokenTable, cue: int) -> bool:
    """'did not say that ...' reports nothing."""
    return any(table.dep[c] == "neg" for c in table.children(cue))
