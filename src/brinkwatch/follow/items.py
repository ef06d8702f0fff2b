"""The small values the follower passes between fetching, parsing and the store."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a url could not be read: a short machine-readable reason and a sentence."""

    reason: str  # e.g. "timeout", "http-404", "robots", "too-large", "redirect-loop"
    message: str


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One link a source lists, with what the source says about it."""

    url: str
    published: str | None = None  # YYYY-MM-DD, the feed's own date
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """What one source holds: article links, further sources to read, lines it rejected."""

    kind: str  # rss, atom, sitemap, sitemapindex, opml or urls
    items: tuple[FeedItem, ...] = ()
    feeds: tuple[str, ...] = ()  # sources listed by an OPML file or a sitemap index
    rejected: tuple[str, ...] = ()  # entries that are not http(s) urls
