"""TIMEX3 handlers for expressions relative to the anchor (the publication date):
"last week", "next November", "yesterday", "on Friday", "two days ago"."""

from __future__ import annotations

from datetime import date, timedelta
from types import MappingProxyType

from brinkwatch.extract import time_calendar as cal
from brinkwatch.extract.time_context import (
    Context,
    Groups,
    Timex,
    month_of,
    parse_amount,
    with_part,
    words,
)  # fmt: skip
from brinkwatch.extract.time_periods import duration

# How far "this/last/next ..." moves from the anchor's own week, month, year...
SHIFT = MappingProxyType({
    "this": 0, "current": 0, "the current": 0, "the": 0, "the latest": 0,
    "the most recent": 0, "last": -1, "previous": -1, "the previous": -1, "past": -1,
    "this past": -1, "next": 1, "coming": 1, "the coming": 1, "this coming": 1,
    "upcoming": 1, "this upcoming": 1, "in the": 0, "following": 1, "the following": 1,
    "the full": 0, "after next": 2, "that": 0, "that same": 0, "the same": 0,
    "the preceding": -1,
})  # fmt: skip
# "the past year", "the next month": a stretch of time counted from the anchor.
_DURATION_RELS = frozenset({"the past", "the last", "the next"})
# ... except these units, which TimeBank writes as the year or decade named ("the past
# year" in 1998 is 1997, "the last decade" 198); quarters and weekends are always dates.
_NAMED_WHEN_ONE = frozenset({"Q", "WE", "Y", "DE"})
_UNIT_LETTER = MappingProxyType(
    {
        "week": "W",
        "month": "M",
        "year": "Y",
        "decade": "DE",
        "century": "CE",
        "weekend": "WE",
        "quarter": "Q",
        "fiscal year": "Y",
        "fiscal quarter": "Q",
        "calendar year": "Y",
        "working week": "W",
        "work week": "W",
        "workweek": "W",
        "business week": "W",
    }
)
# "the past decade" is written in years, like counted decades (see time_periods).
_ONE_UNIT = MappingProxyType({"DE": "P10Y", "CE": "P100Y"})
_BACKWARD = frozenset({"ago", "earlier", "before", "previously", "back"})
# "three days later", "a day earlier" count from an event of the story, not from the
# publication date: TimeBank tags the stretch ("three days", P3D). Longer units stay
# dates: "up from a year earlier" compares with the year before the report (TimeBank),
# and Recognizers-Text counts "3 weeks later" from the reference date.
_FROM_THE_STORY = frozenset({"later", "earlier"})
_STORY_UNITS = frozenset({"D"})
_MOST_RECENT = frozenset({"past", "this past"})
_NEXT_TO_COME = frozenset({"coming", "this coming", "upcoming", "this upcoming"})


def relative_unit(groups: Groups, context: Context) -> Timex | None:
    """ "this week" -> 2022-W04, "last year" -> 2021, "the past year" -> P1Y."""
    rel, unit = words(groups.get("rel")), words(groups.get("unit"))
    letter = _UNIT_LETTER.get(unit)
    if letter is None:
        return None
    if rel in _DURATION_RELS and letter not in _NAMED_WHEN_ONE:
        return "DURATION", _ONE_UNIT.get(letter, f"P1{letter}")
    if context.anchor is None:
        return None
    shift = SHIFT.get(rel, (1 if rel == "the next" else -1) if rel in _DURATION_RELS else 0)
    if letter == "Q" and rel in ("the", "the latest", "the most recent", "the last"):
        # "the quarter" in an earnings report is the one just ended, even in "expected
        # to earn 35 cents for the quarter" (TimeBank: 8 of 8).
        shift = -1
    if letter == "Y" and rel in ("the latest", "the most recent"):
        shift = -1  # "sales in the latest fiscal year": the last one completed
    return "DATE", shifted_unit(context.anchor, letter, shift)


def quarter_ended(groups: Groups, context: Context) -> Timex | None:
    """ "the quarter ended July 31": the calendar quarter of the middle month of the
    three that end on that day, in the last year that day has passed."""
    month = month_of(groups, context)
    if month is None or context.anchor is None:
        return None
    day = int(groups.get("day") or 28)
    passed = (month, day) <= (context.anchor.month, context.anchor.day)
    year = context.anchor.year if passed else context.anchor.year - 1
    if month == 1:  # November to January: the middle month is last year's December
        return "DATE", f"{year - 1}-Q4"
    return "DATE", f"{year}-Q{(month - 2) // 3 + 1}"


def story_unit(groups: Groups, context: Context) -> Timex | None:
    """ "that year", "the following month": ``context.anchor`` is the date the story
    named last (times.py passes it), and the unit is counted from it."""
    return relative_unit(groups, context)


def story_day(groups: Groups, context: Context) -> Timex | None:
    """ "that day", "the next morning", "the previous evening": the day the story named
    last (passed as ``context.anchor``), moved by the word before."""
    if context.anchor is None:
        return None
    rel = words(groups.get("rel"))
    day = context.anchor + timedelta(days=1 if rel == "the next" else SHIFT.get(rel, 0))
    part = context.lexicon.lookup("day_parts", groups.get("unit") or groups.get("unit2") or "")
    return ("TIME", f"{day.isoformat()}T{part}") if part else ("DATE", day.isoformat())


