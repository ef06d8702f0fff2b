"""Quantities: numbers with what they count, money, percentages.

A quantity is a number phrase ("8,500", "three thousand", "several thousand",
"$200 million") together with its unit: a currency, "percent", or a counted
noun from ``data/quantities/units.tsv`` -- the noun the number modifies
("8,500 U.S. troops") or the noun after "of" ("thousands of troops").  Numbers
that count nothing we know (ages, street numbers, years, phone numbers, times)
are not reported: precision first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.quantity_lexicon import Qualifier, QuantityLexicon
from brinkwatch.extract.quantity_numbers import Amount, NumberWords, parse_amount, parse_number
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import Quantity

# Numbers inside these entities are times, dates, ages or ranks, never counts.
SKIP_ENTITIES = frozenset({"DATE", "TIME", "ORDINAL"})
# How far after the number its counted noun may stand ("8,500 more U.S. troops").
MAX_NOUN_DISTANCE = 4
JOINERS = frozenset({"and", "point", "a"})
RANGE_LINKS = frozenset({"and", "to", "-", "–", "through", "and/or"})
PERCENT_WORDS = frozenset({"%", "percent", "per cent", "pct", "percentage points"})
_RANGE_TOKEN = re.compile(r"^(\d[\d,.]*[a-z]*)[-–](\d[\d,.]*[a-z]*)$")
_PHONE_PAIR = re.compile(r"^\d{3}-\d{4}$")
_PHONE_LIKE = re.compile(r"^(\d{2,4}(-\d{2,4})+|\d{3}\.\d{3}\.\d{4})$")
_STOP_POS = frozenset({"VERB", "AUX", "ADP", "PUNCT", "CCONJ", "SCONJ", "PRON", "PART", "NUM"})
_HYPHENS = frozenset({"-", "–"})
# A modifier that leans on a later noun ("aircraft" of "aircraft carriers", "ship" of
# "anti-ship missiles"): the later noun, the head, says what is counted.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
MAX_HEAD_DISTANCE = 3
# An aircraft model before "fighters" makes them aircraft, not armed men ("two F-35
# fighters", "Su-27 fighters", "Rafale fighters").
_AIRCRAFT_MODEL = re.compile(r"^[A-Z][A-Za-z]{0,3}-?\d{1,3}[A-Z]?s?$")
AIRCRAFT_NAMES = frozenset({"rafale", "rafales", "gripen", "gripens", "eurofighter", "typhoon",
                            "mirage", "tornado", "harrier"})  # fmt: skip
_AIRCRAFT_PERSONS = frozenset({"fighter", "fighters"})


@dataclass(frozen=True, slots=True)
class _Unit:
    """What a number counts, and the token index its quantity text ends before."""

    unit: str
    start: int  # first token of the quantity text (a currency sign may come first)
    end: int


@dataclass(frozen=True, slots=True)
class _Words:
    """What the number scanner reads at every token, computed once per document."""

    lower: list[str]
    number: list[bool]  # _is_number_text
    number_word: list[bool]  # a number word, read from the token's text
    skipped: list[bool]  # inside a DATE, TIME or ORDINAL entity
    may_start: list[bool]  # a number run may start here (see _may_start_run)

    @classmethod
    def of(cls, table: TokenTable) -> _Words:
        known = _number_word_set()
        number_word = [text.lower() in known for text in table.orth]
        skipped = table.is_one_of("ENT_TYPE", SKIP_ENTITIES)
        columns = zip(table.orth, table.like_num, number_word, skipped, strict=True)
        number = [_is_number_text(*row) for row in columns]
        may_start = [
            _may_start_run(lower, is_number, is_word)
            for lower, is_number, is_word in zip(table.lower, number, number_word, strict=True)
        ]
        return cls(table.lower, number, number_word, skipped, may_start)


def extract_quantities(doc: Doc, table: TokenTable | None = None) -> tuple[Quantity, ...]:
    """Every counted quantity in ``doc``, in text order."""
    found: list[Quantity] = []
    words = _Words.of(table or TokenTable(doc))
    i = 0
    while i < len(doc):
        run = _number_run(doc, words, i) if words.may_start[i] else None
        if run is None:
            i += 1
            continue
        quantity, end = _quantity(doc, words, run)
        if quantity is not None:
            found.append(quantity)
        i = max(run.end, end)
    return tuple(found)


# ----------------------------------------------------------------------------- number runs


def _is_number_text(text: str, like_num: bool, number_word: bool, skipped: bool) -> bool:
    """Whether a token (its text, ``like_num``, whether it is a number word and whether
    it stands in a DATE, TIME or ORDINAL entity) is a number or part of one."""
    if skipped:
        return False
    if text.isalpha():  # no digit: neither phone-like, nor digits with a scale, nor a range
        return like_num or number_word
    if _PHONE_LIKE.match(text):
        return False
    if like_num or number_word or _digits_with_scale(text):
        return True
    return _lower_of_range(text) is not None


@functools.lru_cache(maxsize=1)
def _number_word_set() -> frozenset[str]:
    """Every word :meth:`NumberWords.is_number_word` accepts (lower case)."""
    words = NumberWords.load()
    return frozenset({*words.units, *words.hundreds, *words.scales, *words.multipliers})


def _may_start_run(lower: str, number: bool, number_word: bool) -> bool:
    """Whether :func:`_number_run` can find anything at a token: a number, a vague
    opener's first word, "a"/"an" ("a thousand"), or a plural number word ("thousands
    of").  Anything else is skipped without building the run."""
    if number or lower in _vague_prefixes() or lower in ("a", "an"):
        return True
    return number_word and lower.endswith("s")


