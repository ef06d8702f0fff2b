"""Layout 2: saved article pages, read through trafilatura."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.ingest import read_paths
from brinkwatch.records import Article

PAGE = Path(__file__).parent / "fixtures" / "ingest" / "html" / "baltic_patrols.html"


@pytest.fixture(scope="module")
def article() -> Article:
    [item] = read_paths([str(PAGE)])
    assert isinstance(item, Article)
    return item


def test_metadata_comes_from_the_page(article: Article) -> None:
    assert article.title == "Allies Add Fighter Jets to Baltic Air Policing"
    assert article.authors == ("Marta Kowalska", "Tomas Berg")
    assert article.published == "2022-01-24"
    assert article.url == "https://ledger.example.org/world/2022/01/24/baltic-air-policing"
    assert article.path == str(PAGE)


@pytest.mark.parametrize(
    "excluded",
    [
        "Home",
        "Subscribe",
        "Caption text",
        "Reader comment",
        "Copyright",
        "Comments",
        "Allies Add Fighter Jets",
    ],
)
def test_navigation_captions_comments_footer_and_title_are_not_body(
    article: Article, excluded: str
) -> None:
    assert excluded not in article.text


def test_body_paragraphs_and_sub_headings(article: Article) -> None:
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Denmark said on Monday")
    assert [s.heading for s in article.sections] == [None, "Moscow responds"]
    assert "Moscow responds" not in article.text
    moscow = article.sections[1]
    assert article.text[moscow.start : moscow.end].startswith("The Kremlin accused")


def test_page_without_date_uses_the_published_argument(tmp_path: Path) -> None:
    page = tmp_path / "plain.html"
    page.write_text(
        "<html><head><title>Talks in Geneva</title></head><body><article>"
        "<p>Negotiators from both delegations met in Geneva for seven hours on Monday "
        "and agreed to continue the talks at a lower level next month.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [item] = read_paths([str(page)], published="2022-01-10")
    assert isinstance(item, Article)
    assert item.published == "2022-01-10"
    assert item.text.startswith("Negotiators from both delegations")
