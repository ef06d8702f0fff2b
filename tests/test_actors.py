"""Actor resolution over real parses: names, short forms, demonyms, metonyms,
organisations, groups, dated office holders, titles in context, coreference,
and place names that must not become actors.  All sentences are our own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from brinkwatch.extract.actors import ActorDictionary, ActorMentions, extract_actors
from brinkwatch.records import Actor

Parse = Callable[[str], Doc]


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


def actors(parse: Parse, dictionary: ActorDictionary, text: str, on: str) -> ActorMentions:
    return extract_actors(parse(text), dictionary, on)


def actor_at(found: ActorMentions, text: str, phrase: str, nth: int = 0) -> Actor | None:
    """The actor whose mention covers the ``nth`` occurrence of ``phrase``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    hits = [a for a in found.mentions if a.start <= start and end <= a.end]
    return hits[0] if hits else None


def check(actor: Actor | None, expected: dict[str, str | None]) -> None:
    assert actor is not None, f"no actor; expected {expected}"
    got = {k: getattr(actor, k) for k in expected}
    assert got == expected


STATES_AND_DEMONYMS = [
    ("The U.S. warned Russia on Tuesday.", "U.S.", {"country": "USA"}),
    ("The U.S. warned Russia on Tuesday.", "Russia", {"country": "RUS"}),
    ("America and Britain sent more envoys.", "Britain", {"country": "GBR"}),
    ("Latvia, Lithuania and Estonia stopped buying gas.", "Lithuania", {"country": "LTU"}),
    ("Russian troops moved closer overnight.", "Russian troops",
     {"country": "RUS", "sector": "MIL"}),
    ("Belarussian soldiers joined the drills.", "Belarussian soldiers",
     {"country": "BLR", "sector": "MIL"}),
    ("British diplomats were told to leave.", "British diplomats",
     {"country": "GBR", "sector": "DIP"}),
    ("Ukrainian officials asked for calm.", "Ukrainian officials",
     {"country": "UKR", "sector": "GOV"}),
    ("The Ukrainians rejected the offer.", "Ukrainians", {"country": "UKR"}),
    ("Tens of thousands of Russian soldiers remain deployed.", "Russian soldiers",
     {"country": "RUS", "sector": "MIL"}),
]  # fmt: skip

METONYMS = [
    ("The Kremlin rejected the demand.", "Kremlin", {"country": "RUS", "sector": "GOV"}),
    ("The Pentagon announced new deployments.", "Pentagon", {"country": "USA", "sector": "MIL"}),
    ("Downing Street said the talks were useful.", "Downing Street",
     {"country": "GBR", "sector": "GOV"}),
    ("Beijing urged all sides to show restraint.", "Beijing", {"country": "CHN", "sector": "GOV"}),
    ("Kiev accused Moscow of provocations.", "Kiev", {"country": "UKR", "sector": "GOV"}),
    ("Kiev accused Moscow of provocations.", "Moscow", {"country": "RUS", "sector": "GOV"}),
    ("The State Department ordered families to leave.", "State Department",
     {"country": "USA", "sector": "DIP"}),
    ("Brussels wants a firm answer.", "Brussels", {"org": "EU", "country": None}),
]  # fmt: skip

ORGS_AND_GROUPS = [
    ("NATO put its response force on standby.", "NATO", {"org": "NATO", "sector": "IGO"}),
    ("The European Commission drafted new sanctions.", "European Commission",
     {"org": "EU", "name": "European Commission"}),
    ("The UN Security Council met on Monday.", "UN Security Council",
     {"org": "UN", "name": "UN Security Council"}),
    ("The OSCE reported dozens of explosions.", "OSCE", {"org": "OSCE"}),
    ("Moscow vetoed a Security Council resolution.", "Security Council", {"org": "UN"}),
    ("Ursula von der Leyen travelled to Kyiv on Friday.", "Ursula von der Leyen",
     {"name": "Ursula von der Leyen", "org": "EU"}),
    ("Gazprom cut deliveries again.", "Gazprom", {"country": "RUS", "sector": "BUS"}),
    ("The West must answer firmly.", "West", {"group": "WEST"}),
    ("Western leaders discussed the answer.", "Western leaders",
     {"group": "WEST", "sector": "GOV"}),
    ("European leaders gathered in Paris.", "European leaders",
     {"group": "EUROPE", "sector": "GOV"}),
    ("The Baltic states asked for more help.", "Baltic states", {"group": "BALTIC"}),
    ("The Khartoum government rejected the plan.", "Khartoum government",
     {"country": "SDN", "sector": "GOV"}),
    ("The Biden administration announced export controls.", "Biden administration",
     {"country": "USA", "sector": "GOV"}),
    ("Swiss doctors arrived with supplies.", "Swiss doctors", {"country": "CHE", "sector": "CVL"}),
]  # fmt: skip


