"""Find time expressions in text with the grammar of ``data/times/patterns.toml``.

Every rule is run over the whole text; overlapping matches are settled in favour of
the longer one, then the rule listed first.  The result is a list of non-overlapping
candidates in text order, each with the rule and match that found it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brinkwatch.extract.time_lexicon import TimeLexicon, TimeRule


@dataclass(frozen=True, slots=True)
class Candidate:
    """One recognized expression: where it is, which rule found it, and the match."""

    start: int
    end: int
    rule: TimeRule
    match: re.Match[str]


def recognize(text: str, lexicon: TimeLexicon) -> tuple[Candidate, ...]:
    """Non-overlapping time expressions in ``text``, in order."""
    found: list[tuple[int, int, int, Candidate]] = []
    for order, rule in enumerate(lexicon.rules):
        for match in rule.regex.finditer(text):
            if match.end() > match.start():
                candidate = Candidate(match.start(), match.end(), rule, match)
                found.append((match.start() - match.end(), order, match.start(), candidate))
    return _non_overlapping(sorted(found, key=lambda item: item[:3]))


def _non_overlapping(ranked: list[tuple[int, int, int, Candidate]]) -> tuple[Candidate, ...]:
    taken: list[Candidate] = []
    for *_, candidate in ranked:
        if all(candidate.end <= c.start or candidate.start >= c.end for c in taken):
            taken.append(candidate)
    return tuple(sorted(taken, key=lambda c: c.start))
