"""Recognisers for the metadata lines of an exported article (layout 1):
byline, photo credit, related-article link, original-url footer.

Each takes the raw line (Markdown still in it, so links can be read) and
returns what it found, or None when the line is not of that kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from brinkwatch.ingest.lexicon import Lexicon, load_lexicon
from brinkwatch.ingest.markdown import clean_inline, link_targets, link_texts

_BYLINE = re.compile(r"^\s*(?:written\s+|story\s+|words\s+)?by\s+(?P<rest>\S.*?)\s*$", re.I)
# "Jane Doe in Kyiv": where the author filed from is not part of the name.
_FILED_FROM = re.compile(r"\s+in\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*$")
_AGENCY_SEPARATOR = re.compile(r"\s+(?:for|\||–|—|-)\s+")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_CREDIT_SPLIT = re.compile(r"\s*/\s*")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
_CLOSERS = "\"'”’»)]*_ "


@dataclass(frozen=True, slots=True)
class Byline:
    authors: tuple[str, ...]
    agency: str | None


def parse_byline(line: str) -> Byline | None:
    """``By [Jane Doe and Ivan Petrov for Reuters](#)``, ``By Jane Doe``, ``By Jane Doe, AFP``."""
    match = _BYLINE.match(clean_inline(line))
    lexicon = load_lexicon()
    if not match or len(match["rest"].split()) > lexicon.limits.byline_max_words:
        return None
    rest = match["rest"].rstrip(" .") if _ends_with_initial(match["rest"]) else match["rest"]
    if rest.endswith((".", "!", "?", ":", ";")):
        return None
    names_part, agency = _split_agency(rest)
    parts = [_FILED_FROM.sub("", p) for p in _NAME_SEPARATOR.split(names_part) if p]
    if agency is None and parts and _names_agency(parts, lexicon):
        agency = parts.pop()
    authors = []
    for part in parts:
        if _is_strong_agency(part, lexicon):  # "By Jane Doe, Reuters; Ivan Petrov, AFP"
            agency = agency or part
        elif is_person_name(part, lexicon):
            authors.append(part)
        elif not _is_role(part):
            return None  # "By Monday, troops had ..." is a sentence, not a byline
    return Byline(tuple(authors), agency) if authors or agency else None


def parse_photo_credit(line: str, strict: bool) -> str | None:
    """``Ints Kalnins / Reuters``, ``**AFP / AFP**``, ``Photo: Jane Doe / EPA``.

    ``strict`` (used inside the body) also asks the right-hand side to name an
    outlet, so that a short line such as "Russia / Ukraine" stays text."""
    lexicon = load_lexicon()
    text = clean_inline(line).strip().strip("()").strip()
    labelled, text = _strip_label(text, lexicon.photo_labels)
    sides = _CREDIT_SPLIT.split(text)
    if len(sides) < 2 and not labelled:
        return None
    if not all(_is_credit_side(side, lexicon) for side in sides):
        return None
    if strict and not labelled and not is_agency(sides[-1], lexicon):
        return None
    if not labelled and _is_breadcrumb(sides, lexicon):
        return None
    return " ".join(text.split())


def _is_breadcrumb(sides: list[str], lexicon: Lexicon) -> bool:
    """ "World / Europe": one word a side and no agency among them is navigation."""
    single_words = all(len(side.split()) == 1 for side in sides)
    return single_words and not any(_is_strong_agency(side, lexicon) for side in sides)


def parse_caption_credit(line: str) -> str | None:
    """The credit of a caption line that ends with one ("Troops in Kyiv. Photo: Jane
    Doe / AFP", "... (Photo by Jane Doe/Getty Images)"); such a line is not body text."""
    text = clean_inline(line).strip()
    match = _caption_pattern().search(text)
    if match is None or match.start() == 0:
        return None
    return parse_photo_credit(text[match.start() :].strip().strip("()"), strict=False)


@lru_cache(maxsize=1)
def _caption_pattern() -> re.Pattern[str]:
    """A photo label near the end of a line: "Photo: ...", "(Photo by ..." ."""
    labels = load_lexicon().photo_labels
    by = "|".join(re.escape(label) for label in labels if label.endswith(" by"))
    colon = "|".join(re.escape(label) for label in labels if not label.endswith(" by"))
    return re.compile(rf"(?<![\w])\(?(?:(?:{by})\s+|(?:{colon})\s*:\s*)[^():]*\)?$", re.IGNORECASE)


def is_wire_credit(text: str) -> bool:
    """ "Reporting by Jane Doe; Editing by John Roe": staff credits, not article text."""
    lowered = text.strip().lower()
    return len(text.split()) <= 40 and lowered.startswith(load_lexicon().wire_credit_labels)


def parse_related(line: str) -> tuple[str, ...] | None:
    """Titles from ``Related article: [TITLE](#)``; an empty tuple when the label
    stands alone (the titles then follow on the next line)."""
    labelled, rest = _strip_label(line.strip(), load_lexicon().related_labels, need_colon=True)
    if not labelled:
        return None
    titles = link_texts(rest) or ((clean_inline(rest).strip(),) if rest.strip() else ())
    return tuple(t for t in titles if t)


def parse_footer_label(line: str) -> str | None:
    """For ``Original url:`` lines: the URL on the same line ("" if it follows on the next)."""
    labelled, rest = _strip_label(line.strip(), load_lexicon().footer_labels, need_colon=True)
    if not labelled:
        return None
    return find_url(rest) or ""


def find_url(line: str) -> str | None:
    """The address on a line: ``<URL>``, ``[x](URL)`` or a bare URL."""
    for target in link_targets(line):
        if _URL.fullmatch(target):
            return target
    bare = _URL.search(line.strip().strip("<>"))
    return bare.group().rstrip(">).,") if bare else None


def is_agency(text: str, lexicon: Lexicon) -> bool:
    """An outlet or agency: listed, a short acronym, or a name with an outlet word."""
    cleaned = text.strip().strip(".")
    if cleaned.lower() in lexicon.agencies:
        return True
    if cleaned.isupper() and cleaned.replace("-", "").isalpha() and len(cleaned) <= 6:
        return True
    words = {w.lower().strip(".,") for w in cleaned.split()}
    return bool(words & lexicon.agency_words) or cleaned.lower().startswith("the ")


def is_person_name(text: str, lexicon: Lexicon) -> bool:
    """One to five capitalised words (particles such as "von der" allowed)."""
    words = text.split()
    if not 1 <= len(words) <= 5 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in lexicon.name_particles for w in words)


