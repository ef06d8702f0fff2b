"""Time expressions (TIMEX3) found and normalized against the publication date.

The recognizer (``time_recognize``, grammar in ``data/times/patterns.toml``) proposes
spans; of overlapping ones that get a value the longest is kept.  spaCy is used only
to corroborate doubtful forms (a bare "2000", "March") and for the tense of the
governing verb.  ``time_normalize`` gives each span its value.
Two passes then join a clock time to the day named next to it ("3 p.m. on Tuesday")
and split day ranges ("February 10-20" -> "February 10" and "20").  Decisions and
figures: docs/data/times.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import cast

from spacy.tokens import Doc

from brinkwatch.extract.time_calendar import last_completed_quarter, shift_months
from brinkwatch.extract.time_context import TENSES
from brinkwatch.extract.time_lexicon import TimeLexicon, load_time_lexicon
from brinkwatch.extract.time_normalize import normalize_match
from brinkwatch.extract.time_recognize import Candidate, non_overlapping, recognize_all
from brinkwatch.extract.time_tense import deferred_until, tense_at
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import TimeMention, TimeType

# Handlers whose value depends on the tense of the governing verb.
_TENSED = frozenset({"weekday", "quarter", "relative_unit", "weekend", "relative_named",
                     "month_day", "month_year", "holiday", "in_offset", "week_of",
                     "weekday_day", "holiday_weekend", "nth_day_of_month",
                     "season_nearest", "soon"})  # fmt: skip
_HINT_ENTITIES = frozenset({"DATE", "TIME", "EVENT"})
# Between a clock time and its day: nothing, a comma, "on" or "at".
_CLOCK_DAY_GAP = re.compile(
    r"\s*,?\s*(?:on\s+|at\s+|by\s+|before\s+|after\s+)?(?:about\s+|around\s+)?", re.IGNORECASE
)
_RANGE_END = re.compile(
    r"\s*(?:-|–|—|to|through|until|till|and)\s*(\d{1,2})(?:st|nd|rd|th)?(?![\w/:-]|\.\d)",
    re.IGNORECASE,
)
_BRACKETED_AFTER = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_MIDNIGHT = re.compile(r"\bmidnight\b", re.IGNORECASE)
_DAY_RANGE_RULES = frozenset({"month_day"})
_OFFSET_GAP = re.compile(r"\s+(after|before|from)\s+", re.IGNORECASE)
_SIMPLE_PERIOD = re.compile(r"P(\d+)([DWMY])")
_UNIT_DAYS = MappingProxyType({"D": 1, "W": 7})
_UNIT_MONTHS = MappingProxyType({"M": 1, "Y": 12})
_WORD_BEFORE = re.compile(r"(\w+)\W{1,3}$")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d']?\s+(?=[A-Z\"\u201c])|\n\s*\n")
# Rules read against the date the story named last, not the publication date.
_FROM_THE_STORY = frozenset({"story_unit", "story_day", "story_weekday"})
# A calendar value: year, month, day ("1998", "1998-10", "1998-10-23", "1998-10-23T..").
_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\d-]*W)")
_WORKDAYS = re.compile(r"\b(?:trading|business|working)\b", re.IGNORECASE)


def extract_times(
    doc: Doc, published: date | None, table: TokenTable | None = None
) -> tuple[TimeMention, ...]:
    """Every time expression in ``doc`` with its TIMEX3 value."""
    lexicon = load_time_lexicon()
    # Doc.text is a property that rebuilds the string token by token: read it once
    text = table.text if table is not None else doc.text
    mentions = _best_mentions(doc, text, published, lexicon)
    joined = _join_clock_and_day(text, _anchored_offsets(text, mentions))
    return _quarterly_comparisons(text, joined, published, lexicon)


def _best_mentions(
    doc: Doc, text: str, published: date | None, lexicon: TimeLexicon
) -> list[TimeMention]:
    """Normalize every match first, so that a longer reading with no value (a bare
    "May" that is a verb, "an hour later" with no date) does not hide a shorter one;
    blocker rules ("a day of mourning") keep their place and hide what they cover."""
    valued: dict[int, TimeMention] = {}
    ranked = []
    for candidate in recognize_all(text, lexicon):
        mention = _mention(doc, candidate, published, lexicon)
        if mention is not None or candidate.rule.handler == "blocked":
            ranked.append(candidate)
            if mention is not None:
                valued[id(candidate)] = mention
    mentions: list[TimeMention] = []
    story: str | None = None  # the value of the last calendar date named so far
    for candidate in non_overlapping(ranked):
        mention = valued.get(id(candidate))
        if mention is not None and candidate.rule.handler in _FROM_THE_STORY:
            mention = _from_the_story(doc, candidate, story, lexicon)
        if mention is not None:
            mentions.append(mention)
            mentions.extend(_range_end(text, candidate, mention))
            story = mention.value if _CALENDAR.match(mention.value) else story
    return mentions


def _from_the_story(
    doc: Doc, candidate: Candidate, story: str | None, lexicon: TimeLexicon
) -> TimeMention | None:
    """ "that year", "the next morning": resolved against the date the story named
    last, when that date is precise enough (a day for "that day"); else left out."""
    if story is None:
        return None
    parts = _CALENDAR.match(story)
    unit = (candidate.match.groupdict().get("unit") or "").lower()
    needed = {"year": 1, "month": 2}.get(unit, 3)  # a week or a day needs the day
    if parts is None or parts.lastindex is None or parts.lastindex < needed:
        return None
    year, month, day = (int(parts.group(i) or 1) for i in (1, 2, 3))
    try:
        anchor = date(year, month, day)
    except ValueError:
        return None
    return _mention(doc, candidate, anchor, lexicon)


def _mention(
    doc: Doc, candidate: Candidate, published: date | None, lexicon: TimeLexicon
) -> TimeMention | None:
    if not _plausible(doc, candidate, lexicon):
        return None
    rule = candidate.rule
    tense = _tense(doc, candidate, lexicon) if rule.handler in _TENSED else "PAST"
    timex = normalize_match(rule, candidate.match.groupdict(), published, tense)
    if timex is None:
        return None
    if timex[0] == "DURATION" and _is_rate(doc, candidate):
        timex = ("SET", timex[1])
    text = candidate.match.string[candidate.start : candidate.end]
    kind = cast(TimeType, timex[0])  # handlers only return the four TIMEX3 types
    return TimeMention(text, candidate.start, candidate.end, kind, timex[1])


def _tense(doc: Doc, candidate: Candidate, lexicon: TimeLexicon) -> str:
    """The direction a cue word right before the span gives ("payable Dec. 1"); past
    for a possessive ("Wednesday's ruling": a thing done); else the tense of the
    governing verb."""
    start, text = candidate.start, candidate.match.string
    cues = lexicon.tables["tense_cues"]
    cued = _cue_tense(text, start, cues)
    if cued is not None:
        return cued
    if _POSSESSIVE.match(text, candidate.end):
        return "PAST"
    if deferred_until(doc, text, start, candidate.end, frozenset(cues["DEFERRING_VERBS"])):
        return "FUTURE"
    return tense_at(doc, start, candidate.end, frozenset(cues["FUTURE_VERBS"]))


def _cue_tense(text: str, start: int, cues: Mapping[str, list[str]]) -> str | None:
    """The tense a cue word or phrase right before the span gives: "payable Dec. 1",
    "as early as Tuesday" (FUTURE), "since Jan. 13" (PAST)."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return None
    head = text[max(0, start - 30) : before.end(1)].lower()
    for tense in TENSES:
        for cue in cues.get(tense, ()):
            if head.endswith(cue) and not head[: -len(cue)][-1:].isalnum():
                return tense
    return None


