"""Score the event coder end to end (we find source and target ourselves).

Two gold formats:

* the PLOVER gold-standard records (default, ``plover/PLOVER_GSR_CAMEO.json``):
  one coded event per sentence, PLOVER 0.5 labels mapped to the 16 types.  A
  record is right at the type level when its gold type is among the types we
  predict for the sentence (other, uncoded events of the sentence are not
  counted against us); when it is not, the record counts as a false positive
  for our most confident type.  ``macro_f1_top1`` is the strict variant (our
  most confident type only).  PLOVER codes an announced cooperative act as
  AGREE and an announced conflictual one as THREATEN, so predicted events with
  ``future`` true are mapped that way for this gold only.
* our dev set (``.jsonl``, devsets/events.jsonl): per item, predicted events
  with negated/historical/hypothetical false are compared with the gold list as
  multisets of types (``type`` level) and of (type, source, target) triples
  (``dyad`` level).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.devsets import devset_path, public_dataset
from brinkwatch.evaluate.report import EvalReport, Score
from brinkwatch.extract.actors import extract_actors
from brinkwatch.extract.events import EventInputs, extract_events
from brinkwatch.extract.places import extract_places
from brinkwatch.extract.times import extract_times
from brinkwatch.knowledge import Knowledge, load_knowledge
from brinkwatch.nlp import load_nlp
from brinkwatch.records import PLOVER_TYPES, Event, Place, TimeMention

DEVSET = devset_path("events.jsonl")

# PLOVER 0.5 labels -> the 16 types we code
LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}  # fmt: skip
# gold codes that are not ISO 3166 alpha-3 -> ours
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "PAL": "PSE"}
NON_STATE_GOLD = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "REB"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
VERBAL_CONFLICT = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})

# Pinned a little under the figures measured with `brinkwatch evaluate events`
# (docs/event-coding.md); devset_* are our dev set's figures from the same run.
FLOORS: dict[str, float] = {
    "macro_f1": 0.825,  # measured 0.836
    "dyad_macro_f1": 0.44,  # measured 0.450
    "devset_macro_f1": 0.795,  # measured 0.804 (651 items)
    "devset_dyad_macro_f1": 0.51,  # measured 0.520
}

Triple = tuple[str, str | None, str | None]


def default_gold() -> Path:
    """The PLOVER gold records among the public dev sets."""
    return public_dataset("plover/PLOVER_GSR_CAMEO.json")


@dataclass(frozen=True)
class GoldItem:
    """One scored unit: a text, its published date, and the gold triples."""

    id: str
    text: str
    published: str | None
    triples: tuple[Triple, ...]
    # PLOVER gold only: every type the gold records code for this same sentence
    # (a sentence with two records is two items; each one's type is not an error for the other)
    sentence_types: frozenset[str] = frozenset()


# ---------------------------------------------------------------- reading gold


def read_plover(path: Path) -> list[GoldItem]:
    """PLOVER gold records (DOCUMENT records skipped, labels mapped)."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read PLOVER gold ({exc})") from exc
    items = []
    for rec in records:
        label = LABEL_MAP.get(rec.get("event", ""), rec.get("event", ""))
        if label not in PLOVER_TYPES or not rec.get("text"):
            continue
        sources = _codes(rec.get("source")) or [None]
        targets = _codes(rec.get("target")) or [None]
        triples = tuple((label, s, t) for s in sources for t in targets)
        items.append(GoldItem(rec["id"], rec["text"], rec.get("date"), triples))
    return _with_sentence_types(items)


def _with_sentence_types(items: list[GoldItem]) -> list[GoldItem]:
    """Records sharing one sentence know each other's gold types."""
    types: dict[str, set[str]] = {}
    for item in items:
        types.setdefault(item.text, set()).add(item.triples[0][0])
    return [replace(i, sentence_types=frozenset(types[i.text])) for i in items]


def _codes(actors: Any) -> list[str | None]:
    if not isinstance(actors, list):
        return []
    codes = [a.get("code") for a in actors if isinstance(a, dict) and a.get("code")]
    return [CODE_ALIASES.get(str(c), str(c)) for c in codes]


def read_devset(path: Path) -> list[GoldItem]:
    """Our dev-set format (one JSON object per line)."""
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read dev set ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            triples = tuple((e["type"], e.get("source"), e.get("target")) for e in rec["events"])
            items.append(GoldItem(rec["id"], rec["text"], rec.get("published"), triples))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvaluationError(f"{path}:{n}: malformed dev-set line ({exc})") from exc
    return items


# ---------------------------------------------------------------- predicting


