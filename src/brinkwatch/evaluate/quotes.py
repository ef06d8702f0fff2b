"""Score the quote extractor: content detection and speaker accuracy.

Two gold formats are read (both described in docs/data/quotes.md):

* PolNeAr (the default, ``polnear/dev``): brat stand-off files with Source, Cue
  and Content spans joined by Attribution relations;
* our own annotated articles (``devsets/quotes``): ``NAME.txt`` plus
  ``NAME.tsv`` listing each quote by start and end snippet, direct flag, speaker.

Metrics: content precision/recall/F1 with overlap matching; for gold quotes we
detect, ``direct_speaker_accuracy`` and ``reported_speaker_accuracy`` -- the
share whose predicted speaker is the gold source (span overlap, or the same
surname; a gold pronoun source stands for the nearest earlier non-pronoun
source of the article, since PolNeAr has no coreference links).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.devsets import public_dataset
from brinkwatch.evaluate.report import EvalReport, Score
from brinkwatch.extract.actors import ActorDictionary, extract_actors
from brinkwatch.extract.quotes import extract_quotes
from brinkwatch.nlp import load_nlp
from brinkwatch.records import Actor, Quote

# Floors CI enforces on PolNeAr dev (all 84 articles, ~15-30 s), pinned a little
# under what was measured (see docs/data/quotes.md for the figures).
FLOORS: dict[str, float] = {
    "direct_speaker_accuracy": 0.91,
    "direct_precision": 0.96,
    "direct_recall": 0.95,
    "content_precision": 0.96,
    "content_recall": 0.45,
    "reported_speaker_accuracy": 0.87,
    "direct_speaker_named_accuracy": 0.73,
}
# Floors on our own annotated articles (devsets/quotes), checked by the same gate test.
DEVSET_FLOORS: dict[str, float] = {
    # 0.95 -> 0.92 when unresolved pronouns stopped being guessed (docs/data/quotes.md);
    # 0.96 once resolved subject pronouns chain (measured 0.980)
    "direct_speaker_accuracy": 0.96,
    "direct_precision": 0.95,
    "direct_recall": 0.95,
    "content_precision": 0.95,
    "content_recall": 0.95,
    "reported_speaker_accuracy": 0.95,
}

OPENING_MARKS = "\"“«„"
PRONOUNS = frozenset({
    "he", "she", "they", "it", "i", "we", "you", "his", "her", "him", "them", "their", "its",
    "who", "which", "that", "this", "these", "those",
})  # fmt: skip
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold attribution: content spans, direct flag and who said it.

    ``source`` spans are empty when the gold has no source; ``source_text`` is the
    text used for name matching (a pronoun replaced by its nearest antecedent).
    """

    content: Spans
    direct: bool
    source: Spans
    source_text: str | None
    expect_none: bool = False  # the gold says nobody can be named as the speaker
    pronoun: bool = False  # the gold source is a pronoun: we must name the same entity


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    quotes: tuple[GoldQuote, ...]


def run(gold: Path | None = None, limit: int | None = None) -> EvalReport:
    """Evaluate on PolNeAr dev (default) or on a folder of gold articles."""
    folder = gold or public_dataset("polnear/dev")
    articles = list(_read_gold(folder))[:limit] if limit else list(_read_gold(folder))
    if not articles:
        raise EvaluationError(f"no gold articles found in {folder}; see docs/data/quotes.md")
    began = time.perf_counter()
    predicted = _predict(a.text for a in articles)
    tally = Tally()
    for article, quotes in zip(articles, predicted, strict=True):
        tally.add(article, quotes)
    seconds = time.perf_counter() - began
    return tally.report(str(folder), {"articles": len(articles), "seconds": round(seconds, 1)})


def _read_gold(folder: Path) -> Iterator[GoldArticle]:
    if (folder / "attributions").is_dir():
        yield from read_polnear(folder)
    else:
        yield from read_devset(folder)


def _predict(texts: Iterable[str]) -> Iterator[tuple[Quote, ...]]:
    nlp = load_nlp()
    dictionary = ActorDictionary.load()
    for doc in nlp.pipe(texts, batch_size=8):
        yield extract_quotes(doc, extract_actors(doc, dictionary, None))


# --------------------------------------------------------------------------- PolNeAr


def read_polnear(folder: Path) -> Iterator[GoldArticle]:
    """Articles of a PolNeAr split (``text/NAME.txt`` + ``attributions/NAME_xxxx.ann``)."""
    seen: set[Path] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        text_path = folder / "text" / f"{ann.stem.rsplit('_', 1)[0]}.txt"
        if text_path in seen:
            continue  # a text annotated twice counts once: its first annotation
        seen.add(text_path)
        if not text_path.is_file():
            raise EvaluationError(f"{ann}: no matching text file {text_path}")
        text = text_path.read_text(encoding="utf-8")
        yield GoldArticle(ann.stem, text, _polnear_quotes(ann, text))


