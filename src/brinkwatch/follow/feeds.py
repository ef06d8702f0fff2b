"""Reading sources: RSS 2.0/1.0, Atom, (news) sitemaps and sitemap indexes, OPML, url lists.

XML is read with the standard library's ElementTree: it never fetches external
entities, and the bundled expat (>= 2.4.1) refuses entity-expansion bombs.
Elements are matched by local name, so any namespace prefix works.
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from brinkwatch.follow.items import FeedItem, ParsedSource, Problem
from brinkwatch.follow.urls import absolute_url
from brinkwatch.ingest.dates import normalize_date

Element = ET.Element
_GZIP_MAGIC = b"\x1f\x8b"
_MAX_UNPACKED = 50_000_000  # the sitemap protocol's limit for one (uncompressed) file


def parse_source(data: bytes, base_url: str) -> ParsedSource | Problem:
    """The links a fetched or local source lists; XML by its root element, else url lines."""
    if data.startswith(_GZIP_MAGIC):  # sitemap.xml.gz served without Content-Encoding
        unpacked = _gunzip(data)
        if isinstance(unpacked, Problem):
            return unpacked
        data = unpacked
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return parse_url_lines(data.decode("utf-8", "replace"), base_url)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return Problem("bad-feed", f"not well-formed XML ({exc}); check that the url is a feed")
    reader = _READERS.get(_local(root.tag))
    if reader is None:
        return Problem("not-a-feed", f"<{_local(root.tag)}> is not RSS, Atom, a sitemap or OPML")
    return reader(root, base_url)


def _gunzip(data: bytes) -> bytes | Problem:
    """Decompressed bytes, stopping past the sitemap protocol's own size limit."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            unpacked = stream.read(_MAX_UNPACKED + 1)
    except (OSError, EOFError) as exc:
        return Problem("bad-feed", f"not a readable gzip file ({exc})")
    if len(unpacked) > _MAX_UNPACKED:
        return Problem("too-large", f"unpacks to more than {_MAX_UNPACKED:,} bytes")
    return unpacked


def parse_url_lines(text: str, base_url: str) -> ParsedSource:
    """A file of urls, one per line; blank lines and lines starting with # are skipped."""
    items: list[FeedItem] = []
    rejected: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url = absolute_url(base_url, line) if "://" in line else None
        if url:
            items.append(FeedItem(url))
        else:
            rejected.append(line)
    return ParsedSource("urls", tuple(items), rejected=tuple(rejected))


def _rss(root: Element, base: str) -> ParsedSource:
    """RSS 2.0 (<rss><channel><item>) and RSS 1.0 (<rdf:RDF><item>)."""
    items = []
    for item in _all(root, "item"):
        link = _text(item, "link") or _permalink_guid(item)
        url = absolute_url(base, link) if link else None
        if url:
            date = _date(_text(item, "pubDate") or _text(item, "date"))
            items.append(FeedItem(url, date, _text(item, "title")))
    return ParsedSource("rss", tuple(items))


def _atom(root: Element, base: str) -> ParsedSource:
    items = []
    for entry in _all(root, "entry"):
        url = _atom_link(entry, base)
        if url:
            date = _date(_text(entry, "published") or _text(entry, "updated"))
            items.append(FeedItem(url, date, _text(entry, "title")))
    return ParsedSource("atom", tuple(items))


def _sitemap(root: Element, base: str) -> ParsedSource:
    """A (Google News) sitemap: <url><loc>, with <news:publication_date> or <lastmod>."""
    items = []
    for entry in _children(root, "url"):
        url = absolute_url(base, _text(entry, "loc") or "")
        if url:
            date = _date(_deep_text(entry, "publication_date") or _text(entry, "lastmod"))
            items.append(FeedItem(url, date, _deep_text(entry, "title")))
    return ParsedSource("sitemap", tuple(items))


def _sitemap_index(root: Element, base: str) -> ParsedSource:
    locs = (absolute_url(base, _text(s, "loc") or "") for s in _children(root, "sitemap"))
    return ParsedSource("sitemapindex", feeds=tuple(u for u in locs if u))


def _opml(root: Element, base: str) -> ParsedSource:
    """Every <outline xmlUrl="..."> at any depth (outlines nest as folders)."""
    links = (o.get("xmlUrl") or o.get("xmlurl") or "" for o in _all(root, "outline"))
    feeds = (absolute_url(base, link) for link in links if link)
    return ParsedSource("opml", feeds=tuple(dict.fromkeys(u for u in feeds if u)))


_READERS = {
    "rss": _rss, "RDF": _rss, "feed": _atom, "urlset": _sitemap,
    "sitemapindex": _sitemap_index, "opml": _opml,
}  # fmt: skip


def _atom_link(entry: Element, base: str) -> str | None:
    """The entry's alternate (HTML) link; a link without rel is alternate by definition."""
    for link in _children(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return absolute_url(base, link.get("href", ""))
    return None


def _permalink_guid(item: Element) -> str | None:
    for guid in _children(item, "guid"):
        if guid.get("isPermaLink", "true").lower() != "false":
            return (guid.text or "").strip() or None
    return None


def _date(value: str | None) -> str | None:
    """YYYY-MM-DD from an RFC 822 date (RSS) or an ISO 8601 one (Atom, sitemaps), as the
    publisher wrote it: the day in the publisher's own time zone, not converted to UTC."""
    if not value:
        return None
    iso = normalize_date(value)
    if iso:
        return iso
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> Iterator[Element]:
    return (child for child in element if _local(child.tag) == name)


def _all(element: Element, name: str) -> Iterator[Element]:
    return (e for e in element.iter() if _local(e.tag) == name)


def _text(element: Element, name: str) -> str | None:
    for child in _children(element, name):
        if child.text and child.text.strip():
            return child.text.strip()
    return None


def _deep_text(element: Element, name: str) -> str | None:
    for child in _all(element, name):
        if child is not element and child.text and child.text.strip():
            return child.text.strip()
    return None
