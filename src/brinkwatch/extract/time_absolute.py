"""TIMEX3 handlers for calendar expressions: dates, months, years, quarters, holidays.

A date named without its year takes the year that puts it nearest the anchor, within
the window the tense allows (see ``time_calendar.nearest_year``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from types import MappingProxyType

from brinkwatch.extract import time_calendar as cal
from brinkwatch.extract.time_context import (
    Context,
    Groups,
    Timex,
    day_of,
    month_of,
    words,
    year_of,
)  # fmt: skip

# "last Easter", "next Christmas": the word decides the direction, not the verb.
_REL_TENSE = MappingProxyType(
    {"last": "PAST", "previous": "PAST", "next": "FUTURE", "following": "FUTURE",
     "this": "PRESENT", "coming": "FUTURE"}
)  # fmt: skip


def ymd(groups: Groups, context: Context) -> Timex | None:
    """ "2022-01-24" (and "2022-01-24T15:00")."""
    year, month, day = (int(groups[k] or 0) for k in ("year", "month", "day"))
    found = cal.safe_date(year, month, day)
    if found is None:
        return None
    if groups.get("hour"):
        return "TIME", f"{found.isoformat()}T{groups['hour']}:{groups['minute']}"
    return "DATE", found.isoformat()


def slash_date(groups: Groups, context: Context) -> Timex | None:
    """``01/24/2022`` (US order first) or ``24/01/2022`` when the first part cannot be a month."""
    first, second = int(groups["a"] or 0), int(groups["b"] or 0)
    year = year_of(groups, "year", anchor=context.anchor) or 0
    month, day = (second, first) if first > 12 else (first, second)
    found = cal.safe_date(year, month, day)
    return ("DATE", found.isoformat()) if found else None


def month_day(groups: Groups, context: Context) -> Timex | None:
    """ "January 24", "24 January 2022", "the fourth of July", "Friday 5/12"."""
    month, day = month_of(groups, context), day_of(groups, context)
    if month is None or cal.safe_date(2000, month, day) is None:
        return None
    context = _rel_tense(groups, context)
    year = year_of(groups, "year", anchor=context.anchor)
    if year is None and context.anchor is not None:
        year = cal.nearest_year(context.anchor, month, day, context.tense)
        year += _past_the_anchor(groups, context.anchor, year, month, day)
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    found = cal.safe_date(year, month, day)
    return ("DATE", found.isoformat()) if found else None


def _past_the_anchor(groups: Groups, anchor: date, year: int, month: int, day: int) -> int:
    """ "next 5/12" is after the anchor, "last 5/12" before it: a year on or back when
    the nearest one is on the wrong side."""
    rel, named = words(groups.get("rel")), cal.safe_date(year, month, day)
    if named is None:
        return 0
    if rel == "next" and named <= anchor:
        return 1
    return -1 if rel == "last" and named >= anchor else 0


def month_year(groups: Groups, context: Context) -> Timex | None:
    """ "January 2022", "2015-12", "mid-February"."""
    month = month_of(groups, context)
    if month is None:
        return None
    year = year_of(groups, "year", anchor=context.anchor)
    if year is None and context.anchor is not None:
        year = cal.nearest_year(context.anchor, month, 15, context.tense)
    return "DATE", cal.month_value(year, month) if year else f"XXXX-{month:02d}"


def day_of_month(groups: Groups, context: Context) -> Timex | None:
    """ "on the 18th": that day of the anchor's month."""
    day = day_of(groups, context)
    if context.anchor is None:
        return "DATE", f"XXXX-XX-{day:02d}"
    found = cal.safe_date(context.anchor.year, context.anchor.month, day)
    return ("DATE", found.isoformat()) if found else None


def week_of(groups: Groups, context: Context) -> Timex | None:
    """ "the week of April 10", "w/c Feb 4", "the week of the 18th": the ISO week
    that holds the day named."""
    if groups.get("month"):
        day = month_day(groups, context)
    else:
        day = day_of_month({"day": groups.get("nth")}, context)
    if day is None or day[1].startswith("X"):
        return None
    return "DATE", cal.iso_week(date.fromisoformat(day[1]))


