"""Interview transcripts: paragraphs that open with a speaker label in capitals
("LAVROV: We have said this many times."), each label a turn of direct speech.

Only an article with at least two such paragraphs is treated as a transcript, so
a single "NOTE:" or "UPDATE:" line is not taken for a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = re.compile(
    r"^[ \t\"“]*(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?P<rest>\S[^\n]*)$",
    re.MULTILINE,
)
_NOT_SPEAKERS = frozenset({
    "Q", "A", "NOTE", "UPDATE", "WATCH", "READ MORE", "EDITOR'S NOTE", "EDITOR’S NOTE",
    "CORRECTION", "PHOTOS", "VIDEO", "RELATED",
})  # fmt: skip
_NEWLINE = re.compile("\n")
_MIN_TURNS = 2
_MIN_WORDS = 3
_TRIM = " \t\"”"


@dataclass(frozen=True, slots=True)
class Turn:
    """One transcript turn: where the speaker label is and where the words are."""

    label_start: int
    label_end: int
    start: int
    end: int


def find_turns(text: str) -> tuple[Turn, ...]:
    """The turns of a transcript, or () when the text is not one."""
    labels = (_LABEL.match(text, start) for start in _line_starts(text))
    turns = [turn for m in labels if m is not None and (turn := _turn(m)) is not None]
    return tuple(turns) if len(turns) >= _MIN_TURNS else ()


def _line_starts(text: str) -> list[int]:
    """Where each line starts.  A label match lies within one line and starts where
    the line does, so trying these few positions finds what ``finditer`` would, where
    ``finditer`` tries the multi-line ``^`` at every character of the text."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _turn(match: re.Match[str]) -> Turn | None:
    if match.group("label") in _NOT_SPEAKERS:
        return None
    start, end = match.start("rest"), match.end("rest")
    while end > start and match.string[end - 1] in _TRIM:
        end -= 1
    if len(match.string[start:end].split()) < _MIN_WORDS:
        return None
    return Turn(match.start("label"), match.end("label"), start, end)
