"""TIMEX3 handlers for durations, sets, clock times and vague references."""

from __future__ import annotations

from types import MappingProxyType

from brinkwatch.extract.time_context import (
    Context,
    Groups,
    Timex,
    format_amount,
    parse_amount,
    words,
)  # fmt: skip

# Half a unit in the next smaller one: "two and a half years" -> P2Y6M.
_HALF_UNIT = MappingProxyType({"Y": 6, "TH": 30, "TM": 30, "D": 12})
_UNDATED = "XXXX-XX-XX"


def period(amount: str, unit: str) -> str | None:
    """TIMEX3 period: P3D, PT24H (clock units after T), P2W for a fortnight."""
    if unit == "WE":
        return None
    if unit.startswith("T"):
        return f"PT{amount}{unit[1:]}"
    if unit == "2W":
        return f"P{format_amount(2 * float(amount))}W" if amount != "X" else "PXW"
    return f"P{amount}{unit}"


def duration(groups: Groups, context: Context) -> Timex | None:
    """ "three days" -> P3D, "the past 24 hours" -> P1D, "two decades" -> P20Y."""
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    amount = parse_amount(groups.get("num"), context.lexicon)
    if unit is None or amount is None or not _counts_unit(groups, amount, str(unit)):
        return None
    if groups.get("plus"):
        # "a ½ hour" is half an hour; "two and a half years" adds a half.
        amount = 0.5 if words(groups.get("num")) in ("a", "an") else amount + 0.5
    elif groups.get("plus2"):
        amount += 0.5  # "a minute and a half", "two years and a half"
    if unit == "TH" and amount == 24 and words(groups.get("pre")) in ("the past", "the last"):
        # "the past 24 hours" is the last day (TimeBank writes P1D); "within 24 hours"
        # stays a count of hours.
        return "DURATION", "P1D"
    if unit in ("DE", "CE"):
        # Counted decades/centuries are written in years, as TimeBank does ("P10Y").
        amount, unit = amount * (10 if unit == "DE" else 100), "Y"
    value = _fractional_period(amount, str(unit)) or period(format_amount(amount), str(unit))
    return ("DURATION", value) if value else None


def one_unit(groups: Groups, context: Context) -> Timex | None:
    """ "the year ended June 30": one whole unit counted back from a day, a DURATION
    (TimeBank writes P1Y)."""
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    return ("DURATION", f"P1{unit}") if unit in ("D", "W", "M", "Y") else None


def _counts_unit(groups: Groups, amount: float, unit: str) -> bool:
    """Reject readings that are not durations: "a second round", "a quarter of",
    "twenty second" (a day of the month, not 20 seconds), "the 1988 quarter"."""
    number, unit_word = words(groups.get("num")), words(groups.get("unit"))
    if number in ("a", "an") and unit in ("TS", "Q"):
        return False
    if len(number) == 4 and number.isdigit() and not unit_word.endswith("s"):
        return False  # "the 1988 quarter" is a year before a unit, not 1988 quarters
    hyphenated = "-" in (groups.get("sep") or "")
    return not (unit == "TS" and amount > 1 and unit_word == "second" and not hyphenated)


def _fractional_period(amount: float, unit: str) -> str | None:
    """ "two and a half years" -> P2Y6M, "5 1/2 hours" -> PT5H30M, "a minute and a
    half" -> PT1M30S."""
    if amount == int(amount) or amount * 2 != int(amount * 2) or unit not in _HALF_UNIT:
        return None
    whole, half = int(amount), _HALF_UNIT[unit]
    if unit in ("TH", "TM"):
        big, small = ("H", "M") if unit == "TH" else ("M", "S")
        return f"PT{whole}{big}{half}{small}" if whole else f"PT{half}{small}"
    if unit == "D":
        return f"P{whole}DT{half}H" if whole else f"PT{half}H"
    return f"P{whole}Y{half}M" if whole else f"P{half}M"


def vague_duration(groups: Groups, context: Context) -> Timex | None:
    """ "several days" -> PXD, "for decades" -> PXDE."""
    unit = context.lexicon.lookup("units", groups.get("unit") or "")
    value = period("X", str(unit)) if unit else None
    return ("DURATION", value) if value else None


def unmeasured(groups: Groups, context: Context) -> Timex | None:
    """ "for a while", "for a lengthy period": a DURATION of unknown length and unit."""
    return "DURATION", "PXX"


def set_word(groups: Groups, context: Context) -> Timex | None:
    """ "daily" -> P1D, "annually" -> P1Y."""
    value = context.lexicon.lookup("sets", groups.get("set") or "")
    return ("SET", str(value)) if value else None


def every(groups: Groups, context: Context) -> Timex | None:
    """ "every week" -> P1W, "every two years" -> P2Y, "every Monday" -> XXXX-WXX-1,
    "Tuesday nights" -> XXXX-WXX-2TNI, "each July" -> XXXX-07."""
    month = context.lexicon.lookup("months", groups.get("month") or "")
    if month is not None:
        return "SET", f"XXXX-{int(month):02d}"
    weekday = context.lexicon.lookup("weekdays", groups.get("weekday") or "")
    if weekday is not None:
        part = context.lexicon.lookup("day_parts", _singular(groups.get("part")))
        return "SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
    unit = context.lexicon.lookup("units", _singular(groups.get("unit")))
    number = groups.get("num")
    amount = 2.0 if words(number) == "other" else parse_amount(number or "1", context.lexicon)
    value = period(format_amount(amount), str(unit)) if unit and amount else None
    return ("SET", value) if value else None


def _singular(word: str | None) -> str:
    text = words(word)
    return text[:-1] if text.endswith("s") else text


def clock(groups: Groups, context: Context) -> Timex | None:
    """ "3 p.m.", "15:00", "noon": a TIME on the anchor's day (a day named next to it
    replaces the anchor's, see times.py)."""
    word = words(groups.get("word"))
    if word:
        hour, minute = (0, 0) if word == "midnight" else (12, 0)
    else:
        hour, minute = int(groups.get("hour") or 0), int(groups.get("minute") or 0)
        meridiem = words(groups.get("ampm")).replace(".", "")
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
    day = context.anchor.isoformat() if context.anchor else _UNDATED
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def reference(groups: Groups, context: Context) -> Timex | None:
    """ "now" -> PRESENT_REF, "recently" -> PAST_REF, "soon" -> FUTURE_REF."""
    value = context.lexicon.lookup("references", groups.get("ref") or "")
    return ("DATE", str(value)) if value else None


def soon(groups: Groups, context: Context) -> Timex | None:
    """ "soon" -> FUTURE_REF, unless its clause is past ("was soon released", "soon
    became a flood"): then it is soon after a past event, no reference to the future."""
    return None if context.tense == "PAST" else ("DATE", "FUTURE_REF")


def modal_future(groups: Groups, context: Context) -> Timex | None:
    """ "will one day be": after a modal, "one day" is a vague future (FUTURE_REF)."""
    return "DATE", "FUTURE_REF"


def blocked(groups: Groups, context: Context) -> Timex | None:
    """Blocker rules ("a day of mourning"): a phrase that looks like a time but is not."""
    return None