def _plausible(doc: Doc, candidate: Candidate, lexicon: TimeLexicon) -> bool:
    """Month names that are also common words must be capitalised ("may", "march");
    doubtful forms need a date-like context."""
    groups = candidate.match.groupdict()
    ambiguous = lexicon.tables["ambiguous_months"]["words"]
    for name in ("month", "name"):
        word = (groups.get(name) or "").rstrip(".")
        if word.lower() in ambiguous and not word[0].isupper():
            return False
    holiday = groups.get("holiday") or groups.get("holiday2") or ""
    if _normalised(holiday) in lexicon.tables["ambiguous_holidays"]["words"] and not (
        holiday[0].isupper()
    ):
        return False
    if not candidate.rule.needs_hint:
        return True
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return False
    if span.start > 0 and doc[span.start - 1].tag_ in ("PRP$", "POS"):
        return True  # "its 1997 positions", "Russia's 2014 annexation": a dated thing
    if _bare_number(candidate, span.text) and _counts_things(doc, span.end):
        return False  # "2000 troops"; but not "fiscal 1989 sales", "November transactions"
    if any(token.ent_type_ in _HINT_ENTITIES for token in span):
        return True
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in lexicon.tables["hint_words"]["words"]


def _bare_number(candidate: Candidate, text: str) -> bool:
    """ "2000", "two thousand": a year alone, which may as well count things."""
    return text.isdigit() or candidate.match.groupdict().get("year") == candidate.match.group(0)