def _polnear_quotes(ann: Path, text: str) -> tuple[GoldQuote, ...]:
    spans, relations = _parse_brat(ann)
    quotes: list[GoldQuote] = []
    for roles in relations:
        content = [spans[t] for r, t in roles if r == "Content" and t in spans]
        if not content:
            continue
        source = tuple(s for r, t in roles if r == "Source" and t in spans for s in spans[t])
        quotes.append(GoldQuote(content[0], _is_direct(text, content[0]), source, None))
    quotes.sort(key=lambda q: q.content[0][0])
    return _resolve_gold_pronouns(text, quotes)


def _parse_brat(ann: Path) -> tuple[dict[str, Spans], list[list[tuple[str, str]]]]:
    """Text-bound spans by id, and each relation as (role, id) pairs."""
    spans: dict[str, Spans] = {}
    relations: list[list[tuple[str, str]]] = []
    for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        try:
            if fields[0].startswith("T"):
                ranges = fields[1].split(" ", 1)[1]
                spans[fields[0]] = tuple(
                    (int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))
                )
            elif fields[0].startswith("E"):
                relations.append([tuple(p.split(":", 1)) for p in fields[1].split()])  # type: ignore[misc]
        except (IndexError, ValueError) as exc:
            raise EvaluationError(f"{ann}:{number}: malformed brat line ({exc})") from exc
    return spans, relations


def _is_direct(text: str, content: Spans) -> bool:
    """A content is direct when it opens with a quotation mark or right after one."""
    start = content[0][0]
    lead = text[max(0, start - 3) : start + 1].rstrip()
    return bool(lead) and (lead[-1] in OPENING_MARKS or text[start : start + 1] in OPENING_MARKS)


def _resolve_gold_pronouns(text: str, quotes: list[GoldQuote]) -> tuple[GoldQuote, ...]:
    """Give each gold source a text to match names against: a pronoun source takes
    the nearest earlier non-pronoun source."""
    named = sorted(
        (q.source[0][0], _span_text(text, q.source)) for q in quotes
        if q.source and not _is_pronoun(_span_text(text, q.source))
    )  # fmt: skip
    resolved: list[GoldQuote] = []
    for q in quotes:
        own = _span_text(text, q.source) if q.source else None
        pronoun = own is not None and _is_pronoun(own)
        if pronoun:
            earlier = [t for s, t in named if s < q.source[0][0]]
            own = earlier[-1] if earlier else own
        resolved.append(GoldQuote(q.content, q.direct, q.source, own, pronoun=pronoun))
    return tuple(resolved)


def _span_text(text: str, spans: Spans) -> str:
    return " ".join(text[a:b] for a, b in spans)


def _is_pronoun(phrase: str) -> bool:
    return phrase.strip().lower() in PRONOUNS


# --------------------------------------------------------------------------- own devset


def read_devset(folder: Path) -> Iterator[GoldArticle]:
    """Our own articles: ``NAME.txt`` with ``NAME.tsv`` (start snippet, end snippet,
    direct 1/0, speaker name or -)."""
    for text_path in sorted(folder.glob("*.txt")):
        tsv = text_path.with_suffix(".tsv")
        if not tsv.is_file():
            raise EvaluationError(f"{text_path}: no annotation file {tsv}; see docs/data/quotes.md")
        text = text_path.read_text(encoding="utf-8")
        yield GoldArticle(text_path.stem, text, _devset_quotes(tsv, text))


def _devset_quotes(tsv: Path, text: str) -> tuple[GoldQuote, ...]:
    quotes: list[GoldQuote] = []
    cursor = 0
    for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), start=1):
        if number == 1 or not line.strip() or line.startswith("#"):
            continue  # header, blank or comment
        fields = line.split("\t")
        if len(fields) != 4:
            raise EvaluationError(f"{tsv}:{number}: expected 4 tab-separated fields")
        start = _find(text, fields[0], cursor, tsv, number)
        end = _find(text, fields[1], start, tsv, number) + len(fields[1])
        speaker = None if fields[3].strip() == "-" else fields[3].strip()
        direct = fields[2].strip() == "1"
        quotes.append(GoldQuote(((start, end),), direct, (), speaker, speaker is None))
        cursor = start
    return tuple(quotes)


def _find(text: str, snippet: str, after: int, tsv: Path, number: int) -> int:
    found = text.find(snippet, after)
    if found < 0:
        raise EvaluationError(
            f"{tsv}:{number}: snippet {snippet!r} not found after offset {after}; fix the"
            " snippet so it is copied exactly from the article"
        )
    return found


# --------------------------------------------------------------------------- scoring


def overlaps(spans: Spans, start: int, end: int) -> int:
    """Characters shared by ``spans`` and [start, end)."""
    return sum(max(0, min(b, end) - max(a, start)) for a, b in spans)


