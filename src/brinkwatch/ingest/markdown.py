"""Markdown residue in exported text -> plain text.

Only inline residue is handled here (links, images, bold/italic markers,
backslash escapes, autolinks); block structure (headings, paragraphs) is the
layout reader's business.  Escaped characters are protected first so that an
escaped ``\\*`` survives the removal of emphasis markers as a literal ``*``.
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation character be escaped with a backslash.
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|www\.[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_QUOTE_MARKER = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
# Escaped characters wait in the Private Use Area while markers are removed.
_PUA = 0xE000


def clean_inline(text: str) -> str:
    """Plain text of one line: ``[x](#)`` -> x, ``**x**`` -> x, ``\\$`` -> $ ..."""
    protected = _ESCAPE.sub(lambda m: chr(_PUA + ord(m.group(1))), text)
    protected = _IMAGE.sub("", protected)
    protected = _LINK.sub(lambda m: m.group(1), protected)
    protected = _AUTOLINK.sub(lambda m: m.group(1), protected)
    protected = _STRONG.sub(lambda m: m.group(2), protected)
    protected = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), protected)
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _PUA), protected)


def link_texts(text: str) -> tuple[str, ...]:
    """The visible texts of the Markdown links on a line, cleaned."""
    return tuple(clean_inline(m.group(1)).strip() for m in _LINK.finditer(text))


def link_targets(text: str) -> tuple[str, ...]:
    """The addresses of the Markdown links and autolinks on a line."""
    targets = [m.group(2) for m in _LINK.finditer(text)]
    return tuple(targets + [m.group(1) for m in _AUTOLINK.finditer(text)])


def heading_text(line: str) -> str | None:
    """The text of an ATX heading line (``## Talks in Brussels``), else None."""
    match = _HEADING.match(line)
    return match.group(2) if match else None


def strip_block_markers(line: str) -> str:
    """A line without its blockquote marker; horizontal rules become empty."""
    if _RULE.match(line):
        return ""
    return _QUOTE_MARKER.sub("", line)
