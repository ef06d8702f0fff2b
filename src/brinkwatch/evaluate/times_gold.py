"""Readers for the two time gold sets: TempEval-3 TimeML files and DateTimeModel.json.

Both, and our own dev set (devsets/times.jsonl, :func:`read_devset`), come out as
:class:`GoldDoc`: a text, the anchor date, and the gold time spans.
DateTimeModel resolutions are mapped to the TIMEX3 values we emit; results that cannot
be compared (intervals, time zones) are kept as ``skip`` spans, so that a mention over
them counts neither as a hit nor as a false alarm.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.devsets import read_jsonl
from brinkwatch.extract.time_calendar import iso_week

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
# DateTimeModel types whose resolution is one TIMEX3 value we can compare.
DTM_DATE_TYPES = frozenset({"datetimeV2.date", "datetimeV2.daterange"})
DTM_OTHER_TYPES = frozenset({
    "datetimeV2.duration", "datetimeV2.set", "datetimeV2.time", "datetimeV2.datetime",
    "datetimeV2.timerange", "datetimeV2.datetimerange",
})  # fmt: skip


# A TIMEX3 value as the TimeML guidelines define it; Recognizers-Text also writes
# intervals "(start,end,duration)" and private forms ("XXXX-07-W05", "FY2018",
# "SY2019", a season without a year), which no TIMEX3 tagger emits: those are skipped.
TIMEX3_VALUE = re.compile(
    r"(?:\d{4}|XXXX)(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?)?(?:T[\d:]+|T(?:MO|AF|EV|NI))?"
    r"|(?:\d{4}|XXXX)-W(?:\d\d|XX)(?:-(?:\d|WE))?(?:T[\d:]+|T(?:MO|AF|EV|NI))?"
    r"|\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)|\d{2,3}"
    r"|T[\d:]+|T(?:MO|AF|EV|NI)|P[\dX.]+(?:DE|CE|[YMWDQ])|PT[\dX.]+[HMS]|P[\dYMWDTHS.]+"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
)


# Recognizers-Text type -> TIMEX3 type ("PRESENT_REF" datetimes are DATEs, but rare).
_DTM_TIMEX_TYPE = MappingProxyType({
    "date": "DATE", "daterange": "DATE", "time": "TIME", "timerange": "TIME",
    "datetime": "TIME", "datetimerange": "TIME", "duration": "DURATION", "set": "SET",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoldTime:
    """One gold span; ``values`` are the values that count as right (empty: skip)."""

    start: int
    end: int
    type: str
    values: frozenset[str]
    kind: str  # "date" (headline scoring), "other" (scored too), "skip" (not comparable)


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text: str
    anchor: date | None
    times: tuple[GoldTime, ...]


# ------------------------------------------------------------------ TimeML


def read_timeml_dir(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    """Every ``*.tml`` under ``folder`` (sorted), at most ``limit`` of them."""
    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise EvaluationError(f"no .tml files under {folder}; pass --gold a TimeML folder")
    return [read_timeml(path) for path in files[:limit]]


def read_timeml(path: Path) -> GoldDoc:
    """The <TEXT> of one TimeML file with tags removed (offsets kept) and its TIMEX3s."""
    raw = path.read_text(encoding="utf-8")
    start, end = raw.find("<TEXT>"), raw.find("</TEXT>")
    if start < 0 or end < 0:
        raise EvaluationError(f"{path}: no <TEXT> element; is this a TimeML file?")
    text, times = _strip_tags(raw[start + len("<TEXT>") : end])
    return GoldDoc(path.stem, text, _creation_time(raw), tuple(times))


def _strip_tags(body: str) -> tuple[str, list[GoldTime]]:
    pieces: list[str] = []
    length, open_at, attrs = 0, 0, {}
    times: list[GoldTime] = []
    cursor = 0
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[cursor : tag.start()])
        pieces.append(piece)
        length += len(piece)
        cursor = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            open_at, attrs = length, dict(_ATTR.findall(tag.group(3)))
        else:
            value = canonical_value(attrs.get("value", ""))
            times.append(GoldTime(open_at, length, attrs.get("type", ""), frozenset({value}),
                                  "date"))  # fmt: skip
    pieces.append(html.unescape(body[cursor:]))
    return "".join(pieces), times


def canonical_value(value: str) -> str:
    """Same value, one spelling: TimeBank writes some weeks unpadded ("2000-W7") and
    some clock hours without minutes ("1989-11-06T17"), read as "T17:00" as in
    DateTimeModel."""
    return _clock_form(re.sub(r"-W(\d)(?!\d)", r"-W0\1", value))


def _creation_time(raw: str) -> date | None:
    for tag in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(tag.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            try:
                return date.fromisoformat(attrs.get("value", "")[:10])
            except ValueError:
                return None
    return None


# ------------------------------------------------------------------ DateTimeModel


def read_datetime_model(path: Path, limit: int | None = None) -> list[GoldDoc]:
    """The cases of Recognizers-Text's DateTimeModel.json as gold documents."""
    try:
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read {path}: {exc}; pass --gold DateTimeModel.json") from exc
    docs = [_dtm_case(i, case) for i, case in enumerate(cases) if _scorable(case)]
    return docs[:limit]


