"""Properties: the readers never raise, and offsets always fit the text."""

from __future__ import annotations

from hypothesis import given, settings
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
