"""Normalize a recognized time expression to a TIMEX3 (type, value).

Each rule of ``data/times/patterns.toml`` names a handler; the handler reads the
rule's named groups, the anchor (publication date) and the tense of the governing verb
("PAST", "PRESENT" or "FUTURE") and returns ``(type, value)``, or None when the
expression cannot be given a value an analyst would sign (e.g. "yesterday" with no date).
Handlers live in ``time_absolute`` (calendar dates), ``time_relative`` (relative to
the anchor) and ``time_periods`` (durations, sets, clock times, vague references).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from brinkwatch.extract import time_absolute as absolute
from brinkwatch.extract import time_periods as periods
from brinkwatch.extract import time_relative as relative
from brinkwatch.extract.time_context import TENSES, Context, Groups, Handler, Timex
from brinkwatch.extract.time_lexicon import TimeRule, load_time_lexicon

HANDLERS: Mapping[str, Handler] = MappingProxyType({
    "ymd": absolute.ymd, "slash_date": absolute.slash_date, "month_day": absolute.month_day,
    "month_year": absolute.month_year, "year": absolute.year_only, "decade": absolute.decade,
    "century": absolute.century, "quarter": absolute.quarter, "half_year": absolute.half_year,
    "season": absolute.season, "holiday": absolute.holiday,
    "day_of_month": absolute.day_of_month, "week_number": absolute.week_number,
    "week_of": absolute.week_of, "quarter_of_year": absolute.quarter_of_year,
    "weekday_day": absolute.weekday_day, "holiday_weekend": absolute.holiday_weekend,
    "nth_day_of_month": absolute.nth_day_of_month,
    "nth_month_of_year": absolute.nth_month_of_year,
    "relative_unit": relative.relative_unit, "relative_named": relative.relative_named,
    "deictic": relative.deictic, "weekday": relative.weekday, "weekend": relative.weekend,
    "offset": relative.offset, "in_offset": relative.in_offset,
    "offset_from_day": relative.offset_from_day, "week_weekday": relative.week_weekday,
    "month_rel_year": relative.month_rel_year, "week_of_year": relative.week_of_year,
    "duration": periods.duration, "vague_duration": periods.vague_duration,
    "unmeasured": periods.unmeasured,
    "set_word": periods.set_word, "every": periods.every, "clock": periods.clock,
    "reference": periods.reference, "soon": periods.soon,
    "modal_future": periods.modal_future,
    "blocked": periods.blocked, "one_unit": periods.one_unit,
    "season_nearest": relative.season_nearest, "story_unit": relative.story_unit,
    "story_day": relative.story_day, "story_weekday": relative.story_weekday,
    "present_day": relative.present_day, "quarter_ended": relative.quarter_ended,
})  # fmt: skip


def normalize(text: str, anchor: date | None, tense: str = "PRESENT") -> Timex | None:
    """TIMEX3 (type, value) of a whole time expression such as ``"last week"``, or None.

    ``anchor`` is the date relative expressions are resolved against; ``tense`` the
    tense of the verb that governs the expression (decides "Friday" past or coming).
    """
    phrase = text.strip()
    for rule in load_time_lexicon().rules:
        match = rule.regex.fullmatch(phrase)
        if match is not None:
            return normalize_match(rule, match.groupdict(), anchor, tense)
    return None


def normalize_match(
    rule: TimeRule, groups: Groups, anchor: date | None, tense: str
) -> Timex | None:
    """Run the handler ``rule`` names on the groups of one of its matches."""
    context = Context(load_time_lexicon(), anchor, tense if tense in TENSES else "PRESENT")
    try:
        timex = HANDLERS[rule.handler](groups, context)
    except (OverflowError, ValueError):
        return None  # "99999999 days ago": off the calendar, no value to sign
    if timex is None or timex[1].startswith("-"):
        return None  # before year 1
    return timex
