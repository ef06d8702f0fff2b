"""Layout 1: news text exported with light Markdown left in.

The cascade, top to bottom: normalise line ends; take the footer url and the
related-article lines out wherever they are; read the header (title, byline,
date line, photo credit) near the top; then rebuild the body from the lines
that are left, joining broken paragraphs and turning sub-headings into section
breaks.  Every step works on a list of lines in which consumed lines are
blanked, so no metadata line can leak into the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brinkwatch.ingest.body import assemble
from brinkwatch.ingest.dates import checked_published, date_from_file_name, parse_date_line
from brinkwatch.ingest.frontmatter import take_front_matter
from brinkwatch.ingest.ids import article_id
from brinkwatch.ingest.lexicon import Lexicon, load_lexicon
from brinkwatch.ingest.markdown import clean_inline, heading_text, link_texts, strip_block_markers
from brinkwatch.ingest.meta import (
    ends_sentence,
    find_url,
    is_wire_credit,
    parse_byline,
    parse_caption_credit,
    parse_footer_label,
    parse_photo_credit,
    parse_related,
)
from brinkwatch.ingest.paragraphs import Unit, body_blocks
from brinkwatch.records import Article

_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S." ends a headline without ending a sentence
_LINK_LINE = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)")


@dataclass(slots=True)
class _Header:
    """What the top of the article said about itself (filled while scanning)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    dates: list[tuple[str, bool]] = field(default_factory=list)  # (date, is_update)
    late_dates: list[tuple[str, bool]] = field(default_factory=list)  # below the header
    photo_credit: str | None = None
    end: int = 0  # index of the line after the last header line taken

    def published(self) -> str | None:
        """The publication date; an "Updated ..." date only when there is no other, and
        a date line further down only when the top has none."""
        ordered = sorted(self.dates, key=lambda d: d[1]) or sorted(
            self.late_dates, key=lambda d: d[1]
        )
        return ordered[0][0] if ordered else None