def _digits_with_scale(text: str) -> bool:
    """ "1.2bn", "10k": one token holding digits and a scale."""
    return text[:1].isdigit() and parse_number(text) is not None


def _number_run(doc: Doc, words: _Words, i: int) -> Span | None:
    """The longest number phrase starting at token ``i``, vague openers included."""
    start, size = i, len(words.lower)
    i = _after_vague_opening(words, i)
    if i < size and words.lower[i] in ("a", "an") and _next_is_number_word(words, i):
        i += 1
    if i >= size or not words.number[i]:
        return _bare_vague(doc, words, start)
    end = i + 1
    while end < size and (words.number[end] or _joins_words(doc, words, end)):
        end += 1
    return doc[start:end]


def _joins_words(doc: Doc, words: _Words, i: int) -> bool:
    """ "and"/"point"/"a" inside a number in words ("one hundred and five", "a million
    and a half", "two point five"); "20 and 30" or "ten and fifteen" are two numbers."""
    word, previous = words.lower[i], words.lower[i - 1] if i > 0 else ""
    if word not in JOINERS:
        return False
    number_words = NumberWords.load()
    if word == "point":
        joined = number_words.is_number_word(previous) or doc[i - 1].like_num
    elif word == "and":
        joined = previous in number_words.hundreds or previous in number_words.scales
    else:
        joined = word == "a" and previous == "and"
    return joined and _next_is_number_word(words, i)


def _next_is_number_word(words: _Words, i: int) -> bool:
    if i + 1 >= len(words.lower):
        return False
    if words.lower[i + 1] in ("a", "an", "one"):
        return i + 2 < len(words.lower) and words.number_word[i + 2]
    return not words.skipped[i + 1] and words.number_word[i + 1]


@functools.lru_cache(maxsize=1)
def _vague_prefixes() -> frozenset[str]:
    """Every leading piece of a vague opener: a token that is none cannot open one."""
    return frozenset(p[:n] for p in NumberWords.load().vague for n in range(1, len(p) + 1))


def _after_vague_opening(words: _Words, i: int) -> int:
    """Index after "several", "tens of", "a few" when a number follows, else ``i``."""
    lower = words.lower
    if i >= len(lower) or lower[i] not in _vague_prefixes():
        return i
    vague = NumberWords.load().vague
    for size in (3, 2, 1):
        phrase = " ".join(lower[i : i + size])
        if phrase in vague and i + size < len(lower) and words.number[i + size]:
            return i + size
    return i


def _bare_vague(doc: Doc, words: _Words, i: int) -> Span | None:
    """ "thousands" or "dozens" directly before "of": a vague count on its own."""
    lower = words.lower[i]
    plural = lower.endswith("s") and NumberWords.load().is_number_word(lower)
    followed_by_of = i + 1 < len(words.lower) and words.lower[i + 1] == "of"
    return doc[i : i + 1] if plural and followed_by_of else None


# ----------------------------------------------------------------------------- one quantity


def _quantity(doc: Doc, words: _Words, run: Span) -> tuple[Quantity | None, int]:
    """The quantity a number run starts, and the token index after its text."""
    if _is_phone_or_code(doc, run):
        return None, run.end
    after = _post_qualifier(words, run.end)
    unit = _unit(doc, words, run, run.end + (len(after.phrase.split()) if after else 0))
    if unit is None:
        unit = _range_unit(doc, words, run)
    amount = parse_amount(run.text)
    if amount.value is None and not amount.approximate and len(run) == 1:
        amount = Amount(_lower_of_range(run.text))
    if unit is None or (amount.value is None and not amount.approximate):
        return None, run.end
    qualifier = after or _qualifier(words, unit.start)
    span = doc[unit.start : unit.end]
    quantity = Quantity(
        text=span.text, start=span.start_char, end=span.end_char, value=amount.value,
        unit=unit.unit, approximate=amount.approximate or bool(qualifier and qualifier.approximate),
        qualifier=amount.qualifier or (qualifier.phrase if qualifier else None),
    )  # fmt: skip
    return quantity, unit.end


