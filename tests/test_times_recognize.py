"""The recognizer's shortcuts find what the plain search would: merged alternations
match as the lists they replace, a group's scanner stops wherever one of its rules
matches, and the ASCII word split finds the anchor words the regex split finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brinkwatch.extract.time_lexicon import factored, load_time_lexicon
from brinkwatch.extract.time_recognize import anchor_words, recognize_all

SENTENCES = [
    "On Monday, Feb. 14, 2022 at 9:30 a.m. GMT the talks resumed, three weeks after "
    "the Jan. 24 meeting; in the first quarter of 1998, the 1990s and mid-2020s.",
    "The previous Friday, more than two years ago, Tuesday nights and every other week "
    "since Christmas Eve: the day after tomorrow, the year to date, 24 hours a day.",
    "Q3 2021, FY2020, 12/31/1999, 2022-02-10T08:00, the 21st century, last spring, "
    "the following Thursday, Dec31 and the week of March 3, the March for Life.",
]


@pytest.mark.parametrize(
    "words",
    [
        ["monday", "mon", "tuesday", "tues", "tue"],
        ["an", "a", "one", "1st", "1"],
        [r"jan\.?", r"june\.?", r"july\.?"],
        [r"new\s+year['\u2019]s\s+day", r"new\s+year['\u2019]s\s+eve", "nine"],
        ["x", r"\d+", "y"],  # not merged: a branch does not begin with a letter
    ],
)
def test_merged_alternation_matches_like_the_list(words: list[str]) -> None:
    plain = re.compile(f"(?:{'|'.join(words)})", re.IGNORECASE)
    merged = re.compile(f"(?:{factored(words)})", re.IGNORECASE)
    for text in ["Monday", "MON.", "tues", "an", "a", "1st", "Jan.", "June", "JULY",
                 "New Year's Day", "new  year’s eve", "x", "12", "nothing"]:  # fmt: skip
        for end in range(len(text) + 1):
            found, expected = merged.match(text, 0, end), plain.match(text, 0, end)
            assert (found and found.span()) == (expected and expected.span())


def test_lexicon_alternations_are_merged() -> None:
    month_day = next(rule for rule in load_time_lexicon().rules if rule.name == "month_day")
    assert "j(?:" in month_day.regex.pattern


@pytest.mark.parametrize("text", SENTENCES)
def test_group_scanner_stops_where_a_rule_of_its_group_matches(text: str) -> None:
    lexicon = load_time_lexicon()
    for orders, scanner in zip(lexicon.group_rules, lexicon.group_scanners, strict=True):
        if scanner is None:
            continue
        regexes = [lexicon.rules[order].regex for order in orders]
        for start, end in [(0, len(text)), (10, 70), (35, len(text) - 20)]:
            found = [m.start() for m in scanner.finditer(text, start, end)]
            expected = [
                p for p in range(start, end + 1) if any(r.match(text, p, end) for r in regexes)
            ]
            assert found == expected


def test_recognizer_finds_the_sentences_expressions() -> None:
    found = {c.match.group(0) for c in recognize_all(SENTENCES[0], load_time_lexicon())}
    assert {"Monday, Feb. 14, 2022", "9:30 a.m. GMT", "three weeks", "the 1990s"} <= found


_WORDS = ["May", "day", "Dec31", "2022", "x_1", "the", "mid", "week", "A1b", "weekend", "9"]
_ANCHOR_TEXT = st.lists(st.sampled_from(_WORDS)).map(" ".join) | st.text(alphabet="aDy0 9-_.,'\n")


@given(_ANCHOR_TEXT, st.sampled_from(["", " ", "-", "_", "(", "\n"]))
def test_ascii_split_finds_the_words_the_regex_finds(text: str, glue: str) -> None:
    text = text.replace(" ", glue) if glue else text
    lexicon = load_time_lexicon()
    words = ((m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[^\W_]+", text))
    expected = [w for w in words if w[2] in lexicon.triggers or not w[2].isalpha()]
    assert anchor_words(text, lexicon) == expected
