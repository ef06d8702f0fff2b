"""Url spelling: one form per page, so "each url once" compares like with like."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def absolute_url(base: str, link: str) -> str | None:
    """``link`` resolved against ``base`` and normalized; None if it is not http(s)."""
    link = link.strip()
    if not link:
        return None
    return normalize_url(urljoin(base, link))


def normalize_url(url: str) -> str | None:
    """Lower-case scheme and host, no default port, no fragment; None if not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def is_web_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def origin(url: str) -> str:
    """``scheme://host[:port]``: the site robots.txt speaks for."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def host_key(url: str) -> str:
    """The server a request goes to, for the per-host rate limit."""
    return urlsplit(url).netloc.lower()
