"""Quantities: counts with their nouns, money, percentages, qualifiers -- real model."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from brinkwatch.extract.quantities import extract_quantities
from brinkwatch.extract.quantity_lexicon import parse_money
from brinkwatch.extract.quantity_numbers import parse_amount, parse_number
from brinkwatch.records import Quantity

Parse = Callable[[str], Doc]


def only(parse: Parse, text: str) -> Quantity:
    found = extract_quantities(parse(text))
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The Pentagon placed 8,500 U.S. troops on heightened alert.", "8,500 U.S. troops",
         8500, "troops"),
        ("Moscow has gathered 100,000 soldiers near the border.", "100,000 soldiers",
         100000, "soldiers"),
        ("Satellite photos showed 1,200 tanks in the region.", "1,200 tanks", 1200, "tanks"),
        ("Officials counted 130,000 Russian servicemen.", "130,000 Russian servicemen",
         130000, "servicemen"),
        ("The navy sent six warships to the strait.", "six warships", 6, "ships"),
        ("A dozen jets flew over the capital.", "A dozen jets", 12, "aircraft"),
        ("Three thousand people gathered in the square.", "Three thousand people", 3000,
         "people"),
        ("Officials said 60 battalion tactical groups were in place.",
         "60 battalion tactical groups", 60, "battalion tactical groups"),
        ("The strike left 14 civilians dead.", "14 civilians", 14, "civilians"),
        ("About 40 fighter jets were moved west.", "40 fighter jets", 40, "aircraft"),
        ("Oslo is sending four F-35 fighter jets.", "four F-35 fighter jets", 4, "aircraft"),
        ("Three staff members were taken to hospital.", "Three staff members", 3, "people"),
        ("Some 2,000 refugees crossed on Sunday.", "2,000 refugees", 2000, "refugees"),
        ("They fired 12 missiles at the port.", "12 missiles", 12, "missiles"),
        ("More than 50,000 Ukrainians crossed the border.", "50,000 Ukrainians", 50000,
         "people"),
        # counted nouns of crisis news
        ("Monitors logged 2,310 explosions overnight.", "2,310 explosions", 2310, "explosions"),
        ("The mission recorded 940 ceasefire violations.", "940 ceasefire violations", 940,
         "ceasefire violations"),
        ("Warsaw will station three squadrons there.", "three squadrons", 3, "squadrons"),
        ("The army formed four new brigades.", "four new brigades", 4, "brigades"),
        ("Berlin shipped 4,000 helmets to Kyiv.", "4,000 helmets", 4000, "helmets"),
        ("The jets dropped 300 bombs on the town.", "300 bombs", 300, "bombs"),
        ("Forces struck 45 targets overnight.", "45 targets", 45, "targets"),
        ("Raids hit 12 locations in the north.", "12 locations", 12, "locations"),
        ("Troops entered 7 villages on Monday.", "7 villages", 7, "villages"),
        ("The ban covers 85 companies.", "85 companies", 85, "companies"),
        ("Police said 25 gunmen stormed the hall.", "25 gunmen", 25, "gunmen"),
        ("The convoy carried 40 medics.", "40 medics", 40, "people"),
        ("The cabinet lost 6 ministers in a week.", "6 ministers", 6, "people"),
        ("Kyiv received 210 detainees in the swap.", "210 detainees", 210, "detainees"),
        ("The air force flew 70 sorties on Sunday.", "70 sorties", 70, "sorties"),
        ("Two frigates left port on Friday.", "Two frigates", 2, "ships"),
        ("The fleet moved 5 submarines north.", "5 submarines", 5, "submarines"),
        ("The package includes 18 howitzers.", "18 howitzers", 18, "artillery pieces"),
        ("Madrid will send 6 air-defence systems.", "6 air-defence systems", 6,
         "air-defence systems"),
        ("They shot down 30 drones at night.", "30 drones", 30, "drones"),
        # the head noun of a compound decides, unless the compound is listed whole
        ("The navy fired 40 anti-ship missiles.", "40 anti-ship missiles", 40, "missiles"),
        ("Two aircraft carriers entered the sea.", "Two aircraft carriers", 2, "ships"),
        ("Allies sent 16 rocket launchers.", "16 rocket launchers", 16, "rocket launchers"),
        ("The exclusion zone reaches 12 nautical miles.", "12 nautical miles", 12,
         "nautical miles"),
        ("Norway bought three F-35 fighters.", "three F-35 fighters", 3, "aircraft"),
        ("Some 500 fighters joined the rebels.", "500 fighters", 500, "fighters"),
        ("The army has 900 short-range anti-tank missiles.",
         "900 short-range anti-tank missiles", 900, "missiles"),
        ("They deployed 300 National Guard troops.", "300 National Guard troops", 300,
         "troops"),
        ("A 5 km buffer zone was declared.", "5 km", 5, "km"),
    ],
)  # fmt: skip
def test_counts(parse: Parse, text: str, surface: str, value: float, unit: str) -> None:
    quantity = only(parse, text)
    assert (quantity.text, quantity.value, quantity.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Washington announced $200 million in new aid.", "$200 million", 200_000_000, "USD"),
        ("Brussels offered €1.2bn in loans.", "€1.2bn", 1_200_000_000, "EUR"),
        ("Berlin pledged 50 million euros for the fund.", "50 million euros", 50_000_000, "EUR"),
        ("The bank lost 1 billion roubles last year.", "1 billion roubles", 1_000_000_000, "RUB"),
        ("London gave £25m to the programme.", "£25m", 25_000_000, "GBP"),
        ("Kyiv raised 3 billion hryvnias in bonds.", "3 billion hryvnias", 3_000_000_000, "UAH"),
        ("The deal was worth US$1.5 billion.", "US$1.5 billion", 1_500_000_000, "USD"),
    ],
)
def test_money(parse: Parse, text: str, surface: str, value: float, unit: str) -> None:
    quantity = only(parse, text)
    assert (quantity.text, quantity.value, quantity.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Support fell 5% in a month.", 5.0), ("Support fell 7.5 percent in a month.", 7.5)],
)
def test_percent(parse: Parse, text: str, value: float) -> None:
    quantity = only(parse, text)
    assert (quantity.value, quantity.unit) == (value, "percent")


@pytest.mark.parametrize(
    ("text", "qualifier", "approximate", "value"),
    [
        ("About 30 tanks were seen.", "about", True, 30),
        ("Around 500 soldiers arrived.", "around", True, 500),
        ("Roughly 900 people fled.", "roughly", True, 900),
        ("More than 40 civilians were hurt.", "more than", False, 40),
        ("Over 3,000 troops took part.", "over", False, 3000),
        ("At least 12 soldiers died.", "at least", False, 12),
        ("Up to 2,000 refugees may come.", "up to", False, 2000),
        ("Nearly 100 drones were launched.", "nearly", True, 100),
        ("Almost 70 ships sailed.", "almost", True, 70),
        ("An estimated 1,500 drones were ready.", "an estimated", True, 1500),
        ("Officials expect 500 or more refugees.", "or more", False, 500),
    ],
)
def test_qualifiers(
    parse: Parse, text: str, qualifier: str, approximate: bool, value: float
) -> None:
    quantity = only(parse, text)
    assert (quantity.qualifier, quantity.approximate, quantity.value) == (
        qualifier,
        approximate,
        value,
    )


@pytest.mark.parametrize(
    ("text", "surface", "unit", "qualifier"),
    [
        ("Several thousand soldiers moved north.", "Several thousand soldiers", "soldiers",
         "several"),
        ("Tens of thousands of troops are massed.", "Tens of thousands of troops", "troops",
         "tens of"),
        ("Russia sent thousands of soldiers.", "thousands of soldiers", "soldiers", None),
        ("Hundreds of civilians fled the town.", "Hundreds of civilians", "civilians", None),
    ],
)  # fmt: skip
def test_vague_counts(
    parse: Parse, text: str, surface: str, unit: str, qualifier: str | None
) -> None:
    quantity = only(parse, text)
    assert quantity.value is None and quantity.approximate
    assert (quantity.text, quantity.unit, quantity.qualifier) == (surface, unit, qualifier)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Officials moved 5,000-10,000 troops.", "5,000-10,000 troops", 5000),
        ("The army sent 20 to 30 tanks north.", "20 to 30 tanks", 20),
    ],
)
def test_range_written_compactly(parse: Parse, text: str, surface: str, value: float) -> None:
    quantity = only(parse, text)
    assert (quantity.text, quantity.value) == (surface, value)


def test_range_takes_lower_bound(parse: Parse) -> None:
    quantity = only(parse, "Between 5,000 and 10,000 troops were moved.")
    assert (quantity.value, quantity.unit, quantity.qualifier) == (5000, "troops", "between")
    assert quantity.text == "5,000 and 10,000 troops"


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1997 in Paris.",
        "Talks resumed on 24 January 2022 at 10:00.",
        "The 19-year-old was held for three days.",
        "Henry Smith, 19, of 1935 Orchard St., was charged.",
        "Call 555-1234 for details.",
        "It was the second round of sanctions.",
        "Poland bought F-16 jets years ago.",
        "The talks lasted 12 hours.",
        "He scored 7 out of ten in the exam.",
    ],
)
def test_not_quantities(parse: Parse, text: str) -> None:
    assert extract_quantities(parse(text)) == ()


def test_two_quantities_in_order(parse: Parse) -> None:
    found = extract_quantities(parse("They sent 300 tanks and 40 helicopters."))
    assert [(q.value, q.unit) for q in found] == [(300, "tanks"), (40, "helicopters")]


def test_jets_and_planes_are_aircraft(parse: Parse) -> None:
    found = extract_quantities(parse("They flew 8 jets and 2 planes."))
    assert [(q.value, q.unit) for q in found] == [(8, "aircraft"), (2, "aircraft")]


# ----------------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8,500", 8500), ("1.2bn", 1.2e9), ("10k", 10_000), ("2.5 million", 2_500_000),
        ("three thousand", 3000), ("a dozen", 12), ("half a dozen", 6),
        ("one hundred and sixty-one", 161), ("twenty-one", 21), ("two hundred and two thousand",
        202_000), ("a million and a half", 1_500_000), ("five and a half million", 5_500_000),
        ("-9.5", -9.5), (".25", 0.25), ("1 234 567", 1_234_567), ("3/4", 0.75),
        ("two hundred point zero three", 200.03), ("1e3", 1000),
    ],
)  # fmt: skip
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "a", "m", "bn", "the", "troops", "five five", "1000-5000", "point"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("several thousand", "several"), ("tens of thousands", "tens of"), ("thousands", None)],
)
def test_parse_amount_vague(text: str, qualifier: str | None) -> None:
    amount = parse_amount(text)
    assert (amount.value, amount.approximate, amount.qualifier) == (None, True, qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("$200 million", (2e8, "USD")), ("50 million euros", (5e7, "EUR")), ("€1.2bn", (1.2e9, "EUR")),
     ("1 billion roubles", (1e9, "RUB")), ("twelve", None)],
)  # fmt: skip
def test_parse_money(text: str, expected: tuple[float, str] | None) -> None:
    assert parse_money(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, float)


_NUMBERISH = st.lists(
    st.sampled_from(["one", "twenty", "-", "hundred", "and", "a", "half", "million", "point",
                     "1,000", "2.5", "bn", "k", "of", "tens", "several", "dozen", "1e9", "/",
                     "0", "nine", "thousands", " ", ".", ","]),
    max_size=12,
).map(" ".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_NUMBERISH)
def test_parse_amount_never_raises_on_number_words(text: str) -> None:
    amount = parse_amount(text)
    assert amount.value is None or amount.value == amount.value  # not NaN
    money = parse_money("$" + text)
    assert money is None or (money[1] == "USD" and money[0] == money[0])


def test_a_noun_we_do_not_count_after_a_listed_modifier_is_no_quantity(parse: Parse) -> None:
    assert extract_quantities(parse("Five tank crews were trained.")) == ()


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("The fare rose to 150 tenge.", 150, "KZT"), ("Salaries rose by 900 lari.", 900, "GEL"),
        ("The fine was 2,000 shekels.", 2000, "ILS"), ("Bread cost 50,000 rials.", 50000, "IRR"),
        ("The ticket was 5,000 drams.", 5000, "AMD"), ("He paid 20 manat.", 20, "AZN"),
        ("The loan was 40 million zlotys.", 40_000_000, "PLN"),
        ("The bill was 300 lei.", 300, "RON"), ("It cost 200 Belarusian rubles.", 200, "BYN"),
        ("Rents rose to 30,000 Turkish lira.", 30000, "TRY"),
        ("The island spent 2 billion Taiwan dollars.", 2_000_000_000, "TWD"),
    ],
)  # fmt: skip
def test_crisis_currencies(parse: Parse, text: str, value: float, code: str) -> None:
    quantity = only(parse, text)
    assert (quantity.value, quantity.unit) == (value, code)
