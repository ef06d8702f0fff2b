"""Places: what an analyst would accept as a located toponym, with the real model."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from brinkwatch.extract.place_gazetteer import Gazetteer, normalize_name
from brinkwatch.extract.places import extract_places
from brinkwatch.records import Place

Parse = Callable[[str], Doc]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def places_of(parse: Parse, gazetteer: Gazetteer, text: str) -> dict[str, Place]:
    return {p.text: p for p in extract_places(parse(text), gazetteer)}


@pytest.mark.parametrize(
    ("text", "surface", "country", "feature"),
    [
        ("Diplomats met for talks in Geneva on Monday.", "Geneva", "CHE", "city"),
        ("Tanks were seen moving near Kharkiv, Ukraine, overnight.", "Kharkiv", "UKR", "city"),
        ("Tanks were seen moving near Kharkiv, Ukraine, overnight.", "Ukraine", "UKR", "country"),
        ("Convoys crossed into Crimea from the east.", "Crimea", "UKR", "region"),
        ("Six landing ships sailed into the Black Sea.", "Black Sea", None, "water"),
        ("The exercise was held in the Sea of Azov last week.", "Sea of Azov", None, "water"),
        ("Patrols were increased along the Suwalki Gap this month.", "Suwalki Gap", None, "region"),
        ("Fighting flared again in the Donbas region.", "Donbas", "UKR", "region"),
        ("Rebels hold parts of the Donetsk and Luhansk regions.", "Donetsk", "UKR", "admin1"),
        (
            "Rebels hold parts of the Donetsk and Luhansk regions.",
            "Luhansk regions",
            "UKR",
            "admin1",
        ),
        ("Shells landed in the Belgorod region of Russia.", "Belgorod region", "RUS", "admin1"),
        (
            "Troops of the Western Military District were moved west.",
            "Western Military District",
            "RUS",
            "region",
        ),
        ("A new base was opened in Kaliningrad.", "Kaliningrad", "RUS", "admin1"),
        ("Peacekeepers remain in Transnistria.", "Transnistria", "MDA", "region"),
        ("Warships passed through the Taiwan Strait on Tuesday.", "Taiwan Strait", None, "water"),
        ("Officials flew to Brussels for the summit.", "Brussels", "BEL", "city"),
        (
            "A shell hit a school in the town of Stanytsia Luhanska.",
            "Stanytsia Luhanska",
            "UKR",
            "city",
        ),
        ("Grain ships left Odessa at dawn.", "Odessa", "UKR", "city"),
        ("The senator returned to Ohio after the vote.", "Ohio", "USA", "admin1"),
        ("Refugees arrived in Poland by train.", "Poland", "POL", "country"),
    ],
)
def test_resolves_place(
    parse: Parse, gazetteer: Gazetteer, text: str, surface: str, country: str | None, feature: str
) -> None:
    place = places_of(parse, gazetteer, text)[surface]
    assert (place.country, place.feature) == (country, feature)
    assert text[place.start : place.end] == place.text
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        # the state named after a comma decides between namesakes
        ("A fire destroyed a barn outside Alexandria, La., on Sunday.", "Alexandria", "Louisiana"),
        ("The mill in Alexandria, Va., will close.", "Alexandria", "Virginia"),
        # other names in the article decide: Gainesville next to Hall County and Georgia
        (
            "Police in Gainesville said the Hall County jail was full. Georgia law allows it.",
            "Gainesville",
            "Georgia",
        ),
        ("Paris is a small town in Texas. Voters in Paris chose a new mayor.", "Paris", "Texas"),
        ("Lebanon voters in Tennessee backed the school levy.", "Lebanon", "Tennessee"),
    ],
)
def test_context_picks_the_namesake(
    parse: Parse, gazetteer: Gazetteer, text: str, surface: str, admin1: str
) -> None:
    assert places_of(parse, gazetteer, text)[surface].admin1 == admin1


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON - The Pentagon said 1,700 soldiers from Fort Bragg would deploy to Poland.",
        "Officials in Texas and Florida said the jets would fly to Poland and Romania.",
    ],
)
def test_a_country_name_beats_its_small_us_namesakes(
    parse: Parse, gazetteer: Gazetteer, text: str
) -> None:
    place = places_of(parse, gazetteer, text)["Poland"]
    assert (place.country, place.feature) == ("POL", "country")


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("The foreign minister spoke in Paris on Friday.", "Paris", "Paris"),
        ("Delegations gathered in Washington for the talks.", "Washington", "Washington"),
        ("The ambassador was recalled from Kiev.", "Kiev", "Kyiv"),
        ("Satellite images showed troops in Georgia in 2008 near Tbilisi.", "Georgia", "Georgia"),
    ],
)
def test_default_reading(
    parse: Parse, gazetteer: Gazetteer, text: str, surface: str, name: str
) -> None:
    place = places_of(parse, gazetteer, text)[surface]
    assert place.name == name
    assert place.country in {"FRA", "USA", "UKR", "GEO"}
    if surface == "Paris":
        assert place.country == "FRA"
    if surface == "Georgia":
        assert place.feature == "country"


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("Moscow said on Monday it had no plans to invade.", "Moscow"),
        ("Kyiv rejected the proposal within hours.", "Kyiv"),
        ("Washington warned of severe sanctions.", "Washington"),
        ("Russian officials denied the report.", "Russian"),
        ("Ukrainian soldiers dug trenches.", "Ukrainian"),
        ("Mr. Darryl Warden, 44, was arrested. Warden told police he was at home.", "Warden"),
        ("The White House said talks would continue.", "White House"),
        ("The West has promised a united response.", "West"),
        ("Workers at the Union plant voted on Friday.", "Union"),
        ("France is a member of NATO, and the Alliance met in Brussels.", "NATO"),
        ("France is a member of NATO, and officials met in the Alliance offices.", "Alliance"),
        ("Moscow's demands were rejected by the alliance.", "Moscow"),
    ],
)
def test_not_places(parse: Parse, gazetteer: Gazetteer, text: str, not_a_place: str) -> None:
    assert not_a_place not in places_of(parse, gazetteer, text)


def test_capital_after_preposition_is_a_place(parse: Parse, gazetteer: Gazetteer) -> None:
    found = places_of(parse, gazetteer, "Moscow said troops near Kyiv had pulled back.")
    assert "Moscow" not in found
    assert found["Kyiv"].country == "UKR"


def test_offsets_index_the_text(parse: Parse, gazetteer: Gazetteer) -> None:
    text = "Ships left Sevastopol for the Mediterranean, and planes flew over Belarus."
    for place in extract_places(parse(text), gazetteer):
        assert text[place.start : place.end] == place.text


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("U.S.", "USA"), ("Britain", "GBR"), ("Czechia", "CZE"), ("Ivory Coast", "CIV")],
)
def test_country_aliases(gazetteer: Gazetteer, name: str, iso3: str) -> None:
    assert any(e.country == iso3 and e.feature == "country" for e in gazetteer.lookup(name))


@pytest.mark.parametrize(
    ("text", "code"), [("Ga.", "GA"), ("W.Va.", "WV"), ("Calif.", "CA"), ("Texas", "TX")]
)
def test_state_abbreviations(gazetteer: Gazetteer, text: str, code: str) -> None:
    assert gazetteer.state_code(text) == code


def test_county_has_coordinates_and_state(gazetteer: Gazetteer) -> None:
    (laurel,) = (e for e in gazetteer.lookup("Laurel County") if e.admin1 == "KY")
    assert 36.5 < laurel.lat < 37.7 and -84.6 < laurel.lon < -83.6


def test_saint_is_spelled_out(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("St. Petersburg") or gazetteer.lookup("Saint Petersburg")
    assert {e.geonameid for e in gazetteer.lookup("St. Paris")} == {
        e.geonameid for e in gazetteer.lookup("Saint Paris")
    }


def test_normalize_name() -> None:
    assert normalize_name("  Côte  d’Ivoire ") == "côte d'ivoire"


def test_one_us_mention_does_not_pull_foreign_names_to_america(
    parse: Parse, gazetteer: Gazetteer
) -> None:
    text = (
        "Denmark is sending a frigate to the Baltic Sea. Talks in Geneva between Russian "
        "and US diplomats ended, and Moscow moved troops toward Kharkiv."
    )
    found = places_of(parse, gazetteer, text)
    assert found["Denmark"].country == "DNK"
    assert found["Geneva"].country == "CHE"


def test_a_dropped_name_does_not_vote(parse: Parse, gazetteer: Gazetteer) -> None:
    text = "The West sent a reply on Wednesday. In Paris, advisers from four states met."
    assert places_of(parse, gazetteer, text)["Paris"].country == "FRA"


@pytest.mark.parametrize(("text", "surface"), [("Talks with the UK resumed.", "UK")])
def test_short_capitals_only_for_countries_and_states(
    parse: Parse, gazetteer: Gazetteer, text: str, surface: str
) -> None:
    assert places_of(parse, gazetteer, text)[surface].feature == "country"


# ----------------------------------------------------------------------------- crisis geography


@pytest.mark.parametrize(
    ("text", "surface", "name", "lat", "lon"),
    [
        (
            "A tanker was boarded in the Gulf of Oman before dawn.",
            "Gulf of Oman",
            None,
            24.5,
            58.5,
        ),
        (
            "Freighters now avoid the Bab el-Mandeb altogether.",
            "Bab el-Mandeb",
            None,
            12.6,
            43.3,
        ),
        (
            "Two submarines surfaced in the Norwegian Sea.",
            "Norwegian Sea",
            None,
            69.0,
            3.0,
        ),
        (
            "Bombers flew over the Sea of Okhotsk on Tuesday.",
            "Sea of Okhotsk",
            None,
            55.0,
            150.0,
        ),
        ("A ferry sank in the Irish Sea last winter.", "Irish Sea", None, 53.8, -5.0),
        ("Traffic through the Suez Canal fell by half.", "Suez Canal", None, 30.5, 32.35),
        (
            "Shelling hit the bank of the Dnipro River overnight.",
            "Dnipro River",
            None,
            47.5,
            34.0,
        ),
        (
            "Engineers built a bridge over the Pripyat river.",
            "Pripyat river",
            "Pripyat River",
            51.5,
            29.0,
        ),
        (
            "A resupply boat reached Second Thomas Shoal.",
            "Second Thomas Shoal",
            None,
            9.73,
            115.87,
        ),
        (
            "Coast guard ships circled Scarborough Shoal.",
            "Scarborough Shoal",
            None,
            15.15,
            117.76,
        ),
        (
            "New runways appeared on the Spratly Islands.",
            "Spratly Islands",
            None,
            10.0,
            114.3,
        ),
        (
            "Patrol boats sailed near the Senkaku Islands again.",
            "Senkaku Islands",
            None,
            25.75,
            123.5,
        ),
        ("Soldiers on Kinmen held a live-fire drill.", "Kinmen", None, 24.45, 118.38),
        ("Convoys were seen crossing the Sinai towards the border.", "Sinai", None, 29.5, 33.8),
        (
            "Caracas claims the Essequibo region as its own.",
            "Essequibo region",
            "Essequibo",
            6.5,
            -59.0,
        ),
        ("Aid trucks finally arrived in Tigray in June.", "Tigray", None, 14.0, 38.5),
        (
            "Jets flew low over the Korean peninsula.",
            "Korean peninsula",
            "Korean Peninsula",
            38.0,
            127.0,
        ),
        (
            "Thousands fled from Nagorno-Karabakh within a week.",
            "Nagorno-Karabakh",
            None,
            39.9,
            46.7,
        ),
        (
            "Commanders of the Western Military District met.",
            "Western Military District",
            None,
            59.94,
            30.31,
        ),
        ("Tanks pushed into Gaza City on Sunday.", "Gaza City", "Gaza", 31.5, 34.47),
        ("The hospital in Khan Younis lost power.", "Khan Younis", "Khān Yūnis", 31.34, 34.3),
        ("Strikes hit the port of Hodeidah.", "Hodeidah", "Al Ḩudaydah", 14.8, 42.95),
    ],
)
def test_crisis_geography(
    parse: Parse,
    gazetteer: Gazetteer,
    text: str,
    surface: str,
    name: str | None,
    lat: float,
    lon: float,
) -> None:
    """``name`` None: the gazetteer's name is the text's."""
    place = places_of(parse, gazetteer, text)[surface]
    assert place.name == (name or surface)
    assert abs(place.lat - lat) < 0.6 and abs(place.lon - lon) < 0.6


@pytest.mark.parametrize(
    ("text", "surface", "not_a_place"),
    [
        # the water name inside "Gulf of Oman" is not the country
        ("Iran seized a ship in the Gulf of Oman.", "Gulf of Oman", "Oman"),
    ],
)
def test_a_water_name_beats_the_country_inside_it(
    parse: Parse, gazetteer: Gazetteer, text: str, surface: str, not_a_place: str
) -> None:
    found = places_of(parse, gazetteer, text)
    assert found[surface].feature == "water"
    assert not_a_place not in found


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("The Black Sea Fleet moved two frigates from Sevastopol.", "Black Sea"),
        ("Officers of the Black Sea fleet were dismissed on Friday.", "Black Sea"),
        ("The Pacific Fleet held drills near Vladivostok.", "Pacific"),
        ("Her daughter, Brittany, testified on Monday in Ohio.", "Brittany"),
    ],
)
def test_formation_and_person_names_are_not_places(
    parse: Parse, gazetteer: Gazetteer, text: str, not_a_place: str
) -> None:
    assert not_a_place not in places_of(parse, gazetteer, text)


def test_a_french_region_pulls_brest_to_france(parse: Parse, gazetteer: Gazetteer) -> None:
    found = places_of(parse, gazetteer, "Divers searched the harbour at Brest, in Brittany.")
    assert found["Brest"].country == "FRA"
    assert found["Brittany"].country == "FRA"


def test_brest_alone_stays_in_belarus(parse: Parse, gazetteer: Gazetteer) -> None:
    found = places_of(parse, gazetteer, "Troops massed near Brest, close to the Polish border.")
    assert found["Brest"].country == "BLR"


@pytest.mark.parametrize(
    ("name", "feature"),
    [
        ("Strait of Hormuz", "water"), ("Sea of Japan", "water"), ("East Sea", "water"),
        ("Dardanelles", "water"), ("Bosporus", "water"), ("Danube", "water"),
        ("Euphrates", "water"), ("Tigris River", "water"), ("Kuril Islands", "region"),
        ("Paracel Islands", "region"), ("Matsu", "region"), ("Penghu", "region"),
        ("Golan Heights", "region"), ("West Bank", "region"), ("Gaza Strip", "region"),
        ("Western Sahara", "country"), ("Ladakh", "region"), ("South Ossetia", "region"),
        ("Sahel", "region"), ("Darfur", "region"), ("Idlib province", "admin1"),
        ("Kurdistan region", "region"), ("Gulf of Aden", "water"), ("Yellow Sea", "water"),
    ],
)  # fmt: skip
def test_crisis_names_are_in_the_gazetteer(gazetteer: Gazetteer, name: str, feature: str) -> None:
    assert any(e.feature == feature for e in gazetteer.lookup(name))
