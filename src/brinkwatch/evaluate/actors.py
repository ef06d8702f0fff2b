"""Score the actor resolver on the PLOVER gold-standard records.

Each record codes the source and target actors of one sentence with the text
that names them, a code (an ISO alpha-3 state, or ``IGO`` for an international
organisation) and often a sector.  A gold actor is *found* when one of our
mentions overlaps the first occurrence of its text; it is *right* when that
mention carries the same code (for ``IGO``: any organisation).  Gold codes that
are not states we know (typos, ``***``) and records without actor text are
skipped.

* ``precision``: right / found with a code — of the gold actors we resolved,
  how many we resolved correctly (the records only annotate event
  participants, so mentions outside them cannot be judged);
* ``recall``: right / all gold actors scored;
* ``sector_accuracy``: among right actors whose gold sector is a PLOVER sector
  and ours is set, the share that agree.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.devsets import devset_path, public_dataset
from brinkwatch.evaluate.report import EvalReport, Score
from brinkwatch.extract.actor_data import load_states
from brinkwatch.extract.actors import ActorDictionary, ActorMentions, extract_actors
from brinkwatch.nlp import load_nlp
from brinkwatch.records import SECTORS, Actor

DATASET = "plover/PLOVER_GSR_CAMEO.json"
# Measured on all scorable records: precision 0.987, recall 0.634, sector accuracy 0.850
# (the gold codes ministers and diplomats GOV where we use DIP; see docs/data/actors.md).
FLOORS: dict[str, float] = {"precision": 0.97, "recall": 0.61, "sector_accuracy": 0.83}


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    code: str  # ISO alpha-3 or "IGO"
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: str | None
    actors: tuple[GoldActor, ...]


def default_gold() -> Path:
    """The PLOVER gold records among the public dev sets."""
    return public_dataset(DATASET)


def run(gold: Path | None = None, limit: int | None = None) -> EvalReport:
    """Parse each gold sentence, resolve its actors and score them.  A ``.jsonl``
    gold file is read as the project's events dev set (:func:`run_devset`)."""
    if gold is not None and gold.suffix == ".jsonl":
        return run_devset(gold, limit)
    records = load_records(gold or default_gold())[:limit]
    found, timing = resolve_timed([r.text for r in records], [r.date for r in records])
    report = score(records, found)
    return replace(report, extra={**report.extra, **timing})


def resolve_timed(
    texts: Sequence[str], dates: Sequence[str | None]
) -> tuple[list[ActorMentions], dict[str, float]]:
    """Parse and resolve, timing both steps: the actor step should cost well
    under a tenth of parsing."""
    start = time.perf_counter()
    docs = list(load_nlp().pipe(texts, batch_size=32))
    parsed = time.perf_counter()
    dictionary = ActorDictionary.load()
    found = [extract_actors(doc, dictionary, on) for doc, on in zip(docs, dates, strict=True)]
    resolved = time.perf_counter()
    parse_s, actor_s = parsed - start, resolved - parsed
    share = round(actor_s / parse_s, 4) if parse_s else 0.0
    timing = {"parse_seconds": round(parse_s, 2), "actor_seconds": round(actor_s, 2)}
    return found, {**timing, "actor_share_of_parse": share}


