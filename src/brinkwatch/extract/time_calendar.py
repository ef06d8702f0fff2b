"""Calendar arithmetic for TIMEX3 values: shifting by units, naming weeks and quarters."""

from __future__ import annotations

from datetime import date, timedelta

# TIMEX3 season codes in calendar order; winter belongs to the year its December is in.
SEASONS: tuple[str, ...] = ("SP", "SU", "FA", "WI")
_SEASON_OF_MONTH = {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3, 1: 3, 2: 3}


def iso_day(day: date) -> str:
    return day.isoformat()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) shifted by ``months`` (may be negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


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


def nearest_year(anchor: date, month: int, day: int = 15) -> int:
    """The year that puts month/day closest to ``anchor``, keeping the anchor's year
    unless another is much closer: news mostly talks about the current year."""
    best = anchor.year
    same_year = safe_date(anchor.year, month, min(day, 28))
    if same_year is not None and abs((same_year - anchor).days) <= 240:
        return best
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(candidates, key=lambda y: abs((date(y, month, min(day, 28)) - anchor).days))
