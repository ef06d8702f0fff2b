"""Find time expressions in text with the grammar of ``data/times/patterns.toml``.

Each rule runs only in windows around the words that can anchor it (its `near` list:
a month name, a unit, a digit...), which keeps recognition fast on long articles.
Overlapping matches are settled in favour of the longer one, then the rule listed
first (``non_overlapping``); ``recognize_all`` gives every match, best first, so that
a caller can drop the ones it cannot normalize before settling overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from brinkwatch.extract.time_lexicon import TimeLexicon, TimeRule

_WORD = re.compile(r"[^\W_]+")
# How far around a trigger word an expression may reach ("more than two weeks before").
_MARGIN = 40


@dataclass(frozen=True, slots=True)
class Candidate:
    """One recognized expression: where it is, which rule found it, and the match."""

    start: int
    end: int
    rule: TimeRule
    match: re.Match[str]


def recognize(text: str, lexicon: TimeLexicon) -> tuple[Candidate, ...]:
    """Non-overlapping time expressions in ``text``, in order."""
    return non_overlapping(recognize_all(text, lexicon))


def recognize_all(text: str, lexicon: TimeLexicon) -> list[Candidate]:
    """Every match of every rule, best first: longer, then earlier rule, then earlier."""
    windows = _group_windows(text, lexicon)
    found: list[tuple[int, int, int, Candidate]] = []
    for order, rule in enumerate(lexicon.rules):
        group = lexicon.rule_group[order]
        spans = [(0, len(text))] if rule.everywhere else windows.get(group, [])
        for start, end in spans:
            for match in _matches(rule, text, start, end):
                candidate = Candidate(match.start(), match.end(), rule, match)
                found.append((match.start() - match.end(), order, match.start(), candidate))
    return [item[3] for item in sorted(found, key=lambda item: item[:3])]


def _group_windows(text: str, lexicon: TimeLexicon) -> dict[int, list[tuple[int, int]]]:
    """For each group of rules (same `near` list), the merged stretches of text around
    its trigger words."""
    windows: dict[int, list[tuple[int, int]]] = {}
    for word in _WORD.finditer(text):
        token = word.group().lower()
        groups = lexicon.triggers.get(token, ())
        if not token.isalpha():  # has a digit (the pattern keeps only letters and digits)
            letters = lexicon.triggers.get(token.strip("0123456789"), ())  # "Dec31"
            groups = groups + letters + lexicon.digit_groups
        if not groups:
            continue
        window = (max(0, word.start() - _MARGIN), min(len(text), word.end() + _MARGIN))
        for index in groups:
            spans = windows.setdefault(index, [])
            if spans and window[0] <= spans[-1][1]:
                spans[-1] = (spans[-1][0], window[1])
            else:
                spans.append(window)
    return windows


def _matches(rule: TimeRule, text: str, start: int, end: int) -> list[re.Match[str]]:
    """Matches of ``rule`` in ``text[start:end]``; one cut short by the window's end is
    matched again on the whole text so it gets its true extent."""
    found = []
    for match in rule.regex.finditer(text, start, end):
        if match.end() == end < len(text):
            again = rule.regex.match(text, match.start())
            if again is None:
                continue
            match = again
        if match.end() > match.start():
            found.append(match)
    return found


def non_overlapping(ranked: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """Take candidates best first, skipping any that overlaps one already taken."""
    taken: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= c.start or candidate.start >= c.end for c in taken):
            taken.append(candidate)
    return tuple(sorted(taken, key=lambda c: c.start))
