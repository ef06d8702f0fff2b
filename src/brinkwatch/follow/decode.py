"""Bytes of a page to text, surviving the usual mislabelling.

The commonest fault on news sites is Windows-1252 text (curly quotes, accented
names) served as UTF-8, or served with no charset at all.  Strict UTF-8 decoding
fails on such bytes, so that failure is the signal to read them as Windows-1252.
Labels "latin-1" and "ascii" mean Windows-1252 too, as in every browser (WHATWG).
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_AS_CP1252 = {"iso8859-1", "ascii", "cp1252"}
_SNIFF_BYTES = 4096


def decode_page(body: bytes, content_type: str | None) -> str:
    """The page's text: BOM, else header charset, else <meta> charset, else sniffed."""
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace")
    declared = _codec(_header_charset(content_type)) or _codec(_meta_charset(body))
    if declared in _AS_CP1252:
        return body.decode("cp1252", "replace")
    if declared and declared != "utf-8":
        return body.decode(declared, "replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:  # declared UTF-8 or undeclared, but not UTF-8
        return body.decode("cp1252", "replace")


def _header_charset(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def _codec(label: str | None) -> str | None:
    """Python's canonical codec name for a charset label; None for unknown labels."""
    if not label:
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