def present_day(groups: Groups, context: Context) -> Timex | None:
    """ "today is the eighth day of the strike": the publication day."""
    return None if context.anchor is None else ("DATE", context.anchor.isoformat())


def story_weekday(groups: Groups, context: Context) -> Timex | None:
    """ "the previous Friday", "the following Monday": the nearest such weekday before
    or after the day the story named last (passed as ``context.anchor``)."""
    weekday = context.lexicon.lookup("weekdays", groups.get("weekday") or "")
    if weekday is None or context.anchor is None:
        return None
    if words(groups.get("rel")) == "the following":
        day = cal.weekday_on_or_after(context.anchor + timedelta(days=1), int(weekday))
    else:
        day = cal.weekday_on_or_before(context.anchor - timedelta(days=1), int(weekday))
    return "DATE", day.isoformat()


def shifted_unit(anchor: date, letter: str, shift: int) -> str:
    """The TIMEX3 value of the week/month/... ``shift`` units away from the anchor's."""
    if letter in ("W", "WE"):
        week = cal.iso_week(anchor + timedelta(weeks=shift))
        return week + "-WE" if letter == "WE" else week
    if letter == "M":
        return cal.month_value(*cal.add_months(anchor.year, anchor.month, shift))
    if letter == "Q":
        year, which = cal.add_quarters(anchor.year, cal.quarter_of(anchor), shift)
        return f"{year}-Q{which}"
    if letter == "DE":
        return str(anchor.year // 10 + shift)
    if letter == "CE":
        return str(anchor.year // 100 + shift)
    return str(anchor.year + shift)


def relative_named(groups: Groups, context: Context) -> Timex | None:
    """ "last November", "next summer", "this Friday morning"."""
    if context.anchor is None:
        return None
    rel, name = words(groups.get("rel")), words(groups.get("name"))
    shift = SHIFT.get(rel, 0)
    lexicon = context.lexicon
    weekday = lexicon.lookup("weekdays", name)
    if weekday is not None:
        return named_weekday(int(weekday), rel, groups, context)
    month = lexicon.lookup("months", name)
    if month is not None:
        return "DATE", _named_month(context.anchor, int(month), shift)
    code = lexicon.lookup("seasons", name)
    return ("DATE", _named_season(context.anchor, str(code), shift)) if code else None


def named_weekday(weekday: int, rel: str, groups: Groups, context: Context) -> Timex | None:
    """ "last Friday" is the Friday of last week, "next Friday" that of next week,
    "this Friday" that of this week; "this past"/"coming" Friday the nearest one."""
    anchor = context.anchor or date.min
    if rel in _MOST_RECENT:
        day = cal.weekday_on_or_before(anchor - timedelta(days=1), weekday)
    elif rel in _NEXT_TO_COME:
        day = cal.weekday_on_or_after(anchor + timedelta(days=1), weekday)
    else:
        day = anchor + timedelta(days=weekday - anchor.isoweekday() + 7 * SHIFT.get(rel, 0))
    return with_part(day.isoformat(), groups, context)


def week_weekday(groups: Groups, context: Context) -> Timex | None:
    """ "next week on Tuesday", "Monday of last week"."""
    weekday = context.lexicon.lookup("weekdays", groups.get("weekday") or "")
    if weekday is None or context.anchor is None:
        return None
    rel = words(groups.get("rel")).removeprefix("the ")
    shift = SHIFT.get(rel, 0)
    rel = {-1: "last", 1: "next"}.get(shift, "this")
    return named_weekday(int(weekday), rel, groups, context)


def month_rel_year(groups: Groups, context: Context) -> Timex | None:
    """ "June last year", "March of next year"."""
    month = month_of(groups, context)
    if month is None or context.anchor is None:
        return None
    year = context.anchor.year + SHIFT.get(words(groups.get("rel")), 0)
    return "DATE", cal.month_value(year, month)


def _named_month(anchor: date, month: int, shift: int) -> str:
    year = anchor.year
    if shift < 0 and month >= anchor.month:
        year -= 1
    elif shift > 0 and month <= anchor.month:
        year += 1
    return cal.month_value(year, month)


def _named_season(anchor: date, code: str, shift: int) -> str:
    """ "last summer" is the latest summer before the current season; "this summer" is
    the anchor year's (winter: the one that began in the anchor's winter)."""
    year, current = cal.season_of(anchor)
    wanted = cal.SEASONS.index(code)
    if shift < 0 and wanted >= current:
        year -= 1
    elif shift > 0 and wanted <= current:
        year += 1
    elif shift == 0:
        year = anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year
    return f"{year}-{code}"


def season_nearest(groups: Groups, context: Context) -> Timex | None:
    """ "the summer": the last one for a past-tense verb, the coming one for a future
    verb, else this year's."""
    code = context.lexicon.lookup("seasons", groups.get("season") or "")
    if code is None or context.anchor is None:
        return None
    shift = {"PAST": -1, "FUTURE": 1}.get(context.tense, 0)
    return "DATE", _named_season(context.anchor, str(code), shift)


def deictic(groups: Groups, context: Context) -> Timex | None:
    """ "today", "yesterday morning", "tonight"."""
    entry = context.lexicon.lookup("deictic_days", groups.get("deictic") or "")
    if entry is None or context.anchor is None:
        return None
    day = (context.anchor + timedelta(days=int(entry["offset"]))).isoformat()
    part = context.lexicon.lookup("day_parts", groups.get("part") or "") or entry.get("part")
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


def weekday(groups: Groups, context: Context) -> Timex | None:
    """A bare weekday: the coming one for a future verb, else the latest one (the
    anchor's own day counts: news names today by its weekday)."""
    number = context.lexicon.lookup("weekdays", groups.get("weekday") or "")
    if number is None:
        return None
    if context.anchor is None:
        return with_part(f"XXXX-WXX-{number}", groups, context)
    if context.tense == "FUTURE":
        day = cal.weekday_on_or_after(context.anchor, int(number))
    else:
        day = cal.weekday_on_or_before(context.anchor, int(number))
    return with_part(day.isoformat(), groups, context)


def weekend(groups: Groups, context: Context) -> Timex | None:
    """ "the weekend": the last one for a past-tense verb, else the coming one."""
    if context.anchor is None:
        return None
    if context.tense == "PAST":
        saturday = cal.weekday_on_or_before(context.anchor, 6)
    else:
        saturday = cal.weekday_on_or_after(context.anchor, 6)
    return "DATE", cal.iso_week(saturday) + "-WE"


def offset(groups: Groups, context: Context) -> Timex | None:
    """ "two days ago", "a year earlier": a date N units from the anchor, written at
    the unit's precision (a day for days and weeks, a month, a year, a decade)."""
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    direction = -1 if words(groups.get("dir")) in _BACKWARD else 1
    if unit is not None and str(unit).startswith("T"):
        return duration(groups, context)  # "an hour later": no date, but an hour
    if unit is None or context.anchor is None:
        return None
    if words(groups.get("dir")) in _FROM_THE_STORY and unit in _STORY_UNITS:
        return None  # the duration rule then reads "three days" alone
    amount = parse_amount(groups.get("num"), context.lexicon) if groups.get("num") else 1.0
    if amount is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    return _shifted_by(context.anchor, str(unit), int(amount) * direction)


def in_offset(groups: Groups, context: Context) -> Timex | None:
    """ "in three weeks": a date ahead — unless the verb is past ("the first rise in
    three weeks"), where it measures a stretch of time."""
    if context.tense == "PAST":
        return duration(groups, context)
    return offset(groups, context)


def offset_from_day(groups: Groups, context: Context) -> Timex | None:
    """ "two days after today", "three weeks from tomorrow": counted from a named day."""
    if context.anchor is None:
        return None
    entry = context.lexicon.lookup("deictic_days", words(groups.get("deictic")))
    base = context.anchor + timedelta(days=int(entry["offset"]) if entry else 0)
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    amount = parse_amount(groups.get("num"), context.lexicon)
    if unit not in ("D", "W", "M", "Y") or amount is None:
        return None
    count = int(amount) * (-1 if words(groups.get("dir")) == "before" else 1)
    if unit in ("M", "Y"):
        return "DATE", cal.shift_months(base, count * (12 if unit == "Y" else 1)).isoformat()
    return "DATE", (base + timedelta(days=count * (7 if unit == "W" else 1))).isoformat()


def _shifted_by(anchor: date, unit: str, amount: int) -> Timex | None:
    if unit == "D":
        return "DATE", (anchor + timedelta(days=amount)).isoformat()
    if unit in ("W", "2W"):
        weeks = amount * (2 if unit == "2W" else 1)
        return "DATE", (anchor + timedelta(weeks=weeks)).isoformat()
    if unit in ("M", "Q"):
        months = amount * (3 if unit == "Q" else 1)
        return "DATE", cal.month_value(*cal.add_months(anchor.year, anchor.month, months))
    if unit == "DE":
        return "DATE", str((anchor.year + 10 * amount) // 10)
    if unit == "Y":
        return "DATE", str(anchor.year + amount)
    return None


def week_of_year(groups: Groups, context: Context) -> Timex | None:
    """ "the first week of 2021" -> 2021-W01, "the last week of 2016" -> 2016-W52."""
    year = int(groups.get("year") or 0) or None
    if year is None:
        if context.anchor is None:
            return None
        year = context.anchor.year + SHIFT.get(words(groups.get("rel")), 0)
    ordinal = words(groups.get("ord"))
    if ordinal in ("last", "final"):
        return "DATE", cal.iso_week(date(year, 12, 28))  # 28 Dec is always in the last week
    number = context.lexicon.lookup("ordinals", ordinal) or ordinal[:1]
    return "DATE", f"{year}-W{int(number):02d}"