def _post_qualifier(words: _Words, i: int) -> Qualifier | None:
    """ "or more", "or less" right after the number."""
    lexicon = QuantityLexicon.load()
    for size in range(lexicon.max_qualifier_words, 0, -1):
        phrase = " ".join(words.lower[i : i + size])
        if i + size <= len(words.lower) and phrase in lexicon.post_qualifiers:
            return lexicon.post_qualifiers[phrase]
    return None


def _range_unit(doc: Doc, words: _Words, run: Span) -> _Unit | None:
    """ "between 5,000 and 10,000 troops", "20 to 30 tanks": the lower number takes
    the unit of the upper one, and the text runs through it."""
    link = run.end
    if link + 1 >= len(doc) or doc[link].lower_ not in RANGE_LINKS:
        return None
    start = _after_qualifier(words, link + 1)  # "more than 100 and less than 300 people"
    upper = _number_run(doc, words, start) if start < len(doc) else None
    if upper is None or upper.start != start:
        return None
    unit = _unit(doc, words, upper, upper.end)
    return _Unit(unit.unit, run.start, unit.end) if unit is not None else None


def _after_qualifier(words: _Words, i: int) -> int:
    """Index after a qualifier phrase starting at ``i`` ("less than"), else ``i``."""
    lexicon = QuantityLexicon.load()
    for size in range(lexicon.max_qualifier_words, 0, -1):
        phrase = " ".join(words.lower[i : i + size])
        if i + size <= len(words.lower) and phrase in lexicon.qualifiers:
            return i + size
    return i


def _lower_of_range(text: str) -> float | None:
    """ "5,000-10,000" or "5k–20k" written as one token: the lower bound."""
    match = _RANGE_TOKEN.match(text)
    return parse_number(match.group(1)) if match else None


def _is_phone_or_code(doc: Doc, run: Span) -> bool:
    """ "555-1234", "F-16", "COVID-19", "3/4": digits glued to a hyphen or slash after a
    word, or a phone-shaped pair, belong to something else."""
    if run.start >= 2 and doc[run.start - 1].text in ("-", "/"):
        glued = not doc[run.start - 1].whitespace_ and not doc[run.start - 2].whitespace_
        if glued and (doc[run.start - 2].is_alpha or doc[run.start - 1].text == "/"):
            return True
    if run.end + 1 < len(doc) and doc[run.end].text in ("-", "/") and not run[-1].whitespace_:
        following = doc[run.end + 1].text
        return doc[run.end].text == "/" or bool(_PHONE_PAIR.match(f"{run.text}-{following}"))
    return False


def _unit(doc: Doc, words: _Words, run: Span, after: int) -> _Unit | None:
    """Currency, percent or counted noun of a number run; ``after`` is where the
    unit may start (past an "or more")."""
    return (
        _currency_before(doc, run, after)
        or _percent_or_currency_after(words, run, after)
        or _counted_noun(doc, run, after)
    )


def _currency_before(doc: Doc, run: Span, after: int) -> _Unit | None:
    """ "$200 million", "US$1.5 billion", "c $ 1.34" (a sign split in two)."""
    lexicon = QuantityLexicon.load()
    for size in (2, 1):
        tokens = doc[max(0, run.start - size) : run.start]
        if len(tokens) < size or (size == 2 and not _one_sign(tokens)):
            continue
        sign = "".join(t.lower_ for t in tokens)
        if sign in lexicon.currencies_before:
            return _Unit(lexicon.currencies_before[sign], run.start - size, run.end)
    return None


def _one_sign(tokens: Span) -> bool:
    """ "C$" or "hk $" split in two, not the article in "a $5 fine"."""
    first = tokens[0]
    short = len(first) <= 2 and first.is_alpha and first.lower_ not in ("a", "an")
    return not first.whitespace_ or first.text.isupper() or short


def _percent_or_currency_after(words: _Words, run: Span, after: int) -> _Unit | None:
    lexicon = QuantityLexicon.load()
    for size in (3, 2, 1):
        lower = words.lower[after : after + size]
        if len(lower) < size:
            continue
        text = " ".join(lower)
        if text in PERCENT_WORDS:
            return _Unit("percent", run.start, after + size)
        if text in lexicon.currencies_after:
            return _Unit(lexicon.currencies_after[text], run.start, after + size)
    return None


