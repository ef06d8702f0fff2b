"""Find time expressions in text with the grammar of ``data/times/patterns.toml``.

Each rule runs only in windows around the words that can anchor it (its `near` list:
a month name, a unit, a digit...), which keeps recognition fast on long articles; the
rules that share their windows are searched for together first (the group's scanner,
``time_lexicon.group_scanner``), and each is then tried only where one matched.
Overlapping matches are settled in favour of the longer one, then the rule listed
first (``non_overlapping``); ``recognize_all`` gives every match, best first, so that
a caller can drop the ones it cannot normalize before settling overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from brinkwatch.extract.time_lexicon import TimeLexicon, TimeRule

_WORD = re.compile(r"[^\W_]+")
# In ASCII text the words are the runs of letters and digits: blank out the rest.
_BLANK_NON_ALNUM = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
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
    for group, orders in enumerate(lexicon.group_rules):
        everywhere = lexicon.rules[orders[0]].everywhere  # then the whole group is
        for start, end in [(0, len(text))] if everywhere else windows.get(group, ()):
            for order, match in _window_matches(text, start, end, group, lexicon):
                candidate = Candidate(match.start(), match.end(), lexicon.rules[order], match)
                found.append((match.start() - match.end(), order, match.start(), candidate))
    return [item[3] for item in sorted(found, key=lambda item: item[:3])]


def _window_matches(
    text: str, start: int, end: int, group: int, lexicon: TimeLexicon
) -> Iterator[tuple[int, re.Match[str]]]:
    """The matches (with their rule's index) of a group's rules in ``text[start:end]``.

    Most windows hold no match of most rules: the group's scanner, when it has one,
    finds the few places where some rule matches, and each rule is tried only there."""
    scanner = lexicon.group_scanners[group]
    starts = None if scanner is None else [m.start() for m in scanner.finditer(text, start, end)]
    if starts == []:
        return
    for order in lexicon.group_rules[group]:
        for match in _matches(lexicon.rules[order].regex, text, start, end, starts):
            yield order, match


def _group_windows(text: str, lexicon: TimeLexicon) -> dict[int, list[tuple[int, int]]]:
    """For each group of rules (same `near` list), the merged stretches of text around
    its trigger words."""
    windows: dict[int, list[tuple[int, int]]] = {}
    for start, end, token in anchor_words(text, lexicon):
        groups = lexicon.triggers.get(token, ())
        if not token.isalpha():  # has a digit (the pattern keeps only letters and digits)
            letters = lexicon.triggers.get(token.strip("0123456789"), ())  # "Dec31"
            groups = groups + letters + lexicon.digit_groups
        window = (max(0, start - _MARGIN), min(len(text), end + _MARGIN))
        for index in groups:
            spans = windows.setdefault(index, [])
            if spans and window[0] <= spans[-1][1]:
                spans[-1] = (spans[-1][0], window[1])
            else:
                spans.append(window)
    return windows


def anchor_words(text: str, lexicon: TimeLexicon) -> list[tuple[int, int, str]]:
    """Start, end and lower-case form of each word of ``text`` (a run of letters and
    digits) that is a trigger or holds a digit, in order: what search windows are
    opened around."""
    if not text.isascii():
        every = ((m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text))
        return [word for word in every if word[2] in lexicon.triggers or not word[2].isalpha()]
    # Plain ASCII (most articles): split with string methods, much cheaper than a
    # regex match per word, look up each distinct word once, then find the few
    # anchors among them.
    blanked = f" {text.lower().translate(_BLANK_NON_ALNUM)} "
    words = set(blanked.split())
    anchors = lexicon.triggers.keys() & words
    anchors.update(word for word in words if not word.isalpha())  # has a digit
    found: list[tuple[int, int, str]] = []
    for word in anchors:
        spaced = f" {word} "
        at = blanked.find(spaced)
        while at >= 0:  # ``at`` is the blank before the word: its start in ``text``
            found.append((at, at + len(word), word))
            at = blanked.find(spaced, at + len(word) + 1)
    return sorted(found)


def _matches(
    regex: re.Pattern[str], text: str, start: int, end: int, starts: list[int] | None
) -> list[re.Match[str]]:
    """Matches of ``regex`` in ``text[start:end]``; one cut short by the window's end is
    matched again on the whole text so it gets its true extent."""
    found = []
    for match in _window_search(regex, text, start, end, starts):
        if match.end() == end < len(text):
            again = regex.match(text, match.start())
            if again is None:
                continue
            match = again
        if match.end() > match.start():
            found.append(match)
    return found


def _window_search(
    regex: re.Pattern[str], text: str, start: int, end: int, starts: list[int] | None
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, start, end)``, tried only at ``starts`` when given: the
    positions, in order, where any match in the window can begin."""
    if starts is None:
        yield from regex.finditer(text, start, end)
        return
    resume = start  # like finditer, the next match begins where the last one ended
    for position in starts:
        if position < resume:
            continue
        match = regex.match(text, position, end)
        if match is None:
            continue
        if match.end() == position:  # empty: finditer goes on at the same place
            yield from regex.finditer(text, position, end)
            return
        yield match
        resume = match.end()


def non_overlapping(ranked: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """Take candidates best first, skipping any that overlaps one already taken."""
    taken: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= c.start or candidate.start >= c.end for c in taken):
            taken.append(candidate)
    return tuple(sorted(taken, key=lambda c: c.start))
