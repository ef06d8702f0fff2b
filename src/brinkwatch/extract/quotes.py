"""Quotes: direct and reported speech with resolved speakers.

Direct quotes are found by their quotation marks (``quote_marks``), attributed to
a cue verb (``quote_direct``) whose subject is the speaker (``quote_speaker``),
or to the name that signs them after a dash; a quote with no cue of its own
continues the previous speaker's quote when it follows it directly (next
sentence or next paragraph).  Reported speech comes from complement clauses of
cue verbs (``quote_reported``); interview transcripts ("LAVROV: ...") from
``quote_transcript``.  A quote whose speaker cannot be found keeps
``speaker=None``: we never guess.  Decisions: docs/data/quotes.md.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.extract.quote_direct import QuoteContext, cue_text, dash_speaker, find_cue
from brinkwatch.extract.quote_lexicon import QuoteLexicon, load_quote_lexicon
from brinkwatch.extract.quote_marks import QuotedSpan, find_quoted_spans, is_title
from brinkwatch.extract.quote_reported import find_reported
from brinkwatch.extract.quote_speaker import (
    issuer,
    resolve_phrase,
    resolve_speaker,
    speaker_before_cue,
    speaker_index,
)
from brinkwatch.extract.quote_transcript import Turn, find_turns
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import Actor, Quote

_MIN_UNATTRIBUTED_WORDS = 4  # shorter quotes without a cue are scare quotes or titles
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"})
_SENTENCE_START = re.compile(r"[.?!][\"”’]?\s+$")


def extract_quotes(
    doc: Doc, actors: ActorMentions, table: TokenTable | None = None
) -> tuple[Quote, ...]:
    """Every quote in ``doc`` with its speaker."""
    lexicon = load_quote_lexicon()
    table = table or TokenTable(doc)
    text = table.text
    turns = find_turns(text)
    spoken = tuple((t.start, t.end) for t in turns)
    ctx = QuoteContext(doc, find_quoted_spans(text), lexicon, spoken, text, table)
    reported = _reported_quotes(ctx, actors)
    transcript = _transcript_quotes(ctx, turns, actors)
    direct = _direct_quotes(ctx, actors, reported, transcript)
    return tuple(sorted(direct + reported + transcript, key=lambda q: (q.start, q.end)))


def _transcript_quotes(
    ctx: QuoteContext, turns: tuple[Turn, ...], actors: ActorMentions
) -> tuple[Quote, ...]:
    """Each turn of an interview transcript, spoken by its label."""
    quotes: list[Quote] = []
    for turn in turns:
        label = ctx.doc.char_span(turn.label_start, turn.label_end, alignment_mode="expand")
        speaker = resolve_phrase(label, actors, ctx.lexicon) if label else None
        text = ctx.text[turn.start : turn.end]
        quotes.append(Quote(text, turn.start, turn.end, True, speaker, None))
    return tuple(quotes)


def _direct_quotes(
    ctx: QuoteContext, actors: ActorMentions, reported: tuple[Quote, ...],
    turns: tuple[Quote, ...],
) -> tuple[Quote, ...]:
    quotes: list[Quote] = []
    previous: tuple[QuotedSpan, Quote] | None = None
    for span in ctx.spans:
        if is_title(ctx.text[span.start : span.end]) or _in_turn(span, turns):
            continue
        quote = _attribute(ctx, span, actors) or _continuation(ctx.text, span, previous)
        quote = quote or _after_reported(ctx.text, span, reported)
        if quote is None and _word_count(ctx.text, span) >= _MIN_UNATTRIBUTED_WORDS:
            quote = _quote(ctx.text, span, None, None)
        if quote is not None:
            quotes.append(quote)
            previous = (span, quote)
    return tuple(quotes)


def _in_turn(span: QuotedSpan, turns: tuple[Quote, ...]) -> bool:
    return any(t.start <= span.end and span.start <= t.end for t in turns)


def _attribute(ctx: QuoteContext, span: QuotedSpan, actors: ActorMentions) -> Quote | None:
    """The quote with its own cue and speaker, or None when it has no cue
    (or reopens the previous paragraph's quote, which keeps that speaker)."""
    if span.continues:
        return None
    cue = find_cue(ctx, span)
    if cue is None:
        return _signed_quote(ctx, span, actors)
    speaker = _speaker(ctx, cue, actors)
    return _quote(ctx.text, span, speaker, cue_text(cue, ctx.lexicon))


def _signed_quote(ctx: QuoteContext, span: QuotedSpan, actors: ActorMentions) -> Quote | None:
    """A quote signed with a dash and a name ('"..." ― Jane Doe'); it has no cue word."""
    signer = dash_speaker(ctx, span)
    if signer is None:
        return None
    speaker = resolve_phrase(signer, actors, ctx.lexicon)
    return _quote(ctx.text, span, speaker, None)


def _speaker(ctx: QuoteContext, cue: Token, actors: ActorMentions) -> Actor | None:
    found = speaker_index(ctx.table, cue.i, ctx.lexicon.cue_verbs)
    head = None if found is None else ctx.doc[found]
    if head is not None and _misplaced(ctx, head, cue):
        head = speaker_before_cue(cue, ctx.quoted, ctx.sentence(cue).start)
    if head is None or head.pos_ not in _NOMINAL or _misplaced(ctx, head, cue):
        return None  # "the written replies it received": a misparse, not a speaker
    # An unresolved "he" stays a pronoun with no name: guessing the person from the
    # nearest name was wrong more often than right on PolNeAr dev.
    return resolve_speaker(ctx.doc, issuer(head, ctx.lexicon), actors, ctx.lexicon)


def _misplaced(ctx: QuoteContext, head: Token, cue: Token) -> bool:
    """A subject that cannot be the speaker: inside the quote, in another paragraph
    (a headline), a date ("Tuesday said"), or a dateline ("WASHINGTON — ...")."""
    if ctx.quoted(head) or not ctx.same_paragraph(head.i, cue.i) or head.ent_type_ in _NOT_SPEAKERS:
        return True
    nxt = head.nbor(1) if head.i + 1 < len(head.doc) else None
    return head.is_upper and len(head) > 1 and nxt is not None and nxt.text in ("—", "–", "-")


def _continuation(
    text: str, span: QuotedSpan, previous: tuple[QuotedSpan, Quote] | None
) -> Quote | None:
    """The quote as a continuation of the previous direct quote, if it is one."""
    if previous is None or not _continues(text, span, previous[0]):
        return None
    return _quote(text, span, previous[1].speaker, previous[1].cue)


def _after_reported(text: str, span: QuotedSpan, reported: tuple[Quote, ...]) -> Quote | None:
    """'He said the West was stoking tension.' followed by a quote-only paragraph:
    the quote carries on what that speaker said."""
    before = [q for q in reported if q.end <= span.open_mark and q.speaker is not None]
    if not before:
        return None
    last = max(before, key=lambda q: q.end)
    gap = text[last.end : span.open_mark]
    if any(ch.isalnum() for ch in gap) or len(re.findall(r"\n\s*", gap)) > 1:
        return None
    return _quote(text, span, last.speaker, last.cue)


def _continues(text: str, span: QuotedSpan, before: QuotedSpan) -> bool:
    """A cue-less quote carries on the previous quote when it reopens it, opens the
    next paragraph, or starts a new sentence in the same paragraph."""
    if span.continues:
        return True
    line_start = text.rfind("\n", 0, span.open_mark) + 1
    if not text[line_start : span.open_mark].strip(" \t"):  # the quote opens its paragraph
        return span.paragraph == before.paragraph + 1
    lead = text[max(before.start, span.open_mark - 4) : span.open_mark]
    return span.paragraph == before.paragraph and bool(_SENTENCE_START.search(lead))


def _reported_quotes(ctx: QuoteContext, actors: ActorMentions) -> tuple[Quote, ...]:
    quotes: list[Quote] = []
    for clause in find_reported(ctx):
        speaker = _speaker(ctx, clause.cue, actors)
        if speaker is None:
            continue  # reported speech is only worth a record with its speaker
        text = ctx.text[clause.start : clause.end]
        cue = cue_text(clause.cue, ctx.lexicon)
        quotes.append(Quote(text, clause.start, clause.end, False, speaker, cue))
    return tuple(quotes)


def _quote(text: str, span: QuotedSpan, speaker: Actor | None, cue: str | None) -> Quote:
    return Quote(text[span.start : span.end], span.start, span.end, True, speaker, cue)


def _word_count(text: str, span: QuotedSpan) -> int:
    return len(text[span.start : span.end].split())


__all__ = ["QuoteLexicon", "extract_quotes"]
