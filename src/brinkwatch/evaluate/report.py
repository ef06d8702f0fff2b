"""The shape every evaluation returns, printable as text or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one label (or for all), with the derived P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}  # fmt: skip


@dataclass(frozen=True)
class EvalReport:
    """Result of one evaluation.

    ``metrics`` holds the headline figures (e.g. ``macro_f1``, ``value_f1``,
    ``accuracy_161km``) that floors are checked against; ``per_label`` the
    per-type scores; ``errors`` a sample of misses for error analysis;
    ``extra`` anything else worth printing (a confusion matrix, speeds).
    """

    name: str
    dataset: str
    metrics: dict[str, float]
    per_label: dict[str, Score] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dataset": self.dataset,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "per_label": {k: s.as_dict() for k, s in self.per_label.items()},
            "errors": list(self.errors),
            "extra": self.extra,
        }

    def as_text(self, max_errors: int = 20) -> str:
        lines = [f"{self.name} on {self.dataset}"]
        lines += [f"  {k:<24} {v:.4f}" for k, v in self.metrics.items()]
        if self.per_label:
            lines.append(
                f"  {'label':<14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"
            )
            for label, s in sorted(self.per_label.items()):
                lines.append(
                    f"  {label:<14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
                    f" {s.tp:5d} {s.fp:5d} {s.fn:5d}"
                )
        if self.errors:
            lines.append(f"  misses ({min(len(self.errors), max_errors)} of {len(self.errors)}):")
            lines += [f"    - {e}" for e in self.errors[:max_errors]]
        return "\n".join(lines)
