"""Find quoted stretches of text by their quotation marks.

Works on characters, not tokens, so that straight and curly marks, quotes broken
by an attribution and the multi-paragraph convention (a paragraph that leaves its
quote open and the next paragraph that reopens it) are handled the same way.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"  # British style; inside double quotes they are ignored
_PARAGRAPH = re.compile(r"[^\n]+")
# every character the pairing looks at: the scan jumps from one to the next
_MARK = re.compile("[" + re.escape("".join(sorted(OPENERS | CLOSERS))
                   + STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE) + "]")  # fmt: skip
_TRIM_TAIL = " \t,;:"
_MAX_TITLE_WORDS = 6
_TITLE_SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "to", "for", "at", "with", "from",
    "by", "as", "into", "about", "over",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The content between one opening mark and its closing mark (or paragraph end).

    ``start``/``end`` exclude the marks; ``open_mark`` and ``close_mark`` are the
    indexes of the marks (``close_mark`` is the paragraph end when the quote runs
    on); ``closed`` is False when the quote runs on into the next paragraph;
    ``continues`` is True when this span reopens the previous paragraph's quote.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int
    closed: bool = True
    continues: bool = False
    paragraph: int = 0


def find_quoted_spans(text: str) -> tuple[QuotedSpan, ...]:
    """Every quoted span of ``text`` in order, content offsets without the marks."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    spans: list[QuotedSpan] = []
    carried = False  # the previous paragraph left a quote open
    for number, (start, end) in enumerate(paragraphs):
        next_opens = number + 1 < len(paragraphs) and _opens_with_mark(text, paragraphs[number + 1])
        found = _scan_paragraph(text, start, end, next_opens, number)
        if carried and found and found[0].open_mark == _first_visible(text, start, end):
            found[0] = _replace_continues(found[0])
        spans.extend(found)
        carried = bool(found) and not found[-1].closed
    return tuple(spans)


def _scan_paragraph(
    text: str, start: int, end: int, next_opens: bool, number: int
) -> list[QuotedSpan]:
    """Pair opening and closing marks inside one paragraph."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for mark in _MARK.finditer(text, start, end):
        i = mark.start()
        if open_at is None and _is_opener(text, i, start):
            open_at = i
        elif open_at is not None and text[open_at] == STRAIGHT and text[i] in OPENERS:
            open_at = i  # a stray straight mark before a curly quote: trust the curly one
        elif open_at is not None and _closes(text, open_at, i):
            spans.extend(_make_span(text, open_at, i, True, number))
            open_at = None
    if open_at is not None and next_opens:
        # Multi-paragraph convention: no closing mark, the next paragraph reopens.
        spans.extend(_make_span(text, open_at, end, False, number))
    return spans


def _is_opener(text: str, i: int, paragraph_start: int) -> bool:
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch not in (STRAIGHT, SINGLE_OPEN):
        return False
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/")


def _closes(text: str, open_at: int, i: int) -> bool:
    """Does the mark at ``i`` close the quote opened at ``open_at``?  A single
    quote closes only on a right single mark that is not an apostrophe."""
    if text[open_at] == SINGLE_OPEN:
        after = text[i + 1] if i + 1 < len(text) else " "
        return text[i] == SINGLE_CLOSE and not after.isalpha()
    return text[i] in CLOSERS or text[i] == STRAIGHT


def _make_span(
    text: str, open_at: int, close_at: int, closed: bool, number: int
) -> list[QuotedSpan]:
    start = open_at + 1
    end = close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_TAIL:
        end -= 1
    if end <= start:
        return []
    return [QuotedSpan(start, end, open_at, close_at, closed, False, number)]


def _opens_with_mark(text: str, paragraph: tuple[int, int]) -> bool:
    first = _first_visible(text, *paragraph)
    return first is not None and _is_opener(text, first, paragraph[0])


def _first_visible(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _replace_continues(span: QuotedSpan) -> QuotedSpan:
    return dataclasses.replace(span, continues=True)


def is_title(content: str) -> bool:
    """A short quoted stretch in title case ("Fox and Friends") names a work or a
    programme; it is not something anyone said."""
    words = content.strip(" .,!?").split()
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    capitalised = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return (len(words) > 1 and bool(capitalised)
            and all(w[0].isupper() or w[0].isdigit() for w in capitalised))  # fmt: skip
