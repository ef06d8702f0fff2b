"""What every TIMEX3 handler shares: its inputs and the small readers of matched words."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from brinkwatch.extract.time_calendar import full_year
from brinkwatch.extract.time_lexicon import TimeLexicon, load_time_lexicon

Timex = tuple[str, str]
Groups = Mapping[str, str | None]
TENSES: tuple[str, ...] = ("PAST", "PRESENT", "FUTURE")


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler may use besides the words: the anchor date and the tense
    ("PAST", "PRESENT" or "FUTURE") of the verb governing the expression."""

    lexicon: TimeLexicon
    anchor: date | None
    tense: str


Handler = Callable[[Groups, Context], Timex | None]


def words(text: str | None) -> str:
    """Lower case with single spaces: the form lexicon keys are written in."""
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def parse_amount(word: str | None, lexicon: TimeLexicon) -> float | None:
    """A count written in digits or words ("3", "three", "twenty-four"), None if vague."""
    if word is None:
        return None
    text = word.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text.lower() == "half":
        return 0.5
    known = lexicon.lookup("numbers", text)
    if known is not None:
        return float(known)
    parts = [lexicon.lookup("numbers", p) for p in re.split(r"[\s-]+", text)]
    return float(sum(parts)) if parts and all(p is not None for p in parts) else None


def format_amount(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def month_of(groups: Groups, context: Context) -> int | None:
    """The month named ("Jan.", "january") or numbered ("01") in the match."""
    text = groups.get("month") or ""
    value = int(text) if text.isdigit() else context.lexicon.lookup("months", text)
    return int(value) if value is not None and 1 <= int(value) <= 12 else None


def day_of(groups: Groups, context: Context) -> int:
    """The day of the month, from digits ("24th") or words ("twenty-fourth")."""
    if groups.get("day"):
        return int(groups["day"] or 0)
    return int(context.lexicon.lookup("day_words", groups.get("dayword") or "") or 0)


def year_of(groups: Groups, *names: str, anchor: date | None = None) -> int | None:
    """The first year group that matched, of those named: in digits, in words, or in
    two digits ("'87", "April of 87"), read against the anchor."""
    for name in names:
        text = (groups.get(name) or "").lstrip("'\u2019")
        if len(text) == 2 and text.isdigit():
            return full_year(int(text), anchor)
        if text:
            return int(text) if text.isdigit() else spelled_year(text, load_time_lexicon())
    return None


def spelled_year(text: str, lexicon: TimeLexicon) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and five" -> 2005,
    "seventeen hundred thirty three" -> 1733, "nineteen oh five" -> 1905."""
    multipliers = lexicon.tables["year_words"]["multipliers"]
    parts = [p for p in re.split(r"[\s-]+", text.lower()) if p not in ("and", "oh")]
    values = [multipliers.get(p) or lexicon.lookup("numbers", p) for p in parts]
    if len(parts) < 2 or any(v is None for v in values):
        return None
    numbers = [int(v) for v in values]
    scale = multipliers.get(parts[1], 100)
    rest = numbers[2:] if parts[1] in multipliers else numbers[1:]
    return int(numbers[0] * scale + sum(rest))


def with_part(day_value: str, groups: Groups, context: Context) -> Timex:
    """A day, or that day's morning/evening... as a TIME when a part of day is named."""
    part = context.lexicon.lookup("day_parts", groups.get("part") or "")
    return ("TIME", f"{day_value}T{part}") if part else ("DATE", day_value)