NAMES = STATES_AND_DEMONYMS + METONYMS + ORGS_AND_GROUPS


@pytest.mark.parametrize(("text", "phrase", "expected"), NAMES)
def test_names_resolve(
    parse: Parse,
    dictionary: ActorDictionary,
    text: str,
    phrase: str,
    expected: dict[str, str | None],
) -> None:
    check(actor_at(actors(parse, dictionary, text, "2022-02-01"), text, phrase), expected)


DATED_HOLDERS = [
    ("The British prime minister spoke to reporters.", "prime minister", "2022-02-10",
     "Boris Johnson"),
    ("The British prime minister spoke to reporters.", "prime minister", "2023-03-01",
     "Rishi Sunak"),
    ("The U.S. secretary of state flew to Berlin.", "secretary of state", "2022-01-20",
     "Antony Blinken"),
    ("The U.S. secretary of state flew to Berlin.", "secretary of state", "2019-06-01",
     "Mike Pompeo"),
    ("The NATO secretary-general addressed reporters.", "secretary-general", "2022-02-16",
     "Jens Stoltenberg"),
    ("The NATO secretary-general addressed reporters.", "secretary-general", "2025-01-15",
     "Mark Rutte"),
    ("The German chancellor called the Kremlin.", "chancellor", "2021-06-01", "Angela Merkel"),
    ("The German chancellor called the Kremlin.", "chancellor", "2022-02-14", "Olaf Scholz"),
    ("The Kremlin leader rejected the proposal.", "Kremlin leader", "2022-02-01",
     "Vladimir Putin"),
    ("Russia's top diplomat replied on Wednesday.", "top diplomat", "2022-02-01",
     "Sergei Lavrov"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "on", "name"), DATED_HOLDERS)
def test_title_picks_the_holder_on_the_date(
    parse: Parse, dictionary: ActorDictionary, text: str, phrase: str, on: str, name: str
) -> None:
    check(actor_at(actors(parse, dictionary, text, on), text, phrase), {"name": name})


@pytest.mark.parametrize(
    ("on", "sector", "role"),
    [
        ("2022-02-01", "MIL", "press secretary"),
        ("2023-06-01", "GOV", "national security spokesman"),
    ],
)
def test_same_person_changes_office(
    parse: Parse, dictionary: ActorDictionary, on: str, sector: str, role: str
) -> None:
    text = "John Kirby said the deployment was a prudent step."
    check(actor_at(actors(parse, dictionary, text, on), text, "John Kirby"),
          {"country": "USA", "sector": sector, "role": role})  # fmt: skip


def test_text_title_wins_for_a_holder_out_of_office(
    parse: Parse, dictionary: ActorDictionary
) -> None:
    """Dated as 2024 but written as "Prime Minister Boris Johnson": the text's title stands."""
    text = "Prime Minister Boris Johnson spoke in Kyiv."
    check(actor_at(actors(parse, dictionary, text, "2024-03-01"), text, "Boris Johnson"),
          {"country": "GBR", "role": "prime minister", "sector": "GOV"})  # fmt: skip


@pytest.mark.parametrize("on", ["2022-02-01", "2024-03-01"])
def test_former_title_is_a_past_role(parse: Parse, dictionary: ActorDictionary, on: str) -> None:
    text = "Former Ukrainian President Petro Poroshenko returned to Kyiv."
    check(actor_at(actors(parse, dictionary, text, on), text, "Petro Poroshenko"),
          {"country": "UKR", "role": "former president", "sector": None})  # fmt: skip


def test_known_person_acting_for_an_organisation(parse: Parse, dictionary: ActorDictionary) -> None:
    text = "OSCE chairman Zbigniew Rau arrived in Moscow."
    check(actor_at(actors(parse, dictionary, text, "2022-02-10"), text, "Zbigniew Rau"),
          {"org": "OSCE", "country": None, "role": "chairman"})  # fmt: skip


def test_former_holder_keeps_nationality_but_no_office(
    parse: Parse, dictionary: ActorDictionary
) -> None:
    text = "Boris Johnson said the decision was a mistake."
    check(actor_at(actors(parse, dictionary, text, "2024-03-01"), text, "Boris Johnson"),
          {"country": "GBR", "role": None, "sector": None})  # fmt: skip