def weekday_day(groups: Groups, context: Context) -> Timex | None:
    """ "Sunday 31", "Mon 13th", "Friday the 13th": the nearest month whose day falls
    on that weekday, ahead of the anchor unless the verb is past."""
    weekday = context.lexicon.lookup("weekdays", groups.get("weekday") or "")
    day = day_of({"day": groups.get("day") or groups.get("bare"),
                  "dayword": groups.get("dayword")}, context)  # fmt: skip
    if weekday is None or not 1 <= day <= 31:
        return None
    if context.anchor is None:
        return "DATE", f"XXXX-XX-{day:02d}"
    found = cal.day_on_weekday(context.anchor, day, int(weekday), context.tense == "PAST")
    return ("DATE", found.isoformat()) if found else None


def week_number(groups: Groups, context: Context) -> Timex | None:
    """ "week 10" of the anchor's year (or of the year named: "week 27 of last year")."""
    year = year_of(groups, "year") or _year_of_rel(groups, context)
    week = int(groups.get("week") or 0)
    if year is None:
        return "DATE", f"XXXX-W{week:02d}"
    date.fromisocalendar(year, week, 1)  # raises ValueError for week 53 of a 52-week year
    return "DATE", f"{year}-W{week:02d}"


def nth_day_of_month(groups: Groups, context: Context) -> Timex | None:
    """ "the 15th day of June", "the twenty-sixth day of next month"."""
    if groups.get("month"):
        return month_day(groups, context)
    if context.anchor is None:
        return None
    shift = {"next": 1, "last": -1}.get(words(groups.get("rel")), 0)
    found = cal.safe_date(*cal.add_months(context.anchor.year, context.anchor.month, shift),
                          day_of(groups, context))  # fmt: skip
    return ("DATE", found.isoformat()) if found else None


def nth_month_of_year(groups: Groups, context: Context) -> Timex | None:
    """ "the third month of 2021", "the 9th month of next year"."""
    month = day_of(groups, context)  # an ordinal, in digits or words
    year = year_of(groups, "year") or _year_of_rel(groups, context)
    if year is None or not 1 <= month <= 12:
        return None
    return "DATE", cal.month_value(year, month)


def _year_of_rel(groups: Groups, context: Context) -> int | None:
    """The anchor's year moved by "last"/"next" in the ``rel`` group."""
    if context.anchor is None:
        return None
    return context.anchor.year + {"last": -1, "next": 1}.get(words(groups.get("rel")), 0)


def year_only(groups: Groups, context: Context) -> Timex | None:
    """ "2014", "fiscal 2014", "nineteen ninety-six"."""
    year = year_of(groups, "year")
    return ("DATE", f"{year:04d}") if year else None