def predict(items: list[GoldItem]) -> Iterator[tuple[GoldItem, tuple[Event, ...]]]:
    """Parse every item's text, resolve its actors and times and code its events.

    Only the extractors whose output can change a score run (places, quantities
    and quotes only fill fields the scorer does not read), and a failing time
    extractor costs the items their dates, not the evaluation.
    """
    nlp = load_nlp()
    knowledge = load_knowledge()
    pairs = ((item.text, item) for item in items)
    for doc, item in nlp.pipe(pairs, as_tuples=True, batch_size=32):
        published = _iso(item.published)
        actors = extract_actors(doc, knowledge.actors, published)
        day = date.fromisoformat(published) if published else None
        places = _places(doc, knowledge)
        inputs = EventInputs(item.id, day, actors, _times(doc, day), places)
        yield item, extract_events(doc, inputs, knowledge.events)


def _times(doc: Doc, published: date | None) -> tuple[TimeMention, ...]:
    try:
        return extract_times(doc, published)
    except Exception:  # another extractor's bug must not stop the event evaluation
        return ()


def _places(doc: Doc, knowledge: Knowledge) -> tuple[Place, ...]:
    try:
        return extract_places(doc, knowledge.gazetteer)
    except Exception:  # another extractor's bug must not stop the event evaluation
        return ()


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def counted(events: Iterable[Event]) -> list[Event]:
    """What the scorer compares: not negated, historical or hypothetical."""
    return [e for e in events if not (e.negated or e.historical or e.hypothetical)]


def plover_type(event: Event) -> str:
    """PLOVER's own convention: an announced cooperative act is AGREE, an announced
    conflictual act THREATEN (verbal acts keep their type)."""
    if not event.future or event.type in ("AGREE", "THREATEN") or event.type in VERBAL_CONFLICT:
        return event.type
    return "AGREE" if event.type in COOPERATIVE else "THREATEN"


# ---------------------------------------------------------------- scoring


@dataclass
class Tally:
    """Running counts per label, the confusion matrix and the misses."""

    types: dict[str, Score]
    dyads: dict[str, Score]
    top1: dict[str, Score]
    confusion: Counter[tuple[str, str]]
    errors: list[str]

    @classmethod
    def empty(cls) -> Tally:
        return cls({}, {}, {}, Counter(), [])

    def add(self, table: dict[str, Score], label: str, tp: int = 0, fp: int = 0,
            fn: int = 0) -> None:  # fmt: skip
        table[label] = table.get(label, Score()) + Score(tp, fp, fn)


def score_multiset(tally: Tally, table: dict[str, Score], gold: list[Any], pred: list[Any]) -> None:
    """Multiset comparison, per label (the first element of each item)."""
    g, p = Counter(gold), Counter(pred)
    for key in set(g) | set(p):
        label = key[0] if isinstance(key, tuple) else key
        tp = min(g[key], p[key])
        tally.add(table, label, tp, p[key] - tp, g[key] - tp)


def score_devset_item(tally: Tally, item: GoldItem, events: tuple[Event, ...]) -> None:
    pred = counted(events)
    gold_types = [t[0] for t in item.triples]
    pred_types = [e.type for e in pred]
    score_multiset(tally, tally.types, gold_types, pred_types)
    pred_triples = [(e.type, _code(e.source), _code(e.target)) for e in pred]
    score_multiset(tally, tally.dyads, list(item.triples), pred_triples)
    _confuse(tally, gold_types, pred_types)
    top = _top_type(pred)
    gold_top = gold_types[0] if gold_types else "NONE"
    _score_top1(tally, gold_top if gold_types else None, top)
    if Counter(gold_types) != Counter(pred_types):
        tally.errors.append(f"{item.id}: gold {sorted(gold_types)} predicted "
                            f"{sorted(pred_types)} [{_whys(pred)}]")  # fmt: skip


def score_plover_item(tally: Tally, item: GoldItem, events: tuple[Event, ...]) -> None:
    pred = counted(events)
    gold = item.triples[0][0]
    types = {plover_type(e) for e in pred}
    top = _top_type(pred, mapped=True)
    if gold in types:
        tally.add(tally.types, gold, tp=1)
    else:
        tally.add(tally.types, gold, fn=1)
        if top is not None and top not in item.sentence_types:
            tally.add(tally.types, top, fp=1)
        tally.errors.append(f"{item.id}: gold {gold} predicted {sorted(types)} [{_whys(pred)}]")
    tally.confusion[(gold, gold if gold in types else (top or "NONE"))] += 1
    # another record's type for the same sentence is no false positive
    _score_top1(tally, gold, None if top in item.sentence_types - {gold} else top)
    _score_plover_dyad(tally, item, pred)


def _score_plover_dyad(tally: Tally, item: GoldItem, pred: list[Event]) -> None:
    gold = item.triples[0][0]
    hit = any(plover_type(e) == gold and _dyad_match(e, item.triples) for e in pred)
    tally.add(tally.dyads, gold, tp=1 if hit else 0, fn=0 if hit else 1)
    if not hit:
        wrong = [e for e in pred if plover_type(e) == gold]
        if wrong:
            tally.add(tally.dyads, gold, fp=1)