TITLES_IN_CONTEXT = [
    ("Ukrainian Deputy Foreign Minister Olena Marchenko said the talks would go on.",
     "Olena Marchenko", {"name": "Olena Marchenko", "country": "UKR", "sector": "DIP",
                         "role": "deputy foreign minister"}),
    ("Taras Hryn, Ukraine's deputy defence minister, said the drills had ended.",
     "Taras Hryn", {"name": "Taras Hryn", "country": "UKR", "sector": "MIL"}),
    ("NATO spokeswoman Ingrid Halvorsen said the allies were united.", "Ingrid Halvorsen",
     {"org": "NATO", "sector": "IGO", "role": "spokeswoman"}),
    ("Pentagon spokesman Tom Bradley declined to comment.", "Tom Bradley",
     {"country": "USA", "sector": "MIL", "role": "spokesman"}),
    ("Kremlin spokesman Dmitry Peskov said Moscow was calm.", "Kremlin spokesman Dmitry Peskov",
     {"name": "Dmitry Peskov", "country": "RUS", "sector": "GOV"}),
    ("Peter Novak said the meeting had been useful.", "Peter Novak",
     {"name": "Peter Novak", "country": None, "sector": None}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "expected"), TITLES_IN_CONTEXT)
def test_people_resolve_from_their_titles(
    parse: Parse,
    dictionary: ActorDictionary,
    text: str,
    phrase: str,
    expected: dict[str, str | None],
) -> None:
    check(actor_at(actors(parse, dictionary, text, "2022-02-01"), text, phrase), expected)