def normalize_newlines(text: str) -> str:
    """Windows and old Mac line ends -> "\\n"; a leading byte-order mark dropped."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(text: str, path: str | None = None, published: str | None = None) -> Article:
    """Read one article in layout 1.  Never raises on any text; raises
    :class:`~brinkwatch.errors.ReadError` when ``published`` is given but is not a date."""
    fallback_date = checked_published(published) or date_from_file_name(path)
    lines = normalize_newlines(text).split("\n")
    front = take_front_matter(lines)
    url = _take_footer(lines) or front.url
    related = _take_related(lines)
    header = _read_header(lines, front.title)
    header.late_dates.extend(_take_date_lines(lines))
    units, credit = _body_units(lines, header.end)
    body, sections = assemble(body_blocks(units))
    return Article(
        id=article_id(url, body), text=body, path=path, title=header.title,
        authors=tuple(dict.fromkeys(front.authors + tuple(header.authors))),
        agency=header.agency, published=front.published or header.published() or fallback_date,
        url=url, photo_credit=header.photo_credit or credit, related=related,
        sections=sections,
    )  # fmt: skip


def _take_footer(lines: list[str]) -> str | None:
    """The ``Original url:`` address (same line or the next non-blank one)."""
    url: str | None = None
    for i, line in enumerate(lines):
        found = parse_footer_label(line)
        if found is None:
            continue
        lines[i] = ""
        if not found:
            j = _next_non_blank(lines, i + 1)
            found = find_url(lines[j]) if j is not None else None
            if j is not None and found:
                lines[j] = ""
        url = url or found or None
    return url


def _take_related(lines: list[str]) -> tuple[str, ...]:
    """Titles of ``Related article: [TITLE](#)`` lines (the titles may follow the label)."""
    titles: list[str] = []
    for i, line in enumerate(lines):
        found = parse_related(line)
        if found is None:
            continue
        lines[i] = ""
        j = _next_non_blank(lines, i + 1)
        if not found and j is not None and link_texts(lines[j]):
            found, lines[j] = link_texts(lines[j]), ""
        titles.extend(found)
    return tuple(dict.fromkeys(titles))


def _read_header(lines: list[str], known_title: str | None = None) -> _Header:
    """Title, byline, date lines and photo credit from the top of the text (blanked).
    With a ``known_title`` (from front matter) no line is taken as the title, but a
    first line repeating it is dropped."""
    header, lexicon = _Header(title=known_title), load_lexicon()
    title_seen, paragraphs_seen, scanned = known_title is not None, 0, 0
    if known_title is not None:
        _drop_repeated_title(lines, known_title)
    for i, line in enumerate(lines):
        if not strip_block_markers(line).strip():  # blank, or a rule ("---")
            continue
        scanned += 1
        if scanned > lexicon.limits.header_window_lines or paragraphs_seen >= 2:
            break
        # Before the title only a date line is looked for: a headline can look like a
        # photo credit ("Russia / Ukraine") or a byline ("By Land, Sea and Air").
        credit_mode = None if not title_seen else paragraphs_seen > 0
        if _take_metadata(line, header, credit_mode, dates_only=not title_seen):
            lines[i], header.end = "", i + 1
        elif not title_seen:
            title_seen = True
            header.title = _title(line, lexicon)
            lines[i] = "" if header.title else line
            header.end = i + 1 if header.title else header.end
            paragraphs_seen += header.title is None
        elif _is_paragraph_like(line):
            paragraphs_seen += 1
    return header


def _drop_repeated_title(lines: list[str], title: str) -> None:
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if (
        first is not None
        and clean_inline(heading_text(lines[first]) or lines[first]).strip() == title
    ):
        lines[first] = ""


def _take_date_lines(lines: list[str]) -> list[tuple[str, bool]]:
    """Lines below the header that hold only a date ("Updated March 4, 2023"): metadata
    some exports put at the end, never body text."""
    found: list[tuple[str, bool]] = []
    for i, line in enumerate(lines):
        plain = clean_inline(line).strip()
        date_line = parse_date_line(plain) if plain and len(plain) <= 120 else None
        if date_line:
            found.append((date_line.value, date_line.is_update))
            lines[i] = ""
    return found


def _take_metadata(
    line: str, header: _Header, strict_credit: bool | None, dates_only: bool = False
) -> bool:
    """Record ``line`` in ``header`` if it is a date line, byline or photo credit
    (``strict_credit`` None: a photo credit is not looked for)."""
    plain = clean_inline(line).strip()
    date_line = parse_date_line(plain) if len(plain) <= 120 else None
    if date_line:
        header.dates.append((date_line.value, date_line.is_update))
        return True
    byline = None if dates_only else parse_byline(line)
    if byline:
        header.authors.extend(byline.authors)
        header.agency = header.agency or byline.agency
        return True
    if strict_credit is None:
        return False
    credit = parse_photo_credit(line, strict_credit) or parse_caption_credit(line)
    if credit:
        header.photo_credit = header.photo_credit or credit
        return True
    return False


def _title(line: str, lexicon: Lexicon) -> str | None:
    """The first line is the title unless it reads as body text: as long as a
    paragraph, or ending with a full stop (headlines do not; plain text handed to
    ``brinkwatch.extract`` often starts with a sentence)."""
    text = clean_inline(heading_text(line) or line).strip()
    if not text or len(text) > lexicon.limits.title_max_chars:
        return None
    last_word = (text.rstrip("\"'”’»)").split() or [""])[-1]
    ends_with_full_stop = last_word.endswith(".") and not _ACRONYM.fullmatch(last_word)
    return None if ends_with_full_stop else text


def _is_paragraph_like(line: str) -> bool:
    plain = clean_inline(line).strip()
    return len(plain.split()) >= 25 or (ends_sentence(plain) and len(plain.split()) >= 4)


def _body_units(lines: list[str], header_end: int) -> tuple[list[Unit], str | None]:
    """Cleaned body lines, each marked with whether a blank line precedes it; photo
    credits, captions, staff credits and site furniture are dropped (the first
    credit is kept).  Lines left among the header's metadata stand alone."""
    units: list[Unit] = []
    credit: str | None = None
    after_blank = True
    for index, raw in enumerate(lines):
        unit, found_credit = _body_unit(raw, after_blank, standalone=index < header_end)
        credit = credit or found_credit
        if unit is not None:
            units.append(unit)
        after_blank = unit is None
    return units, credit


def _body_unit(raw: str, after_blank: bool, standalone: bool) -> tuple[Unit | None, str | None]:
    """One body line as a :class:`Unit`, or (None, credit) when it is not body text."""
    line = strip_block_markers(raw)
    heading = heading_text(line)
    if heading is None:
        credit = parse_photo_credit(line, strict=True) or parse_caption_credit(line)
        if credit:
            return None, credit
    if heading is None and _is_link_only(line):
        return None, None
    item = _LIST_ITEM.match(line) if heading is None else None
    text = clean_inline(heading if heading is not None else line[item.end() if item else 0 :])
    text = " ".join(text.split())
    if not text or _is_furniture(text):
        return None, None
    return Unit(text, after_blank, heading is not None, standalone or item is not None), None


def _is_link_only(line: str) -> bool:
    """A line that is nothing but a link ("[Watch the briefing](#)") is navigation;
    a whole linked sentence is kept."""
    texts = link_texts(line)
    rest = _LINK_LINE.sub("", line).strip(" *_")
    return len(texts) == 1 and not rest and not ends_sentence(texts[0])


def _is_furniture(text: str) -> bool:
    """Site furniture ("Advertisement") and staff credits are not article text."""
    return text.lower().strip(" .:!") in load_lexicon().boilerplate or is_wire_credit(text)


def _next_non_blank(lines: list[str], start: int, limit: int = 3) -> int | None:
    for j in range(start, min(len(lines), start + limit)):
        if lines[j].strip():
            return j
    return None