def ends_sentence(text: str) -> bool:
    """Whether a line ends with final punctuation (closing quotes and markers ignored)."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ".!?…:;"


def _split_agency(rest: str) -> tuple[str, str | None]:
    parts = _AGENCY_SEPARATOR.split(rest)
    if len(parts) >= 2 and parts[-1].strip():
        return " ".join(parts[:-1]), parts[-1].strip()
    return rest, None


def _names_agency(parts: list[str], lexicon: Lexicon) -> bool:
    """Whether the last byline part is the agency: "By Jane Doe, AFP"; alone ("By AFP")
    it must be listed or an acronym, since "Post" or "Press" can be surnames."""
    last = parts[-1].strip()
    return is_agency(last, lexicon) if len(parts) > 1 else _is_strong_agency(last, lexicon)


def _is_strong_agency(text: str, lexicon: Lexicon) -> bool:
    """Listed, or a short acronym (AFP, DPA): no outlet-word guessing."""
    text = text.strip()
    return text.lower() in lexicon.agencies or (text.isupper() and 2 <= len(text) <= 6)


def _is_role(part: str) -> bool:
    """A byline part that describes the author ("Moscow correspondent"): kept out of names."""
    words = part.split()
    return bool(words) and words[0][0].isupper() and any(w.islower() for w in words[1:])


def _ends_with_initial(text: str) -> bool:
    return re.search(r"(?:^|\s)[A-Z]\.$", text) is not None


def _strip_label(text: str, labels: tuple[str, ...], need_colon: bool = False) -> tuple[bool, str]:
    """(True, remainder) when ``text`` starts with one of ``labels`` followed by a
    colon (or, for labels such as "photo by", a space)."""
    plain = text.strip().strip("*_").strip() if need_colon else clean_inline(text).strip()
    lowered = plain.lower()
    for label in labels:
        if not lowered.startswith(label):
            continue
        rest = plain[len(label) :].lstrip("*_")
        if rest.startswith(":"):
            return True, rest[1:].strip().strip("*_").strip()
        if not need_colon and label.endswith(" by") and rest[:1] == " ":
            return True, rest.strip()
    return False, text


def _is_credit_side(side: str, lexicon: Lexicon) -> bool:
    words = side.split()
    if not 1 <= len(words) <= lexicon.limits.credit_side_max_words or ends_sentence(side):
        return False
    return words[0][0].isupper() and not any(c.isdigit() for c in side[:1])
