"""extract_times on parsed sentences: spans, types and values against an anchor.

The anchor is Tuesday 25 January 2022 unless a case says otherwise.  Sentences are
our own; each case names the expression, the TIMEX3 type and the value expected.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.extract.times import extract_times
from brinkwatch.records import TimeMention

ANCHOR = date(2022, 1, 25)  # a Tuesday


def _times(
    parse: Callable[[str], Doc], text: str, anchor: date | None = ANCHOR
) -> list[TimeMention]:
    return list(extract_times(parse(text), anchor))


def _only(mentions: list[TimeMention], text: str) -> TimeMention:
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not among {[m.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        ("The envoys met on January 24, 2022 in Geneva.", "January 24, 2022", "DATE", "2022-01-24"),
        ("Talks resumed on 24 January 2022.", "24 January 2022", "DATE", "2022-01-24"),
        ("The ministers spoke on Jan. 24 by phone.", "Jan. 24", "DATE", "2022-01-24"),
        ("The decree is dated 2022-01-24.", "2022-01-24", "DATE", "2022-01-24"),
        ("The letter was sent on 24/01/2022.", "24/01/2022", "DATE", "2022-01-24"),
        ("Troop numbers grew in January 2022.", "January 2022", "DATE", "2022-01"),
        ("Crimea was annexed in 2014.", "2014", "DATE", "2014"),
        ("NATO expanded east in the 1990s.", "the 1990s", "DATE", "199"),
        ("Drills are planned for mid-February.", "mid-February", "DATE", "2022-02"),
        ("A summit may follow early next month.", "early next month", "DATE", "2022-02"),
        (
            "Exports fell in the third quarter of 2021.",
            "the third quarter of 2021",
            "DATE",
            "2021-Q3",
        ),
        ("The council meets at 15:00 in Brussels.", "15:00", "TIME", "2022-01-25T15:00"),
        (
            "The foreign minister spoke on Monday at 3 p.m.",
            "Monday at 3 p.m.",
            "TIME",
            "2022-01-24T15:00",
        ),
        (
            "Shelling was reported Tuesday morning near the border.",
            "Tuesday morning",
            "TIME",
            "2022-01-25TMO",
        ),
        ("Parliament will vote tonight.", "tonight", "TIME", "2022-01-25TNI"),
        ("The exercise lasted three days.", "three days", "DURATION", "P3D"),
        ("Over the past 24 hours the convoy moved north.", "the past 24 hours", "DURATION", "P1D"),
        ("Observers stayed for two weeks.", "two weeks", "DURATION", "P2W"),
        ("The two sides have argued for decades.", "decades", "DURATION", "PXDE"),
        ("Inspectors visit the site every week.", "every week", "SET", "P1W"),
        ("The ministry briefs reporters daily.", "daily", "SET", "P1D"),
        ("The treaty is reviewed annually.", "annually", "SET", "P1Y"),
        ("The embassy closed today.", "today", "DATE", "2022-01-25"),
        ("The embassy closed yesterday.", "yesterday", "DATE", "2022-01-24"),
        ("The embassy will reopen tomorrow.", "tomorrow", "DATE", "2022-01-26"),
        ("Diplomats are busy this week.", "this week", "DATE", "2022-W04"),
        ("Diplomats were busy last week.", "last week", "DATE", "2022-W03"),
        ("A new round starts next month.", "next month", "DATE", "2022-02"),
        ("Prices are high this month.", "this month", "DATE", "2022-01"),
        ("Gas prices soared last year.", "last year", "DATE", "2021"),
        ("The convoy left two days ago.", "two days ago", "DATE", "2022-01-23"),
        ("A decision is expected in three weeks.", "three weeks", "DATE", "2022-02-15"),
        ("The ministers will talk again later on Thursday.", "Thursday", "DATE", "2022-01-27"),
        ("The spokesman said on Friday that no decision was made.", "Friday", "DATE", "2022-01-21"),
        ("The envoys will meet on Wednesday in Geneva.", "Wednesday", "DATE", "2022-01-26"),
        ("The envoys are due to meet on Wednesday.", "Wednesday", "DATE", "2022-01-26"),
        ("He said the envoys would meet on Wednesday.", "Wednesday", "DATE", "2022-01-26"),
        ("Moscow now demands written answers.", "now", "DATE", "PRESENT_REF"),
        ("The base is currently on alert.", "currently", "DATE", "PRESENT_REF"),
        ("Tensions have risen recently.", "recently", "DATE", "PAST_REF"),
        ("Such drills were rare in the past.", "in the past", "DATE", "PAST_REF"),
        ("The sides may talk again in the future.", "in the future", "DATE", "FUTURE_REF"),
        ("Sanctions could follow soon.", "soon", "DATE", "FUTURE_REF"),
        ("The troops withdrew last November.", "last November", "DATE", "2021-11"),
        (
            "The pipeline was finished in the summer of 2021.",
            "the summer of 2021",
            "DATE",
            "2021-SU",
        ),
        ("The alliance was founded in the 20th century.", "the 20th century", "DATE", "19"),
        ("The fortress dates from the 11th century.", "the 11th century", "DATE", "10"),
        ("The border was drawn in the nineteenth century.", "the nineteenth century", "DATE", "18"),
        (
            "Budgets are set for the first half of 2022.",
            "the first half of 2022",
            "DATE",
            "2022-H1",
        ),
        (
            "Orthodox Christmas passed quietly this year, after Christmas 2021.",
            "Christmas 2021",
            "DATE",
            "2021-12-25",
        ),
        (
            "The talks went on for two and a half years.",
            "two and a half years",
            "DURATION",
            "P2Y6M",
        ),
        (
            "Reinforcements arrived three days after January 12.",
            "three days after January 12",
            "DATE",
            "2022-01-15",
        ),
    ],
)
def test_expression_is_found_and_normalized(
    parse: Callable[[str], Doc], sentence: str, expression: str, type_: str, value: str
) -> None:
    mention = _only(_times(parse, sentence), expression)
    assert (mention.type, mention.value) == (type_, value)
    assert sentence[mention.start : mention.end] == mention.text


def test_would_meet_on_wednesday_in_a_tuesday_article(parse: Callable[[str], Doc]) -> None:
    """The example of the output contract: article of Tuesday 25 January 2022."""
    mention = _only(_times(parse, "The two sides would meet on Wednesday."), "Wednesday")
    assert mention.value == "2022-01-26"


def test_range_gives_two_dates(parse: Callable[[str], Doc]) -> None:
    mentions = _times(parse, "The drills run February 10-20 near the border.")
    assert [(m.text, m.value) for m in mentions] == [
        ("February 10", "2022-02-10"), ("20", "2022-02-20"),
    ]  # fmt: skip


def test_no_anchor_leaves_the_year_open(parse: Callable[[str], Doc]) -> None:
    mentions = _times(parse, "The ceasefire began on March 24.", anchor=None)
    assert [(m.text, m.value) for m in mentions] == [("March 24", "XXXX-03-24")]


def test_no_anchor_drops_what_cannot_be_resolved(parse: Callable[[str], Doc]) -> None:
    assert _times(parse, "The embassy closed yesterday.", anchor=None) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may decide to march on the capital.",
        "Some 2000 troops crossed the river.",
        "It was a second round of talks.",
        "The vote was held as soon as possible.",
        "The 6-year-old boy was evacuated.",
        "The country imports about three-quarters of its grain.",
        "The appeal went to the 11th U.S. Circuit.",
        "The president declared a day of national unity.",
        'The minister spoke on "This Week," the news programme.',
        "The quarter-to-quarter change was small.",
        "Their equipment is up to date.",
        "In two thousand villages the harvest failed.",
        "The rebels soon lost the town.",
        "The envoy was soon recalled.",
        "He resigned soon after the vote.",
        "Turnout was high on election day in the capital.",
    ],
)
def test_words_that_only_look_like_times_are_ignored(
    parse: Callable[[str], Doc], sentence: str
) -> None:
    assert _times(parse, sentence) == []


def test_quarterly_report_compares_same_quarter(parse: Callable[[str], Doc]) -> None:
    text = "Third-quarter profit rose 5% from a year earlier."
    mention = _only(extract_times(parse(text), date(2021, 10, 28)), "a year earlier")
    assert mention.value == "2020-Q3"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=60)
    | st.lists(st.sampled_from(["on", "Friday", "May", "2022", "last", "week", "3", "p.m.",
                                "ago", "days", "99999999", "after", "January", "12", "-",
                                "every", "the", "1990s", "quarter", "a", "year", "earlier"]),
               max_size=14).map(" ".join),
    anchor=st.one_of(st.none(), st.dates(date(1, 1, 2), date(9998, 12, 30))),
)  # fmt: skip
def test_extract_never_raises(nlp: Language, text: str, anchor: date | None) -> None:
    doc = nlp(text)
    for mention in extract_times(doc, anchor):
        assert text[mention.start : mention.end] == mention.text


def test_a_unit_after_a_count_is_a_rate(parse: Callable[[str], Doc]) -> None:
    mention = _only(_times(parse, "The pipeline earns $2 billion a year."), "a year")
    assert (mention.type, mention.value) == ("SET", "P1Y")


def test_possessive_today_is_the_day(parse: Callable[[str], Doc]) -> None:
    """ "today's editions", "today's vote": TimeBank writes the day (and leaves the
    generic "today's world" untagged)."""
    mention = _only(_times(parse, "Today's vote in the senate was postponed."), "Today")
    assert mention.value == "2022-01-25"


def test_year_after_a_possessive_is_a_year(parse: Callable[[str], Doc]) -> None:
    mention = _only(_times(parse, "NATO should go back to its 1997 borders."), "1997")
    assert mention.value == "1997"


def test_a_deadline_in_hours_stays_in_hours(parse: Callable[[str], Doc]) -> None:
    mention = _only(_times(parse, "Residents were told to leave within 24 hours."), "24 hours")
    assert mention.value == "PT24H"


def test_military_clock_with_zone_joins_its_day(parse: Callable[[str], Doc]) -> None:
    mentions = _times(parse, "Shelling began at 0300 GMT on Thursday.")
    assert [(m.text, m.type, m.value) for m in mentions] == [
        ("0300 GMT on Thursday", "TIME", "2022-01-20T03:00")
    ]


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # A cue word before the date sets its direction whatever the verb says.
        ("The board declared a dividend payable Feb. 3.", "Feb. 3", "2022-02-03"),
        ("The board approved a merger effective March 1.", "March 1", "2022-03-01"),
        ("The mine has been idle since Dec. 2.", "Dec. 2", "2021-12-02"),
        ("The treaty was signed in nineteen ninety-one.", "nineteen ninety-one", "1991"),
        # Weekdays in a Tuesday article: the verb, a possessive or a purpose clause.
        ("The mayor could not be reached on Monday.", "Monday", "2022-01-24"),
        ("Lawyers will appeal Friday's verdict.", "Friday", "2022-01-21"),
        ("The union has scheduled a strike Thursday.", "Thursday", "2022-01-27"),
        ("Crowds gathered to mark the anniversary on Sunday.", "Sunday", "2022-01-23"),
        ("The permit had been due to lapse on Monday.", "Monday", "2022-01-24"),
        # The first day of a range named before its month; a day number after "on".
        ("Hearings are set for 14 and 15 March.", "14", "2022-03-14"),
        ("The convoy leaves on 28th.", "28th", "2022-01-28"),
        ("Exports fell 3% for the year, the ministry said.", "the year", "2022"),
        ("The dam was built in the year 1931.", "1931", "1931"),
        (
            "The ceasefire ends three months after Easter.",
            "three months after Easter",
            "2022-07-17",
        ),
    ],
)
def test_expressions_read_in_their_sentence(
    parse: Callable[[str], Doc], sentence: str, expression: str, value: str
) -> None:
    assert _only(_times(parse, sentence), expression).value == value


def test_the_year_ended_a_day_is_a_year_long(parse: Callable[[str], Doc]) -> None:
    found = _times(parse, "Profit rose 4% in the fiscal year ended June 30.")
    assert (_only(found, "the fiscal year").type, _only(found, "the fiscal year").value) == (
        "DURATION",
        "P1Y",
    )


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        # Days counted from an event of the story are a stretch, not a date.
        ("The shelling resumed three days later.", "three days", "DURATION", "P3D"),
        ("A day earlier, the envoy had left Kyiv.", "A day", "DURATION", "P1D"),
        ("A few days later, the border reopened.", "A few days", "DURATION", "PXD"),
        # A weekday followed by an ordinal that counts something else is no date.
        ("Markets fell Monday, the third loss in a row.", "Monday", "DATE", "2022-01-24"),
        # The second day of a range at the end of a sentence.
        ("Foreign ministers meet in Riga on April 4 and 5.", "5", "DATE", "2022-04-05"),
        # "or so" inside an offset.
        ("The drone struck a week or so ago.", "a week or so ago", "DATE", "2022-01-18"),
        ("Each July the fleet holds drills in the Baltic.", "Each July", "SET", "XXXX-07"),
        (
            "Curfews start on Friday nights in the border towns.",
            "Friday nights",
            "SET",
            "XXXX-WXX-5TNI",
        ),
        (
            "Exports should recover in the first two quarters of 2023.",
            "the first two quarters of 2023",
            "DATE",
            "2023-H1",
        ),
        (
            "The deadline expired at midnight Friday.",
            "midnight Friday",
            "TIME",
            "2022-01-21T24:00",
        ),
        # A cue phrase before a weekday looks ahead whatever the verb.
        (
            "Officials said the convoy could leave as early as Friday.",
            "Friday",
            "DATE",
            "2022-01-28",
        ),
        ("Troops said they must withdraw no later than Sunday.", "Sunday", "DATE", "2022-01-30"),
        # "coming months" without "the", before "as" (only "soon as" is a conjunction).
        (
            "Prices may rise in coming months as reserves shrink.",
            "coming months",
            "DATE",
            "FUTURE_REF",
        ),
        ("Aid agencies see no relief in the near term.", "the near term", "DATE", "FUTURE_REF"),
        # After a modal, "one day" is a vague future, not a day-long stretch.
        ("The exiles hope they will one day return home.", "one day", "DATE", "FUTURE_REF"),
        (
            "The rocket hit at 9:40 a.m. (0740 GMT) Monday.",
            "9:40 a.m. (0740 GMT) Monday",
            "TIME",
            "2022-01-24T09:40",
        ),
    ],
)
def test_story_offsets_and_glosses(
    parse: Callable[[str], Doc], sentence: str, expression: str, type_: str, value: str
) -> None:
    mention = _only(_times(parse, sentence), expression)
    assert (mention.type, mention.value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # The quarter just reported, a year back (a report by quarters).
        (
            "Third-quarter profit at the arms maker rose. For the quarter a year ago it "
            "earned less.",
            "the quarter a year ago",
            "2020-Q3",
        ),
        # A sentence about nine or six months compares with the year before.
        (
            "Third-quarter sales rose. For the nine months, the shipyard earned $40 "
            "million, up from $31 million a year earlier.",
            "a year earlier",
            "2020",
        ),
        (
            "Third-quarter sales rose. Sales in the first half fell from a year earlier.",
            "a year earlier",
            "2020",
        ),
    ],
)
def test_quarterly_comparisons_in_their_sentence(
    parse: Callable[[str], Doc], text: str, expression: str, value: str
) -> None:
    assert _only(_times(parse, text, date(2021, 10, 28)), expression).value == value


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        # Counted from the date the story named last, not from the publication date.
        (
            "Rebels seized the airport in March 2019 and lost it later that year.",
            "later that year",
            "DATE",
            "2019",
        ),
        (
            "The militia was formed on 4 May 2014 and disbanded the following year.",
            "the following year",
            "DATE",
            "2015",
        ),
        (
            "Drones struck the depot on 9 October 2021; more followed that month.",
            "that month",
            "DATE",
            "2021-10",
        ),
        (
            "The envoy arrived on 3 June 2020 and left the next morning.",
            "the next morning",
            "TIME",
            "2020-06-04TMO",
        ),
        (
            "Talks collapsed on 12 April 2021. Earlier that day, shells hit the port.",
            "Earlier that day",
            "DATE",
            "2021-04-12",
        ),
        # A weekday counted from the story's day (Friday 3 December 2021).
        (
            "The rouble closed at 73 on Friday, Dec. 3, 2021, up 2% from the previous Friday.",
            "the previous Friday",
            "DATE",
            "2021-11-26",
        ),
        (
            "The convoy left on 1 March 2021 and reached the border the following Monday.",
            "the following Monday",
            "DATE",
            "2021-03-08",
        ),
    ],
)
def test_anaphoric_expressions_follow_the_story(
    parse: Callable[[str], Doc], sentence: str, expression: str, type_: str, value: str
) -> None:
    mention = _only(_times(parse, sentence), expression)
    assert (mention.type, mention.value) == (type_, value)


def test_anaphoric_expression_without_a_date_before_is_left_out(
    parse: Callable[[str], Doc],
) -> None:
    assert [m.text for m in _times(parse, "Shelling resumed later that day.")] == []


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        ("The ministry will soon publish the list.", "soon", "DATE", "FUTURE_REF"),
        ("The bill is expected to pass soon.", "soon", "DATE", "FUTURE_REF"),
        ("Shares were trading lower at mid-afternoon yesterday.", "mid-afternoon yesterday",
         "TIME", "2022-01-24TAF"),
        ("Bonds were sold at the then-current price.", "then-current", "DATE", "PAST_REF"),
        ("The post-1991 borders were recognised.", "post-1991", "DATE", "1991"),
        ("Observers are expected before Election Day.", "Election Day", "DATE", "2022-11-08"),
        # A scheduling participle hanging from a noun takes the tense of its clause.
        ("A rally planned for Saturday was called off.", "Saturday", "DATE", "2022-01-22"),
        ("A rally planned for Saturday will go ahead.", "Saturday", "DATE", "2022-01-29"),
    ],
)  # fmt: skip
def test_references_day_parts_prefixed_years_and_election_day(
    parse: Callable[[str], Doc], sentence: str, expression: str, type_: str, value: str
) -> None:
    mention = _only(_times(parse, sentence), expression)
    assert (mention.type, mention.value) == (type_, value)


@pytest.mark.parametrize(
    ("sentence", "expression", "type_", "value"),
    [
        # A count of days stated in the present tense is the publication day.
        ("Today is the fifth day of the blockade.", "the fifth day", "DATE", "2022-01-25"),
        ("It's the third day of the strike at the port.", "the third day", "DATE",
         "2022-01-25"),
        # "for the year" before a price is still the year.
        ("Oil hit a high for the year of $90 a barrel.", "the year", "DATE", "2022"),
        # "until" under a verb that puts something off: the day ahead.
        ("The judge postponed the hearing until Thursday.", "Thursday", "DATE", "2022-01-27"),
        ("The ministry has given the firms until 5 p.m. Friday to reply.", "5 p.m. Friday",
         "TIME", "2022-01-28T17:00"),
        ("Up until Friday, the police had called him a witness.", "Friday", "DATE",
         "2022-01-21"),
        ("The court had given them until Friday to leave.", "Friday", "DATE", "2022-01-21"),
        ("The bonds will be sold at a later date.", "a later date", "DATE", "FUTURE_REF"),
        ("Prices may settle in a year or two.", "a year or two", "DATE", "FUTURE_REF"),
        ("Relations between the parties improved over the years.", "the years", "DURATION",
         "PXY"),
        ("In the early years, the camp held a few hundred people.", "the early years",
         "DURATION", "PXY"),
        ("The villages will be without water for a while.", "a while", "DURATION", "PXX"),
        ("Peacekeepers may stay for a fairly long period.", "a fairly long period",
         "DURATION", "PXX"),
        ("The union signed a multi-year contract.", "multi-year", "DURATION", "PXY"),
        # "the quarter ended July 31": May to July, mostly the second quarter.
        ("The firm lost $2 million in the quarter ended July 31.", "the quarter", "DATE",
         "2021-Q2"),
        ("Sales rose in the quarter ended Dec. 31.", "the quarter", "DATE", "2021-Q4"),
        # "set for" schedules; "set a record" does not.
        ("A summit was set for Paris in March.", "March", "DATE", "2022-03"),
        ("Exports set a record in December.", "December", "DATE", "2021-12"),
        # "the latest year" of a report is the last one completed.
        ("Revenue reached $2 billion in the latest fiscal year.", "the latest fiscal year",
         "DATE", "2021"),
    ],
)  # fmt: skip
def test_fourth_round_day_counts_and_deferrals(
    parse: Callable[[str], Doc], sentence: str, expression: str, type_: str, value: str
) -> None:
    mention = _only(_times(parse, sentence), expression)
    assert (mention.type, mention.value) == (type_, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "Schools must prepare pupils for today's world.",
        "The reform matters to today's youth.",
        "The poll was published by USA Today.",
        "For the coalition, high noon has come.",
        "Riots have flared in the past three summers.",
        "Prices rose sharply in the months before the vote.",
        "Guards were posted outside the clinic 24 hours a day.",
        "Thousands joined the annual March for Life in the capital.",
        "She wanted to train the engineers of tomorrow.",
        'The minister told "This Week With Martha Ray" that talks would go on.',
    ],
)
def test_present_day_senses_and_titles_are_not_the_day(
    parse: Callable[[str], Doc], sentence: str
) -> None:
    assert _times(parse, sentence) == []


def test_todays_edition_is_still_the_day(parse: Callable[[str], Doc]) -> None:
    mention = _only(_times(parse, "The notice ran in today's editions."), "today")
    assert mention.value == "2022-01-25"


def test_same_period_last_year_is_last_years_quarter(parse: Callable[[str], Doc]) -> None:
    text = "Third-quarter profit fell to $3 million from $5 million in the same period last year."
    mention = _only(extract_times(parse(text), date(2021, 10, 28)), "the same period last year")
    assert mention.value == "2020-Q3"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The deal must close by the end of tomorrow.", "tomorrow", "2022-01-26"),
        ("Protesters plan to march in March for two days.", "March", "2022-03"),
    ],
)
def test_real_dates_beside_the_fourth_round_blockers(
    parse: Callable[[str], Doc], sentence: str, expression: str, value: str
) -> None:
    assert _only(_times(parse, sentence), expression).value == value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Shares fell on Friday. Dealers placed heavy orders in the morning.", "the morning",
         "2022-01-21TMO"),
        ("Shelling began on Monday. By mid-afternoon, the town had fallen.", "mid-afternoon",
         "2022-01-24TAF"),
    ],
)  # fmt: skip
def test_a_bare_part_of_day_is_the_storys_day(
    parse: Callable[[str], Doc], text: str, expression: str, value: str
) -> None:
    assert _only(_times(parse, text), expression).value == value


@pytest.mark.parametrize(
    "text",
    [
        "Dealers placed heavy orders in the morning.",  # no day named before
        "On Monday he said he would leave at 4 in the morning.",  # a clock time
    ],
)
def test_a_bare_part_of_day_without_a_story_day_is_left_out(
    parse: Callable[[str], Doc], text: str
) -> None:
    assert "the morning" not in [m.text for m in _times(parse, text)]