def _dyad_match(event: Event, triples: tuple[Triple, ...]) -> bool:
    """Source must match; a gold target of None (unspecified) matches any target."""
    return any(_actor_match(event.source, s) and (t is None or _actor_match(event.target, t))
               for _type, s, t in triples)  # fmt: skip


def _actor_match(actor: Any, gold_code: str | None) -> bool:
    if gold_code is None:
        return True
    if actor is None:
        return False
    if gold_code in NON_STATE_GOLD:
        return bool(actor.org or actor.group or actor.sector in ("REB", "IGO", "CVL"))
    return bool(actor.country == gold_code or actor.code == gold_code)


def _score_top1(tally: Tally, gold: str | None, top: str | None) -> None:
    if gold is not None and gold == top:
        tally.add(tally.top1, gold, tp=1)
        return
    if gold is not None:
        tally.add(tally.top1, gold, fn=1)
    if top is not None:
        tally.add(tally.top1, top, fp=1)


def _confuse(tally: Tally, gold: list[str], pred: list[str]) -> None:
    g, p = Counter(gold), Counter(pred)
    for label in g:
        hit = min(g[label], p[label])
        tally.confusion[(label, label)] += hit
        others = [x for x in (p - g).elements()] or ["NONE"]
        for _ in range(g[label] - hit):
            tally.confusion[(label, others[0])] += 1
    for label in (p - g).elements():
        if not (g - p):
            tally.confusion[("NONE", label)] += 1


def _top_type(pred: list[Event], mapped: bool = False) -> str | None:
    if not pred:
        return None
    best = max(pred, key=lambda e: e.confidence)
    return plover_type(best) if mapped else best.type


def _code(actor: Any) -> str | None:
    return actor.code if actor is not None else None


def _whys(events: list[Event]) -> str:
    return "; ".join(f"{e.type} {_code(e.source)}->{_code(e.target)} {e.why}" for e in events)


def macro(table: dict[str, Score]) -> float:
    """Macro-F1 over the types present in gold or predictions."""
    labels = [k for k, s in table.items() if s.tp + s.fn > 0]
    return sum(table[k].f1 for k in labels) / len(labels) if labels else 0.0


def micro(table: dict[str, Score]) -> Score:
    total = Score()
    for s in table.values():
        total = total + s
    return total


# ---------------------------------------------------------------- entry point


def run(gold: Path | None = None, limit: int | None = None) -> EvalReport:
    """Evaluate the event coder on ``gold``.

    Default: the PLOVER gold records, plus our dev set when it is present (its
    figures are added as ``devset_*`` metrics so one run checks every floor).
    """
    if gold is not None:
        return evaluate_file(Path(gold), limit)
    report = evaluate_file(default_gold(), limit)
    if not DEVSET.exists():
        return report
    dev = evaluate_file(DEVSET, limit)
    metrics = {**report.metrics, **{f"devset_{k}": v for k, v in dev.metrics.items()}}
    extra = {**report.extra, "devset": dev.as_dict()}
    return EvalReport(report.name, f"{report.dataset} + {dev.dataset}", metrics,
                      report.per_label, report.errors + dev.errors, extra)  # fmt: skip


def evaluate_file(path: Path, limit: int | None = None) -> EvalReport:
    """Score one gold file: PLOVER JSON, or our dev-set JSONL (by suffix)."""
    if not path.exists():
        raise EvaluationError(f"gold file {path} not found; pass --gold PATH")
    is_dev = path.suffix == ".jsonl"
    items = read_devset(path) if is_dev else read_plover(path)
    items = items[:limit] if limit else items
    tally = Tally.empty()
    for item, events in predict(items):
        (score_devset_item if is_dev else score_plover_item)(tally, item, events)
    return _report(path, is_dev, tally, len(items))


def _report(path: Path, is_dev: bool, tally: Tally, n: int) -> EvalReport:
    metrics = {
        "macro_f1": macro(tally.types),
        "micro_f1": micro(tally.types).f1,
        "micro_precision": micro(tally.types).precision,
        "dyad_macro_f1": macro(tally.dyads),
        "dyad_micro_f1": micro(tally.dyads).f1,
        "macro_f1_top1": macro(tally.top1),
    }
    confusion = {f"{g}->{p}": c for (g, p), c in sorted(tally.confusion.items())}
    dyads = {k: s.as_dict() for k, s in sorted(tally.dyads.items())}
    extra = {"items": n, "format": "devset" if is_dev else "plover", "confusion": confusion,
             "dyad_per_label": dyads}  # fmt: skip
    return EvalReport("events", str(path), metrics, dict(sorted(tally.types.items())),
                      tuple(tally.errors), extra)  # fmt: skip
