"""Body lines -> paragraphs and sub-headings (layout 1).

Exported text breaks paragraphs in the wrong places: hard-wrapped lines, and
paragraphs split by a stray blank line (``... the meeting in`` / ``Brussels on
Thursday.``).  A line continues the paragraph before it unless that paragraph
ended a sentence or is a short heading-like line; a heading-like paragraph that
stands between two paragraphs becomes a section break.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from brinkwatch.ingest.body import Block
from brinkwatch.ingest.lexicon import load_lexicon
from brinkwatch.ingest.meta import ends_sentence

_MID_CLAUSE_ENDINGS = (",", "-", "–", "—", "(", "/", "&")


@dataclass(frozen=True, slots=True)
class Unit:
    """One cleaned body line; ``after_blank`` when a blank line precedes it."""

    text: str
    after_blank: bool
    is_heading: bool = False  # an explicit Markdown heading ("## Talks in Brussels")
    # A list item or a line among the header's metadata (a standfirst): never joined
    # to the lines around it, since neither is the broken half of a paragraph.
    standalone: bool = False


def body_blocks(units: list[Unit]) -> list[Block]:
    """Paragraphs with broken ones joined, and sub-headings marked as headings."""
    paragraphs = list(_joined(units))
    blocks: list[Block] = []
    seen_paragraph = False
    for i, paragraph in enumerate(paragraphs):
        between = seen_paragraph and i + 1 < len(paragraphs) and not paragraph.standalone
        is_heading = paragraph.is_heading or (between and is_heading_like(paragraph.text))
        blocks.append(Block(paragraph.text, is_heading))
        seen_paragraph = seen_paragraph or not is_heading
    return blocks


def _joined(units: list[Unit]) -> Iterator[Unit]:
    """Paragraphs (as units) after joining the lines that continue one another."""
    current: Unit | None = None
    for unit in units:
        if current is not None and _joinable(current, unit):
            current = replace(current, text=_join(current.text, unit.text))
            continue
        if current is not None:
            yield current
        current = unit
    if current is not None:
        yield current


def _joinable(current: Unit, unit: Unit) -> bool:
    if current.is_heading or unit.is_heading or current.standalone or unit.standalone:
        return False
    return _continues(current.text, unit)


def _continues(current: str, unit: Unit) -> bool:
    """Whether ``unit`` carries on the sentence that ``current`` left open."""
    starts_lower = unit.text[:1].islower()
    if _ends_sentence(current):
        # Inside one block a lower-case line after a full stop follows an abbreviation.
        return not unit.after_blank and starts_lower
    if starts_lower or _ends_mid_clause(current):
        return True
    if is_heading_like(current):
        return False
    return not (unit.after_blank and is_heading_like(unit.text))


def is_heading_like(text: str) -> bool:
    """Short, capitalised, no final punctuation and not cut off mid-clause."""
    limits = load_lexicon().limits
    words = text.split()
    return (
        0 < len(words) <= limits.heading_max_words
        and len(text) <= limits.heading_max_chars
        and (text[0].isupper() or text[0].isdigit())
        and not ends_sentence(text)
        and not _ends_mid_clause(text)
    )


def _ends_sentence(text: str) -> bool:
    """Final punctuation that is not the dot of a title such as "Gen."."""
    last_word = text.split()[-1].lower() if text.split() else ""
    return ends_sentence(text) and last_word not in load_lexicon().continuation_words


def _ends_mid_clause(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    return (
        text.endswith(_MID_CLAUSE_ENDINGS) or words[-1].lower() in load_lexicon().continuation_words
    )


def _join(current: str, following: str) -> str:
    """Join with a space; a word hyphenated across a line break keeps its hyphen only."""
    if current.endswith("-") and current[-2:-1].isalpha() and following[:1].islower():
        return current + following
    return f"{current} {following}"
