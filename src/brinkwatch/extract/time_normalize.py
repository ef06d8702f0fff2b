"""Normalize a recognized time expression to a TIMEX3 (type, value).

Each rule of ``data/times/patterns.toml`` names a handler here; the handler reads the
rule's named groups, the anchor (publication date) and the tense of the governing verb
("PAST", "PRESENT" or "FUTURE") and returns ``(type, value)``, or None when the
expression cannot be given a value an analyst would sign (e.g. "yesterday" with no date).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from brinkwatch.extract import time_calendar as cal
from brinkwatch.extract.time_lexicon import TimeLexicon, TimeRule, load_time_lexicon

Timex = tuple[str, str]
Groups = Mapping[str, str | None]
TENSES: tuple[str, ...] = ("PAST", "PRESENT", "FUTURE")
_UNDATED = "XXXX-XX-XX"


@dataclass(frozen=True, slots=True)
class Context:
    """What a handler may use besides the words: the anchor date and the tense."""

    lexicon: TimeLexicon
    anchor: date | None
    tense: str


Handler = Callable[[Groups, Context], Timex | None]


def normalize(text: str, anchor: date | None, tense: str = "PRESENT") -> Timex | None:
    """TIMEX3 (type, value) of a whole time expression such as ``"last week"``, or None.

    ``anchor`` is the date relative expressions are resolved against; ``tense`` the
    tense of the verb that governs the expression (decides "Friday" past or coming).
    """
    lexicon = load_time_lexicon()
    phrase = text.strip()
    for rule in lexicon.rules:
        match = rule.regex.fullmatch(phrase)
        if match is not None:
            return normalize_match(rule, match.groupdict(), anchor, tense)
    return None


def normalize_match(
    rule: TimeRule, groups: Groups, anchor: date | None, tense: str
) -> Timex | None:
    """Run the handler ``rule`` names on the groups of one of its matches."""
    context = Context(load_time_lexicon(), anchor, tense if tense in TENSES else "PRESENT")
    return HANDLERS[rule.handler](groups, context)


# ------------------------------------------------------------------ numbers and words


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


def _month(groups: Groups, context: Context) -> int | None:
    value = context.lexicon.lookup("months", groups.get("month") or "")
    return int(value) if value is not None else None


def _year(groups: Groups, *names: str) -> int | None:
    for name in names:
        text = groups.get(name)
        if text:
            return int(text)
    return None


# ------------------------------------------------------------------ calendar dates


def _ymd(groups: Groups, context: Context) -> Timex | None:
    year, month, day = (int(groups[k] or 0) for k in ("year", "month", "day"))
    found = cal.safe_date(year, month, day)
    if found is None:
        return None
    if groups.get("hour"):
        return "TIME", f"{found.isoformat()}T{groups['hour']}:{groups['minute']}"
    return "DATE", found.isoformat()


def _slash_date(groups: Groups, context: Context) -> Timex | None:
    """``01/24/2022`` (US order first) or ``24/01/2022`` when the first part cannot be a month."""
    first, second, year = int(groups["a"] or 0), int(groups["b"] or 0), int(groups["year"] or 0)
    if year < 100:
        year += 1900 if year >= 50 else 2000
    month, day = (second, first) if first > 12 else (first, second)
    found = cal.safe_date(year, month, day)
    return ("DATE", found.isoformat()) if found else None


def _month_day(groups: Groups, context: Context) -> Timex | None:
    month, day = _month(groups, context), int(groups.get("day") or 0)
    if month is None or cal.safe_date(2000, month, day) is None:
        return None
    year = _year(groups, "year")
    if year is None and context.anchor is not None:
        year = cal.nearest_year(context.anchor, month, day)
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    found = cal.safe_date(year, month, day)
    return ("DATE", found.isoformat()) if found else None


def _month_year(groups: Groups, context: Context) -> Timex | None:
    month = _month(groups, context)
    if month is None:
        return None
    year = _year(groups, "year")
    if year is None and context.anchor is not None:
        year = cal.nearest_year(context.anchor, month)
    return "DATE", cal.month_value(year, month) if year else f"XXXX-{month:02d}"


def _year_only(groups: Groups, context: Context) -> Timex | None:
    return "DATE", f"{int(groups['year'] or 0):04d}"


def _decade(groups: Groups, context: Context) -> Timex | None:
    if groups.get("decade"):
        return "DATE", str(groups["decade"])
    short = int(groups.get("short") or 0)
    century = (context.anchor.year // 100) if context.anchor else 20
    if context.anchor is not None and short * 10 > context.anchor.year % 100:
        century -= 1
    return "DATE", f"{century}{short}"


def _century(groups: Groups, context: Context) -> Timex | None:
    return "DATE", f"{int(groups['century'] or 1) - 1:02d}"


def _quarter(groups: Groups, context: Context) -> Timex | None:
    number = groups.get("q") or context.lexicon.lookup("ordinals", groups.get("ord") or "")
    if number is None:
        return None
    quarter = int(number)
    year = _year(groups, "year", "year2", "year0")
    if year is None and context.anchor is not None:
        year = context.anchor.year
        if context.tense == "PAST" and quarter > cal.quarter_of(context.anchor):
            year -= 1
    return "DATE", f"{year}-Q{quarter}" if year else f"XXXX-Q{quarter}"


def _half_year(groups: Groups, context: Context) -> Timex | None:
    half = 1 if (groups.get("ord") or "").lower() == "first" else 2
    year = _year(groups, "year")
    if year is None:
        if context.anchor is None:
            return None
        shift = {"this": 0, "last": -1, "next": 1}[(groups.get("rel") or "this").lower()]
        year = context.anchor.year + shift
    return "DATE", f"{year}-H{half}"


def _season(groups: Groups, context: Context) -> Timex | None:
    code = context.lexicon.lookup("seasons", groups.get("season") or "")
    return ("DATE", f"{_year(groups, 'year')}-{code}") if code else None


def _holiday(groups: Groups, context: Context) -> Timex | None:
    month_day = context.lexicon.lookup("holidays", groups.get("holiday") or "")
    if month_day is None:
        return None
    month, day = (int(p) for p in str(month_day).split("-"))
    year = _year(groups, "year")
    if year is None and context.anchor is not None:
        year = cal.nearest_year(context.anchor, month, day)
    return "DATE", f"{year}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


# ------------------------------------------------------------------ relative to the anchor

# How far "this/last/next ..." moves from the anchor's own week, month, year...
_SHIFT = {
    "this": 0, "current": 0, "the current": 0, "the same": 0, "the": 0, "the latest": 0,
    "the most recent": 0, "last": -1, "previous": -1, "the previous": -1, "past": -1,
    "this past": -1, "next": 1, "coming": 1, "the coming": 1, "the following": 1,
    "this coming": 1,
}  # fmt: skip
# "the past year", "the next month": a stretch of time counted from the anchor.
_DURATION_RELS = frozenset({"the past", "the last", "the next"})
_UNIT_LETTER = {
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "weekend": "WE",
    "quarter": "Q",
    "fiscal year": "Y",
    "fiscal quarter": "Q",
}


def _words(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def _relative_unit(groups: Groups, context: Context) -> Timex | None:
    rel, unit = _words(groups.get("rel")), _words(groups.get("unit"))
    letter = _UNIT_LETTER.get(unit)
    if letter is None:
        return None
    if rel in _DURATION_RELS and letter not in ("Q", "WE"):
        return "DURATION", f"P1{letter}"
    if context.anchor is None:
        return None
    shift = _SHIFT.get(rel, -1 if rel in _DURATION_RELS else 0)
    if letter == "Q" and rel in ("the", "the latest", "the most recent", "the last"):
        shift = -1 if context.tense == "PAST" or rel != "the" else 0
    return "DATE", _shifted_unit(context.anchor, letter, shift)


def _shifted_unit(anchor: date, letter: str, shift: int) -> str:
    """The TIMEX3 value of the week/month/... ``shift`` units away from the anchor's."""
    if letter in ("W", "WE"):
        week = cal.iso_week(anchor + timedelta(weeks=shift))
        return week + "-WE" if letter == "WE" else week
    if letter == "M":
        return cal.month_value(*cal.add_months(anchor.year, anchor.month, shift))
    if letter == "Q":
        year, quarter = cal.add_quarters(anchor.year, cal.quarter_of(anchor), shift)
        return f"{year}-Q{quarter}"
    if letter == "DE":
        return str(anchor.year // 10 + shift)
    if letter == "CE":
        return str(anchor.year // 100 + shift)
    return str(anchor.year + shift)


def _relative_named(groups: Groups, context: Context) -> Timex | None:
    """ "last November", "next summer", "this Friday morning"."""
    if context.anchor is None:
        return None
    rel, name = _words(groups.get("rel")), _words(groups.get("name"))
    shift = _SHIFT.get(rel, 0)
    lexicon = context.lexicon
    if lexicon.lookup("weekdays", name) is not None:
        return _named_weekday(int(lexicon.lookup("weekdays", name)), shift, groups, context)
    if lexicon.lookup("months", name) is not None:
        return "DATE", _named_month(context.anchor, int(lexicon.lookup("months", name)), shift)
    code = lexicon.lookup("seasons", name)
    return ("DATE", _named_season(context.anchor, str(code), shift)) if code else None


def _named_weekday(weekday: int, shift: int, groups: Groups, context: Context) -> Timex | None:
    anchor = context.anchor or date.min
    if shift < 0:
        day = cal.weekday_on_or_before(anchor - timedelta(days=1), weekday)
    elif shift > 0:
        day = cal.weekday_on_or_after(anchor + timedelta(days=1), weekday)
    else:
        day = anchor + timedelta(days=weekday - anchor.isoweekday())
    return _with_part(day.isoformat(), groups, context)


def _named_month(anchor: date, month: int, shift: int) -> str:
    year = anchor.year
    if shift < 0 and month >= anchor.month:
        year -= 1
    elif shift > 0 and month <= anchor.month:
        year += 1
    return cal.month_value(year, month)


def _named_season(anchor: date, code: str, shift: int) -> str:
    year, current = cal.season_of(anchor)
    wanted = cal.SEASONS.index(code)
    if shift < 0 and wanted >= current:
        year -= 1
    elif shift > 0 and wanted <= current:
        year += 1
    elif shift == 0 and wanted < current:
        year += 1  # "this summer" said in winter is the coming one
    return f"{year}-{code}"


def _with_part(day_value: str, groups: Groups, context: Context) -> Timex:
    """A day, or that day's morning/evening... as a TIME when a part of day is named."""
    part = context.lexicon.lookup("day_parts", groups.get("part") or "")
    return ("TIME", f"{day_value}T{part}") if part else ("DATE", day_value)


def _deictic(groups: Groups, context: Context) -> Timex | None:
    entry = context.lexicon.lookup("deictic_days", groups.get("deictic") or "")
    if entry is None or context.anchor is None:
        return None
    day = (context.anchor + timedelta(days=int(entry["offset"]))).isoformat()
    part = context.lexicon.lookup("day_parts", groups.get("part") or "") or entry.get("part")
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


def _weekday(groups: Groups, context: Context) -> Timex | None:
    """A bare weekday: the past one for a past-tense verb, the coming one for a future."""
    weekday = context.lexicon.lookup("weekdays", groups.get("weekday") or "")
    if weekday is None:
        return None
    if context.anchor is None:
        return _with_part(f"XXXX-WXX-{weekday}", groups, context)
    if context.tense == "FUTURE":
        day = cal.weekday_on_or_after(context.anchor, int(weekday))
    else:
        day = cal.weekday_on_or_before(context.anchor, int(weekday))
    return _with_part(day.isoformat(), groups, context)


def _weekend(groups: Groups, context: Context) -> Timex | None:
    if context.anchor is None:
        return None
    if context.tense == "FUTURE":
        saturday = cal.weekday_on_or_after(context.anchor, 6)
    else:
        saturday = cal.weekday_on_or_before(context.anchor, 6)
    return "DATE", cal.iso_week(saturday) + "-WE"


_BACKWARD = frozenset({"ago", "earlier", "before", "previously", "back"})


def _offset(groups: Groups, context: Context) -> Timex | None:
    """ "two days ago", "a year earlier", "in three weeks": a date N units from the anchor."""
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    direction = -1 if _words(groups.get("dir")) in _BACKWARD else 1
    if unit is None or context.anchor is None or str(unit).startswith("T"):
        return None
    if groups.get("num") is None:
        amount: float | None = 1.0
    else:
        amount = parse_amount(groups.get("num"), context.lexicon)
    if amount is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    return _shifted_by(context.anchor, str(unit), int(amount) * direction)


def _shifted_by(anchor: date, unit: str, amount: int) -> Timex | None:
    if unit == "D":
        return "DATE", (anchor + timedelta(days=amount)).isoformat()
    if unit in ("W", "2W"):
        weeks = amount * (2 if unit == "2W" else 1)
        return "DATE", cal.iso_week(anchor + timedelta(weeks=weeks))
    if unit in ("M", "Q"):
        months = amount * (3 if unit == "Q" else 1)
        return "DATE", cal.month_value(*cal.add_months(anchor.year, anchor.month, months))
    if unit == "DE":
        return "DATE", str((anchor.year + 10 * amount) // 10)
    if unit == "Y":
        return "DATE", str(anchor.year + amount)
    return None


# ------------------------------------------------------------------ durations and sets


def _period(amount: str, unit: str) -> str | None:
    """TIMEX3 period: P3D, PT24H (clock units after T), P2W for a fortnight."""
    if unit == "WE":
        return None
    if unit.startswith("T"):
        return f"PT{amount}{unit[1:]}"
    if unit == "2W":
        return f"P{format_amount(2 * float(amount))}W" if amount != "X" else "PXW"
    return f"P{amount}{unit}"


def _duration(groups: Groups, context: Context) -> Timex | None:
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    amount = parse_amount(groups.get("num"), context.lexicon)
    article = _words(groups.get("num")) in ("a", "an")
    if unit is None or amount is None or (article and unit in ("TS", "Q")):
        return None
    if groups.get("plus"):
        amount += 0.5
    if unit == "TH" and amount == 24:
        return "DURATION", "P1D"  # "the past 24 hours" reads as one day (TimeBank usage)
    period = _period(format_amount(amount), str(unit))
    return ("DURATION", period) if period else None


def _vague_duration(groups: Groups, context: Context) -> Timex | None:
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    period = _period("X", str(unit)) if unit else None
    return ("DURATION", period) if period else None


def _set_word(groups: Groups, context: Context) -> Timex | None:
    value = context.lexicon.lookup("sets", groups.get("set") or "")
    return ("SET", str(value)) if value else None


def _every(groups: Groups, context: Context) -> Timex | None:
    """ "every week" -> P1W, "every two years" -> P2Y, "every Monday" -> XXXX-WXX-1."""
    weekday = context.lexicon.lookup("weekdays", groups.get("weekday") or "")
    if weekday is not None:
        part = context.lexicon.lookup("day_parts", groups.get("part") or "")
        return "SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
    unit = context.lexicon.lookup("units", _singular(groups.get("unit")))
    number = groups.get("num")
    amount = 2.0 if _words(number) == "other" else parse_amount(number or "1", context.lexicon)
    period = _period(format_amount(amount), str(unit)) if unit and amount else None
    return ("SET", period) if period else None


def _singular(word: str | None) -> str:
    text = _words(word)
    return text[:-1] if text.endswith("s") and text not in ("hours", "days") else text


# ------------------------------------------------------------------ clock times and refs


def _clock(groups: Groups, context: Context) -> Timex | None:
    """ "3 p.m.", "15:00", "noon": a TIME on the anchor's day (a day named next to it
    replaces the anchor's, see times.py)."""
    word = _words(groups.get("word"))
    if word:
        hour, minute = (0, 0) if word == "midnight" else (12, 0)
    else:
        hour, minute = int(groups.get("hour") or 0), int(groups.get("minute") or 0)
        meridiem = _words(groups.get("ampm")).replace(".", "")
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
    day = context.anchor.isoformat() if context.anchor else _UNDATED
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _reference(groups: Groups, context: Context) -> Timex | None:
    value = context.lexicon.lookup("references", groups.get("ref") or "")
    return ("DATE", str(value)) if value else None


HANDLERS: Mapping[str, Handler] = {
    "ymd": _ymd, "slash_date": _slash_date, "month_day": _month_day,
    "month_year": _month_year, "year": _year_only, "decade": _decade, "century": _century,
    "quarter": _quarter, "half_year": _half_year, "season": _season, "holiday": _holiday,
    "relative_unit": _relative_unit, "relative_named": _relative_named, "deictic": _deictic,
    "weekday": _weekday, "weekend": _weekend, "offset": _offset, "duration": _duration,
    "vague_duration": _vague_duration, "set_word": _set_word, "every": _every,
    "clock": _clock, "reference": _reference,
}  # fmt: skip
