"""Reading sources: RSS, Atom, news sitemaps, sitemap indexes, OPML and url lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.follow.feeds import parse_source
from brinkwatch.follow.items import FeedItem, ParsedSource, Problem
from brinkwatch.follow.urls import absolute_url, host_key, normalize_url, origin

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://news.example.org/feeds/main.xml"

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://news.example.org/a/1.html</link>
<pubDate>Sun, 23 Jan 2022 22:30:00 -0500</pubDate></item>
<item><title>Two</title><guid>https://news.example.org/a/2.html</guid></item>
<item><title>Three</title><guid isPermaLink="false">tag-3</guid></item>
<item><title>Four</title><link>/a/4.html#comments</link><dc:date
 xmlns:dc="http://purl.org/dc/elements/1.1/">2022-02-01T10:00:00Z</dc:date></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link rel="self" href="https://news.example.org/api/1"/>
<link rel="alternate" type="text/html" href="https://news.example.org/b/1"/>
<published>2022-02-14T06:00:00+03:00</published><updated>2022-02-15T00:00:00Z</updated></entry>
<entry><title>B</title><link href="b/2"/><updated>2022-02-16</updated></entry>
<entry><title>No link</title></entry></feed>"""

SITEMAP = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.org/c/1</loc><news:news><news:publication>
<news:name>Ledger</news:name></news:publication><news:publication_date>2022-02-20T08:00:00Z
</news:publication_date><news:title>Talks resume</news:title></news:news></url>
<url><loc>https://news.example.org/c/2</loc><lastmod>2022-02-21</lastmod></url></urlset>"""

INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example.org/sitemap-1.xml</loc></sitemap>
<sitemap><loc>https://news.example.org/sitemap-2.xml</loc></sitemap></sitemapindex>"""

OPML = b"""<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Folder"><outline text="A" type="rss" xmlUrl="https://a.example.com/rss"/>
<outline text="B" xmlUrl="https://b.example.net/atom.xml"/></outline>
<outline text="site only" htmlUrl="https://c.example.com/"/>
<outline text="again" xmlUrl="https://a.example.com/rss"/></body></opml>"""


def _parsed(data: bytes) -> ParsedSource:
    parsed = parse_source(data, BASE)
    assert isinstance(parsed, ParsedSource), parsed
    return parsed


def test_rss_items_take_link_or_permalink_guid_and_the_publishers_day() -> None:
    parsed = _parsed(RSS)
    assert parsed.kind == "rss"
    assert parsed.items == (
        FeedItem("https://news.example.org/a/1.html", "2022-01-23", "One"),
        FeedItem("https://news.example.org/a/2.html", None, "Two"),
        FeedItem("https://news.example.org/a/4.html", "2022-02-01", "Four"),
    )


def test_atom_entries_take_the_alternate_link_and_the_published_date() -> None:
    parsed = _parsed(ATOM)
    assert parsed.kind == "atom"
    assert parsed.items == (
        FeedItem("https://news.example.org/b/1", "2022-02-14", "A"),
        FeedItem("https://news.example.org/feeds/b/2", "2022-02-16", "B"),
    )


def test_news_sitemap_gives_publication_date_and_title() -> None:
    parsed = _parsed(SITEMAP)
    assert parsed.kind == "sitemap"
    assert parsed.items == (
        FeedItem("https://news.example.org/c/1", "2022-02-20", "Talks resume"),
        FeedItem("https://news.example.org/c/2", "2022-02-21", None),
    )


def test_sitemap_index_and_opml_name_further_sources_once() -> None:
    assert _parsed(INDEX).feeds == (
        "https://news.example.org/sitemap-1.xml",
        "https://news.example.org/sitemap-2.xml",
    )
    opml = _parsed(OPML)
    assert (opml.kind, opml.items) == ("opml", ())
    assert opml.feeds == ("https://a.example.com/rss", "https://b.example.net/atom.xml")


def test_url_lines_skip_comments_and_reject_what_is_not_a_web_url() -> None:
    text = b"# outlets\n\nhttps://a.example.com/x\n  http://B.example.com:80/y#top \nftp://f/z\nhello\n"
    parsed = _parsed(text)
    assert parsed.kind == "urls"
    assert [i.url for i in parsed.items] == ["https://a.example.com/x", "http://b.example.com/y"]
    assert parsed.rejected == ("ftp://f/z", "hello")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss><channel><item>", "bad-feed"),
        (b"<html><body>news</body></html>", "not-a-feed"),
        (b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss>&e;</rss>', "bad-feed"),
    ],
)
def test_sources_that_are_not_feeds_are_named_problems(data: bytes, reason: str) -> None:
    parsed = parse_source(data, BASE)
    assert isinstance(parsed, Problem)
    assert parsed.reason == reason


def test_the_example_outlets_file_lists_fictional_feeds_on_example_domains() -> None:
    parsed = _parsed((ROOT / "examples" / "outlets.opml").read_bytes())
    assert len(parsed.feeds) >= 3
    assert all(host_key(u).split(":")[0].endswith(("example.com", "example.org", "example.net"))
               for u in parsed.feeds)  # fmt: skip


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.org:443/a?b=1#c", "https://news.example.org/a?b=1"),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/x", "http://example.org:8080/x"),
        ("mailto:desk@example.org", None),
        ("http://example.org:99999/", None),
    ],
)
def test_normalize_url(url: str, expected: str | None) -> None:
    assert normalize_url(url) == expected


def test_links_resolve_against_the_source_and_sites_are_origins() -> None:
    assert (
        absolute_url("https://e.example.org/f/x.xml", "../a.html") == "https://e.example.org/a.html"
    )
    assert absolute_url("https://e.example.org/", "   ") is None
    assert origin("https://e.example.org:8443/a/b?c") == "https://e.example.org:8443"