COREFERENCE = [
    ("Spokesman Ned Price spoke first. The Consumer Price Index rose. Later, Price said more.",
     "Price", 2, {"name": "Ned Price", "country": "USA"}),
    ("Ukrainian Deputy Foreign Minister Olena Marchenko spoke first. Later, Marchenko said "
     "the offer was serious.", "Marchenko", 1, {"name": "Olena Marchenko", "country": "UKR"}),
    ("Vladimir Putin spoke for an hour. He said Russia had no plans to attack.", "He", 0,
     {"name": "Vladimir Putin"}),
    ("Zakharova said the claims were false. She called them absurd.", "She", 0,
     {"name": "Maria Zakharova"}),
    ("NATO leaders met in Brussels. The alliance agreed to reinforce its eastern flank.",
     "The alliance", 0, {"org": "NATO", "name": "NATO"}),
    ("The European Union prepared sanctions. The bloc will decide on Friday.", "The bloc", 0,
     {"org": "EU"}),
    ("Ukraine asked its partners for help. The country has been under pressure for months.",
     "The country", 0, {"country": "UKR"}),
    ("Georgia protested loudly. The former Soviet republic wants an apology.",
     "The former Soviet republic", 0, {"country": "GEO"}),
    ("Russia denied the reports. It said the troops were on exercises.", "It", 0,
     {"country": "RUS"}),
    ("Western governments announced sanctions. They said more would follow.", "They", 0,
     {"group": "WEST"}),
    ("Ukraine's foreign ministry summoned the envoy. The ministry said the visit was a "
     "provocation.", "The ministry", 0, {"country": "UKR", "sector": "DIP"}),
    # a chain of subject pronouns keeps its referent past the two-sentence window
    ('Estonian Prime Minister Kaja Kallas said on Monday that the country was ready. "We '
     'will not wait." She thanked the allies. "They came quickly," she added.', "she", 0,
     {"name": "Kaja Kallas"}),
    # a resolved "his" does not make the next "he" ambiguous
    ('Peskov told reporters during his call that talks were over. He said so twice.', "He", 0,
     {"name": "Dmitry Peskov"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "nth", "expected"), COREFERENCE)
def test_coreference(
    parse: Parse,
    dictionary: ActorDictionary,
    text: str,
    phrase: str,
    nth: int,
    expected: dict[str, str | None],
) -> None:
    check(actor_at(actors(parse, dictionary, text, "2022-02-01"), text, phrase, nth), expected)


NO_ANTECEDENT = [
    ("Spokesman Ned Price spoke first. The Consumer Price Index rose.", "Price Index"),
    ("Zakharova met the envoy. He said nothing.", "He"),  # a woman is not "he"
    ("It is unclear whether Russia will attack.", "It"),  # expletive
    ('Peskov was asked about the envoy. "He will not be received," he said.', "He"),  # in a quote
    ("The alliance has grown since 1999.", "The alliance"),  # no earlier organisation
]


@pytest.mark.parametrize(("text", "phrase"), NO_ANTECEDENT)
def test_unresolvable_references_stay_unresolved(
    parse: Parse, dictionary: ActorDictionary, text: str, phrase: str
) -> None:
    found = actors(parse, dictionary, text, "2022-02-01")
    assert actor_at(found, text, phrase) is None


PLACES_NOT_ACTORS = [
    ("The talks were held in Moscow.", "Moscow"),
    ("Thousands of troops gathered in Belarus.", "Belarus"),
    ("The convoy moved from Russia into Ukraine.", "Russia"),
    ("The convoy moved from Russia into Ukraine.", "Ukraine"),
    ("The Ukraine crisis dominated the summit.", "Ukraine"),
    ("Protesters gathered outside the White House.", "White House"),
    ("The discussion was about Taiwan.", "Taiwan"),
    ("Jets flew close to Belarus's border with Ukraine.", "Belarus"),
    ("Jets flew close to Belarus's border with Ukraine.", "Ukraine"),
]


@pytest.mark.parametrize(("text", "phrase"), PLACES_NOT_ACTORS)
def test_places_are_not_actors(
    parse: Parse, dictionary: ActorDictionary, text: str, phrase: str
) -> None:
    found = actors(parse, dictionary, text, "2022-02-01")
    hit = actor_at(found, text, phrase)
    assert hit is None, f"{phrase!r} resolved as {hit}"


def test_separatists_are_rebels_without_a_patron(parse: Parse, dictionary: ActorDictionary) -> None:
    text = "Russian-backed separatists shelled the town."
    check(actor_at(actors(parse, dictionary, text, "2022-02-01"), text, "Russian"),
          {"country": "RUS", "sector": None})  # fmt: skip  # the backer is an actor of its own
    check(actor_at(actors(parse, dictionary, text, "2022-02-01"), text, "separatists"),
          {"sector": "REB", "country": None})  # fmt: skip


def test_coordinated_owners_give_one_mention_each(
    parse: Parse, dictionary: ActorDictionary
) -> None:
    text = "U.S. and British officials met in Geneva."
    found = actors(parse, dictionary, text, "2022-02-01")
    check(actor_at(found, text, "U.S."), {"country": "USA", "sector": "GOV"})
    check(actor_at(found, text, "British"), {"country": "GBR", "sector": "GOV"})


def test_offsets_and_token_index_agree(parse: Parse, dictionary: ActorDictionary) -> None:
    text = "Russian troops massed near the border, U.S. officials said on Monday."
    doc = parse(text)
    found = extract_actors(doc, dictionary, "2022-02-01")
    for actor in found.mentions:
        assert text[actor.start : actor.end] == actor.text
    for tok in doc:
        actor = found.at(tok.i)
        if actor is not None:
            assert actor.start <= tok.idx < actor.end
    assert [a.code for a in found.in_span(doc[:])] == ["RUS", "USA"]


ACTION_AGENTS = [
    ("Serbia turned down an Australian ultimatum.", "Australian", {"country": "AUS"}),
    ("Kyiv rejected a U.S. request for more time.", "U.S.", {"country": "USA"}),
    ("The Kremlin proposal was dismissed at once.", "Kremlin", {"country": "RUS", "sector": "GOV"}),
    ("Western pressure is growing.", "Western", {"group": "WEST"}),
    ("Armenia signed a Russian-brokered ceasefire.", "Russian", {"country": "RUS"}),
    ("Donbas separatists shelled a school.", "Donbas separatists",
     {"country": "UKR", "sector": "REB"}),
    ("Separatists in eastern Ukraine blamed Kyiv.", "Separatists",
     {"country": "UKR", "sector": "REB"}),
    ("Tigrayan forces advanced overnight.", "Tigrayan forces", {"country": "ETH", "sector": "REB"}),
    ("Norway sent 100 missiles to Ukraine.", "Ukraine", {"country": "UKR"}),
    ("Advisers from Russia, Ukraine and France met in Berlin.", "Russia", {"country": "RUS"}),
    ("The foreign ministers of Russia, Turkey and Iran met in Astana.", "Turkey",
     {"country": "TUR", "sector": "DIP"}),
    ("European and Asian diplomats met in Vienna.", "European",
     {"group": "EUROPE", "sector": "DIP"}),
    ("President Amadou Sall of Senegal arrived on Monday.", "Amadou Sall",
     {"country": "SEN", "role": "president"}),
    ("Talks included the Tarvo People's Liberation Army (TPLA) and the government.", "TPLA",
     {"name": "Tarvo People's Liberation Army", "sector": "MIL"}),
    ("A separatist commander said the shelling had stopped.", "separatist commander",
     {"sector": "REB", "role": "commander", "country": None}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "expected"), ACTION_AGENTS)
def test_owners_of_actions_and_of_phrases(
    parse: Parse,
    dictionary: ActorDictionary,
    text: str,
    phrase: str,
    expected: dict[str, str | None],
) -> None:
    check(actor_at(actors(parse, dictionary, text, "2022-02-01"), text, phrase), expected)


NOT_ACTORS = [
    ("The Ukraine aid package was delayed.", "Ukraine"),  # a bare name is no agent
    ("Settlers clashed with police in the West Bank.", "West Bank"),
    ("Ethnic Albanians protested in the north.", "Albanians"),
    ("Kyiv, Ukraine -- The talks resumed on Monday.", "Kyiv"),  # a dateline
    ("Kyiv, Ukraine -- The talks resumed on Monday.", "Ukraine"),
    ("Shelling hit the village of Nova Marivka overnight.", "Nova Marivka"),
    ("The bill passed Congress last week.", "Congress"),  # which congress is unknown
    ("Smuggled rifles continued to enter Kyrgyzstan.", "Kyrgyzstan"),  # object of motion
    ("Lusaka said the talks would resume.", "Lusaka"),  # not a listed metonym
    ("Baku demanded that ethnic Armenian forces disarm.", "Armenian"),  # an ethnicity
    ("Families were told to leave for Russia by bus.", "Russia"),  # a destination
    ("Five people were taken to Santa Lucina hospital.", "Santa Lucina"),  # not a person
    ("U.S. diplomats arrived. The Washington Capitals cancelled their practice.", "their"),
    ("Moscow wants forces withdrawn from the Baltic states.", "Baltic states"),
    ("Troops would join the force if the alliance activated it. They were not sent.", "They"),
    ("Donetsk officials announced an evacuation.", "Donetsk"),  # whose officials?
    ("Norway sent 100 soldiers to Latvia.", "Latvia"),  # a destination
    ("Belarus and Russia will continue their joint drills.", "their"),  # two antecedents
    ("NATO ministers met. Liz Truss saw Lavrov. Lavrov said their talks were hard.", "their"),
    ("Ukraine's foreign ministry summoned the envoy. Crowds gathered at the ministry.",
     "the ministry"),  # a place there, not the actor
    ("Washington sent Moscow its written answers.", "its"),  # ambiguous owner
    ("Police spokeswoman Ashlyn Ferro said the road was closed. He was arrested on Monday.",
     "He"),  # a spokeswoman is not "he"
]  # fmt: skip


@pytest.mark.parametrize(("text", "phrase"), NOT_ACTORS)
def test_not_actors(parse: Parse, dictionary: ActorDictionary, text: str, phrase: str) -> None:
    found = actors(parse, dictionary, text, "2022-02-01")
    hit = actor_at(found, text, phrase)
    assert hit is None, f"{phrase!r} resolved as {hit}"


def test_a_bracketed_acronym_belongs_to_the_name_before_it(
    parse: Parse, dictionary: ActorDictionary
) -> None:
    text = "The Kazakh-Russian Friendship Battalion (DPR) joined the drills."
    hit = actor_at(actors(parse, dictionary, text, "2022-02-01"), text, "DPR")
    assert hit is None or hit.name != "Donetsk People's Republic"


@pytest.mark.parametrize(
    "byline",
    [
        "By Marta Kowalczyk",
        "By [Marta Kowalczyk and Ivan Hrytsak for Reuters](#)",
        "**Marta Kowalczyk / Reuters**",
    ],
)
def test_a_byline_names_the_writer_not_an_actor(
    parse: Parse, dictionary: ActorDictionary, byline: str
) -> None:
    text = byline + "\n\nPoland said on Monday it would send aid."
    found = actors(parse, dictionary, text, "2022-02-01")
    assert actor_at(found, text, "Marta Kowalczyk") is None
    check(actor_at(found, text, "Poland"), {"country": "POL"})


@pytest.mark.slow
def test_the_owner_of_a_title_is_the_same_in_every_process() -> None:
    """Two readings of one owner ("British" GOV, "Foreign Office" DIP) once came out in a
    set's order, which changes between processes -- and so did the person's sector."""
    script = (
        "import brinkwatch; r = brinkwatch.extract('British Foreign Office minister Jane "
        "Hollis met officials in Kyiv.', published='2022-02-01'); "
        "print([(a.country, a.sector) for a in r.entities][0])"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       check=True, timeout=300).stdout.strip()
        for _ in range(5)
    }  # fmt: skip
    assert outputs == {"('GBR', 'DIP')"}