def speaker_matches(speaker: Actor | None, gold: GoldQuote, named: bool = False) -> bool:
    """Our speaker is the gold source: overlapping spans, or the same surname
    (or no speaker, when the gold says none can be named).  With ``named``, a gold
    pronoun source needs our speaker to name the entity: pointing at the pronoun
    is not enough."""
    if speaker is None or gold.expect_none:
        return speaker is None and gold.expect_none
    pointing = bool(gold.source) and overlaps(gold.source, speaker.start, speaker.end) > 0
    if pointing and not (named and gold.pronoun):
        return True
    ours = _surname(speaker.name or speaker.text)
    theirs = _surname(gold.source_text or "")
    our_words = set(_words(f"{speaker.text} {speaker.name or ''}"))
    return (ours is not None and ours in _words(gold.source_text or "")) or (
        theirs is not None and theirs in our_words
    )


def _surname(name: str) -> str | None:
    words = [w for w in _words(name) if w not in PRONOUNS]
    return words[-1] if words else None


def _words(phrase: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z][\w'’.-]*", phrase.replace("’s", ""))]


class Tally:
    """Counts over all articles; :meth:`report` turns them into an EvalReport."""

    def __init__(self) -> None:
        self.pred_hit = {True: 0, False: 0}
        self.pred_miss = {True: 0, False: 0}
        self.gold_hit = {True: 0, False: 0}
        self.gold_miss = {True: 0, False: 0}
        self.speaker_right = {True: 0, False: 0}
        self.speaker_named = {True: 0, False: 0}  # right with pronouns named (strict)
        self.speaker_total = {True: 0, False: 0}
        self.errors: list[str] = []

    def add(self, article: GoldArticle, quotes: tuple[Quote, ...]) -> None:
        for q in quotes:
            hit = any(overlaps(g.content, q.start, q.end) for g in article.quotes)
            (self.pred_hit if hit else self.pred_miss)[q.direct] += 1
            if not hit:
                self.errors.append(f"FP {article.name} [{q.text[:60]}] cue={q.cue}")
        for gold in article.quotes:
            self._add_gold(article, gold, quotes)

    def _add_gold(self, article: GoldArticle, gold: GoldQuote, quotes: tuple[Quote, ...]) -> None:
        match = _best_match(gold, quotes)
        kind = "direct" if gold.direct else "reported"
        if match is None:
            self.gold_miss[gold.direct] += 1
            start, end = gold.content[0]
            snippet = article.text[start:end][:60]
            self.errors.append(f"MISS {kind} {article.name} @{start} [{snippet}]")
            return
        self.gold_hit[gold.direct] += 1
        if gold.source_text is None and not gold.source and not gold.expect_none:
            return  # no gold source: nothing to score the speaker against
        self.speaker_total[gold.direct] += 1
        self.speaker_named[gold.direct] += speaker_matches(match.speaker, gold, named=True)
        if speaker_matches(match.speaker, gold):
            self.speaker_right[gold.direct] += 1
            return
        got = (match.speaker.name or match.speaker.text) if match.speaker else None
        self.errors.append(f"SPEAKER {kind} {article.name} @{gold.content[0][0]} "
                           f"gold={gold.source_text!r} got={got!r} cue={match.cue}")  # fmt: skip

    def report(self, dataset: str, extra: dict[str, object]) -> EvalReport:
        per_label = {
            kind: Score(self.gold_hit[d], self.pred_miss[d], self.gold_miss[d])
            for kind, d in (("direct", True), ("reported", False))
        }
        return EvalReport("quotes", dataset, self._metrics(), per_label,
                          tuple(sorted(self.errors)), dict(extra))  # fmt: skip

    def _metrics(self) -> dict[str, float]:
        pred_hit, pred_all = _sum(self.pred_hit), _sum(self.pred_hit) + _sum(self.pred_miss)
        gold_hit, gold_all = _sum(self.gold_hit), _sum(self.gold_hit) + _sum(self.gold_miss)
        precision = pred_hit / pred_all if pred_all else 0.0
        recall = gold_hit / gold_all if gold_all else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "content_precision": precision, "content_recall": recall, "content_f1": f1,
            "direct_precision": _ratio(self.pred_hit[True], self.pred_miss[True]),
            "direct_recall": _ratio(self.gold_hit[True], self.gold_miss[True]),
            "direct_speaker_accuracy": _share(self.speaker_right[True], self.speaker_total[True]),
            "reported_speaker_accuracy": _share(self.speaker_right[False],
                                                self.speaker_total[False]),
            "direct_speaker_named_accuracy": _share(self.speaker_named[True],
                                                    self.speaker_total[True]),
        }  # fmt: skip


def _best_match(gold: GoldQuote, quotes: tuple[Quote, ...]) -> Quote | None:
    """The predicted quote sharing most characters with the gold content, a quote
    of the same kind (direct or reported) preferred."""
    scored = [(q.direct == gold.direct, overlaps(gold.content, q.start, q.end), q) for q in quotes]
    scored = [s for s in scored if s[1] > 0]
    return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def _sum(counts: dict[bool, int]) -> int:
    return counts[True] + counts[False]


def _ratio(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def _share(right: int, total: int) -> float:
    return right / total if total else 0.0
