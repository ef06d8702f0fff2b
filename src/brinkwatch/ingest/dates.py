"""Dates: the date line near the top of an exported article, ISO values from
feeds, and a ``YYYY-MM-DD`` in a file name, all normalised to ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import PurePath

from brinkwatch.errors import ReadError
from brinkwatch.ingest.lexicon import Lexicon, load_lexicon

_CLOCK = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = rf"(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}){_CLOCK}"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_ISO_VALUE = re.compile(rf"^\s*{_ISO}\s*$")
_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# Tokens a date line may hold besides the date: words, clock times, numbers, punctuation.
_TOKEN = re.compile(
    r"[A-Za-z][A-Za-z.]*|\d{1,2}[:.]\d{2}(?::\d{2})?|\d+|[+-]\d{1,2}(?::?\d{2})?|\S"
)
_TIME_PUNCT = frozenset("|,·•–—-:()/[]")


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that is only a date (with perhaps a time and a label)."""

    value: str  # YYYY-MM-DD
    is_update: bool


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    """One regex for ISO, "March 3, 2023" and "3 March 2023", built from the month list."""
    months = "|".join(sorted((re.escape(m) for m in load_lexicon().months), key=len, reverse=True))
    mdy = rf"(?P<m1>{months})\.?\s+(?P<d1>{_DAY}),?\s+(?P<y1>\d{{4}})"
    dmy = rf"(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{months})\.?,?\s+(?P<y2>\d{{4}})"
    return re.compile(rf"(?<![\w-])(?:{_ISO}|{mdy}|{dmy})(?![\w-])", re.IGNORECASE)


def parse_date_line(line: str) -> DateLine | None:
    """The date of a line that holds nothing but a date, a time and date-line words."""
    matches = list(_date_pattern().finditer(line))
    if not matches:
        return None
    value = _match_to_iso(matches[0])
    rest = _date_pattern().sub(" ", line)
    if value is None or not _only_date_line_words(rest, load_lexicon()):
        return None
    # "Posted 24 Jan 2022 | Updated 25 Jan 2022" was published on the first date.
    before = {t.lower().rstrip(".") for t in _TOKEN.findall(line[: matches[0].start()])}
    return DateLine(value, bool(before & load_lexicon().update_words))


def normalize_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from a date, an ISO date-time or a date-line spelling; None if none."""
    match = _ISO_VALUE.match(value)
    if match:
        return _match_to_iso(match)
    line = parse_date_line(value.strip())
    return line.value if line else None


def checked_published(value: str | None) -> str | None:
    """The user's ``published`` option as ``YYYY-MM-DD``; a value that is not a date is
    an error (silently ignoring it would date every undated article wrongly)."""
    if value is None or not value.strip():
        return None
    normalized = normalize_date(value)
    if normalized is None:
        raise ReadError(
            "--published", "bad-date",
            f"{value!r} is not a date; give it as YYYY-MM-DD (for example 2022-02-24)",
        )  # fmt: skip
    return normalized


def date_from_file_name(path: str | None) -> str | None:
    """A real calendar date written ``YYYY-MM-DD`` in the file's name (not its folders)."""
    if not path:
        return None
    for match in _FILE_DATE.finditer(PurePath(path).name):
        found = _checked(*(int(g) for g in match.groups()))
        if found:
            return found
    return None


def _match_to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    months = load_lexicon().months
    if groups.get("iy"):
        return _checked(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    month_name, day, year = (
        (groups["m1"], groups["d1"], groups["y1"]) if groups.get("m1")
        else (groups["m2"], groups["d2"], groups["y2"])
    )  # fmt: skip
    day_digits = re.match(r"\d+", day)
    if day_digits is None:
        return None
    return _checked(int(year), months[month_name.lower()], int(day_digits.group()))


def _checked(year: int, month: int, day: int) -> str | None:
    """The ISO date if it exists on the calendar and is plausible for news."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _only_date_line_words(rest: str, lexicon: Lexicon) -> bool:
    """True when what surrounds the date is labels, weekdays, times and time zones only."""
    return all(_is_date_line_token(token, lexicon) for token in _TOKEN.findall(rest))


def _is_date_line_token(token: str, lexicon: Lexicon) -> bool:
    word = token.lower().rstrip(".")
    if token in _TIME_PUNCT or token[0].isdigit() or token[0] in "+-":
        return len(token) <= 8
    if {word, token.lower()} & (lexicon.date_line_words | lexicon.weekdays):
        return True
    # Time zones (EST, CET, MSK) and the capitalised place of a dateline ("BRUSSELS, 6 May").
    return token.isupper() and token.replace(".", "").isalpha() and len(token) >= 2