def load_records(path: Path) -> list[GoldRecord]:
    """Every scorable record (not a DOCUMENT, with at least one scorable actor)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(
            f"could not read PLOVER gold file {path}: {exc}; pass --gold PATH to "
            "PLOVER_GSR_CAMEO.json"
        ) from exc
    known = {s.iso3 for s in load_states()} | {"IGO"}
    records = [_record(item, known) for item in raw if item.get("event") != "DOCUMENT"]
    return [r for r in records if r.actors]


def _record(item: dict[str, Any], known: set[str]) -> GoldRecord:
    text = str(item.get("text") or "")
    actors = tuple(a for a in _gold_actors(item, known) if a.text in text)
    return GoldRecord(str(item.get("id")), text, item.get("date"), actors)


def _gold_actors(item: dict[str, Any], known: set[str]) -> Iterator[GoldActor]:
    for side in ("source", "target"):
        for a in item.get(side) or []:
            if not isinstance(a, dict):
                continue
            text, code = str(a.get("actorText") or "").strip(), str(a.get("code") or "")
            if text and code in known:
                sector = a.get("sector")
                yield GoldActor(text, code, sector if sector in SECTORS else None)


@dataclass
class _Tally:
    scored: int = 0
    found: int = 0
    right: int = 0
    sector_judged: int = 0
    sector_right: int = 0


def score(records: Sequence[GoldRecord], predictions: Sequence[ActorMentions]) -> EvalReport:
    """Compare resolved mentions with the gold actors, record by record."""
    tally, errors = _Tally(), []
    per_kind: dict[str, Score] = {}
    for record, found in zip(records, predictions, strict=True):
        for gold in dict.fromkeys(record.actors):
            kind = "IGO" if gold.code == "IGO" else "state"
            outcome, note = _judge(record, gold, found.mentions, tally)
            per_kind[kind] = per_kind.get(kind, Score()) + outcome
            if note:
                errors.append(note)
    return _report(tally, per_kind, errors, len(records))


def _judge(
    record: GoldRecord, gold: GoldActor, mentions: tuple[Actor, ...], tally: _Tally
) -> tuple[Score, str | None]:
    tally.scored += 1
    start = record.text.index(gold.text)
    end = start + len(gold.text)
    coded = [a for a in mentions if a.start < end and start < a.end and a.code]
    if not coded:
        return Score(fn=1), f"{record.id}: missed {gold.text!r} ({gold.code})"
    tally.found += 1
    match = next((a for a in coded if _same_code(a, gold.code)), None)
    if match is None:
        got = ", ".join(f"{a.text!r}={a.code}" for a in coded)
        return Score(fp=1, fn=1), f"{record.id}: {gold.text!r} ({gold.code}) resolved as {got}"
    tally.right += 1
    if gold.sector and match.sector:
        tally.sector_judged += 1
        tally.sector_right += gold.sector == match.sector
    return Score(tp=1), None


def _same_code(actor: Actor, code: str) -> bool:
    return actor.org is not None if code == "IGO" else actor.country == code


def _report(tally: _Tally, per_kind: dict[str, Score], errors: list[str], n: int) -> EvalReport:
    metrics = {
        "precision": tally.right / tally.found if tally.found else 0.0,
        "recall": tally.right / tally.scored if tally.scored else 0.0,
        "sector_accuracy": tally.sector_right / tally.sector_judged if tally.sector_judged else 0.0,
    }
    extra = {"records": n, "gold_actors": tally.scored, "found": tally.found,
             "sector_judged": tally.sector_judged}  # fmt: skip
    return EvalReport("actors", DATASET, metrics, per_kind, tuple(errors), extra)


# --------------------------------------------------------------- project dev set

DEVSET = "events.jsonl"  # under devsets/
# Measured on the project's events dev set (651 items): code recall 0.854 (participant
# share 0.878, reported only).
DEVSET_FLOORS: dict[str, float] = {"code_recall": 0.83}


def default_devset() -> Path:
    """``devsets/events.jsonl`` in the repository."""
    return devset_path(DEVSET)


def run_devset(gold: Path | None = None, limit: int | None = None) -> EvalReport:
    """Score actor codes against the event participants of the project dev set:
    every source, target and attribution code of an item should be among the
    codes of the item's mentions (``code_recall``).  Mentions of actors that
    take part in no event are not wrong, so the share of our codes that are
    participants (``participant_share``) is reported, not gated."""
    items = load_devset(gold or default_devset())[:limit]
    found, timing = resolve_timed([i[1] for i in items], [i[2] for i in items])
    report = score_devset(items, found)
    return replace(report, extra={**report.extra, **timing})


def load_devset(path: Path) -> list[tuple[str, str, str | None, frozenset[str]]]:
    """(id, text, published, participant codes) of every item."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"could not read dev set {path}: {exc}; pass --gold PATH") from exc
    return [(r["id"], r["text"], r.get("published"), _participants(r)) for r in rows]


def _participants(row: dict[str, Any]) -> frozenset[str]:
    keys = ("source", "target", "attributed_to")
    return frozenset(e[k] for e in row.get("events", []) for k in keys if e.get(k))


def score_devset(
    items: Sequence[tuple[str, str, str | None, frozenset[str]]],
    predictions: Sequence[ActorMentions],
) -> EvalReport:
    gold_n = hit_n = predicted_n = participant_n = 0
    errors: list[str] = []
    for (item_id, text, _, gold), found in zip(items, predictions, strict=True):
        codes = {a.code for a in found.mentions if a.code}
        gold_n, hit_n = gold_n + len(gold), hit_n + len(gold & codes)
        predicted_n, participant_n = predicted_n + len(codes), participant_n + len(codes & gold)
        if gold - codes:
            errors.append(f"{item_id}: missed {sorted(gold - codes)} in {text[:90]!r}")
    metrics = {
        "code_recall": hit_n / gold_n if gold_n else 0.0,
        "participant_share": participant_n / predicted_n if predicted_n else 0.0,
    }
    extra = {"items": len(items), "gold_codes": gold_n, "predicted_codes": predicted_n}
    return EvalReport("actors", f"devsets/{DEVSET}", metrics, errors=tuple(errors), extra=extra)
