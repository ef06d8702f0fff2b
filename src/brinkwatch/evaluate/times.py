"""Score extract_times against TempEval-3 TimeML, Recognizers-Text DateTimeModel and
our own annotated sentences (devsets/times.jsonl, reported as ``devset_*``).

TempEval-3 scoring: a system mention matches a gold one when their spans overlap
(relaxed); ``value F1`` counts a hit only when they overlap AND the values agree.
Also reported: strict span F1 (same start and end), relaxed span F1 and type accuracy.
``value_f1`` is the TimeML figure when TimeML is scored, else the DateTimeModel one.
Methods and figures: docs/data/times.md.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from brinkwatch.evaluate.devsets import devset_path, public_dataset
from brinkwatch.evaluate.report import EvalReport, Score
from brinkwatch.evaluate.times_gold import (
    GoldDoc,
    GoldTime,
    read_datetime_model,
    read_devset,
    read_timeml_dir,
)
from brinkwatch.extract.times import extract_times
from brinkwatch.nlp import load_nlp
from brinkwatch.records import TimeMention

# Pinned a little under what was measured 2026-12-07, fourth round (docs/data/times.md
# has the figures: TimeML value 0.839, relaxed span 0.949; DateTimeModel 0.864).
FLOORS: dict[str, float] = {
    "timeml_value_f1": 0.831,
    "timeml_relaxed_span_f1": 0.940,
    "dtm_value_f1": 0.855,
}
# Our own sentences (devsets/times.jsonl): pinned ~0.02 under the figures measured
# 2026-12-07 (docs/benchmarks.md, "Times"); checked without the public sets.
DEVSET_FLOORS: dict[str, float] = {
    "devset_value_f1": 0.93,  # measured 0.954
    "devset_relaxed_span_f1": 0.96,  # 0.988
    "devset_strict_span_f1": 0.91,  # 0.930
}
_MAX_ERRORS = 200


def default_datasets() -> Path:
    """The public dev sets (``Settings.datasets_dir``)."""
    return public_dataset("")


def default_devset() -> Path:
    """``devsets/times.jsonl`` in the repository."""
    return devset_path("times.jsonl")


@dataclass
class Tally:
    """Running counts over documents for one gold set."""

    value: Score = field(default_factory=Score)
    relaxed: Score = field(default_factory=Score)
    strict: Score = field(default_factory=Score)
    typed: int = 0
    per_type: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    docs: int = 0
    skipped: int = 0


def run(gold: Path | None = None, limit: int | None = None) -> EvalReport:
    """Score on TimeML (folder), DateTimeModel (.json) or our sentences (.jsonl); by
    default the public sets, plus our sentences when devsets/ holds them."""
    sets = _gold_sets(gold, limit)
    tallies = {name: _score_set(docs, kinds) for name, (docs, kinds) in sets.items()}
    return _report(tallies, gold)


def _gold_sets(gold: Path | None, limit: int | None) -> dict[str, tuple[list[GoldDoc], str]]:
    if gold is not None and gold.suffix == ".jsonl":
        return {"devset": (read_devset(gold, limit), "date")}
    if gold is not None and gold.suffix == ".json":
        return {"dtm": (read_datetime_model(gold, limit), "date")}
    if gold is not None:
        return {"timeml": (read_timeml_dir(gold, limit), "date")}
    base = default_datasets()
    sets = {
        "timeml": (read_timeml_dir(base / "timeml", limit), "date"),
        "dtm": (read_datetime_model(base / "numbers" / "DateTimeModel.json", limit), "date"),
        "dtm_all": (read_datetime_model(base / "numbers" / "DateTimeModel.json", limit), "all"),
    }
    if (own := default_devset()).exists():
        sets["devset"] = (read_devset(own, limit), "date")
    return sets


def _score_set(docs: list[GoldDoc], kinds: str) -> Tally:
    tally = Tally()
    nlp = load_nlp()
    for gold_doc, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        started = time.perf_counter()
        found = extract_times(doc, gold_doc.anchor)
        tally.seconds += time.perf_counter() - started
        tally.docs += 1
        _score_doc(gold_doc, found, kinds, tally)
    return tally


def _score_doc(gold_doc: GoldDoc, found: Iterable[TimeMention], kinds: str, tally: Tally) -> None:
    """Pair each mention with the first unpaired gold span it overlaps.  A mention that
    overlaps only gold spans not scored here (skipped kinds) or already paired counts
    neither way: TempEval-3 counts a system TIMEX3 overlapping any gold one as matched
    for precision, and takes value accuracy over the gold ones."""
    scored = [
        g for g in gold_doc.times if g.kind == "date" or (kinds == "all" and g.kind == "other")
    ]
    tally.skipped += sum(1 for g in gold_doc.times if g.kind == "skip")
    unmatched = list(scored)
    for mention in found:
        partner = next((g for g in unmatched if _overlap(g, mention)), None)
        if partner is None:
            if not any(_overlap(g, mention) for g in gold_doc.times):
                _count(tally, None, mention, gold_doc)
            continue
        unmatched.remove(partner)
        _count(tally, partner, mention, gold_doc)
    for missed in unmatched:
        _count(tally, missed, None, gold_doc)


def _count(tally: Tally, gold: GoldTime | None, found: TimeMention | None, doc: GoldDoc) -> None:
    """Add one (gold, system) pairing — either side may be missing — to the tally."""
    hit = gold is not None and found is not None and _same_value(gold, found)
    exact = gold is not None and found is not None and (gold.start, gold.end) == (
        found.start, found.end)  # fmt: skip
    label = gold.type if gold is not None else (found.type if found is not None else "?")
    value_score = _pair_score(hit, gold is not None, found is not None)
    tally.value += value_score
    tally.per_type[label] = tally.per_type.get(label, Score()) + value_score
    tally.relaxed += _pair_score(gold is not None and found is not None, gold is not None,
                                 found is not None)  # fmt: skip
    tally.strict += _pair_score(exact, gold is not None, found is not None)
    tally.typed += int(gold is not None and found is not None and gold.type == found.type)
    if not hit and len(tally.errors) < _MAX_ERRORS:
        tally.errors.append(_describe(doc, gold, found))


def _pair_score(hit: bool, has_gold: bool, has_found: bool) -> Score:
    """A hit is a true positive; otherwise each side present is a miss on its side."""
    if hit:
        return Score(1, 0, 0)
    return Score(0, int(has_found), int(has_gold))


def _overlap(gold: GoldTime, found: TimeMention) -> bool:
    return gold.start < found.end and found.start < gold.end


def _same_value(gold: GoldTime, found: TimeMention) -> bool:
    """Equal values; a clock time also matches a gold time without a date ("T15:00");
    durations match when they are the same length written differently (PT1.5H, PT1H30M)."""
    forms = {found.value}
    if "T" in found.value and not found.value.startswith("P"):
        forms.add("T" + found.value.split("T", 1)[1])
    if not forms.isdisjoint(gold.values):
        return True
    length = period_seconds(found.value)
    return length is not None and any(period_seconds(v) == length for v in gold.values)


_PERIOD_PART = re.compile(r"(\d+(?:\.\d+)?)(DE|CE|[YQMWDHS])")
_PART_SECONDS = MappingProxyType(
    {"Y": 31_536_000, "Q": 7_884_000, "W": 604_800, "D": 86_400, "H": 3_600, "S": 1,
     "DE": 315_360_000, "CE": 3_153_600_000}
)  # fmt: skip


def period_seconds(value: str) -> float | None:
    """Length of a TIMEX3 period in seconds (a month = 1/12 year), None if not one."""
    if not re.fullmatch(r"P(?:[\d.]+(?:DE|CE|[YQMWD]))*(?:T(?:[\d.]+[HMS])+)?", value):
        return None
    date_part, _, time_part = value[1:].partition("T")
    total = 0.0
    for part, minute_or_month in ((date_part, 2_628_000), (time_part, 60)):
        for amount, unit in _PERIOD_PART.findall(part):
            total += float(amount) * (minute_or_month if unit == "M" else _PART_SECONDS[unit])
    return round(total, 3) if value != "P" else None


def _describe(doc: GoldDoc, gold: GoldTime | None, found: TimeMention | None) -> str:
    gold_part = (f"gold {doc.text[gold.start:gold.end]!r}={'|'.join(sorted(gold.values))}"
                 if gold else "gold -")  # fmt: skip
    found_part = f"ours {found.text!r}={found.value}" if found else "ours -"
    return f"{doc.name} (anchor {doc.anchor}): {gold_part}; {found_part}"


def _report(tallies: dict[str, Tally], gold: Path | None) -> EvalReport:
    metrics: dict[str, float] = {}
    extra: dict[str, object] = {}
    for name, tally in tallies.items():
        metrics[f"{name}_value_f1"] = tally.value.f1
        metrics[f"{name}_value_precision"] = tally.value.precision
        metrics[f"{name}_value_recall"] = tally.value.recall
        metrics[f"{name}_relaxed_span_f1"] = tally.relaxed.f1
        metrics[f"{name}_strict_span_f1"] = tally.strict.f1
        metrics[f"{name}_type_accuracy"] = tally.typed / max(tally.relaxed.tp, 1)
        extra[f"{name}_docs"] = tally.docs
        extra[f"{name}_skipped_gold"] = tally.skipped
        extra[f"{name}_docs_per_second"] = round(tally.docs / max(tally.seconds, 1e-9), 1)
    first = next(iter(tallies))
    metrics["value_f1"] = metrics[f"{first}_value_f1"]
    per_label = {f"{first}:{k}": v for k, v in tallies[first].per_type.items()}
    errors = tuple(e for t in tallies.values() for e in t.errors)
    dataset = str(gold) if gold else "timeml/{TimeBank,AQUAINT} + numbers/DateTimeModel.json"
    if gold is None and "devset" in tallies:
        dataset += " + devsets/times.jsonl"
    return EvalReport("times", dataset, metrics, per_label, errors, extra)