def _is_rate(doc: Doc, candidate: Candidate) -> bool:
    """ "$500 million a year", "four flights a week": "a <unit>" hanging from a count
    is a frequency (SET), not a stretch of time ("the talks lasted a week")."""
    if (candidate.match.groupdict().get("num") or "").lower() not in ("a", "an"):
        return False
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return False
    unit = span[-1]
    return unit.dep_ == "npadvmod" and unit.head.pos_ in ("NOUN", "NUM", "PROPN")


def _counts_things(doc: Doc, after: int) -> bool:
    """ "2000 troops": a number followed by a plural noun counts things, it is no year."""
    return after < len(doc) and doc[after].tag_ == "NNS"


def _range_end(text: str, candidate: Candidate, first: TimeMention) -> list[TimeMention]:
    """ "February 10-20": the second day becomes its own DATE in the same month.

    TempEval annotates a range as two TIMEX3s, so we do too (docs/data/times.md)."""
    if candidate.rule.name not in _DAY_RANGE_RULES or len(first.value) != 10:
        return []
    match = _RANGE_END.match(text, candidate.end)
    if match is None or candidate.match.groupdict().get("year"):
        return []
    day = int(match.group(1))
    if not int(first.value[8:]) < day <= 31:
        return []
    value = f"{first.value[:8]}{day:02d}"
    return [TimeMention(match.group(1), match.start(1), match.end(1), "DATE", value)]


