"""From a fetched page to the article the follower stores (trafilatura, no parsing)."""

from __future__ import annotations

import gzip

import pytest

from brinkwatch.follow.cycle import _page_article
from brinkwatch.follow.feeds import parse_source
from brinkwatch.follow.fetch import Fetched
from brinkwatch.follow.items import ParsedSource, Problem
from brinkwatch.follow.state import DueUrl
from brinkwatch.ingest.ids import article_id
from feedserver import STORIES, Story, page_html

SITE = "https://ledger.example.com"
STORY = STORIES["/news/baltic-patrols.html"]


def _article(story: Story, fetched_as: str, content_type: str = "text/html") -> object:
    html = page_html(story, SITE).encode()
    outcome = Fetched(SITE + fetched_as, 200, html, content_type)
    return _page_article(DueUrl(SITE + "/feed-link", "2022-01-24", 0), outcome)


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        (None, "/world/patrols"),  # none stated: the url fetched (after redirects)
        ("/news/patrols-update", "/news/patrols-update"),  # stated: it wins
        ("/", "/world/patrols"),  # the site root is no article's own url
    ],
)
def test_the_stored_url_is_the_canonical_one(canonical: str | None, expected: str) -> None:
    story = Story(STORY.title, STORY.paragraphs, canonical=canonical)
    got = _article(story, "/world/patrols")
    assert isinstance(got, tuple)
    article, key = got
    assert article.url == key.canonical_url == SITE + expected
    assert article.id == article_id(SITE + expected, article.text)


def test_the_feed_date_fills_in_only_for_an_undated_page() -> None:
    undated = _article(STORY, "/a")
    dated = _article(Story(STORY.title, STORY.paragraphs, date="2022-01-20"), "/b")
    assert isinstance(undated, tuple) and isinstance(dated, tuple)
    assert (undated[0].published, dated[0].published) == ("2022-01-24", "2022-01-20")


def test_equal_bodies_have_equal_hashes_whatever_the_url() -> None:
    one, two = _article(STORY, "/a"), _article(STORY, "/b?ref=x")
    assert isinstance(one, tuple) and isinstance(two, tuple)
    assert one[1].content_hash == two[1].content_hash
    assert one[1].canonical_url != two[1].canonical_url


@pytest.mark.parametrize(
    ("content_type", "reason"), [("application/pdf", "not-html"), ("image/png", "not-html")]
)
def test_what_is_not_html_is_not_read(content_type: str, reason: str) -> None:
    got = _article(STORY, "/a", content_type)
    assert isinstance(got, Problem) and got.reason == reason


def test_a_gzipped_sitemap_is_read() -> None:
    xml = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://ledger.example.com/x</loc></url></urlset>"
    )
    parsed = parse_source(gzip.compress(xml), SITE + "/sitemap.xml.gz")
    assert isinstance(parsed, ParsedSource)
    assert [i.url for i in parsed.items] == [SITE + "/x"]
    broken = parse_source(gzip.compress(xml)[:20], SITE + "/sitemap.xml.gz")
    assert isinstance(broken, Problem) and broken.reason == "bad-feed"
