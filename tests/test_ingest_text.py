"""Layout 1 (exported news text): one test per row of the layout table in
shared/spec/input-articles.md, on fixture articles written for these tests."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from brinkwatch.ingest import read_text
from brinkwatch.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "text"


def read_fixture(name: str, published: str | None = None) -> Article:
    path = FIXTURES / name
    return read_text(path.read_text(encoding="utf-8"), path=str(path), published=published)


def paragraphs(article: Article) -> list[str]:
    return article.text.split("\n\n")


# --------------------------------------------------------------------- title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("full_layout.txt", "Germany Pledges Field Hospital as Kyiv Presses Allies for Arms"),
        (
            "curly_quotes_no_byline.md",
            "Finland’s President Warns of “Difficult Weeks” in Call With Putin",
        ),
        ("comma_agency_bold_credit.txt", "Russian Navy Announces Drills Off Irish Coast"),
    ],
)
def test_title_is_first_non_blank_line_and_not_in_body(name: str, title: str) -> None:
    article = read_fixture(name)
    assert article.title == title
    assert title not in article.text


def test_leading_blank_lines_are_ignored() -> None:
    article = read_text(
        "\n\n   \n\nTalks Stall in Vienna\n\nDiplomats left the room without a deal."
    )
    assert article.title == "Talks Stall in Vienna"
    assert article.text == "Diplomats left the room without a deal."


def test_first_line_as_long_as_a_paragraph_is_body_not_title() -> None:
    first = "Diplomats from both sides " + "met again and again " * 20 + "without agreement."
    article = read_text(first + "\n\nThey will meet again next week.")
    assert article.title is None
    assert article.text.startswith("Diplomats from both sides")


# --------------------------------------------------------------------- byline


@pytest.mark.parametrize(
    ("line", "authors", "agency"),
    [
        ("By [Jane Doe and Ivan Petrov for Reuters](#)", ("Jane Doe", "Ivan Petrov"), "Reuters"),
        ("By Jane Doe", ("Jane Doe",), None),
        ("By Jane Doe, AFP", ("Jane Doe",), "AFP"),
        (
            "By Anna Lind, Piotr Nowak and Karl Weber",
            ("Anna Lind", "Piotr Nowak", "Karl Weber"),
            None,
        ),
        (
            "By Ursula von Berg for The Kyiv Independent",
            ("Ursula von Berg",),
            "The Kyiv Independent",
        ),
        ("**By Jan Kowalski and Ewa Nowak, Reuters**", ("Jan Kowalski", "Ewa Nowak"), "Reuters"),
        ("By Olga Ivanova, Moscow correspondent", ("Olga Ivanova",), None),
        ("By Jane Doe in Kyiv and Ivan Petrov in Moscow", ("Jane Doe", "Ivan Petrov"), None),
        ("Written by Anna Lind", ("Anna Lind",), None),
        ("By AFP", (), "AFP"),
        ("By Jane Doe, Reuters; Ivan Petrov, AFP", ("Jane Doe", "Ivan Petrov"), "AFP"),
    ],
)
def test_byline_gives_authors_and_agency(
    line: str, authors: tuple[str, ...], agency: str | None
) -> None:
    article = read_text(
        f"Talks in Geneva End\n\n{line}\n\nThe talks ended without a deal on Friday."
    )
    assert article.authors == authors
    assert article.agency == agency
    assert article.text == "The talks ended without a deal on Friday."


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, troops had left the border area.",
        "By then the talks had collapsed",
    ],
)
def test_sentence_starting_with_by_is_not_a_byline(line: str) -> None:
    article = read_text(f"Troops Withdraw\n\n{line}\n\nOfficials confirmed the move.")
    assert article.authors == ()
    assert line.rstrip(".") in article.text


# --------------------------------------------------------------------- date line


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("March 3, 2023", "2023-03-03"),
        ("3 March 2023", "2023-03-03"),
        ("2023-03-03", "2023-03-03"),
        ("Feb. 2, 2022", "2022-02-02"),
        ("Feb. 2, 2022 10:41 AM EST", "2022-02-02"),
        ("Updated Feb. 2, 2022 10:41 AM EST", "2022-02-02"),
        ("Published: Thursday, 27 January 2022 at 14:05 GMT", "2022-01-27"),
        ("Sept. 30, 2021, 5:00 p.m. ET", "2021-09-30"),
        ("**January 24, 2022**", "2022-01-24"),
        ("Posted 24th January 2022 | Updated 25th January 2022", "2022-01-24"),
        ("2022-01-24T09:15:00+00:00", "2022-01-24"),
    ],
)
def test_date_line_gives_published(line: str, published: str) -> None:
    article = read_text(f"Envoys Meet\n\nBy Jane Doe\n\n{line}\n\nThe envoys met for two hours.")
    assert article.published == published
    assert article.text == "The envoys met for two hours."


def test_published_date_wins_over_updated_date() -> None:
    text = "Envoys Meet\n\nUpdated March 5, 2023\n\nMarch 3, 2023\n\nThe envoys met for two hours."
    assert read_text(text).published == "2023-03-03"


@pytest.mark.parametrize(
    "line",
    ["February 30, 2022", "March 3, 2023 - troops moved closer to the border"],
)
def test_impossible_date_or_sentence_is_not_a_date_line(line: str) -> None:
    article = read_text(f"Envoys Meet\n\n{line}\n\nThe envoys met for two hours.")
    assert article.published is None


@pytest.mark.parametrize(
    ("path", "argument", "expected"),
    [
        (None, "2022-02-01", "2022-02-01"),
        (None, "2022-02-01T10:00:00Z", "2022-02-01"),
        ("news/2022-02-10-minsk.txt", None, "2022-02-10"),
        ("news/2022-02-10-minsk.txt", "2022-02-01", "2022-02-01"),
        ("news/2022-13-40-minsk.txt", None, None),
        ("2022-02-10/minsk.txt", None, None),  # only the file's own name counts
        (None, None, None),
    ],
)
def test_published_fallback_order(
    path: str | None, argument: str | None, expected: str | None
) -> None:
    article = read_text("Minsk Drills\n\nThe drills began.", path=path, published=argument)
    assert article.published == expected


def test_article_date_wins_over_argument_and_file_name() -> None:
    text = "Minsk Drills\n\nFebruary 9, 2022\n\nThe drills began."
    article = read_text(text, path="2022-02-10.txt", published="2022-02-01")
    assert article.published == "2022-02-09"


def test_file_without_date_line_takes_date_from_file_name() -> None:
    assert read_fixture("no_date_2022-02-10.txt").published == "2022-02-10"


# --------------------------------------------------------------------- photo credit


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Ints Kalnins / Reuters", "Ints Kalnins / Reuters"),
        ("**AFP / AFP**", "AFP / AFP"),
        ("__Sergei Supinsky / AFP via Getty Images__", "Sergei Supinsky / AFP via Getty Images"),
        ("Photo: Jane Doe / EPA", "Jane Doe / EPA"),
    ],
)
def test_photo_credit_is_recorded_and_not_in_body(line: str, credit: str) -> None:
    text = f"Jets Land in Estonia\n\nMarch 3, 2023\n\n{line}\n\nFour jets landed at the base."
    article = read_text(text)
    assert article.photo_credit == credit
    assert article.text == "Four jets landed at the base."


def test_photo_credit_inside_the_body_is_removed() -> None:
    text = (
        "Jets Land in Estonia\n\nFour jets landed at the base on Monday.\n\n"
        "Jaan Tamm / Reuters\n\nThe pilots will stay for four months."
    )
    article = read_text(text)
    assert paragraphs(article) == [
        "Four jets landed at the base on Monday.",
        "The pilots will stay for four months.",
    ]
    assert article.photo_credit == "Jaan Tamm / Reuters"


def test_slash_heading_without_outlet_stays_in_body() -> None:
    text = (
        "Jets Land\n\nFour jets landed at the base on Monday.\n\nRussia / Ukraine\n\n"
        "The pilots will stay for four months."
    )
    article = read_text(text)
    assert article.photo_credit is None
    assert [s.heading for s in article.sections] == [None, "Russia / Ukraine"]


# --------------------------------------------------------------------- body, related, headings


def test_body_paragraphs_are_separated_by_blank_line() -> None:
    article = read_fixture("comma_agency_bold_credit.txt")
    assert len(paragraphs(article)) == 5
    assert all(p.strip() == p and p for p in paragraphs(article))


@pytest.mark.parametrize(
    ("line", "titles"),
    [
        ("Related article: [Baltic States Push for Bases](#)", ("Baltic States Push for Bases",)),
        (
            "**Related article:** [Baltic States Push for Bases](https://x.example/a)",
            ("Baltic States Push for Bases",),
        ),
        ("Related articles: [One Title](#), [Another Title](#)", ("One Title", "Another Title")),
        ("Read more: Talks Resume in Geneva", ("Talks Resume in Geneva",)),
    ],
)
def test_related_links_are_recorded_and_not_in_body(line: str, titles: tuple[str, ...]) -> None:
    text = f"Bases\n\nThe alliance met in Brussels.\n\n{line}\n\nNo decision was taken."
    article = read_text(text)
    assert article.related == titles
    assert paragraphs(article) == ["The alliance met in Brussels.", "No decision was taken."]


def test_related_label_with_links_on_next_line() -> None:
    article = read_fixture("several_authors_updated.txt")
    assert article.related == ("NATO Puts Forces on Standby", "Baltic Leaders Meet in Riga")
    assert "Related" not in article.text and "Riga" not in article.text


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        ("full_layout.txt", [None, "Berlin's Line on Weapons"]),
        ("comma_agency_bold_credit.txt", [None, "What the fishermen say", "Dublin's Response"]),
        ("curly_quotes_no_byline.md", [None]),
    ],
)
def test_sub_headings_become_sections_not_body(name: str, headings: list[str | None]) -> None:
    article = read_fixture(name)
    assert [s.heading for s in article.sections] == headings
    for heading in headings[1:]:
        assert heading is not None and heading not in article.text


def test_sections_cover_the_body_in_order() -> None:
    article = read_fixture("comma_agency_bold_credit.txt")
    sections = article.sections
    assert sections[0].start == 0 and sections[-1].end == len(article.text)
    for before, after in itertools.pairwise(sections):
        assert article.text[before.end : after.start] == "\n\n"
    assert article.text[sections[2].start : sections[2].end].startswith("The Irish government")


def test_markdown_heading_is_a_section_break() -> None:
    text = "Title\n\nFirst paragraph here.\n\n## What Comes Next\n\nSecond paragraph here."
    article = read_text(text)
    assert [s.heading for s in article.sections] == [None, "What Comes Next"]
    assert article.text == "First paragraph here.\n\nSecond paragraph here."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the spec's case: a block without final punctuation continued by the next block
        (
            "Aid was approved after the meeting in\n\nBrussels on Thursday.",
            ["Aid was approved after the meeting in Brussels on Thursday."],
        ),
        # next block starts in lower case
        (
            "Officials said the convoy had crossed into Belarus\n\nlate on Sunday night.",
            ["Officials said the convoy had crossed into Belarus late on Sunday night."],
        ),
        # hard-wrapped lines inside one block
        (
            "The ministers said the talks\nwere useful but that no\ndeal was close.",
            ["The ministers said the talks were useful but that no deal was close."],
        ),
        # a word hyphenated across a line break
        (
            "They discussed the air-\ndefence plan at length.",
            ["They discussed the air-defence plan at length."],
        ),
        # an abbreviation at a line end does not end the paragraph
        (
            "The letter was signed by Gen.\n\nMark Milley on Friday.",
            ["The letter was signed by Gen. Mark Milley on Friday."],
        ),
        # complete paragraphs stay apart
        (
            "The talks ended.\n\nThe envoys flew home.",
            ["The talks ended.", "The envoys flew home."],
        ),
    ],
)
def test_broken_paragraphs_are_joined(body: str, expected: list[str]) -> None:
    article = read_text(f"Title Line\n\nOpening paragraph of the story.\n\n{body}")
    assert paragraphs(article)[1:] == expected


def test_heading_is_not_glued_to_a_paragraph() -> None:
    article = read_fixture("full_layout.txt")
    assert "Weapons The government" not in article.text
    assert "meeting in Berlin on Tuesday." in article.text


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("[the statement](#) was read aloud.", "the statement was read aloud."),
        ("[the statement](https://example.org/s) was read aloud.", "the statement was read aloud."),
        ("It was **not** a threat.", "It was not a threat."),
        ("It was __not__ a threat.", "It was not a threat."),
        ("The package is worth \\$150 million.", "The package is worth $150 million."),
        ("Rates rose by 5\\% \\* 2 \\_ 1 \\[sic\\].", "Rates rose by 5% * 2 _ 1 [sic]."),
        ("Talks were \\*very\\* tense.", "Talks were *very* tense."),
        ("The plan ![map](map.png)was shown.", "The plan was shown."),
    ],
)
def test_markdown_residue_becomes_plain_text(raw: str, plain: str) -> None:
    article = read_text(f"Title Line\n\n{raw}")
    assert article.text == plain


@pytest.mark.parametrize("quote", ['"provocations".', "“provocations”.", "‘provocations’."])
def test_curly_and_straight_quotes_are_kept(quote: str) -> None:
    assert read_text(f"Title\n\nMoscow warned against {quote}").text.endswith(quote)


# --------------------------------------------------------------------- footer


@pytest.mark.parametrize(
    "footer",
    [
        "Original url:\n\n<https://www.example-news.com/2023/03/03/story-a1>",
        "Original url: <https://www.example-news.com/2023/03/03/story-a1>",
        "**Original URL:** https://www.example-news.com/2023/03/03/story-a1",
    ],
)
def test_footer_url_is_recorded_and_not_in_body(footer: str) -> None:
    article = read_text(f"Title\n\nThe envoys met on Friday.\n\n{footer}\n")
    assert article.url == "https://www.example-news.com/2023/03/03/story-a1"
    assert article.text == "The envoys met on Friday."


# --------------------------------------------------------------------- whole articles


def test_full_layout_article_has_every_field_and_a_clean_body() -> None:
    article = read_fixture("full_layout.txt")
    assert article.authors == ("Katrin Hoffmann", "Oleksii Bondar")
    assert article.agency == "Reuters"
    assert article.published == "2022-01-27"
    assert article.photo_credit == "Valentyn Ogirenko / Reuters"
    assert article.related == ("Berlin Faces Pressure Over Arms Export Rules",)
    assert article.url and article.url.endswith("germany-field-hospital-ukraine-2022-01-27/")
    for residue in ("By ", "Original url", "](#)", "**", "\\$", "Ogirenko", "10:41"):
        assert residue not in article.text
    assert "$1.5 billion" in article.text


def test_body_without_text_is_empty() -> None:
    article = read_fixture("no_body.txt")
    assert article.text == "" and article.sections == ()
    assert article.url is not None and article.title == "Headline Without a Story"


def test_id_is_the_hash_of_the_url_when_there_is_one() -> None:
    from brinkwatch.ingest import article_id

    article = read_fixture("full_layout.txt")
    assert article.id == article_id(article.url, "anything")
    assert len(article.id) == 64


@pytest.mark.parametrize("value", ["02/03/2022", "yesterday", "2022-02-30"])
def test_published_argument_that_is_not_a_date_is_an_error(value: str) -> None:
    from brinkwatch.errors import ReadError
    from brinkwatch.ingest import read_paths

    with pytest.raises(ReadError, match="YYYY-MM-DD"):
        read_text("Title\n\nBody text.", published=value)
    with pytest.raises(ReadError, match="not a date"):
        next(read_paths(["-"], published=value))


# --------------------------------------------------------------------- other real-world styles


def test_standfirst_between_title_and_byline_stays_its_own_paragraph() -> None:
    article = read_fixture("dek_list_wire_credit.txt")
    assert paragraphs(article)[0] == (
        "The two ministers met for 90 minutes in Geneva but announced no breakthrough"
    )
    assert paragraphs(article)[1].startswith("The US secretary of state")
    assert article.authors == ("David Brennan", "Natalia Zinets") and article.agency == "Reuters"
    assert article.published == "2022-01-21"


def test_list_items_are_paragraphs_without_markers_and_never_headings() -> None:
    article = read_fixture("dek_list_wire_credit.txt")
    assert [s.heading for s in article.sections] == [None, "Key points"]
    assert "Russia wants a guarantee that Ukraine will never join Nato" in paragraphs(article)
    assert "- " not in article.text


@pytest.mark.parametrize(
    "furniture",
    ["Advertisement", "Reporting by David Brennan", "Denis Balibouse / Reuters", "Photograph:"],
)
def test_captions_staff_credits_and_site_furniture_are_not_body(furniture: str) -> None:
    assert furniture not in read_fixture("dek_list_wire_credit.txt").text


def test_caption_with_trailing_credit_is_dropped_and_credit_kept() -> None:
    article = read_fixture("caption_blockquote.md")
    assert article.photo_credit == "Sean Gallup/Getty Images"  # as written
    assert paragraphs(article)[0].startswith("WASHINGTON — The Pentagon has placed")
    assert "soldiers at a base" not in article.text


def test_blockquote_marker_and_italic_byline_are_cleaned() -> None:
    article = read_fixture("caption_blockquote.md")
    assert '"This is about reassurance to our NATO allies," Kirby said.' in paragraphs(article)
    assert (article.authors, article.agency) == (("Marcus Webb",), "Washington Post")
    assert article.title == "EXCLUSIVE Pentagon puts 8,500 troops on alert"
    assert article.published == "2022-01-24"


def test_agency_alone_in_byline_and_dateline_with_city() -> None:
    article = read_fixture("agency_only_dateline.txt")
    assert (article.authors, article.agency, article.published) == ((), "AFP", "2022-02-06")
    assert article.url == "https://www.example-afp.com/en/news/macron-moscow-kyiv-visit"
    assert paragraphs(article)[0].startswith("French President Emmanuel Macron")


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("Russia accused NATO of provocations.", None, "Russia accused NATO of provocations."),
        ("Kyiv said the talks failed. Moscow disagreed.\nBoth sides will meet again.", None,
         "Kyiv said the talks failed. Moscow disagreed.\n\nBoth sides will meet again."),
        ("Is War Coming?\n\nAnalysts disagree.", "Is War Coming?", "Analysts disagree."),
        ("Putin Warns the U.S.\n\nHe spoke.", "Putin Warns the U.S.", "He spoke."),
        ('Moscow Calls Claim "Nonsense"\n\nIt denied it.', 'Moscow Calls Claim "Nonsense"',
         "It denied it."),
    ],
)  # fmt: skip
def test_a_first_line_ending_with_a_full_stop_is_body_not_title(
    text: str, title: str | None, body: str
) -> None:
    article = read_text(text)
    assert (article.title, article.text) == (title, body)


@pytest.mark.parametrize(
    ("line", "kept"),
    [("[Watch the briefing](#)", False), ("[Russia said it would withdraw.](#)", True)],
)
def test_a_line_that_is_only_a_link_is_navigation(line: str, kept: bool) -> None:
    article = read_text(f"Title\n\nThe envoys met.\n\n{line}\n\nThey left.")
    assert (len(article.text.split("\n\n")) == 3) is kept
    assert [s.heading for s in article.sections] == [None]


@pytest.mark.parametrize("headline", ["By Land, Sea and Air", "Russia / Ukraine"])
def test_first_line_that_looks_like_metadata_is_still_the_title(headline: str) -> None:
    article = read_text(f"{headline}\n\nBy Jane Doe\n\nThe envoys met.")
    assert (article.title, article.authors, article.photo_credit) == (
        headline, ("Jane Doe",), None
    )  # fmt: skip


def test_date_line_before_the_title() -> None:
    article = read_text("March 3, 2023\n\nEnvoys Meet\n\nThe envoys met.")
    assert (article.title, article.published, article.text) == (
        "Envoys Meet", "2023-03-03", "The envoys met."
    )  # fmt: skip


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("World / Europe", None),
        ("News / World / Europe", None),
        ("Handout / Reuters", "Handout / Reuters"),
        ("AFP / AFP", "AFP / AFP"),
        (
            "Alex Brandon / Pool / AFP via Getty Images",
            "Alex Brandon / Pool / AFP via Getty Images",
        ),
    ],
)
def test_breadcrumb_is_not_a_photo_credit(line: str, credit: str | None) -> None:
    article = read_text(f"Envoys Meet\n\nMarch 3, 2023\n\n{line}\n\nThe envoys met.")
    assert article.photo_credit == credit


def test_date_line_at_the_end_is_metadata_and_a_late_fallback() -> None:
    text = "Envoys Meet\n\nThe envoys met.\n\nThey left.\n\nPublished 3 March 2023"
    article = read_text(text, published="2023-01-01")
    assert (article.text, article.published) == ("The envoys met.\n\nThey left.", "2023-03-03")
    on_top = read_text("Envoys Meet\n\nMarch 1, 2023\n\nThe envoys met.\n\nUpdated March 9, 2023")
    assert (on_top.text, on_top.published) == ("The envoys met.", "2023-03-01")


# --------------------------------------------------------------------- front matter


def test_front_matter_of_a_web_clipper_gives_the_metadata() -> None:
    article = read_fixture("clipped_front_matter.md")
    assert article.title == "Sweden and Finland Step Up Defence Talks"
    assert article.authors == ("Erik Lund", "Aino Virtanen")
    assert article.published == "2022-01-19"  # "created" dates the clipping: ignored
    assert article.url == "https://www.example-daily.se/world/2022/01/19/nordic-defence-talks"
    assert article.text.startswith("Sweden's defence minister said")
    assert "---" not in article.text and "clippings" not in article.text


def test_front_matter_title_keeps_the_first_paragraph_in_the_body() -> None:
    text = "---\ntitle: Talks Resume\nauthor: [Jane Doe, Ivan Petrov]\n---\n\nThe talks resumed.\n"
    article = read_text(text)
    assert (article.title, article.authors, article.text) == (
        "Talks Resume", ("Jane Doe", "Ivan Petrov"), "The talks resumed."
    )  # fmt: skip


def test_a_rule_without_front_matter_is_not_the_title() -> None:
    article = read_text("---\n\nTalks Resume\n\nThe talks resumed.\n")
    assert (article.title, article.text) == ("Talks Resume", "The talks resumed.")