def _anchored_offsets(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """ "three days after January 12", "two weeks before Christmas": a duration counted
    from a day named right after it is one DATE, that many days away."""
    result: list[TimeMention] = []
    index = 0
    while index < len(mentions):
        merged = _offset_pair(text, mentions, index)
        result.append(merged or mentions[index])
        index += 2 if merged else 1
    return result


def _offset_pair(text: str, mentions: list[TimeMention], index: int) -> TimeMention | None:
    if index + 1 >= len(mentions):
        return None
    span, day = mentions[index], mentions[index + 1]
    gap = _OFFSET_GAP.fullmatch(text, span.end, day.start)
    period = _SIMPLE_PERIOD.fullmatch(span.value)
    if gap is None or period is None or span.type != "DURATION" or not _is_day(day.value):
        return None
    if _WORKDAYS.search(span.text):
        return None  # "eight trading days after Oct. 12": not calendar days
    if day.value.startswith("X"):
        return None
    count = int(period.group(1)) * (-1 if gap.group(1).lower() == "before" else 1)
    value = _counted_from(date.fromisoformat(day.value[:10]), count, period.group(2))
    if value is None:
        return None  # counted off the calendar
    return TimeMention(text[span.start : day.end], span.start, day.end, "DATE", value)


def _counted_from(day: date, count: int, unit: str) -> str | None:
    """The day ``count`` days, weeks, months or years from ``day`` (a month on from
    31 January is the last day of February)."""
    try:
        if unit in _UNIT_DAYS:
            return (day + timedelta(days=count * _UNIT_DAYS[unit])).isoformat()
        return shift_months(day, count * _UNIT_MONTHS[unit]).isoformat()
    except (OverflowError, ValueError):
        return None


def _join_clock_and_day(text: str, mentions: list[TimeMention]) -> tuple[TimeMention, ...]:
    """Merge a clock time with a day named right next to it into one TIME; the same
    clock time given again in brackets in another zone ("9:40 a.m. (0740 GMT)
    Monday") is part of the first."""
    joined: list[TimeMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is not None and _is_clock(previous) and _is_clock(mention):
            gloss = _BRACKETED_AFTER.fullmatch(text, previous.end, mention.start)
            closing = _BRACKET_CLOSE.match(text, mention.end)
            if gloss is not None and closing is not None:
                joined[-1] = replace(previous, text=text[previous.start : closing.end()],
                                     end=closing.end())  # fmt: skip
                continue
        if previous is not None and _adjacent(text, previous, mention):
            merged = _merge(text, previous, mention)
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append(mention)
    return tuple(joined)


def _adjacent(text: str, first: TimeMention, second: TimeMention) -> bool:
    gap = _CLOCK_DAY_GAP.fullmatch(text, first.end, second.start)
    return gap is not None


def _merge(text: str, first: TimeMention, second: TimeMention) -> TimeMention | None:
    clock, day = (first, second) if _is_clock(first) else (second, first)
    if not _is_clock(clock) or _is_clock(day) or not _is_day(day.value):
        return None
    hour = clock.value.split("T", 1)[1]
    if _MIDNIGHT.search(clock.text):
        hour = "24:00"  # "midnight Friday" is the end of Friday (TimeML writes T24:00)
    value = f"{day.value[:10]}T{hour}"
    return TimeMention(text[first.start : second.end], first.start, second.end, "TIME", value)


def _is_clock(mention: TimeMention) -> bool:
    return mention.type == "TIME" and re.search(r"T\d\d:\d\d$", mention.value) is not None


def _is_day(value: str) -> bool:
    """A calendar day, maybe with a part of it ("2022-01-25TNI": "tonight at 10 p.m.")."""
    day = r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)(?:T(?:MO|AF|EV|NI))?"
    return re.fullmatch(day, value) is not None


def _quarterly_comparisons(
    text: str, mentions: tuple[TimeMention, ...], published: date | None, lexicon: TimeLexicon
) -> tuple[TimeMention, ...]:
    """In a report by quarters, "a year ago" is the same quarter of the year before:
    the quarter that ended last before publication, a year back."""
    table = lexicon.tables["quarterly_comparisons"]
    if published is None or table["context_word"] not in text.lower():
        return mentions
    phrases = frozenset(table["phrases"])
    last_year, last_quarter = last_completed_quarter(published)
    value = f"{last_year - 1}-Q{last_quarter}"
    longer = tuple(table["longer_periods"])
    result = []
    for mention in mentions:
        if _normalised(mention.text) in phrases and not _mentions_any(
            _sentence_of(text, mention), longer
        ):
            mention = replace(mention, value=value)
        result.append(mention)
    return tuple(result)


def _sentence_of(text: str, mention: TimeMention) -> str:
    """The sentence around a mention, cut at the nearest sentence ends (a full stop,
    question or exclamation mark before a space, or a blank line)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, mention.start)]
    following = _SENTENCE_END.search(text, mention.end)
    return text[ends[-1] if ends else 0 : following.start() if following else len(text)]


def _mentions_any(sentence: str, phrases: tuple[str, ...]) -> bool:
    lowered = _normalised(sentence)
    return any(phrase in lowered for phrase in phrases)


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())
