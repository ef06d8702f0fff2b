"""Properties: the readers never raise, and offsets always fit the text."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from brinkwatch.ingest import read_text
from brinkwatch.ingest.files import decode_bytes, looks_binary

# Lines built from the pieces layout-1 files are made of, so the interesting
# branches (bylines, dates, credits, headings, links) are reached often.
PIECES = st.sampled_from(
    [
        "",
        "",
        "Title Line",
        "By Jane Doe and Ivan Petrov for Reuters",
        "By [A B](#)",
        "March 3, 2023",
        "Updated Feb. 2, 2022 10:41 AM EST",
        "**AFP / AFP**",
        "Ints Kalnins / Reuters",
        "Related article: [X](#)",
        "Related article:",
        "Original url:",
        "<https://e.example/a>",
        "Talks in Brussels",
        "## Heading",
        "the sentence goes on",
        "A sentence that ends.",
        "\\$5 and \\* and **bold** and [link](#)",
        "  ",
        "\r",
        "\ufeff",
        "“quoted”",
        "air-",
        "Gen.",
        "---",
        "title: T",
        "author:",
        "  - A",
        "- item",
        "Photo: A / B",
        "Advertisement",
        ")",
    ]
)
LAYOUT_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=30).map("\n".join)


def check_article(text: str) -> None:
    article = read_text(text, path="x-2022-01-01.txt", published=None)
    for section in article.sections:
        assert 0 <= section.start <= section.end <= len(article.text)
        assert section.heading is None or section.heading not in ("", None)
    assert "\r" not in article.text
    assert article.text == article.text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text())
@example(")")  # a title of closing punctuation only once raised IndexError
def test_read_text_never_raises_on_any_string(text: str) -> None:
    check_article(text)


@settings(max_examples=300, deadline=None)
@given(LAYOUT_TEXT)
def test_read_text_never_raises_on_layout_like_text(text: str) -> None:
    check_article(text)


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_decoding_never_raises_on_any_bytes(data: bytes) -> None:
    text = decode_bytes(data)
    assert isinstance(text, str) and "\r" not in text
    assert isinstance(looks_binary(data), bool)


# Round trip: an article written in layout 1 from known parts reads back as those parts.
SENTENCES = st.sampled_from([
    "The envoys met in Geneva on Monday.", "Moscow denied any plan to attack.",
    '"We are ready to talk," the minister said.', "Talks will resume next week in Vienna.",
    "The alliance sent four jets to Lithuania.", "Officials gave no numbers.",
])  # fmt: skip
NAMES = st.sampled_from(["Jane Doe", "Ivan Petrov", "Anna Lind", "Karl Weber"])
DATE_FORMATS = st.sampled_from(["%B %-d, %Y", "%-d %B %Y", "%Y-%m-%d", "%b. %-d, %Y %H:%M GMT"])
PARAGRAPHS = st.lists(st.lists(SENTENCES, min_size=1, max_size=3).map(" ".join), min_size=1,
                      max_size=5)  # fmt: skip


@st.composite
def layout_one(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    authors = tuple(dict.fromkeys(draw(st.lists(NAMES, max_size=3))))
    agency = draw(st.sampled_from([None, "Reuters", "AFP"]))
    day = draw(st.dates(min_value=date(2021, 1, 1), max_value=date(2023, 12, 31)))
    credit = draw(st.sampled_from([None, "Ints Kalnins / Reuters", "**AFP / AFP**"]))
    paragraphs = draw(PARAGRAPHS)
    related = draw(st.sampled_from([None, "Allies Meet in Brussels"]))
    lines = ["", "Envoys Meet as Tensions Rise", ""]
    if authors:
        names = " and ".join(authors)
        lines += [f"By [{names} for {agency}](#)" if agency else f"By {names}", ""]
    lines += [day.strftime(draw(DATE_FORMATS)), ""] + ([credit, ""] if credit else [])
    for i, paragraph in enumerate(paragraphs):
        lines += [paragraph, ""] + (
            [f"Related article: [{related}](#)", ""] if related and i == 0 else []
        )
    lines += ["Original url:", "", "<https://example.org/a>"]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    expected = {
        "authors": authors,
        "agency": agency if authors else None,
        "published": day.isoformat(),
        "text": "\n\n".join(paragraphs),
        "photo_credit": credit.strip("*") if credit else None,
        "related": (related,) if related else (),
        "url": "https://example.org/a",
    }
    return newline.join(lines), expected


@settings(max_examples=200, deadline=None)
@given(layout_one())
def test_layout_one_round_trip(case: tuple[str, dict[str, object]]) -> None:
    text, expected = case
    article = read_text(text)
    assert article.title == "Envoys Meet as Tensions Rise"
    assert {key: getattr(article, key) for key in expected} == expected
