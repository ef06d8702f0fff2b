"""YAML-style front matter that web clippers put on top of exported Markdown.

Only flat ``key: value`` pairs and simple lists (``- item`` lines or
``[a, b]``) are read; that is all clippers write, and it keeps the reader free
of a YAML dependency.  Keys are mapped by ``[front_matter]`` in
``data/readers/layout.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brinkwatch.ingest.dates import normalize_date
from brinkwatch.ingest.lexicon import load_lexicon

_FENCE = re.compile(r"^---\s*$")
_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w -]*):\s*(?P<value>.*)$")
_ITEM = re.compile(r"^\s+-\s+(?P<value>.+)$")
_MAX_LINES = 60


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None


def take_front_matter(lines: list[str]) -> FrontMatter:
    """Read and blank a front-matter block that opens the text; empty if there is none."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not _FENCE.match(lines[start]):
        return FrontMatter()
    end = next((j for j in range(start + 1, min(len(lines), start + _MAX_LINES))
                if _FENCE.match(lines[j])), None)  # fmt: skip
    if end is None:
        return FrontMatter()
    fields = _fields(lines[start + 1 : end])
    for i in range(start, end + 1):
        lines[i] = ""
    return _front_matter(fields)


def _fields(lines: list[str]) -> dict[str, list[str]]:
    """``key -> values`` from flat pairs and simple lists; keys lower-cased."""
    fields: dict[str, list[str]] = {}
    key: str | None = None
    for line in lines:
        pair, item = _PAIR.match(line), _ITEM.match(line)
        if pair:
            key = pair["key"].strip().lower()
            fields[key] = _values(pair["value"])
        elif item and key is not None:
            fields[key].append(_unquote(item["value"]))
    return fields


def _values(raw: str) -> list[str]:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [_unquote(v) for v in raw[1:-1].split(",") if v.strip()]
    return [_unquote(raw)] if raw else []


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    # Clippers write authors as wiki links: "[[Jane Doe]]".
    return value.strip().removeprefix("[[").removesuffix("]]").strip()


def _front_matter(fields: dict[str, list[str]]) -> FrontMatter:
    keys = load_lexicon().front_matter_keys
    first = {role: next((v for k in names for v in fields.get(k, []) if v), None)
             for role, names in keys.items()}  # fmt: skip
    authors = tuple(v for k in keys["authors"] for v in fields.get(k, []) if v)
    return FrontMatter(
        title=first["title"],
        authors=tuple(dict.fromkeys(authors)),
        published=normalize_date(first["published"] or ""),
        url=first["url"] if first["url"] and "://" in first["url"] else None,
    )
