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


def test_copyright_year_is_not_taken_for_the_publication_date(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><head><title>Talks</title></head><body><article>"
        "<p>Negotiators from both delegations met in Geneva for seven hours on Monday "
        "and agreed to continue the talks at a lower level next month.</p></article>"
        "<footer>© 2022 Example Ledger. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    [item] = read_paths([str(page)])
    assert isinstance(item, Article) and item.published is None


def test_extractor_crash_costs_only_that_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("brinkwatch.ingest.html.trafilatura.bare_extraction", explode)
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nThe envoys met.", encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [getattr(i, "reason", "ok") for i in items] == ["html-error", "ok"]


def test_cp1252_page_is_decoded(tmp_path: Path) -> None:
    page = tmp_path / "cp.html"
    html = PAGE.read_text(encoding="utf-8").replace("four F-16", "four “F-16”")
    page.write_bytes(html.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    [item] = read_paths([str(page)])
    assert isinstance(item, Article) and "four “F-16” fighter jets" in item.text


def test_bold_paragraph_used_as_sub_heading_is_a_section_break(tmp_path: Path) -> None:
    para = (
        "<p>{} from both delegations met in Geneva for seven hours on Monday and agreed "
        "to continue the talks at a lower level next month.</p>"
    )
    page = tmp_path / "bold.html"
    page.write_text(
        f"<html><head><title>Talks</title></head><body><article>{para.format('Envoys')}"
        f"<p><strong>Next steps</strong></p>{para.format('Diplomats')}"
        "<p><b>Note:</b> the talks will resume in March.</p></article></body></html>",
        encoding="utf-8",
    )
    [item] = read_paths([str(page)])
    assert isinstance(item, Article)
    assert [s.heading for s in item.sections] == [None, "Next steps"]
    assert item.text.endswith("Note: the talks will resume in March.")