def _counted_noun(doc: Doc, run: Span, after: int) -> _Unit | None:
    """The noun the number counts: after "of" for vague plurals ("thousands of troops"),
    else the nearest noun of our list after the number, before any verb or clause break."""
    start = after
    if start < len(doc) and doc[start].lower_ == "of" and _is_vague_or_scale(run):
        start += 1
    words = 0  # hyphens do not count towards the distance: "short-range anti-tank missiles"
    i = start
    while i < len(doc) and words <= MAX_NOUN_DISTANCE:
        match = _unit_starting_at(doc, i)
        if match is not None:
            headed = _head_unit(doc, i, match, run)
            return _Unit(headed[0], run.start, headed[1]) if headed is not None else None
        if doc[i].pos_ in _STOP_POS and doc[i].text not in _HYPHENS:
            return None
        words += doc[i].text not in _HYPHENS
        i += 1
    return None


def _head_unit(doc: Doc, i: int, match: tuple[str, int], run: Span) -> tuple[str, int] | None:
    """The unit of the head noun when the listed noun at ``i`` only modifies it:
    "aircraft carriers" are ships, "anti-ship missiles" missiles, "rocket launchers"
    rocket launchers (listed whole); None when the head is a noun we do not count
    ("five tank crews").  A listed compound ("battalion tactical groups") stands, and
    so does a noun the number itself modifies ("a 3 km exclusion zone")."""
    unit, end = match
    head = doc[end - 1]
    if run[-1].head == head:
        return _aircraft_fighters(doc, i, unit, end)
    while _modifies_later_noun(head):  # "300 National Guard troops": troops
        head = head.head
    if head.i == end - 1:
        return _aircraft_fighters(doc, i, unit, end)
    for j in range(i, head.i + 1):  # the longest listed noun ending at the head
        found = _unit_starting_at(doc, j)
        if found is not None and found[1] == head.i + 1:
            return found
    return None


def _modifies_later_noun(token: Token) -> bool:
    head = token.head
    if token.dep_ not in _MODIFIER_DEPS or not token.i < head.i <= token.i + MAX_HEAD_DISTANCE:
        return False
    between = token.doc[token.i + 1 : head.i]
    return head.pos_ in ("NOUN", "PROPN") and not any(t.pos_ in _STOP_POS for t in between)


def _aircraft_fighters(doc: Doc, i: int, unit: str, end: int) -> tuple[str, int]:
    """ "two F-35 fighters" count aircraft; "1,000 fighters" count armed men."""
    if doc[end - 1].lower_ in _AIRCRAFT_PERSONS and i > 0:
        before = doc[i - 1].text
        if _AIRCRAFT_MODEL.match(before) or before.lower() in AIRCRAFT_NAMES:
            return "aircraft", end
    return unit, end


def _is_vague_or_scale(run: Span) -> bool:
    last = run[-1].lower_
    return last.endswith("s") and NumberWords.load().is_number_word(last)


def _unit_starting_at(doc: Doc, i: int) -> tuple[str, int] | None:
    """(unit, end token) of the longest counted noun starting at token ``i``:
    "battalion tactical groups" before "battalion"."""
    lexicon = QuantityLexicon.load()
    token = doc[i]
    if token.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
        return None
    if _is_people_of_a_nation(token):
        return "people", i + 1
    for size in range(min(lexicon.max_unit_words, len(doc) - i), 1, -1):
        span = doc[i : i + size]
        for words in (span.text.lower(), " ".join(t.lower_ for t in span)):
            if words in lexicon.units:  # "air-defence systems" as written, or spaced
                return lexicon.units[words], i + size
    unit = lexicon.units.get(token.lower_) or lexicon.units.get(token.lemma_.lower())
    return (unit, i + 1) if unit is not None else None


def _is_people_of_a_nation(token: Token) -> bool:
    """ "50,000 Ukrainians", "300 Americans": a plural demonym counts people."""
    return token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS") and token.text.endswith("s")


def _qualifier(words: _Words, start: int) -> Qualifier | None:
    """ "about", "more than", "an estimated" right before the number (longest first)."""
    lexicon = QuantityLexicon.load()
    for size in range(lexicon.max_qualifier_words, 0, -1):
        phrase = " ".join(words.lower[max(0, start - size) : start])
        if start - size >= 0 and phrase in lexicon.qualifiers:
            return lexicon.qualifiers[phrase]
    return None
