"""Fuzzing the pure normalizers (TIMEX3 values, number phrases) and the time and quantity
extractors on parsed text: no exception escapes, values are well-formed, offsets fit."""

from __future__ import annotations

import math
import re
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from brinkwatch.extract.quantities import extract_quantities
from brinkwatch.extract.quantity_numbers import parse_amount
from brinkwatch.extract.time_normalize import normalize
from brinkwatch.extract.times import extract_times
from brinkwatch.nlp import load_nlp
from brinkwatch.settings import Settings

TIME_WORDS = st.sampled_from(
    ["last", "next", "this", "week", "month", "year", "years", "days", "ago", "Monday",
     "Friday", "weekend", "January", "Feb.", "29", "31", "0", "2022", "1990s", "99999999",
     "-5", "Q4", "quarter", "century", "21st", "early", "late", "mid-", "on", "in", "the",
     "of", "2022-02-30", "12/31/2021", "13/13/13", "noon", "3:75", "p.m.", "every", "day",
     "spring", "Christmas", "since", "until", "two", "thousand", "hours", "decade", "W53"]
)  # fmt: skip
NUMBER_WORDS = st.sampled_from(
    ["1", "8,500", "1.2", "bn", "billion", "million", "thousand", "hundred", "three", "a",
     "dozen", "tens", "of", "several", "more", "than", "up", "to", "-", "−", "1e308", "1e309",
     "9" * 400, ".", ",", "half", "quarter", "%", "$", "€", "nan", "inf", "0x10", "٣",
     "½", "²", "1,,000", "1.2.3", "about", "nearly"]
)  # fmt: skip
TENSES = st.sampled_from(["PAST", "PRESENT", "FUTURE", "", "bogus"])
ANCHORS = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max]))
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
PHRASES = st.lists(TIME_WORDS, min_size=1, max_size=5).map(" ".join)
AMOUNTS = st.lists(NUMBER_WORDS, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(PHRASES, st.text(max_size=40)), anchor=ANCHORS, tense=TENSES)
@example(text="99999999 days ago", anchor=date.max, tense="PAST")
@example(text="next year", anchor=date.max, tense="FUTURE")
@example(text="last week", anchor=date.min, tense="PAST")
@example(text="the 1990s", anchor=None, tense="PAST")
def test_time_normalizer_never_raises(text: str, anchor: date | None, tense: str) -> None:
    timex = normalize(text, anchor, tense)
    if timex is not None:
        kind, value = timex
        assert kind in TIMEX_TYPES and value and not value.startswith("-"), timex


@settings(max_examples=400, deadline=None)
@given(st.one_of(AMOUNTS, st.text(max_size=40)))
@example("9" * 400)
@example("1e309 billion")
def test_number_parser_never_raises(text: str) -> None:
    amount = parse_amount(text)
    assert amount.value is None or math.isfinite(amount.value)
    assert amount.qualifier is None or isinstance(amount.qualifier, str)


SENTENCE = st.lists(st.one_of(TIME_WORDS, NUMBER_WORDS, st.sampled_from(
    ["troops", "soldiers", "tanks", "Russia", "said", "sent", "dollars", "percent", "(", ")",
     '"', "and", "near", "Kyiv", "."])), min_size=1, max_size=30).map(" ".join)  # fmt: skip


@settings(max_examples=120, deadline=None)
@given(text=st.one_of(SENTENCE, st.text(max_size=120)), anchor=ANCHORS)
@example(text="On Monday 99999999 days ago 1e309 troops arrived.", anchor=date.max)
def test_time_and_quantity_extractors_keep_offsets_inside_the_text(
    text: str, anchor: date | None
) -> None:
    doc = load_nlp(Settings().spacy_model)(text)
    for mention in (*extract_times(doc, anchor), *extract_quantities(doc)):
        assert 0 <= mention.start < mention.end <= len(text), mention
        assert text[mention.start : mention.end] == mention.text, mention
    for quantity in extract_quantities(doc):
        assert quantity.value is None or math.isfinite(quantity.value)


def test_fuzz_vocabularies_reach_real_values() -> None:
    # Guards the strategies: they must produce phrases the normalizers do read.
    assert normalize("last week", date(2022, 1, 26), "PAST") is not None
    assert parse_amount("8,500").value == 8500
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", normalize("Monday", date(2022, 1, 26), "PAST")[1])  # type: ignore[index]
