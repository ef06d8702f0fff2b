"""Calendar arithmetic for TIMEX3 values: shifting by units, naming weeks and quarters."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from types import MappingProxyType

# A day of the month falls on each weekday within 14 months (the 31st: within 7 years).
_MONTHS_SEARCHED = 90
# TIMEX3 season codes in calendar order; winter belongs to the year its December is in.
SEASONS: tuple[str, ...] = ("SP", "SU", "FA", "WI")
_SEASON_OF_MONTH = MappingProxyType(
    {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3, 1: 3, 2: 3}
)


def iso_day(day: date) -> str:
    return day.isoformat()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def full_year(short: int, anchor: date | None) -> int:
    """A two-digit year in full: the one in the century that puts it no more than ten
    years after the anchor ("03/18/40" written in 2016 is 1940); 50-99 are 19xx
    without an anchor."""
    if anchor is None:
        return short + (1900 if short >= 50 else 2000)
    year = anchor.year // 100 * 100 + short
    return year - 100 if year > anchor.year + 10 else year


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def last_completed_quarter(day: date) -> tuple[int, int]:
    """(year, quarter) of the last quarter ended before ``day``."""
    quarter = (day.month - 1) // 3
    return (day.year, quarter) if quarter else (day.year - 1, 4)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) shifted by ``months`` (may be negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def shift_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), kept within its month: a month
    after 31 January is the last day of February."""
    year, month = add_months(day.year, day.month, months)
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def add_quarters(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + quarters
    return index // 4, index % 4 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the parts do not make one (31 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def season_of(day: date) -> tuple[int, int]:
    """(season year, season index) of a day; January's winter is the previous year's."""
    index = _SEASON_OF_MONTH[day.month]
    year = day.year - 1 if day.month <= 2 else day.year
    return year, index


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """The latest day with ISO ``weekday`` (1=Monday) not after ``anchor``."""
    return anchor - timedelta(days=(anchor.isoweekday() - weekday) % 7)


def weekday_on_or_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7)


def nearest_year(anchor: date, month: int, day: int = 15, tense: str = "PRESENT") -> int:
    """The year of a month/day named without one: the nearest occurrence to the
    anchor, but not more than a month ahead for a past-tense verb nor a month back
    for a future one ("said in January", written in October, is this January).
    The anchor's year when no year has that day (30 February)."""
    best_year, best_distance = anchor.year, 10**6
    for year in range(anchor.year - 4, anchor.year + 5):  # 29 February: a leap year
        named = safe_date(year, month, day)
        if named is None:
            continue
        offset = (named - anchor).days
        if (tense == "PAST" and offset > 31) or (tense == "FUTURE" and offset < -31):
            continue
        if abs(offset) < best_distance:
            best_year, best_distance = year, abs(offset)
    return best_year


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (a + 11 * h) // 319
    r = (2 * e + 2 * i - k - h + m + 32) % 7
    month = (h - m + r + 90) // 25
    return date(year, month, (h - m + r + month + 19) % 32)


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date | None:
    """The ``nth`` ISO ``weekday`` of a month (``nth`` = -1: the last one)."""
    if nth > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        return day if day.month == month else None
    year_after, month_after = add_months(year, month, 1)
    last = date(year_after, month_after, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def day_on_weekday(anchor: date, day: int, weekday: int, backward: bool) -> date | None:
    """The nearest ``day``-th of a month that falls on ISO ``weekday`` ("Sunday 31"),
    on or after the anchor, or on or before it when ``backward``."""
    year, month = anchor.year, anchor.month
    for _ in range(_MONTHS_SEARCHED):
        found = safe_date(year, month, day)
        ahead = found is not None and (found <= anchor if backward else found >= anchor)
        if found is not None and ahead and found.isoweekday() == weekday:
            return found
        year, month = add_months(year, month, -1 if backward else 1)
    return None
