"""Assemble paragraphs and sub-headings into the body text and its sections.

Paragraphs are joined with a blank line ("\\n\\n"); headings are not part of the
text, they only open a new :class:`~brinkwatch.records.Section`.  A section's
``end`` is the end of its last paragraph, so ``text[start:end]`` is exactly
that section's paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from brinkwatch.records import Section

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of body text, or a sub-heading (``is_heading``)."""

    text: str
    is_heading: bool = False


def assemble(blocks: Iterable[Block]) -> tuple[str, tuple[Section, ...]]:
    """Body text and its sections; empty paragraphs are skipped, and a heading with
    no paragraph under it gives way to the next heading."""
    parts: list[str] = []
    sections: list[Section] = []
    heading: str | None = None
    section_start: int | None = None
    length = 0
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        if block.is_heading:
            _close(sections, heading, section_start, length)
            heading, section_start = text, None
            continue
        if parts:
            length += len(PARAGRAPH_BREAK)
        section_start = length if section_start is None else section_start
        parts.append(text)
        length += len(text)
    _close(sections, heading, section_start, length)
    return PARAGRAPH_BREAK.join(parts), tuple(sections)


def _close(sections: list[Section], heading: str | None, start: int | None, end: int) -> None:
    if start is not None:
        sections.append(Section(heading, start, end))