def _scorable(case: dict[str, Any]) -> bool:
    """A case with a reference date, whose results are those of the default mode: a
    case marked as supported only in another mode ("Only supported in CalendarMode")
    lists no results here, which says nothing about what the text contains."""
    comment = str(case.get("Comment", ""))
    return "Context" in case and not re.search(r"only supported in \w+mode", comment, re.I)


def _dtm_case(index: int, case: dict[str, Any]) -> GoldDoc:
    anchor = date.fromisoformat(case["Context"]["ReferenceDateTime"][:10])
    times = tuple(_dtm_result(r) for r in case.get("Results", []))
    return GoldDoc(f"dtm{index}", case["Input"], anchor, times)


def _dtm_result(result: dict[str, Any]) -> GoldTime:
    type_name = str(result.get("TypeName", ""))
    resolutions = (result.get("Resolution") or {}).get("values") or []
    timex = str(resolutions[0].get("timex", "")) if resolutions else ""
    start, end = int(result["Start"]), int(result["End"]) + 1
    if type_name not in DTM_DATE_TYPES | DTM_OTHER_TYPES or not TIMEX3_VALUE.fullmatch(timex):
        return GoldTime(start, end, type_name, frozenset(), "skip")
    kind = "date" if type_name in DTM_DATE_TYPES else "other"
    type_ = _DTM_TIMEX_TYPE.get(type_name.split(".")[-1], "DATE")
    return GoldTime(start, end, type_, _accepted_values(timex, resolutions), kind)


def _accepted_values(timex: str, resolutions: list[dict[str, Any]]) -> frozenset[str]:
    """The timex itself, its clock part as HH:MM, the ISO week a resolution spans
    exactly, and, where the timex has X's, each resolution Recognizers-Text gives (past
    and future readings) at the timex's granularity."""
    values = {timex, _clock_form(timex)}
    values.update(week for r in resolutions if (week := _week_spanned(r)) is not None)
    if "X" not in timex:
        return frozenset(values)
    for resolution in resolutions:
        for key in ("value", "start", "end"):
            resolved = str(resolution.get(key) or "")[:10]
            if re.fullmatch(r"\d{4}-\d\d-\d\d", resolved):  # not "not resolved"
                values.add(_at_granularity(timex, resolved))
    return frozenset(values)


def _week_spanned(resolution: dict[str, Any]) -> str | None:
    """ "the week of April 10th": Recognizers-Text writes the day named as the timex
    but resolves the range Monday to Monday, which is one ISO week (TIMEX3 "2018-W15")."""
    try:
        start = date.fromisoformat(str(resolution.get("start") or "")[:10])
        end = date.fromisoformat(str(resolution.get("end") or "")[:10])
    except ValueError:
        return None
    if (end - start).days != 7 or start.isoweekday() != 1:
        return None
    return iso_week(start)


def _at_granularity(timex: str, resolved: str) -> str:
    """A resolved day written as precisely as ``timex``: a day for XXXX-WXX-5 or
    XXXX-05-12, a week for XXXX-WXX, a weekend for XXXX-WXX-WE, a month for XXXX-05."""
    if re.fullmatch(r"XXXX-WXX-\d.*|[\dX]{4}-[\dX]{2}-[\dX]{2}.*", timex):
        return resolved
    if "W" in timex:  # a week, or its weekend ("XXXX-WXX-WE" -> "2016-W45-WE")
        weekend = "-WE" if timex.endswith("-WE") else ""
        return iso_week(date.fromisoformat(resolved)) + weekend
    return resolved[: len(timex.split("T")[0])]


def _clock_form(timex: str) -> str:
    """ "T15" -> "T15:00" (the form we write); other values unchanged."""
    return re.sub(r"T(\d\d)$", r"T\1:00", timex)


# ------------------------------------------------------------------ our dev set


def read_devset(path: Path, limit: int | None = None) -> list[GoldDoc]:
    """Our hand-annotated sentences (devsets/times.jsonl, format in devsets/README.md).
    Every gold time is scored (kind "date"); its values are ``value`` and ``also``."""
    return [_devset_doc(item) for item in read_jsonl(path)[:limit]]


def _devset_doc(item: dict[str, Any]) -> GoldDoc:
    times = tuple(
        GoldTime(int(t["start"]), int(t["end"]), str(t["type"]),
                 frozenset(canonical_value(str(v)) for v in [t["value"], *t.get("also", [])]),
                 "date")
        for t in item["times"]
    )  # fmt: skip
    return GoldDoc(str(item["id"]), str(item["text"]), date.fromisoformat(item["published"]), times)