def decade(groups: Groups, context: Context) -> Timex | None:
    """ "the 1990s" -> 199; "the '90s", "the nineties" -> the anchor's century or the
    one before; "the nineteen sixties" -> 196."""
    if groups.get("decade"):
        return "DATE", str(groups["decade"])
    word = context.lexicon.lookup("decade_words", groups.get("word") or "")
    short = int(groups.get("short") or word or 0)
    if groups.get("century"):
        return "DATE", f"{context.lexicon.lookup('numbers', groups['century'] or '')}{short}"
    century = (context.anchor.year // 100) if context.anchor else 20
    if context.anchor is not None and short * 10 > context.anchor.year % 100:
        century -= 1
    return "DATE", f"{century}{short}"


def century(groups: Groups, context: Context) -> Timex | None:
    """ "the 20th century", "the eleventh century" -> 19, 10 (TIMEX3 writes the
    digits before the last two of the century's years)."""
    number = int(groups.get("century") or 0) or day_of(groups, context)
    return ("DATE", f"{number - 1:02d}") if number else None


def quarter(groups: Groups, context: Context) -> Timex | None:
    """ "the third quarter", "Q3 2021": in the anchor's year unless one is named; a
    quarter not yet begun, spoken of in the past tense, is last year's."""
    number = groups.get("q") or context.lexicon.lookup("ordinals", groups.get("ord") or "")
    if number is None:
        return None
    which = int(number)
    year = year_of(groups, "year", "year2", "year0")
    if year is None and context.anchor is not None:
        year = context.anchor.year
        if context.tense == "PAST" and which > cal.quarter_of(context.anchor):
            year -= 1
    return "DATE", f"{year}-Q{which}" if year else f"XXXX-Q{which}"


def quarter_of_year(groups: Groups, context: Context) -> Timex | None:
    """ "this year's third quarter", "the year-ago quarter", "the 1988 quarter": a
    quarter not named is the one just reported (the last ended before the anchor)."""
    if context.anchor is None:
        return None
    reported_year, reported = cal.last_completed_quarter(context.anchor)
    named = context.lexicon.lookup("ordinals", groups.get("ord") or "")
    shift = -1 if groups.get("ago") else {"last": -1, "next": 1}.get(words(groups.get("rel")), 0)
    base = context.anchor.year if named and not groups.get("ago") else reported_year
    year = year_of(groups, "year") or base + shift
    return "DATE", f"{year}-Q{int(named or reported)}"


def half_year(groups: Groups, context: Context) -> Timex | None:
    """ "the first half of 2022", "the first two quarters of 2022" -> 2022-H1."""
    which = groups.get("ord") or groups.get("quarters") or ""
    half = 1 if which.lower() == "first" else 2  # second, last, latter
    year = year_of(groups, "year")
    if year is None:
        if context.anchor is None:
            return None
        shift = {"this": 0, "last": -1, "next": 1}[words(groups.get("rel")) or "this"]
        year = context.anchor.year + shift
    return "DATE", f"{year}-H{half}"


def season(groups: Groups, context: Context) -> Timex | None:
    """ "summer 2021" -> 2021-SU."""
    code = context.lexicon.lookup("seasons", groups.get("season") or "")
    return ("DATE", f"{year_of(groups, 'year')}-{code}") if code else None


def holiday_weekend(groups: Groups, context: Context) -> Timex | None:
    """ "Labor Day weekend", "the weekend of Halloween": the weekend nearest the holiday
    (the one before a Monday holiday, the one after a Thursday one); "Easter week": the
    ISO week holding it."""
    named = {"holiday": groups.get("holiday") or groups.get("holiday2"),
             "year": groups.get("year") or groups.get("year2") or groups.get("year3")}  # fmt: skip
    day = holiday(named, context)
    if day is None or day[1].startswith("X"):
        return None
    found = date.fromisoformat(day[1])
    if groups.get("week"):
        return "DATE", cal.iso_week(found)  # "Easter week", "Christmas week"
    saturday = found + timedelta(days=(6 - found.isoweekday() + 3) % 7 - 3)
    return "DATE", cal.iso_week(saturday) + "-WE"


def holiday(groups: Groups, context: Context) -> Timex | None:
    """Fixed holidays ("Christmas"), n-th weekday ones ("Thanksgiving") and those
    counted from Easter ("Good Friday")."""
    name = groups.get("holiday") or ""
    context = _rel_tense(groups, context)
    year = year_of(groups, "year")
    month_day_text = context.lexicon.lookup("holidays", name)
    if month_day_text is not None:
        month, day = (int(p) for p in str(month_day_text).split("-"))
        if year is None and context.anchor is not None:
            year = cal.nearest_year(context.anchor, month, day, context.tense)
        return "DATE", f"{year}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
    if year is None and context.anchor is None:
        return None
    rule = context.lexicon.lookup("floating_holidays", name)
    after_easter = timedelta(days=int(context.lexicon.lookup("easter_days", name) or 0))

    def on(in_year: int) -> date | None:
        if rule is None:
            return cal.easter(in_year) + after_easter
        month, nth, weekday, *after = (int(part) for part in rule)
        found = cal.nth_weekday(in_year, month, nth, weekday)
        return found + timedelta(days=sum(after)) if found else None

    found = on(year) if year else _nearest_occurrence(on, context)
    return ("DATE", found.isoformat()) if found else None


def _rel_tense(groups: Groups, context: Context) -> Context:
    """ "next Christmas", "this 5/12": the word before the date sets its direction."""
    rel = words(groups.get("rel"))
    if not rel:
        return context
    return Context(context.lexicon, context.anchor, _REL_TENSE.get(rel, "PRESENT"))


def _nearest_occurrence(on: Callable[[int], date | None], context: Context) -> date | None:
    """The occurrence of a holiday nearest the anchor, within the tense's window."""
    anchor = context.anchor or date.min
    found = on(anchor.year)
    if found is None:
        return None
    return on(cal.nearest_year(anchor, found.month, found.day, context.tense))
